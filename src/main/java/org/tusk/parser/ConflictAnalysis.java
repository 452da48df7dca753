package org.tusk.parser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.BtreeOpclasses;
import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * INSERT ... ON CONFLICT (PostgreSQL's parse_clause.c transformOnConflictClause,
 * transformOnConflictArbiter and resolve_unique_index_expr): analyses the conflict target and
 * DO UPDATE's SET list and WHERE clause over the existing row (the target, range table entry 1)
 * and the proposed row (EXCLUDED, entry 2).
 *
 * <p>The conflict target becomes inference elements (each an expression over the target with
 * the collation and operator class written after it) and their WHERE clause, or the OID of the
 * constraint ON CONSTRAINT names. Which indexes they select is the planner's business
 * (plancat.c infer_arbiter_indexes, Tusk's optimizer.ArbiterInference), as in PostgreSQL, so an
 * INSERT through a view infers over the view's base relation after rewriting. DO UPDATE needs a
 * target; DO NOTHING without one arbitrates on every unique and exclusion index.
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

    /** The EXCLUDED pseudo-relation: the proposed row, with the target's columns (no system columns). */
    static Query.RangeTblEntry excludedRte(Query.RangeTblEntry rte) {
        return new Query.RangeTblEntry("excluded", rte.schema(), rte.relname(), null, rte.columns());
    }

    Query.OnConflictExpr transform(Query.RangeTblEntry rte, Stmt.OnConflictClause oc) {
        // the inference elements see the target; SET and WHERE also EXCLUDED, which is in the range
        // table from the start (as in PostgreSQL, where it is added before the arbiter is analysed)
        a.setRangeTableEntry(rte);
        Query.RangeTblEntry excluded = excludedRte(rte);
        int idx = oc.doUpdate() ? a.addRangeTableEntry(excluded) : 0;
        Arbiter arbiter = arbiter(rte, oc);
        if (!oc.doUpdate())
            return new Query.OnConflictExpr(false, arbiter.elems, arbiter.where, arbiter.constraintOid, List.of(), null, EXCLUDED);
        a.namespace.add(NsItem.of(excluded, idx));

        a.setExprKind("UPDATE");
        // the SET list is an UPDATE's (transformUpdateTargetList + rewriteTargetListIU)
        List<Query.TargetEntry> set = m.updateTargetList(rte, oc.set());
        Expr where = null;
        if (oc.where() != null) {
            a.setExprKind("WHERE");
            where = a.coerceToBoolean(a.transformExpr(oc.where()), "WHERE", oc.where().location());
        }
        return new Query.OnConflictExpr(true, arbiter.elems, arbiter.where, arbiter.constraintOid, List.copyOf(set), where,
                EXCLUDED);
    }

    private record Arbiter(List<Query.InferenceElem> elems, Expr where, int constraintOid) {}

    /** transformOnConflictArbiter: the analysed conflict target. */
    private Arbiter arbiter(Query.RangeTblEntry rte, Stmt.OnConflictClause oc) {
        boolean noTarget = oc.inferElems().isEmpty() && oc.constraint() == null;
        if (noTarget && oc.doUpdate())
            throw a.err(SqlState.SYNTAX_ERROR, "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                    oc.location()).withHint("For example, ON CONFLICT (column_name).");
        Relation rel = rte.table();
        if (rel != null && rel.namespace() == org.tusk.catalog.SystemCatalogs.PG_CATALOG_NAMESPACE && rel.oid() < 16384)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "ON CONFLICT is not supported with system catalog tables",
                    oc.location());
        if (noTarget) return new Arbiter(List.of(), null, 0);
        if (oc.constraint() != null) {
            for (ConstraintInfo c : a.env().catalog().constraintsOf(rel))
                if (c.name().equals(oc.constraint())) return new Arbiter(List.of(), null, c.oid());
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + oc.constraint() + "\" for table \""
                    + rte.relname() + "\" does not exist");
        }
        List<Query.InferenceElem> elems = new ArrayList<>();
        for (Stmt.IndexElem e : oc.inferElems()) elems.add(inferenceElem(e));
        Expr where = null;
        if (oc.inferWhere() != null) {
            a.setExprKind("index predicate");
            where = a.coerceToBoolean(a.transformExpr(oc.inferWhere()), "WHERE", oc.inferWhere().location());
        }
        return new Arbiter(List.copyOf(elems), where, 0);
    }

    /**
     * resolve_unique_index_expr for one element: a column becomes a Var (located at the
     * inference clause, as PostgreSQL reports it), an expression is analysed as an index
     * expression; a collation and an operator class are looked up by name.
     */
    private Query.InferenceElem inferenceElem(Stmt.IndexElem e) {
        if (e.desc())
            throw a.err("42P10", "ASC/DESC is not allowed in ON CONFLICT clause", e.location());
        if (e.nullsFirst() != null)
            throw a.err("42P10", "NULLS FIRST/LAST is not allowed in ON CONFLICT clause", e.location());
        a.setExprKind("index expression");
        RawExpr raw = e.column() != null ? new RawExpr.ColumnRef(List.of(e.column()), false, e.location()) : e.expr();
        Expr expr = a.transformExpr(raw);
        int collation = e.collation() == null ? 0 : collationOid(e.collation(), e.location());
        int family = 0, input = 0;
        if (e.opclass() != null) {
            List<String> names = e.opclass();
            String name = names.get(names.size() - 1);
            BtreeOpclasses.Opclass oc = names.size() > 2 || names.size() == 2 && !names.get(0).equals("pg_catalog")
                    ? null : BtreeOpclasses.byName(name);
            if (oc == null)
                throw PgException.error(SqlState.UNDEFINED_OBJECT, "operator class \"" + String.join(".", names)
                        + "\" does not exist for access method \"btree\"");
            BtreeOpclasses.FamilyAndInput fi = BtreeOpclasses.familyOf(oc.oid(), oc.inputType());
            family = fi.family();
            input = fi.inputType();
        }
        return new Query.InferenceElem(expr, collation, family, input);
    }

    /** LookupCollation over the collations every database has (pg_collation's built-in rows). */
    private int collationOid(List<String> names, int location) {
        String name = names.get(names.size() - 1);
        boolean qualifiedElsewhere = names.size() == 2 && !names.get(0).equals("pg_catalog") || names.size() > 2;
        if (!qualifiedElsewhere) {
            switch (name) {
                case "default": return org.tusk.catalog.SystemCatalogs.DEFAULT_COLLATION_OID;
                case "C": return org.tusk.catalog.SystemCatalogs.C_COLLATION_OID;
                case "POSIX": return 951;
                default: break;
            }
        }
        throw a.err(SqlState.UNDEFINED_OBJECT, "collation \"" + String.join(".", names)
                + "\" for encoding \"UTF8\" does not exist", location);
    }
}
