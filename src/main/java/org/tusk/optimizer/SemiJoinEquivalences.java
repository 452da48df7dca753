package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.catalog.OperatorMerging;
import org.tusk.catalog.PgProc;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;

/**
 * The equivalence classes of a pulled-up EXISTS's (or IN's) correlating equalities
 * (equivclass.c, for the quals of a semi join, which PostgreSQL lets form classes as inner-join
 * quals do). The correlating clauses of {@code (o.f1, o.f1) IN (SELECT f1, g ...)} are
 * {@code o.f1 = s.f1} and {@code o.f1 = s.g}: one class {o.f1, s.f1, s.g}. Its members of the
 * subquery are equated among themselves as a restriction of the inner side
 * (generate_base_implied_equalities_no_const: each to the previous one, {@code s.f1 = s.g}), its
 * members of this level likewise in this level's WHERE, and the semi join keeps one clause
 * equating the first member of this level with the first of the subquery
 * (generate_join_implied_equalities). Classes of one member on a side change nothing. Members are
 * non-volatile, sublink-free expressions of one relation each; a class is derived only when all
 * its subquery members read one relation, and all its members of this level one relation.
 */
final class SemiJoinEquivalences {
    private SemiJoinEquivalences() {}

    /** What the classes imply: the join clauses, the subquery's restrictions, this level's (in the subquery's terms). */
    record Derived(List<Expr> joinClauses, List<Expr> innerClauses, List<Expr> outerClauses) {}

    private static final class EClass {
        final Expr.OpExpr first;
        final List<Expr> outer = new ArrayList<>(), inner = new ArrayList<>();
        final List<Expr> sources = new ArrayList<>();

        EClass(Expr.OpExpr first) {
            this.first = first;
        }
    }

    /** The classes of {@code correlated} (clauses reading this level as Vars one level up). */
    static Derived derive(List<Expr> correlated) {
        List<EClass> classes = new ArrayList<>();
        for (Expr c : correlated) {
            if (!(c instanceof Expr.OpExpr op) || op.args().size() != 2 || !isEqualityOperator(op)) continue;
            Expr a = op.args().get(0), b = op.args().get(1);
            Expr o, i;
            if (member(a, 1) && member(b, 0)) {
                o = a;
                i = b;
            } else if (member(b, 1) && member(a, 0)) {
                o = b;
                i = a;
            } else continue;
            EClass ec1 = find(classes, o, op), ec2 = find(classes, i, op);
            if (ec1 == null && ec2 == null) {
                EClass ec = new EClass(op);
                ec.outer.add(o);
                ec.inner.add(i);
                ec.sources.add(c);
                classes.add(ec);
            } else if (ec1 != null && ec2 != null && ec1 != ec2) {
                ec1.outer.addAll(ec2.outer);
                ec1.inner.addAll(ec2.inner);
                ec1.sources.addAll(ec2.sources);
                ec1.sources.add(c);
                classes.remove(ec2);
            } else {
                EClass ec = ec1 != null ? ec1 : ec2;
                if (ec1 == null) ec.outer.add(o);
                if (ec2 == null) ec.inner.add(i);
                ec.sources.add(c);
            }
        }
        List<Expr> join = new ArrayList<>(), inner = new ArrayList<>(), outer = new ArrayList<>();
        Set<Expr> replaced = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (EClass ec : classes) {
            if (ec.sources.size() < 2 || relations(ec.outer, 1).size() != 1 || relations(ec.inner, 0).size() != 1) continue;
            replaced.addAll(ec.sources);
            for (int k = 1; k < ec.inner.size(); k++) inner.add(equality(ec, ec.inner.get(k - 1), ec.inner.get(k)));
            for (int k = 1; k < ec.outer.size(); k++) outer.add(equality(ec, ec.outer.get(k - 1), ec.outer.get(k)));
        }
        // the join clauses in the order of the originals, a class's one in place of its first source
        for (Expr c : correlated) {
            if (!replaced.contains(c)) {
                join.add(c);
                continue;
            }
            for (EClass ec : classes)
                if (ec.sources.get(0) == c && replaced.contains(c)) join.add(equality(ec, ec.outer.get(0), ec.inner.get(0)));
        }
        return new Derived(join, inner, outer);
    }

    private static Expr equality(EClass ec, Expr left, Expr right) {
        return new Expr.OpExpr(ec.first.op(), List.of(left, right), ec.first.type(), -1);
    }

    private static EClass find(List<EClass> classes, Expr e, Expr.OpExpr op) {
        for (EClass ec : classes) {
            if (!ec.first.op().equals(op.op())) continue;
            for (Expr m : ec.outer) if (ExprTrees.equal(m, e)) return ec;
            for (Expr m : ec.inner) if (ExprTrees.equal(m, e)) return ec;
        }
        return null;
    }

    /** A strict, mergejoinable "=" of one type (a btree equality: transitive, NULL never equal). */
    private static boolean isEqualityOperator(Expr.OpExpr e) {
        var op = e.op();
        return op.name().equals("=") && op.left() != 0 && op.left() == op.right() && op.strict()
                && op.volatility() != PgProc.Volatility.VOLATILE && OperatorMerging.oprcanmerge(op.name(), op.left(), op.right())
                && e.args().get(0).type() == op.left() && e.args().get(1).type() == op.left();
    }

    /** A non-volatile, sublink-free expression whose Vars are all of level {@code levelsup} (at least one). */
    private static boolean member(Expr e, int levelsup) {
        if (Clauses.containsVolatileFunctions(e)) return false;
        boolean[] any = {false};
        boolean other = ExprTrees.any(e, x -> {
            if (x instanceof Expr.SubLink || x instanceof Expr.SubPlan || x instanceof Expr.Aggref
                    || x instanceof Expr.WindowFunc) return true;
            if (x instanceof Expr.Var v) {
                if (v.levelsup() != levelsup || v.varno() == Expr.Var.RESOLVED) return true;
                any[0] = true;
            }
            return false;
        });
        return any[0] && !other;
    }

    private static Set<Integer> relations(List<Expr> members, int levelsup) {
        Set<Integer> rels = new HashSet<>();
        for (Expr m : members)
            ExprTrees.any(m, x -> {
                if (x instanceof Expr.Var v && v.levelsup() == levelsup) rels.add(v.varno());
                return false;
            });
        return rels;
    }
}
