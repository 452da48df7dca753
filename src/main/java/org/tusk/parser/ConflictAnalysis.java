package org.tusk.parser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * INSERT ... ON CONFLICT (PostgreSQL's parse_clause.c transformOnConflictClause and
 * transformOnConflictArbiter, with the planner's plancat.c infer_arbiter_indexes done here since
 * the indexes are at hand): chooses the arbiter indexes and analyses DO UPDATE's SET list and
 * WHERE clause over the existing row (the target, range table entry 1) and the proposed row
 * (EXCLUDED, entry 2).
 *
 * <p>Inference: with a column list, the arbiters are the unique indexes whose key columns are
 * exactly that set (Tusk has no partial or expression indexes, so an inference WHERE clause
 * excludes none); ON CONSTRAINT names the index of a unique or primary key constraint; without
 * a target, DO NOTHING arbitrates on every unique index and DO UPDATE is an error.
 */
final class ConflictAnalysis {
    /** The range table index of EXCLUDED in the ON CONFLICT expressions. */
    static final int EXCLUDED = 2;

    private final Analyzer a;
    private final ModifyAnalysis m;

    ConflictAnalysis(Analyzer a, ModifyAnalysis m) {
        this.a = a;
        this.m = m;
    }

    /** The EXCLUDED pseudo-relation: the proposed row, with the target's columns. */
    static Query.RangeTblEntry excludedRte(Query.RangeTblEntry rte) {
        return new Query.RangeTblEntry("excluded", rte.schema(), rte.relname(), null, rte.columns());
    }

    Query.OnConflictExpr transform(Query.RangeTblEntry rte, Stmt.OnConflictClause oc) {
        // the inference columns see the target; SET and WHERE also EXCLUDED, which is in the range
        // table from the start (as in PostgreSQL, where it is added before the arbiter is analysed)
        a.setRangeTableEntry(rte);
        Query.RangeTblEntry excluded = excludedRte(rte);
        int idx = oc.doUpdate() ? a.addRangeTableEntry(excluded) : 0;
        List<Relation> arbiters = arbiters(rte, oc);
        if (!oc.doUpdate()) return new Query.OnConflictExpr(false, arbiters, List.of(), null, EXCLUDED);
        a.namespace.add(NsItem.of(excluded, idx));

        a.setExprKind("UPDATE");
        // the SET list is an UPDATE's (transformUpdateTargetList + rewriteTargetListIU)
        List<Query.TargetEntry> set = m.updateTargetList(rte, oc.set());
        Expr where = null;
        if (oc.where() != null) {
            a.setExprKind("WHERE");
            where = a.coerceToBoolean(a.transformExpr(oc.where()), "WHERE", oc.where().location());
        }
        return new Query.OnConflictExpr(true, arbiters, List.copyOf(set), where, EXCLUDED);
    }

    /** An expression compared without locations and range-table numbers (equal() of the analysed trees). */
    private static Expr normalized(Expr e) {
        Expr vars = org.tusk.nodes.ExprTrees.map(e, x -> x instanceof Expr.Var v
                ? new Expr.Var(0, v.attno(), v.type(), v.typmod(), null, -1, v.levelsup()) : null);
        return org.tusk.nodes.ExprTrees.withoutLocations(vars);
    }

    private static List<Expr> conjuncts(Expr e) {
        if (e instanceof Expr.BoolExpr b && b.op() == RawExpr.BoolOp.AND) {
            List<Expr> out = new ArrayList<>();
            for (Expr x : b.args()) out.addAll(conjuncts(x));
            return out;
        }
        return List.of(e);
    }

    /** transformOnConflictArbiter + infer_arbiter_indexes. */
    private List<Relation> arbiters(Query.RangeTblEntry rte, Stmt.OnConflictClause oc) {
        List<Relation> unique = new ArrayList<>();
        for (Relation index : a.env().catalog().indexesOf(rte.table())) if (index.index().unique()) unique.add(index);
        if (oc.constraint() != null) {
            for (Relation index : unique) if (index.name().equals(oc.constraint())) return List.of(index);
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + oc.constraint() + "\" for table \""
                    + rte.relname() + "\" does not exist");
        }
        if (oc.inferColumns().isEmpty()) {
            if (oc.doUpdate())
                throw a.err(SqlState.SYNTAX_ERROR, "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                        oc.location()).withHint("For example, ON CONFLICT (column_name).");
            // no conflict target: infer_arbiter_indexes returns NIL, and the executor checks every
            // unique index of the relation the row goes to (a partition's own ones too)
            return List.of();
        }
        Set<Integer> inferred = new TreeSet<>();
        List<Expr> inferredExprs = new ArrayList<>();
        a.setExprKind("index expression");
        boolean onlyTarget = true;
        for (Stmt.ResTarget c : oc.inferColumns()) {
            // an inference element is an expression over the target (transformExpr, as PostgreSQL)
            RawExpr raw = c.name() != null ? new RawExpr.ColumnRef(List.of(c.name()), false, c.location()) : c.val();
            Expr e = a.transformExpr(raw);
            if (e instanceof Expr.Var v && v.varno() == 1 && v.levelsup() == 0) inferred.add(v.attno());
            else if (!org.tusk.nodes.ExprTrees.any(e, x -> x instanceof Expr.Var v && (v.varno() != 1 || v.levelsup() != 0)))
                inferredExprs.add(normalized(e));
            else onlyTarget = false;
        }
        List<Expr> inferWhere = new ArrayList<>();
        if (oc.inferWhere() != null) {
            // the inference predicate must still be a valid condition on the target
            a.setExprKind("index predicate");
            Expr w = a.coerceToBoolean(a.transformExpr(oc.inferWhere()), "WHERE", oc.inferWhere().location());
            for (Expr c : conjuncts(w)) inferWhere.add(normalized(c));
        }
        List<Relation> out = new ArrayList<>();
        for (Relation index : onlyTarget ? unique : List.<Relation>of()) {
            // infer_arbiter_indexes: the same plain columns, the same expressions, and an
            // inference WHERE that implies a partial index's predicate (here: contains its conjuncts)
            Set<Integer> keys = new TreeSet<>();
            Arrays.stream(index.index().keyAttnums()).filter(k -> k != 0).forEach(keys::add);
            if (!keys.equals(inferred)) continue;
            Relation heap = rte.table();
            List<Expr> exprs = new ArrayList<>();
            if (index.index().hasExpressions()) {
                for (Expr e : IndexExprAnalysis.storedExpressions(heap, index.index().expressions(), a.zone(),
                        a.currentDatabaseName(), a.env())) exprs.add(normalized(e));
            }
            if (!(exprs.containsAll(inferredExprs) && inferredExprs.containsAll(exprs))) continue;
            if (index.index().predicate() != null) {
                Expr pred = IndexExprAnalysis.storedPredicate(heap, index.index().predicate(), a.zone(), a.currentDatabaseName(), a.env());
                boolean implied = true;
                for (Expr c : conjuncts(pred)) implied &= inferWhere.contains(normalized(c));
                if (!implied) continue;
            }
            out.add(index);
        }
        if (out.isEmpty())
            throw PgException.error("42P10",
                    "there is no unique or exclusion constraint matching the ON CONFLICT specification");
        return List.copyOf(out);
    }
}
