package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.catalog.PgProc;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.utils.cache.Relation;

/**
 * Removal of useless outer joins (PostgreSQL's analyzejoins.c remove_useless_joins,
 * join_is_removable, relation_has_unique_index_for). A LEFT JOIN (or a RIGHT JOIN, its inputs
 * swapped) whose nullable side is one plain table can be dropped when
 * <ul>
 *   <li>no column of that table is read anywhere in the query but in the join's own ON
 *       condition (attr_needed within the join), including nested sub-selects, and no rows are
 *       locked, and</li>
 *   <li>a unique index of the table (checked at insertion, without predicate or expression
 *       columns) has each key column equated, by an {@code =} of the column's own type, to an
 *       expression over the other side or a constant in that ON condition (or by {@code text = name}, of the
 *       text_ops family): then every row of the
 *       other side meets at most one row of the table, and the join emits each of them exactly
 *       once whatever the table holds.</li>
 * </ul>
 * Other ON conjuncts do not matter: they can only turn a match into a null-extended row, which
 * nobody reads. The join node is replaced by its other side; removing one join may make another
 * removable (the table was the only thing under it), so this repeats until nothing changes.
 * The nullable side may also be a subquery (not LATERAL) whose output is distinct over the
 * equated columns (query_is_distinct_for: DISTINCT, GROUP BY, a single row of aggregates, a
 * UNION without ALL). Not yet: partial and expression indexes, inheritance parents.
 */
final class JoinRemoval {
    private JoinRemoval() {}

    /** {@code q} with its removable LEFT/RIGHT joins taken out of the join tree (q itself if none). */
    static Query removeUselessJoins(Query q, ExecEnvironment env) {
        if (q.commandType() != Query.CommandType.SELECT || q.setOperations() != null || !q.rowMarks().isEmpty()) return q;
        boolean changed = true;
        while (changed) {
            changed = false;
            List<Query.JoinNode> from = new ArrayList<>();
            for (Query.JoinNode n : q.fromList()) {
                Query.JoinNode r = remove(n, q, env);
                changed |= r != n;
                from.add(r);
            }
            if (changed) q = withFromList(q, from);
        }
        return q;
    }

    /** {@code n} with the first removable join in it replaced by its kept side ({@code n} itself if none). */
    private static Query.JoinNode remove(Query.JoinNode n, Query q, ExecEnvironment env) {
        if (!(n instanceof Query.JoinNode.Join j)) return n;
        Query.JoinNode left = remove(j.left(), q, env);
        if (left != j.left()) return new Query.JoinNode.Join(j.type(), left, j.right(), j.quals(), j.rtindex(), j.usingNames());
        Query.JoinNode right = remove(j.right(), q, env);
        if (right != j.right()) return new Query.JoinNode.Join(j.type(), j.left(), right, j.quals(), j.rtindex(), j.usingNames());
        if (j.type() == Query.JoinType.LEFT && isRemovable(j.right(), j.quals(), q, env)) return j.left();
        if (j.type() == Query.JoinType.RIGHT && isRemovable(j.left(), j.quals(), q, env)) return j.right();
        return n;
    }

    /** join_is_removable for the nullable side {@code inner} of an outer join with ON condition {@code quals}. */
    static boolean isRemovable(Query.JoinNode inner, Expr quals, Query q, ExecEnvironment env) {
        if (!(inner instanceof Query.JoinNode.RangeRef ref)) return false;
        int varno = ref.rtindex();
        Query.RangeTblEntry rte = q.rangeTable().get(varno - 1);
        if (rte.kind() == Query.RteKind.SUBQUERY && rte.subquery() != null && !rte.lateral()) {
            // rel_is_distinct_for for a subquery: its output is distinct over the equated columns
            if (uses(q, varno) != usesIn(quals, varno)) return false;
            Set<Integer> equated = equatedColumns(quals, varno);
            return !equated.isEmpty() && isDistinctFor(rte.subquery(), equated);
        }
        if (rte.kind() != Query.RteKind.RELATION || !rte.isTable()) return false;
        Relation table = rte.table();
        // an inheritance parent's indexes say nothing of its children's rows; a partitioned table has none here
        if (table.relkind() != 'r' || rte.inh() && table.relhassubclass()) return false;
        if (uses(q, varno) != usesIn(quals, varno)) return false;
        return hasUniqueIndexOn(table, equatedColumns(quals, varno), env);
    }

    /**
     * relation_has_unique_index_for: a unique index of {@code table} (checked at insertion,
     * without predicate or expression columns) all of whose key columns are among {@code equated}.
     */
    static boolean hasUniqueIndexOn(Relation table, Set<Integer> equated, ExecEnvironment env) {
        if (equated.isEmpty()) return false;
        for (Relation index : env.catalog().indexesOf(table)) {
            Relation.IndexInfo info = index.index();
            if (!info.unique() || !info.immediate() || info.predicate() != null || info.hasExpressions()) continue;
            boolean all = true;
            for (int k = 0; k < info.keyCount(); k++) all &= equated.contains(info.keyAttnum(k));
            if (all) return true;
        }
        return false;
    }

    /**
     * query_is_distinct_for: whether no two rows of {@code sub} agree on all of its output
     * columns {@code colnos} (the equalities being of the columns' own integer or type
     * families, as equatedColumns admits): DISTINCT on a subset of them; GROUP BY on a subset
     * (without set-returning functions in the target list, which could repeat a group's row);
     * one empty grouping set, or aggregates or HAVING without GROUP BY (at most one row); or a
     * UNION, INTERSECT or EXCEPT without ALL whose every visible column is among them.
     */
    static boolean isDistinctFor(Query sub, Set<Integer> colnos) {
        if (sub.commandType() != Query.CommandType.SELECT) return false;
        if (!sub.distinctClause().isEmpty() && colnos.containsAll(sub.distinctClause())) return true;
        boolean srfs = false;
        for (Query.TargetEntry te : sub.targetList())
            srfs |= ExprTrees.any(te.expr(), x -> x instanceof Expr.FuncExpr f && f.proc().retset());
        if (srfs) return false;
        if (!sub.groupingSets().isEmpty()) {
            return sub.groupClause().isEmpty() && sub.groupingSets().size() == 1 && sub.groupingSets().get(0).isEmpty();
        }
        if (!sub.groupClause().isEmpty()) {
            if (colnos.containsAll(sub.groupClause())) return true;
        } else if (!sub.aggregates().isEmpty() || sub.havingQual() != null) {
            return true;
        }
        if (sub.setOperations() instanceof Query.SetOp.Op op && !op.all()) {
            for (Query.TargetEntry te : sub.targetList()) if (!te.resjunk() && !colnos.contains(te.resno())) return false;
            return true;
        }
        return false;
    }

    /**
     * The columns of range table entry {@code varno} that an ON conjunct equates to something
     * not reading that entry: {@code col = expr over the other side} (a mergejoinable join
     * clause, clause_sides_match_join) or {@code col = constant} (a restriction of the table).
     */
    static Set<Integer> equatedColumns(Expr quals, int varno) {
        Set<Integer> out = new HashSet<>();
        for (Expr c : ScanPaths.conjuncts(quals)) {
            if (!(c instanceof Expr.OpExpr op) || op.args().size() != 2 || !"=".equals(op.op().name())
                    || ScanPaths.strategyOf(op.op().name()) != Strategy.EQUAL || !oneBtreeFamily(op.op())
                    || volatile_(c)) continue;
            Expr l = op.args().get(0), r = op.args().get(1);
            Expr.Var lv = column(l, varno), rv = column(r, varno);
            if (lv != null && !VarLevels.refersTo(r, varno) && lv.type() == op.op().left()) out.add(lv.attno());
            else if (rv != null && !VarLevels.refersTo(l, varno) && rv.type() == op.op().right()) out.add(rv.attno());
        }
        return out;
    }

    /**
     * Whether an equality's two input types share a btree operator family, so that it is one of
     * the family's mergejoinable operators a unique index of either type answers for (the
     * rinfo's mergeopfamilies containing the index's opfamily): same-type operators, integer_ops'
     * cross-type members, and text_ops' {@code text = name} / {@code name = text} (its name_ops
     * and text_ops classes index both types).
     */
    private static boolean oneBtreeFamily(org.tusk.catalog.PgOperator op) {
        return org.tusk.catalog.IntegerOpFamily.oneFamily(op)
                || op.left() == TEXT_OID && op.right() == NAME_OID || op.left() == NAME_OID && op.right() == TEXT_OID;
    }

    private static final int TEXT_OID = 25, NAME_OID = 19;

    private static Expr.Var column(Expr e, int varno) {
        return e instanceof Expr.Var v && v.levelsup() == 0 && v.varno() == varno && v.attno() > 0 ? v : null;
    }

    private static boolean volatile_(Expr e) {
        return ExprTrees.any(e, x -> switch (x) {
            case Expr.FuncExpr f -> f.proc().volatility() == PgProc.Volatility.VOLATILE;
            case Expr.OpExpr o -> o.op().volatility() == PgProc.Volatility.VOLATILE;
            default -> false;
        });
    }

    /** How many Vars of {@code varno} (of this level, also from nested levels) the whole query holds. */
    private static int uses(Query q, int varno) {
        int[] n = {0};
        VarLevels.mapQuery(q, 0, (v, depth) -> {
            if (v.levelsup() == depth && v.varno() == varno) n[0]++;
            return null;
        });
        return n[0];
    }

    /** How many of them are in {@code e}. */
    private static int usesIn(Expr e, int varno) {
        if (e == null) return 0;
        int[] n = {0};
        VarLevels.map(e, 0, (v, depth) -> {
            if (v.levelsup() == depth && v.varno() == varno) n[0]++;
            return null;
        });
        return n[0];
    }

    private static Query withFromList(Query q, List<Query.JoinNode> from) {
        return new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), q.targetList(), q.where(), q.sortClause(),
                q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(), q.sourceQuery(),
                q.returningList(), List.copyOf(from), q.groupClause(), q.havingQual(), q.distinctClause(),
                q.hasDistinctOn(), q.setOperations(), q.cteList(), q.windowClause(), q.groupingSets(), q.onConflict(),
                q.rowMarks(), q.mergeActionList(), q.withCheckOptions());
    }
}
