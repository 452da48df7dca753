package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.utils.cache.Relation;

/**
 * Pathkeys for the scan of one table (PostgreSQL's pathkeys.c: make_pathkeys_for_sortclauses for
 * the query's ORDER BY, build_index_pathkeys for a B-tree index, pathkey_is_redundant and
 * pathkeys_contained_in). An ordering is a list of {@link Key}s on table columns. A column that a
 * scan condition {@code column = constant} pins to one value is redundant in both lists (its
 * equivalence class has a constant), so an index on (a, b) satisfies ORDER BY b under
 * {@code WHERE a = 1}. An index satisfies the query's order read forwards when its leading
 * (non-redundant) keys equal the order's, DESC and NULLS FIRST alike; read backwards when each is
 * the exact opposite (DESC flips, and so does where the nulls go).
 *
 * <p>Only a query over one plain table whose ORDER BY items are that table's columns (or
 * pseudoconstants, which order nothing), without grouping, aggregates, window functions, DISTINCT
 * or set-returning functions, asks its scan for an order; anything else sorts as before. Such a
 * query with a LIMIT and no ORDER BY asks for the empty order, so that its scan is chosen for the
 * fraction of rows the LIMIT reads.
 */
final class ScanOrder {
    private ScanOrder() {}

    /** One pathkey: table column {@code attno}, descending or not, nulls first or not. */
    record Key(int attno, boolean desc, boolean nullsFirst, Expr.OpExpr distance) {
        /** A pathkey on the column itself. */
        Key(int attno, boolean desc, boolean nullsFirst) {
            this(attno, desc, nullsFirst, null);
        }
    }

    /**
     * An ORDER BY item {@code column op value}, ascending, whose operator an index may order by
     * (amcanorderbyop: match_pathkeys_to_index's ordering operators, such as {@code <->}):
     * the pathkey on that expression, with the column it measures from, or null.
     */
    private static Key distanceKey(Expr e, int rtindex, boolean desc, boolean nullsFirst) {
        if (desc || nullsFirst || !(e instanceof Expr.OpExpr op) || op.args().size() != 2) return null;
        if (!(op.args().get(0) instanceof Expr.Var v) || v.levelsup() != 0 || v.varno() != rtindex || v.attno() <= 0) return null;
        if (!pseudoConstant(op.args().get(1))) return null;
        return new Key(v.attno(), false, false, op);
    }

    /** Whether the order has a key on an expression (only an index ordering by operator gives it). */
    static boolean hasDistance(List<Key> keys) {
        for (Key k : keys) if (k.distance() != null) return true;
        return false;
    }

    /** How an index scan delivers an order: not at all, read forwards, or read backwards. */
    enum Direction { NONE, FORWARD, BACKWARD }

    /**
     * The order the query wants from the scan of its one table (query_pathkeys), or null when
     * it cannot take it from the scan (see the class comment).
     */
    static List<Key> required(Query q) {
        // without ORDER BY only a LIMIT asks anything of the scan: no order, but the fraction of
        // its rows read (grouping_planner's tuple_fraction, get_cheapest_fractional_path)
        if (q.sortClause().isEmpty() && q.limitCount() == null) return null;
        if (q.setOperations() != null || q.hasGrouping() || !q.distinctClause().isEmpty()) return null;
        if (q.fromList().size() != 1 || !(q.fromList().get(0) instanceof Query.JoinNode.RangeRef ref)) return null;
        Query.RangeTblEntry rte = q.rangeTable().get(ref.rtindex() - 1);
        if (rte.kind() != Query.RteKind.RELATION || !rte.isTable() || rte.inh() && rte.table().relkind() == 'p') return null;
        for (Query.TargetEntry te : q.targetList()) {
            if (SrfPlanner.hasSrfs(List.of(te.expr())) || WindowPlanner.hasWindowFuncs(List.of(te.expr()))) return null;
        }
        List<Key> keys = new ArrayList<>();
        for (Query.SortClause s : q.sortClause()) {
            Expr e = q.targetList().get(s.resno() - 1).expr();
            // a pseudoconstant's pathkey is redundant (its equivalence class has a constant)
            if (Planner.pseudoConstant(e)) continue;
            if (!(e instanceof Expr.Var v) || v.levelsup() != 0 || v.varno() != ref.rtindex() || v.attno() <= 0) {
                Key d = distanceKey(e, ref.rtindex(), s.desc(), s.nullsFirst());
                if (d == null || !keys.isEmpty() || q.sortClause().size() != 1) return null;
                keys.add(d);
                continue;
            }
            Key k = new Key(v.attno(), s.desc(), s.nullsFirst());
            if (!keys.stream().anyMatch(x -> x.attno() == k.attno())) keys.add(k);   // a repeated column is redundant
        }
        return keys;
    }

    /**
     * group_pathkeys as the query_pathkeys of a level whose grouping is done on sorted input
     * (standard_qp_callback: the first rollup's GROUP BY keys, ascending, nulls last): the order
     * wanted from the scan of its one table, so that an index delivering it can stand in for the
     * Sort below the GroupAggregate when that costs less (add_paths_to_grouping_rel's presorted
     * input path against the cheapest one sorted). {@code groupRefs} are the keys' target list
     * resnos in sort order. Null when the level is not one plain table, when a key is not one of
     * its columns (a pseudoconstant key orders nothing and is left out), or when no key is left.
     */
    static List<Key> requiredForGrouping(Query q, List<Integer> groupRefs) {
        if (q.setOperations() != null || q.fromList().size() != 1
                || !(q.fromList().get(0) instanceof Query.JoinNode.RangeRef ref)) return null;
        Query.RangeTblEntry rte = q.rangeTable().get(ref.rtindex() - 1);
        if (rte.kind() != Query.RteKind.RELATION || !rte.isTable() || rte.inh() && rte.table().relkind() == 'p') return null;
        for (Query.TargetEntry te : q.targetList()) {
            if (SrfPlanner.hasSrfs(List.of(te.expr())) || WindowPlanner.hasWindowFuncs(List.of(te.expr()))) return null;
        }
        List<Key> keys = new ArrayList<>();
        for (int resno : groupRefs) {
            Expr e = q.targetList().get(resno - 1).expr();
            if (Planner.pseudoConstant(e)) continue;
            if (!(e instanceof Expr.Var v) || v.levelsup() != 0 || v.varno() != ref.rtindex() || v.attno() <= 0) return null;
            Key k = new Key(v.attno(), false, false);
            if (!keys.stream().anyMatch(x -> x.attno() == k.attno())) keys.add(k);
        }
        return keys.isEmpty() ? null : keys;
    }

    /**
     * The table columns pinned to one value by a {@code column = constant} conjunct, the constant
     * being any pseudoconstant (an equivalence class's ec_has_const): a parameter carrying an outer
     * query level's value pins the column for each run of the scan as a literal does.
     */
    static Set<Integer> constantColumns(List<Expr> conjuncts) {
        Set<Integer> out = new java.util.HashSet<>();
        for (Expr c : conjuncts) {
            ScanPaths.Indexable ix = ScanPaths.indexable(c);
            if (ix != null && ix.strategy() == Strategy.EQUAL && !(ix.clause() instanceof Expr.ScalarArrayOpExpr)
                    && pseudoConstant(ix.argument())) out.add(ix.attno());
        }
        return out;
    }

    /** is_pseudo_constant_clause: no column of this level, no sub-select, nothing volatile. */
    private static boolean pseudoConstant(Expr e) {
        return !org.tusk.nodes.ExprTrees.any(e, x -> x instanceof Expr.Var || x instanceof Expr.WholeRowVar
                || x instanceof Expr.SubLink || x instanceof Expr.SubPlan || x instanceof Expr.Aggref
                || x instanceof Expr.WindowFunc) && !Clauses.containsVolatileFunctions(e);
    }

    /** {@code required} without the columns pinned by constants. */
    static List<Key> withoutConstants(List<Key> required, Set<Integer> constants) {
        return required.stream().filter(k -> k.distance() != null || !constants.contains(k.attno())).toList();
    }

    /**
     * build_index_pathkeys + pathkeys_contained_in: whether scanning {@code index} yields
     * {@code required} (constants already removed), and in which direction. An expression key
     * column ends the index's usable pathkeys (this planner matches only plain columns).
     */
    static Direction direction(Relation index, List<Key> required, Set<Integer> constants) {
        if (index.relam() != Relation.BTREE_AM_OID) return Direction.NONE;   // amcanorder: B-tree's alone
        if (required.isEmpty()) return Direction.FORWARD;
        if (!index.indexIsOrdered() || hasDistance(required)) return Direction.NONE;   // amcanorder: GiST has no order of its own
        Relation.IndexInfo info = index.index();
        List<Key> indexKeys = new ArrayList<>();
        for (int k = 0; k < info.keyCount(); k++) {
            int attno = info.keyAttnum(k);
            if (attno == 0) break;
            // a column its class compares as another type (bpchar_ops on text) is not in the
            // column's own type's order (its opfamily is not the sort's)
            if (org.tusk.catalog.BtreeOpclasses.coercedInputType(info.indclass()[k], index.atttypid(k + 1)) != 0) break;
            if (constants.contains(attno)) continue;
            int opt = info.option(k);
            indexKeys.add(new Key(attno, (opt & Relation.IndexInfo.INDOPTION_DESC) != 0,
                    (opt & Relation.IndexInfo.INDOPTION_NULLS_FIRST) != 0));
        }
        if (indexKeys.size() < required.size()) return Direction.NONE;
        boolean forward = true, backward = true;
        for (int i = 0; i < required.size(); i++) {
            Key r = required.get(i), x = indexKeys.get(i);
            if (r.attno() != x.attno()) return Direction.NONE;
            forward &= r.desc() == x.desc() && r.nullsFirst() == x.nullsFirst();
            backward &= r.desc() != x.desc() && r.nullsFirst() != x.nullsFirst();
        }
        return forward ? Direction.FORWARD : backward ? Direction.BACKWARD : Direction.NONE;
    }

    /**
     * cost_sort for {@code rows} input rows in memory: comparison_cost (2 x cpu_operator_cost)
     * per N log2 N comparisons, plus cpu_operator_cost per row out; disable_cost when
     * enable_sort is off.
     */
    static double sortCost(double rows, boolean enabled) {
        double n = Math.max(rows, 2);
        double cost = 2 * ScanPaths.CPU_OPERATOR_COST * n * (Math.log(n) / Math.log(2)) + ScanPaths.CPU_OPERATOR_COST * n;
        return enabled ? cost : cost + ScanPaths.DISABLE_COST;
    }
}
