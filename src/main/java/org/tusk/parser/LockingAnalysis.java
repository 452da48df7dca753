package org.tusk.parser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.nodes.Query;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.SqlState;

/**
 * analyze.c's transformLockingClause, CheckSelectLocking and applyLockingClause: which range
 * table entries FOR UPDATE/SHARE locks, and the queries it cannot be applied to (0A000).
 *
 * <p>Without OF every table of the FROM clause is locked; with OF the named ones (by their
 * reference name). Several clauses on one table combine to the strongest strength and the
 * strictest wait policy (NOWAIT over SKIP LOCKED over waiting), as applyLockingClause does.
 * Locking the rows of a subquery, a view or a function in FROM is not supported yet (0A000);
 * PostgreSQL pushes the clause down into a subquery.
 */
final class LockingAnalysis {
    private final Analyzer a;

    LockingAnalysis(Analyzer a) {
        this.a = a;
    }

    Query transformLockingClauses(Query q, List<Stmt.LockingClause> clauses) {
        Map<Integer, Query.RowMarkClause> marks = new LinkedHashMap<>();
        for (Stmt.LockingClause lc : clauses) {
            checkSelectLocking(q, lc);
            if (lc.lockedRels().isEmpty()) {
                for (int i = 0; i < q.rangeTable().size(); i++) {
                    Query.RangeTblEntry rte = q.rangeTable().get(i);
                    switch (rte.kind()) {
                        case RELATION -> {
                            requireTable(rte, lc);
                            apply(marks, i + 1, lc);
                        }
                        case SUBQUERY -> throw a.err(SqlState.FEATURE_NOT_SUPPORTED,
                                lc.strength().sql() + " on a subquery in FROM is not supported yet", lc.location());
                        default -> { }  // joins, functions, VALUES and CTE references are not locked
                    }
                }
            } else {
                for (Stmt.RangeVar rv : lc.lockedRels()) {
                    int rti = find(q, a.namespace, rv.name());
                    if (rti == 0) {
                        throw a.err(SqlState.UNDEFINED_TABLE, "relation \"" + rv.name() + "\" in " + lc.strength().sql()
                                + " clause not found in FROM clause", rv.location());
                    }
                    Query.RangeTblEntry rte = q.rangeTable().get(rti - 1);
                    switch (rte.kind()) {
                        case RELATION -> requireTable(rte, lc);
                        case JOIN -> throw cannotApply(lc, "a join", rv.location());
                        case FUNCTION -> throw cannotApply(lc, "a function", rv.location());
                        case VALUES -> throw cannotApply(lc, "VALUES", rv.location());
                        case CTE -> throw cannotApply(lc, "a WITH query", rv.location());
                        case SUBQUERY -> throw a.err(SqlState.FEATURE_NOT_SUPPORTED,
                                lc.strength().sql() + " on a subquery in FROM is not supported yet", rv.location());
                    }
                    apply(marks, rti, lc);
                }
            }
        }
        return q.withRowMarks(new ArrayList<>(marks.values()));
    }

    /** CheckSelectLocking: the query shapes whose output rows are not rows of a table. */
    private void checkSelectLocking(Query q, Stmt.LockingClause lc) {
        String what = lc.strength().sql();
        if (q.setOperations() != null) throw notAllowed(what, "UNION/INTERSECT/EXCEPT", lc);
        if (!q.distinctClause().isEmpty()) throw notAllowed(what, "DISTINCT clause", lc);
        if (!q.groupClause().isEmpty() || !q.groupingSets().isEmpty()) throw notAllowed(what, "GROUP BY clause", lc);
        if (q.havingQual() != null) throw notAllowed(what, "HAVING clause", lc);
        if (q.hasAggs()) throw notAllowed(what, "aggregate functions", lc);
        if (!q.windowClause().isEmpty()) throw notAllowed(what, "window functions", lc);
    }

    private org.tusk.utils.error.PgException notAllowed(String what, String with, Stmt.LockingClause lc) {
        // CheckSelectLocking reports no position
        return a.err(SqlState.FEATURE_NOT_SUPPORTED, what + " is not allowed with " + with, -1);
    }

    private org.tusk.utils.error.PgException cannotApply(Stmt.LockingClause lc, String what, int location) {
        return a.err(SqlState.FEATURE_NOT_SUPPORTED, lc.strength().sql() + " cannot be applied to " + what, location);
    }

    /** System views are computed, not stored: their rows cannot be locked here. */
    private void requireTable(Query.RangeTblEntry rte, Stmt.LockingClause lc) {
        if (!rte.isTable()) {
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, lc.strength().sql() + " on \"" + rte.relname()
                    + "\", which is not a table, is not supported yet", lc.location());
        }
    }

    /**
     * The range table index the locking clause's name refers to (transformLockingClause): a join
     * without an alias is no relation name, unless it has a USING alias (join_using_alias), which
     * is; 0 if nothing is called so.
     */
    private static int find(Query q, List<NsItem> namespace, String name) {
        for (int i = 0; i < q.rangeTable().size(); i++) {
            Query.RangeTblEntry rte = q.rangeTable().get(i);
            if (name.equals(rte.refname())) return i + 1;
            if (rte.kind() == Query.RteKind.JOIN && rte.refname() == null && namespace != null) {
                for (NsItem n : namespace)
                    if (n.rtindex() == i + 1 && name.equals(n.refname())) return i + 1;
            }
        }
        return 0;
    }

    /** applyLockingClause: the strongest strength and strictest wait policy win. */
    private static void apply(Map<Integer, Query.RowMarkClause> marks, int rti, Stmt.LockingClause lc) {
        Query.RowMarkClause old = marks.get(rti);
        if (old == null) {
            marks.put(rti, new Query.RowMarkClause(rti, lc.strength(), lc.waitPolicy()));
            return;
        }
        Stmt.LockStrength s = old.strength().compareTo(lc.strength()) >= 0 ? old.strength() : lc.strength();
        Stmt.LockWait w = old.waitPolicy().compareTo(lc.waitPolicy()) >= 0 ? old.waitPolicy() : lc.waitPolicy();
        marks.put(rti, new Query.RowMarkClause(rti, s, w));
    }
}
