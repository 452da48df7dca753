package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.Collations;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Collation handling of the analysis (parse_collate.c and transformCollateClause of
 * parse_expr.c). Every expression of a collatable type has a collation and a strength:
 * {@link Strength#EXPLICIT} from a COLLATE clause, {@link Strength#IMPLICIT} from a column (its
 * attcollation) or a constant or parameter (its type's collation), {@link Strength#CONFLICT}
 * when two different implicit collations met and neither was "default", and
 * {@link Strength#NONE} for a value of a non-collatable type. A node's collation is the merge
 * of its inputs' (merge_collation_state): explicit beats implicit, the default collation gives
 * way to any other implicit one, and two different explicit collations are an error (42P21).
 *
 * <p>Tusk's analysed nodes do not carry a collation field; it is derived from the tree when
 * wanted. A Var's collation comes from the range table entry it references: a table's
 * attcollation, a subquery's output expression's collation, else its type's collation. As the
 * server's locale is C, every collation compares bytewise, so the derivation decides only what
 * is reported (errors, pg_collation_for, catalogs) and not how values compare.
 */
public final class ParseCollate {
    private ParseCollate() {}

    /** CollateStrength, ordered as in parse_collate.c. */
    enum Strength { NONE, IMPLICIT, CONFLICT, EXPLICIT }

    /** An expression's derived collation (0 when none or in conflict) and strength; location of the deciding input. */
    record Derived(int collation, Strength strength, int location) {
        static final Derived NONE = new Derived(0, Strength.NONE, -1);
    }

    /**
     * transformCollateClause: the argument with an explicit collation. A type without collation
     * refuses it (42804), except unknown, which coercion later turns into text under the clause.
     */
    static Expr transformCollateClause(Analyzer a, RawExpr.CollateClause c) {
        Expr arg = a.transformExpr(c.arg());
        int type = arg.type();
        if (type != TypeOids.UNKNOWN && Collations.typeCollation(type) == 0) {
            throw a.err(SqlState.DATATYPE_MISMATCH, "collations are not supported by type "
                    + org.tusk.catalog.BuiltinCatalog.formatType(type), c.location());
        }
        int coll;
        try {
            coll = Collations.lookup(c.collname());
        } catch (PgException e) {
            throw a.err(e.sqlState(), e.getMessage(), c.location());
        }
        return new Expr.CollateExpr(arg, coll, c.location());
    }

    /**
     * assign_query_collations over the parts of a SELECT the analysis has built: each target
     * entry, WHERE and HAVING is its own context, so a conflict of explicit collations anywhere
     * in one of them is reported.
     */
    static void assignQuery(Analyzer a, List<Query.TargetEntry> tlist, Expr where, Expr having) {
        Scope scope = Scope.of(a);
        for (Query.TargetEntry te : tlist) derive(te.expr(), scope);
        if (where != null) derive(where, scope);
        if (having != null) derive(having, scope);
    }

    /** exprCollation of an analysed expression of this query level: 0 when none or indeterminate. */
    static int exprCollation(Analyzer a, Expr e) {
        return derive(e, Scope.of(a)).collation();
    }

    /**
     * A function call's input collation (inputcollid): its arguments' collations merged as
     * assign_collations_walker merges them, whatever the result type; 0 when none or in conflict.
     */
    static int inputCollation(Analyzer a, List<Expr> args) {
        Scope scope = Scope.of(a);
        Merge m = new Merge(scope);
        for (Expr e : args) m.add(derive(e, scope));
        return m.strength == Strength.CONFLICT ? 0 : m.collation;
    }

    /**
     * exprCollation of a stored expression over one relation (an index key, a partition key):
     * its Vars are that relation's columns, whose attcollation {@code columnCollation} gives.
     */
    public static int exprCollation(Expr e, java.util.function.IntUnaryOperator columnCollation) {
        return derive(e, new Scope(null, columnCollation, List.of())).collation();
    }

    /** assign_collations_walker: the expression's collation, checking every sub-expression on the way. */
    static Derived derive(Expr e, Scope scope) {
        switch (e) {
            case Expr.CollateExpr c -> {
                derive(c.arg(), scope);
                return new Derived(c.collOid(), Strength.EXPLICIT, c.location());
            }
            case Expr.Var v -> {
                int coll = scope.varCollation(v);
                return coll == 0 ? Derived.NONE : new Derived(coll, Strength.IMPLICIT, v.location());
            }
            case Expr.SubLink s -> {
                // the subquery is its own context; an EXPR/ARRAY sublink takes its first column's collation
                if (s.testexpr() != null) derive(s.testexpr(), scope);
                Derived inner = Derived.NONE;
                if (s.subselect() != null && !s.subselect().targetList().isEmpty()) {
                    Scope sub = scope.push(s.subselect().rangeTable());
                    for (Query.TargetEntry te : s.subselect().targetList()) {
                        Derived d = derive(te.expr(), sub);
                        if (te.resno() == 1) inner = d;
                    }
                }
                return collatable(s.type()) && inner.collation() != 0
                        ? new Derived(inner.collation(), Strength.IMPLICIT, s.location()) : Derived.NONE;
            }
            case Expr.Aggref ag -> {
                // assign_aggregate_collations: an ordered-set aggregate merges its direct arguments
                // with the aggregated ones (its sort keys); a plain one its arguments, while its
                // ORDER BY and FILTER are separate contexts
                Merge m = new Merge(scope);
                for (Expr d : ag.directArgs()) m.add(derive(d, scope));
                for (Expr x : ag.args()) m.add(derive(x, scope));
                if (ag.directArgs().isEmpty()) {
                    for (Expr.AggSort s : ag.order()) derive(s.expr(), scope);
                }
                if (ag.filter() != null) derive(ag.filter(), scope);
                return m.result(e.type());
            }
            case Expr.RowExpr r -> {
                // each field is its own context; a row has no collation
                for (Expr f : r.args()) derive(f, scope);
                return Derived.NONE;
            }
            case Expr.CaseExpr c -> {
                // the conditions are boolean contexts of their own; the results merge
                Merge m = new Merge(scope);
                for (Expr.CaseWhen w : c.whens()) {
                    derive(w.cond(), scope);
                    m.add(derive(w.result(), scope));
                }
                if (c.defResult() != null) m.add(derive(c.defResult(), scope));
                return m.result(e.type());
            }
            default -> {
                Merge m = new Merge(scope);
                for (Expr child : ExprTrees.children(e)) m.add(derive(child, scope));
                if (ExprTrees.children(e).isEmpty()) {
                    // a Const, Param or other leaf: its type's collation, implicitly
                    int coll = Collations.typeCollation(e.type());
                    return coll == 0 ? Derived.NONE : new Derived(coll, Strength.IMPLICIT, -1);
                }
                return m.result(e.type());
            }
        }
    }

    private static boolean collatable(int type) { return Collations.typeCollation(type) != 0; }

    /** merge_collation_state over a node's inputs. */
    static final class Merge {
        private final Scope scope;
        private int collation;
        private Strength strength = Strength.NONE;
        private int location = -1;

        Merge(Scope scope) { this.scope = scope; }

        void add(Derived d) {
            switch (d.strength()) {
                case EXPLICIT -> {
                    if (strength != Strength.EXPLICIT) {
                        collation = d.collation();
                        strength = Strength.EXPLICIT;
                        location = d.location();
                    } else if (collation != d.collation()) {
                        throw scope.error("42P21", "collation mismatch between explicit collations "
                                + Collations.quoted(collation) + " and " + Collations.quoted(d.collation()), d.location());
                    }
                }
                case IMPLICIT, CONFLICT -> {
                    if (d.strength().compareTo(strength) > 0) {
                        collation = d.collation();
                        strength = d.strength();
                        location = d.location();
                    } else if (d.strength() == strength && collation != d.collation()) {
                        if (collation == Collations.DEFAULT) {
                            collation = d.collation();
                            location = d.location();
                        } else if (d.collation() != Collations.DEFAULT) {
                            collation = 0;
                            strength = Strength.CONFLICT;
                        }
                    }
                }
                case NONE -> { }
            }
        }

        /** The node's own collation: the merged one when its result type is collatable, else none. */
        Derived result(int resultType) {
            if (!collatable(resultType)) return Derived.NONE;
            if (strength == Strength.NONE) {
                // a collatable result from non-collatable inputs (e.g. int4::text) has its type's collation
                return new Derived(Collations.typeCollation(resultType), Strength.IMPLICIT, -1);
            }
            return new Derived(collation, strength, location);
        }
    }

    /** The range tables a Var can reference, this query level first (p_rtable of each ParseState up). */
    record Scope(Analyzer analyzer, java.util.function.IntUnaryOperator columns, List<List<Query.RangeTblEntry>> levels) {
        Scope(Analyzer analyzer, List<List<Query.RangeTblEntry>> levels) { this(analyzer, null, levels); }

        static Scope of(Analyzer a) {
            List<List<Query.RangeTblEntry>> levels = new ArrayList<>();
            for (Analyzer p = a; p != null; p = p.parent) levels.add(p.rtable);
            return new Scope(a, null, levels);
        }

        Scope push(List<Query.RangeTblEntry> rtable) {
            List<List<Query.RangeTblEntry>> l = new ArrayList<>();
            l.add(rtable);
            l.addAll(levels);
            return new Scope(analyzer, columns, l);
        }

        /** An error at a 0-based offset of the statement's text (parser_errposition). */
        PgException error(String state, String message, int location) {
            return analyzer != null ? analyzer.err(state, message, location) : PgException.error(state, message);
        }

        /** A Var's collation: its table column's attcollation, its subquery column's, else its type's. */
        int varCollation(Expr.Var v) {
            int typeColl = Collations.typeCollation(v.type());
            if (typeColl == 0) return 0;
            if (columns != null && v.levelsup() == 0) {
                int coll = columns.applyAsInt(v.attno());
                return coll != 0 ? coll : typeColl;
            }
            if (v.levelsup() < 0 || v.levelsup() >= levels.size()) return typeColl;
            List<Query.RangeTblEntry> rt = levels.get(v.levelsup());
            if (v.varno() < 1 || v.varno() > rt.size() || v.attno() < 1) return typeColl;
            Query.RangeTblEntry rte = rt.get(v.varno() - 1);
            if (rte.table() != null && v.attno() <= rte.table().desc().natts()) {
                int coll = rte.table().attcollation(v.attno());
                return coll != 0 ? coll : typeColl;
            }
            if (rte.subquery() != null && v.attno() <= rte.subquery().targetList().size()) {
                Scope sub = new Scope(analyzer, columns, List.of(rte.subquery().rangeTable())).withOuter(this, v.levelsup());
                int coll = derive(rte.subquery().targetList().get(v.attno() - 1).expr(), sub).collation();
                return coll != 0 ? coll : typeColl;
            }
            return typeColl;
        }

        /** This scope below the levels outside the one at {@code level} (a subquery in FROM sees those). */
        private Scope withOuter(Scope outer, int level) {
            List<List<Query.RangeTblEntry>> l = new ArrayList<>(levels);
            l.addAll(outer.levels.subList(level + 1, outer.levels.size()));
            return new Scope(analyzer, columns, l);
        }
    }
}
