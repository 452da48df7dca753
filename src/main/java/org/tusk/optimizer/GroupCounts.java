package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;

/**
 * selfuncs.c's estimate_num_groups: how many groups GROUP BY on some expressions of a query
 * level makes. Each grouping expression that is not a plain column counts as the columns it
 * reads (an expression of constants adds nothing); a column's distinct count is
 * get_variable_numdistinct's (ANALYZE's n_distinct, else 2 for a boolean, the table's tuples
 * when fewer than 200, else 200); the counts of one relation's columns multiply, clamped to its tuples (a
 * tenth of them, but no fewer than the largest count, for several columns, which are probably
 * correlated); the relations' counts multiply, and the result is clamped to the input rows.
 *
 * <p>For Memoize's keys (cost_memoize_rescan) a caller may also give each relation's rows after
 * its restriction clauses, which scale its count down as estimate_num_groups does, and the rows
 * a relation that is not a table produces, which stand for its tuples (a column of a small
 * subquery or VALUES list then has as many values as rows instead of the default guess).
 * Not done for GROUP BY yet: the reduction for a relation whose restriction clauses leave fewer rows
 * than its tuples, equivalence-class deduplication of equal columns, and extended (multi-column)
 * statistics; a column of a unique index without statistics is not known to be distinct.
 */
final class GroupCounts {
    private static final double DEFAULT_NUM_DISTINCT = 200;

    private final Query query;
    private final ExecEnvironment env;
    private final ColumnSelectivity stats;

    GroupCounts(Query query, ExecEnvironment env) {
        this.query = query;
        this.env = env;
        this.stats = new ColumnSelectivity(env == null ? null : env.catalog());
    }

    /** The estimated number of groups of {@code groupExprs} (expressions over {@code query}'s range table) in {@code inputRows} rows. */
    double estimate(List<Expr> groupExprs, double inputRows) {
        return estimate(groupExprs, inputRows, null, null);
    }

    /**
     * As above; {@code relRows} (if given) gives a relation's rows after its restriction clauses
     * (RelOptInfo.rows, negative when unknown), by which a relation's distinct count is scaled
     * down as estimate_num_groups does when the rows are fewer than the table's tuples;
     * {@code usedDefault[0]} (if given) is set when some column's count is the default guess
     * (SELFLAG_USED_DEFAULT).
     */
    double estimate(List<Expr> groupExprs, double inputRows, java.util.function.IntToDoubleFunction relRows,
                    boolean[] usedDefault) {
        return estimate(groupExprs, inputRows, relRows, null, usedDefault);
    }

    /**
     * As above; {@code relTuples} (if given) gives the rows a relation that is not a table
     * produces before its restriction clauses (a subquery's, a VALUES list's, a function's:
     * RelOptInfo.tuples, negative when unknown), which get_variable_numdistinct takes as the
     * column's distinct count when fewer than 200 (a default guess otherwise).
     */
    double estimate(List<Expr> groupExprs, double inputRows, java.util.function.IntToDoubleFunction relRows,
                    java.util.function.IntToDoubleFunction relTuples, boolean[] usedDefault) {
        if (groupExprs.isEmpty()) return 1.0;
        List<Expr.Var> vars = new ArrayList<>();
        for (Expr e : groupExprs) {
            int before = vars.size();
            boolean[] hasVar = {false};
            ExprTrees.any(e, x -> {
                if (x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() > 0) {
                    hasVar[0] = true;
                    addUnique(vars, v);
                }
                return false;
            });
            // a variable-free item is a constant, which makes no more groups, or calls something
            // volatile: then every input row is taken for a group of its own
            if (!hasVar[0] && vars.size() == before && Clauses.containsVolatileFunctions(e)) return inputRows;
        }
        if (vars.isEmpty()) return 1.0;
        // per relation: {product of distinct counts, largest count, number of columns, tuples}
        Map<Integer, double[]> rels = new LinkedHashMap<>();
        for (Expr.Var v : vars) {
            double tuples = tuples(v.varno()) < 0 && relTuples != null && !isTable(v.varno())
                    ? relTuples.applyAsDouble(v.varno()) : tuples(v.varno());
            double nd = numDistinct(v, tuples);
            if (usedDefault != null && isDefault(v, tuples)) usedDefault[0] = true;
            double[] r = rels.computeIfAbsent(v.varno(), k -> new double[] {1, 0, 0, tuples});
            r[0] *= nd;
            r[1] = Math.max(r[1], nd);
            r[2]++;
        }
        double groups = 1;
        for (Map.Entry<Integer, double[]> e : rels.entrySet()) {
            double[] r = e.getValue();
            double reldistinct = r[0], tuples = r[3];
            if (tuples > 0) {
                double clamp = tuples;
                if (r[2] > 1) {
                    clamp *= 0.1;
                    if (clamp < r[1]) clamp = Math.min(r[1], tuples);
                }
                reldistinct = Math.min(reldistinct, clamp);
                // the restriction's rows, taken at random from the table (Dell'Era's approximation of Yao's formula)
                double rows = relRows == null ? -1 : relRows.applyAsDouble(e.getKey());
                if (reldistinct > 0 && rows >= 0 && rows < tuples)
                    reldistinct *= 1 - Math.pow((tuples - rows) / tuples, tuples / reldistinct);
            }
            groups *= reldistinct <= 1.0 ? 1.0 : Math.rint(reldistinct);
        }
        groups = Math.ceil(groups);
        return Math.max(1.0, Math.min(groups, inputRows));
    }

    /** The table's estimated tuples for a column of range table entry {@code varno}, or -1 for anything but a table. */
    private boolean isTable(int varno) {
        return varno <= query.rangeTable().size() && query.rangeTable().get(varno - 1).isTable();
    }

    private double tuples(int varno) {
        if (env == null || varno > query.rangeTable().size()) return -1;
        Query.RangeTblEntry rte = query.rangeTable().get(varno - 1);
        return rte.isTable() ? RelSize.of(rte.table(), env).tuples() : -1;
    }

    /** get_variable_numdistinct. */
    private double numDistinct(Expr.Var v, double tuples) {
        if (tuples < 0) return DEFAULT_NUM_DISTINCT;
        ColumnSelectivity.Column c = isTable(v.varno())
                ? stats.column(query.rangeTable().get(v.varno() - 1).table(), v.attno(), tuples) : null;
        if (c != null) return ColumnSelectivity.numDistinct(c);
        if (v.type() == org.tusk.catalog.TypeOids.BOOL) return 2;
        if (tuples <= 0) return DEFAULT_NUM_DISTINCT;
        return tuples < DEFAULT_NUM_DISTINCT ? Math.max(1.0, Math.rint(tuples)) : DEFAULT_NUM_DISTINCT;
    }

    /** Whether {@link #numDistinct} falls back on DEFAULT_NUM_DISTINCT for the column (get_variable_numdistinct's isdefault). */
    private boolean isDefault(Expr.Var v, double tuples) {
        if (tuples < 0) return true;
        if (isTable(v.varno()) && stats.column(query.rangeTable().get(v.varno() - 1).table(), v.attno(), tuples) != null)
            return false;
        if (v.type() == org.tusk.catalog.TypeOids.BOOL) return false;
        return tuples <= 0 || tuples >= DEFAULT_NUM_DISTINCT;
    }

    /** add_unique_group_var: a column counts once however many expressions read it. */
    private static void addUnique(List<Expr.Var> vars, Expr.Var v) {
        for (Expr.Var x : vars) if (x.varno() == v.varno() && x.attno() == v.attno()) return;
        vars.add(v);
    }
}
