package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.tusk.catalog.PgProc;
import org.tusk.nodes.Expr;
import org.tusk.nodes.NodeFields;
import org.tusk.nodes.Query;
import org.tusk.nodes.VarTreeMutator;

/**
 * The part of SS_process_ctes (subselect.c) that decides, before a query level is planned,
 * which of its WITH queries are not planned as CTEs at all:
 * <ul>
 * <li>a SELECT nobody references is dropped (PostgreSQL makes a dummy cte_plan_ids entry and
 * never plans it, so EXPLAIN does not show it);</li>
 * <li>a WITH query is inlined (inline_cte): every reference to it becomes a subquery range
 * table entry holding a copy of its query, which the planner then treats as any FROM
 * subquery (pulled up, filters pushed into it). That happens when it was written NOT
 * MATERIALIZED, or without MATERIALIZED and is referenced exactly once; and only when it is
 * not recursive, the WITH query is a SELECT that changes nothing (no INSERT, UPDATE,
 * DELETE or FOR UPDATE anywhere in it: contain_dml), has no volatile function (evaluating it
 * once per reference must not change the answer) and, when referenced more than once, does
 * not read the work table of a recursive query above it (contain_outer_selfref).</li>
 * </ul>
 * The WITH queries are examined in list order, each against the query as the earlier
 * inlinings left it: a WITH query referenced only from a later one that is inlined in turn
 * ends up inlined at the place of that one's reference, as in PostgreSQL.
 *
 * <p>Reference counts (cterefcount) are taken here, from the query as it reaches the planner,
 * rather than counted by parse analysis; references the level above removed before planning
 * this one are passed in (the only references removed before this point).
 */
final class CteInlining {
    private CteInlining() {}

    /** {@code q} with its inlinable WITH queries inlined and its unreferenced SELECTs dropped. */
    static Query process(Query q) {
        return process(q, java.util.Map.of());
    }

    /**
     * The same, where {@code parsedRefs} gives, by name, how often the level's WITH queries were
     * referenced before the planner of the level above dropped some of the references (an
     * unread subquery output, remove_unused_subquery_outputs): PostgreSQL decides on the
     * parser's cterefcount, so such a WITH query is still planned (and shown by EXPLAIN) unless
     * that count would have inlined it.
     */
    static Query process(Query q, java.util.Map<String, Integer> parsedRefs) {
        if (q.cteList().isEmpty()) return q;
        Query cur = q;
        int i = 0;
        while (i < cur.cteList().size()) {
            Query.CommonTableExpr cte = cur.cteList().get(i);
            boolean select = cte.query().commandType() == Query.CommandType.SELECT;
            int refs = Math.max(referenceCount(cur, cte.name()), parsedRefs.getOrDefault(cte.name(), 0));
            if (refs == 0 && select) {
                cur = withoutCte(cur, i);
                continue;
            }
            if (inlinable(cte, refs)) {
                cur = withoutCte(inline(cur, cte), i);
                continue;
            }
            i++;
        }
        return cur;
    }

    /** SS_process_ctes' test for inlining. */
    static boolean inlinable(Query.CommonTableExpr cte, int refs) {
        boolean asked = cte.materialized() == Query.CteMaterialize.NEVER
                || (cte.materialized() == Query.CteMaterialize.DEFAULT && refs == 1);
        return asked && !cte.recursive() && cte.query().commandType() == Query.CommandType.SELECT
                && !containsDml(cte.query())
                && (refs <= 1 || !containsOuterSelfReference(cte.query()))
                && !containsVolatile(cte.query());
    }

    /** cterefcount: the range table entries, at any depth, that refer to this level's WITH query {@code name}. */
    static int referenceCount(Query q, String name) {
        // an aggregate call sits both in the expression that has it and in the level's aggregate
        // list, so the walk may meet one sub-select twice: count entries, not visits
        Set<Query.RangeTblEntry> refs = Collections.newSetFromMap(new IdentityHashMap<>());
        VarTreeMutator.mapQuery(q, 0, new VarTreeMutator.VarMapper() {
            public Expr map(Expr.Var v, int depth) { return null; }

            public int cteLevelsUp(Query.RangeTblEntry r, int depth) {
                if (r.cteName().equals(name) && r.ctelevelsup() == depth) refs.add(r);
                return r.ctelevelsup();
            }
        });
        return refs.size();
    }

    /**
     * inline_cte: each reference to {@code cte} becomes a subquery entry with a copy of its
     * query, whose references to levels above it move down by the reference's depth
     * (IncrementVarSublevelsUp(newquery, levelsup, 1)). The entry keeps its name and columns.
     */
    static Query inline(Query q, Query.CommonTableExpr cte) {
        return VarTreeMutator.mapQuery(q, 0, new VarTreeMutator.VarMapper() {
            public Expr map(Expr.Var v, int depth) { return null; }

            public Query.RangeTblEntry rangeTableEntry(Query.RangeTblEntry r, int depth) {
                if (r.kind() != Query.RteKind.CTE || !r.cteName().equals(cte.name()) || r.ctelevelsup() != depth) return r;
                Query sub = VarLevels.incrementLevelsUp(cte.query(), depth);
                return new Query.RangeTblEntry(Query.RteKind.SUBQUERY, r.refname(), null, null, null, r.columns(), null,
                        sub, null, null, null, 0, false, false);
            }
        });
    }

    private static Query withoutCte(Query q, int index) {
        List<Query.CommonTableExpr> ctes = new ArrayList<>(q.cteList());
        ctes.remove(index);
        return new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), q.targetList(), q.where(), q.sortClause(),
                q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(), q.sourceQuery(),
                q.returningList(), q.fromList(), q.groupClause(), q.havingQual(), q.distinctClause(), q.hasDistinctOn(),
                q.setOperations(), List.copyOf(ctes), q.windowClause(), q.groupingSets(), q.onConflict(), q.rowMarks(),
                q.mergeActionList(), q.withCheckOptions());
    }

    /** contain_dml: a query level anywhere in {@code q} that is not a plain SELECT (or locks rows). */
    static boolean containsDml(Query q) {
        return anyNode(q, n -> n instanceof Query x
                && (x.commandType() != Query.CommandType.SELECT || !x.rowMarks().isEmpty()));
    }

    /** contain_volatile_functions over every level of {@code q}. */
    static boolean containsVolatile(Query q) {
        return anyNode(q, n -> switch (n) {
            case Expr.FuncExpr f -> f.proc().volatility() == PgProc.Volatility.VOLATILE;
            case Expr.OpExpr o -> o.op().volatility() == PgProc.Volatility.VOLATILE;
            default -> false;
        });
    }

    /**
     * contain_outer_selfref: whether {@code cteQuery} (one level below the WITH list) reads the
     * work table of a recursive query of a level at or above the WITH list's.
     */
    static boolean containsOuterSelfReference(Query cteQuery) {
        boolean[] found = {false};
        VarTreeMutator.mapQuery(cteQuery, 1, new VarTreeMutator.VarMapper() {
            public Expr map(Expr.Var v, int depth) { return null; }

            public Query.RangeTblEntry rangeTableEntry(Query.RangeTblEntry r, int depth) {
                if (r.kind() == Query.RteKind.CTE && r.selfReference() && r.ctelevelsup() >= depth) found[0] = true;
                return r;
            }
        });
        return found[0];
    }

    /**
     * Whether {@code p} holds for a node of the query and expression tree below {@code node}
     * (nodes are the records of org.tusk.nodes; catalog objects they point to are not entered).
     */
    private static boolean anyNode(Object node, Predicate<Object> p) {
        if (node instanceof Record r) {
            if (!r.getClass().getPackageName().equals("org.tusk.nodes")) return false;
            if (p.test(r)) return true;
            for (Object c : NodeFields.children(r)) if (anyNode(c, p)) return true;
        } else if (node instanceof List<?> l) {
            for (Object o : l) if (anyNode(o, p)) return true;
        }
        return false;
    }
}
