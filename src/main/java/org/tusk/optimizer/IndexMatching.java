package org.tusk.optimizer;

import java.math.BigDecimal;
import java.util.List;

import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.executor.ConstraintSupport;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.cache.Relation;

/**
 * What the planner needs of an index with expression columns or a predicate (PostgreSQL's
 * plancat.c get_relation_info reading indexprs/indpred, indxpath.c match_index_to_operand for
 * expression columns, and predtest.c predicate_implied_by for partial indexes, check_index_predicates).
 *
 * <p>An expression column matches a clause operand that is the same expression: equal once
 * locations and the range-table index of its Vars are set aside (the index's expressions are
 * analysed over the table alone). A partial index is usable only when the query's top-level
 * conjuncts imply each conjunct of its predicate. The proof follows the AND/OR structure of both
 * sides as predtest.c does ({@link #implies}); between plain clauses, one implies the other when
 * it is the same clause, or, for {@code column op constant} with op a comparison, a clause on the
 * same column whose constant range lies inside it (predicate_implied_by's operator-implication
 * test, for constants of one numeric or string type), or, for {@code column IS NOT NULL}, any
 * comparison on the column (a strict operator). Anything else is not proved, and the index is
 * not used.
 */
final class IndexMatching {
    private final List<Expr> expressions;
    private final List<Expr> predicate;
    /** The predicate's conjuncts as analysed (not normalized), for showing them as a recheck condition. */
    private final List<Expr> predicateCooked;

    private IndexMatching(List<Expr> expressions, List<Expr> predicate, List<Expr> predicateCooked) {
        this.expressions = expressions;
        this.predicate = predicate;
        this.predicateCooked = predicateCooked;
    }

    private static final IndexMatching PLAIN = new IndexMatching(List.of(), List.of(), List.of());

    /** The analysed expressions and predicate conjuncts of {@code index} of {@code heap}. */
    static IndexMatching of(Relation heap, Relation index, ExecEnvironment env, FunctionCallContext ctx) {
        Relation.IndexInfo info = index.index();
        if (!info.hasExpressions() && info.predicate() == null) return PLAIN;
        ConstraintSupport support = env.constraintSupport();
        if (support == null) return null;   // cannot be analysed here: the index is not considered
        ExecContext ec = ctx instanceof ExecContext c ? c : ExecContext.of(ctx.session(), env);
        List<Expr> exprs = List.of();
        // RelationGetIndexExpressions/Predicate: simplified as the query's expressions are (eval_const_expressions,
        // SQL functions inlined), so that an index on f(a) still matches a query's f(a) once both are inlined
        if (info.hasExpressions()) exprs = support.cookIndexExpressions(heap, info.expressions(), false, ec).stream()
                .map(e -> Planner.fold(e, ec)).map(IndexMatching::normalize).toList();
        List<Expr> pred = List.of(), cooked = List.of();
        if (info.predicate() != null) {
            cooked = ScanPaths.conjuncts(Planner.fold(support.cookIndexExpressions(heap, info.predicate(), true, ec).get(0), ec));
            pred = cooked.stream().map(IndexMatching::normalize).toList();
        }
        return new IndexMatching(exprs, pred, cooked);
    }

    /** The expression columns' expressions in key order (normalized). */
    List<Expr> expressions() {
        return expressions;
    }

    /** The i-th expression column's expression (0-based among expression columns). */
    Expr expression(int i) {
        return expressions.get(i);
    }

    /** The predicate's conjuncts as analysed (empty without a predicate). */
    List<Expr> predicateConjuncts() {
        return predicateCooked;
    }

    /** predicate_implied_by(predicate, clauses): the clauses together imply every predicate conjunct. */
    static boolean implied(List<Expr> predicate, List<Expr> clauses) {
        Expr all = andOf(clauses.stream().map(IndexMatching::normalize).toList());
        for (Expr p : predicate) if (!implies(all, normalize(p))) return false;
        return true;
    }

    /** check_index_predicates: whether the query's conjuncts imply the index's predicate (always, without one). */
    boolean predicateImplied(List<Expr> conjuncts) {
        if (predicate.isEmpty()) return true;
        Expr all = andOf(conjuncts.stream().map(IndexMatching::normalize).toList());
        for (Expr p : predicate) if (!implies(all, p)) return false;
        return true;
    }

    /** The clauses as one AND (the clause itself when there is one), as predtest.c treats a clause list. */
    private static Expr andOf(List<Expr> clauses) {
        return clauses.size() == 1 ? clauses.get(0) : new Expr.BoolExpr(RawExpr.BoolOp.AND, clauses);
    }

    /**
     * Whether the index's predicate implies {@code conjunct} (predicate_implied_by(clause, indpred)
     * as create_indexscan_plan asks it): such a conjunct holds for every row the index has, so it
     * is neither rechecked nor needed by an index-only scan. False without a predicate.
     */
    boolean impliedByPredicate(Expr conjunct) {
        if (predicate.isEmpty()) return false;
        return implies(andOf(predicate), normalize(conjunct));
    }

    /**
     * create_bitmap_subplan's addition to a partial index's bitmapqualorig: the predicate
     * conjuncts that the index clauses {@code used} do not imply, their Vars renumbered to the
     * scan's range table entry (that of the clauses' Vars).
     */
    List<Expr> predicateFor(org.tusk.nodes.Query.RangeTblEntry rte, List<Expr> used) {
        List<Expr> out = new java.util.ArrayList<>();
        if (predicate.isEmpty()) return out;
        Expr.Var[] sample = new Expr.Var[1];
        for (Expr u : used) ExprTrees.any(u, x -> {
            if (sample[0] == null && x instanceof Expr.Var v && v.levelsup() == 0) sample[0] = v;
            return false;
        });
        Expr clauses = andOf(used.stream().map(IndexMatching::normalize).toList());
        for (int i = 0; i < predicate.size(); i++) {
            if (implies(clauses, predicate.get(i))) continue;
            Expr p = predicateCooked.get(i);
            if (sample[0] != null) {
                Expr.Var s = sample[0];
                p = ExprTrees.map(p, x -> x instanceof Expr.Var v && v.levelsup() == 0
                        ? new Expr.Var(s.varno(), v.attno(), v.type(), v.typmod(), v.name(), v.location(), 0) : null);
            }
            out.add(p);
        }
        return out;
    }

    /**
     * match_clause_to_indexcol for an expression column: {@code expr op value} or
     * {@code value op expr} with {@code expr} this index's expression number {@code exprIndex}.
     */
    ScanPaths.Indexable indexable(Expr clause, int exprIndex) {
        if (!(clause instanceof Expr.OpExpr op) || op.args().size() != 2) return null;
        Strategy s = ScanPaths.strategyOf(op.op().name());
        if (s == null || !org.tusk.catalog.IntegerOpFamily.oneFamily(op.op())) return null;
        Expr target = expressions.get(exprIndex);
        Expr l = op.args().get(0), r = op.args().get(1);
        if (ScanPaths.isValue(r) && normalize(strip(l)).equals(target) && target.type() == op.op().left()) {
            return new ScanPaths.Indexable(0, s, r, clause);
        }
        if (ScanPaths.isValue(l) && normalize(strip(r)).equals(target) && target.type() == op.op().right()) {
            return new ScanPaths.Indexable(0, ScanPaths.commuteOf(s), l, clause);
        }
        return null;
    }

    private static Expr strip(Expr e) {
        return e instanceof Expr.RelabelType r ? r.arg() : e;
    }

    /** The expression with locations cleared and Vars made independent of their range-table index. */
    static Expr normalize(Expr e) {
        Expr vars = ExprTrees.map(e, x -> x instanceof Expr.Var v
                ? new Expr.Var(0, v.attno(), v.type(), v.typmod(), null, -1, v.levelsup()) : null);
        return ExprTrees.withoutLocations(vars);
    }

    /**
     * predicate_implied_by for one clause and one predicate conjunct (both normalized), through
     * their AND/OR structure as predtest.c's predicate_implied_by_recurse walks it: anything
     * implies an AND when it implies each of its items; an OR clause implies what each of its arms
     * implies; an AND clause implies what one of its items implies; and anything implies an OR
     * when it implies one of its arms. Between two plain clauses, {@link #atomImplies} decides.
     */
    private static boolean implies(Expr clause, Expr pred) {
        if (clause.equals(pred)) return true;
        List<Expr> predAnd = items(pred, RawExpr.BoolOp.AND), predOr = items(pred, RawExpr.BoolOp.OR);
        if (predAnd != null) return predAnd.stream().allMatch(p -> implies(clause, p));
        List<Expr> clauseOr = items(clause, RawExpr.BoolOp.OR), clauseAnd = items(clause, RawExpr.BoolOp.AND);
        if (clauseOr != null && clauseOr.stream().allMatch(c -> implies(c, pred))) return true;
        if (clauseAnd != null && clauseAnd.stream().anyMatch(c -> implies(c, pred))) return true;
        if (predOr != null) return predOr.stream().anyMatch(p -> implies(clause, p));
        return clauseOr == null && clauseAnd == null && atomImplies(clause, pred);
    }

    /** The items of an AND or OR (as {@code op} says), or null if {@code e} is not one. */
    private static List<Expr> items(Expr e, RawExpr.BoolOp op) {
        return e instanceof Expr.BoolExpr b && b.op() == op ? b.args() : null;
    }

    /** predicate_implied_by_simple_clause: a plain clause implies a plain predicate clause. */
    private static boolean atomImplies(Expr clause, Expr pred) {
        if (clause.equals(pred)) return true;
        if (pred instanceof Expr.NullTest nt && nt.isNot()) {
            // a comparison is strict: where it is true its column is not null
            Comparison c = Comparison.of(clause);
            return c != null && c.column().equals(strip(nt.arg()));
        }
        Comparison p = Comparison.of(pred), c = Comparison.of(clause);
        if (p == null || c == null || !p.column().equals(c.column())) return false;
        Integer cmp = compare(c.value(), p.value());
        if (cmp == null) return false;
        // btree_implies_table, for the value ranges: clause range within predicate range
        return switch (p.op()) {
            case "=" -> c.op().equals("=") && cmp == 0;
            case "<" -> (c.op().equals("<") && cmp <= 0) || ((c.op().equals("<=") || c.op().equals("=")) && cmp < 0);
            case "<=" -> (c.op().equals("<") || c.op().equals("<=") || c.op().equals("=")) && cmp <= 0;
            case ">" -> (c.op().equals(">") && cmp >= 0) || ((c.op().equals(">=") || c.op().equals("=")) && cmp > 0);
            case ">=" -> (c.op().equals(">") || c.op().equals(">=") || c.op().equals("=")) && cmp >= 0;
            default -> false;
        };
    }

    /** {@code column op constant}, commuted to put the column on the left. */
    private record Comparison(Expr column, String op, Object value) {
        static Comparison of(Expr e) {
            if (!(e instanceof Expr.OpExpr o) || o.args().size() != 2) return null;
            String name = o.op().name();
            if (!List.of("=", "<", "<=", ">", ">=").contains(name)) return null;
            Expr l = strip(o.args().get(0)), r = strip(o.args().get(1));
            if (r instanceof Expr.Const k && k.value() != null && !(l instanceof Expr.Const)) return new Comparison(l, name, k.value());
            if (l instanceof Expr.Const k && k.value() != null && !(r instanceof Expr.Const)) {
                String commuted = switch (name) {
                    case "<" -> ">";
                    case "<=" -> ">=";
                    case ">" -> "<";
                    case ">=" -> "<=";
                    default -> name;
                };
                return new Comparison(r, commuted, k.value());
            }
            return null;
        }
    }

    /** Compares two constants of one numeric or string type; null if they are not comparable here. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Integer compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Float || a instanceof Double)
                && !(b instanceof Float || b instanceof Double)) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        if (a instanceof String x && b instanceof String y) return Integer.signum(x.compareTo(y));
        if (a.getClass() == b.getClass() && a instanceof Comparable ca) return Integer.signum(ca.compareTo(b));
        return null;
    }
}
