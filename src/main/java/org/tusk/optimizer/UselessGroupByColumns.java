package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.tusk.catalog.PrimaryKeys;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;

/**
 * PostgreSQL's remove_useless_groupby_columns (planner.c): when the GROUP BY list holds every
 * column of a table's primary key, the table's other columns in it are functionally dependent
 * on the key and group nothing further, so they are dropped from the grouping keys (the Agg
 * still returns them: each group's rows agree on them). Fewer keys make hashing and sorting
 * cheaper, and the Agg's "Group Key" shows only what is left.
 *
 * <p>Only a plain table's own primary key counts, and only one that is not DEFERRABLE. An
 * inheritance parent read with its children is skipped, as a child may hold rows with the same
 * key; a partitioned table is not, its partitions sharing its key. Nothing is removed with
 * grouping sets, which refer to the grouping columns by position.
 */
final class UselessGroupByColumns {
    private UselessGroupByColumns() {}

    /** The resnos of {@code q}'s GROUP BY entries that remain grouping keys, in GROUP BY order. */
    static List<Integer> remaining(Query q, ExecEnvironment env) {
        List<Integer> group = q.groupClause();
        if (group.size() < 2 || !q.groupingSets().isEmpty() || env == null) return group;
        // the plain columns of this query level in GROUP BY, per range table entry
        Map<Integer, Set<Integer>> grouped = new HashMap<>();
        for (int resno : group) {
            if (q.targetList().get(resno - 1).expr() instanceof Expr.Var v && v.levelsup() == 0 && v.varno() > 0)
                grouped.computeIfAbsent(v.varno(), k -> new TreeSet<>()).add(v.attno());
        }
        Map<Integer, Set<Integer>> surplus = new HashMap<>();
        for (Map.Entry<Integer, Set<Integer>> e : grouped.entrySet()) {
            int varno = e.getKey();
            Set<Integer> attnos = e.getValue();
            if (attnos.size() < 2 || varno > q.rangeTable().size()) continue;
            Query.RangeTblEntry rte = q.rangeTable().get(varno - 1);
            if (rte.kind() != Query.RteKind.RELATION || !rte.isTable()) continue;
            if (rte.inh() && rte.table().relhassubclass() && rte.table().relkind() != 'p') continue;
            Set<Integer> key = PrimaryKeys.attnos(env.catalog(), rte.table(), false);
            // the key must be a proper subset of the grouped columns for anything to go
            if (key == null || key.size() >= attnos.size() || !attnos.containsAll(key)) continue;
            Set<Integer> extra = new TreeSet<>(attnos);
            extra.removeAll(key);
            surplus.put(varno, extra);
        }
        if (surplus.isEmpty()) return group;
        List<Integer> kept = new ArrayList<>();
        for (int resno : group) {
            boolean redundant = q.targetList().get(resno - 1).expr() instanceof Expr.Var v && v.levelsup() == 0
                    && surplus.getOrDefault(v.varno(), Set.of()).contains(v.attno());
            if (!redundant) kept.add(resno);
        }
        return List.copyOf(kept);
    }
}
