package org.tusk.optimizer;

import java.util.List;
import java.util.function.Predicate;

import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.QueryExpressions;
import org.tusk.utils.cache.Relation;

/**
 * Which columns of a table a query level reads, and whether an index holds them all
 * (PostgreSQL's indxpath.c check_index_only over attr_needed and the restriction clauses).
 *
 * <p>Tusk's scans have no per-relation attr_needed: the scan of a table emits every column and
 * the levels above pick what they read. {@link #columnReads} therefore counts, per attribute
 * number, the Vars of the range table entry anywhere in the query and in the queries nested in
 * it (sub-selects, subqueries in FROM, LATERAL function arguments) at the right level. A count
 * rather than a set, so that the restriction clauses an index-only scan drops (those a partial
 * index's predicate implies) can be taken off again. A whole-row Var (attno 0), the ctid column
 * or a system column makes an index-only scan impossible, since no index returns those.
 */
final class IndexOnlyScans {
    private IndexOnlyScans() {}

    /** Var counts by attno (index 0: whole-row references) of entry {@code rtindex} of {@code q}, for {@code natts} columns. */
    static int[] columnReads(Query q, int rtindex, int natts) {
        int[] counts = new int[natts + 8];
        walk(q, rtindex, 0, counts);
        return counts;
    }

    private static void walk(Query q, int rtindex, int depth, int[] counts) {
        Predicate<Expr> visit = x -> {
            if (x instanceof Expr.Var v && v.levelsup() == depth && v.varno() == rtindex) {
                counts[Math.min(Math.max(v.attno(), 0), counts.length - 1)]++;
            } else if (x instanceof Expr.SubLink s && s.subselect() != null) {
                walk(s.subselect(), rtindex, depth + 1, counts);
            }
            return false;
        };
        for (Expr e : QueryExpressions.of(q)) if (e != null) ExprTrees.any(e, visit);
        for (Query.RangeTblEntry r : q.rangeTable()) {
            if (r.kind() == Query.RteKind.SUBQUERY && r.subquery() != null) walk(r.subquery(), rtindex, depth + 1, counts);
            if (r.functions() != null) for (Query.RangeTblFunction f : r.functions()) ExprTrees.any(f.funcexpr(), visit);
            if (r.function() != null) ExprTrees.any(r.function(), visit);
            if (r.values() != null) for (List<Expr> row : r.values()) for (Expr e : row) ExprTrees.any(e, visit);
        }
        if (q.cteList() != null) for (Query.CommonTableExpr c : q.cteList()) walk(c.query(), rtindex, depth + 1, counts);
    }

    /** Takes the Vars of {@code clause} (a restriction the scan will not evaluate) off the counts. */
    static int[] without(int[] counts, Expr clause) {
        int[] c = counts.clone();
        ExprTrees.any(clause, x -> {
            if (x instanceof Expr.Var v && v.levelsup() == 0 && v.attno() > 0 && v.attno() < c.length) c[v.attno()]--;
            return false;
        });
        return c;
    }

    /**
     * check_index_only: every column read ({@code counts} above zero) is a plain column of the
     * index the access method can return; nothing reads the whole row, ctid or a system column.
     */
    static boolean covers(Relation index, int[] counts, int natts, ExecEnvironment env) {
        if (counts == null || counts[0] > 0) return false;
        for (int a = natts + 1; a < counts.length; a++) if (counts[a] > 0) return false;
        Relation.IndexInfo info = index.index();
        int ncols = index.desc().natts();
        for (int a = 1; a <= natts; a++) {
            if (counts[a] <= 0) continue;
            boolean found = false;
            // the key columns and the INCLUDE columns, which leaf entries carry too
            for (int k = 0; k < Math.min(ncols, info.natts()) && !found; k++) {
                found = info.attnum(k) == a && env.indexAm().canReturn(index, k + 1);
            }
            if (!found) return false;
        }
        return true;
    }
}
