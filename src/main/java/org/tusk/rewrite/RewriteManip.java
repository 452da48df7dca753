package org.tusk.rewrite;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;

/**
 * The Var surgery of PostgreSQL's rewriteManip.c that the rewriter needs: ReplaceVarsFromTargetList
 * (a view's column becomes the view's expression for it), ChangeVarNodes (range table entry
 * {@code n} becomes entry {@code m}) and IncrementVarSublevelsUp, each over an expression and
 * every query level nested in it, knowing at each Var how many levels below the starting level
 * it sits. The optimizer has its own copy of the walk (optimizer.VarLevels); the layering keeps
 * the rewriter from importing it.
 */
public final class RewriteManip {
    private RewriteManip() {}

    /** What to put in place of a Var found {@code depth} levels below the starting level; null keeps it. */
    @FunctionalInterface
    interface VarMapper {
        Expr map(Expr.Var v, int depth);
    }

    /** IncrementVarSublevelsUp: Vars of the starting level or above move {@code delta} levels outwards. */
    static Expr incrementLevelsUp(Expr e, int delta) {
        if (delta == 0 || e == null) return e;
        return map(e, 0, (v, depth) -> v.levelsup() >= depth ? withVar(v, v.varno(), v.levelsup() + delta) : null);
    }

    /** ChangeVarNodes: Vars of entry {@code from} at the starting level refer to entry {@code to} instead. */
    static Expr changeVarNodes(Expr e, int from, int to) {
        if (from == to || e == null) return e;
        return map(e, 0, (v, depth) -> v.levelsup() == depth && v.varno() == from ? withVar(v, to, v.levelsup()) : null);
    }

    /**
     * ReplaceVarsFromTargetList: every Var of entry {@code varno} of the starting level, at any
     * depth, becomes {@code exprs.get(attno - 1)} (an expression of the starting level) moved
     * down to where the Var was.
     */
    static Expr replaceVars(Expr e, int varno, List<Expr> exprs) {
        return map(e, 0, (v, depth) -> v.levelsup() == depth && v.varno() == varno && v.attno() >= 1
                && v.attno() <= exprs.size() ? incrementLevelsUp(exprs.get(v.attno() - 1), depth) : null);
    }

    /** The same for a whole query (its own level is the starting level). */
    static Query replaceVars(Query q, int varno, List<Expr> exprs) {
        return mapQuery(q, 0, (v, depth) -> v.levelsup() == depth && v.varno() == varno && v.attno() >= 1
                && v.attno() <= exprs.size() ? incrementLevelsUp(exprs.get(v.attno() - 1), depth) : null);
    }

    /** Whether {@code e} refers, at any depth, to entry {@code varno} of the starting level with a level-0-relative Var. */
    static boolean refersTo(Expr e, int varno) {
        boolean[] found = {false};
        map(e, 0, (v, depth) -> {
            if (v.levelsup() == depth && v.varno() == varno) found[0] = true;
            return null;
        });
        return found[0];
    }

    /** OffsetVarNodes: Vars of the starting level (varno &gt; 0) move {@code k} places along the range table. */
    static Expr offsetVarNodes(Expr e, int k) {
        if (k == 0 || e == null) return e;
        return map(e, 0, (v, depth) -> v.levelsup() == depth && v.varno() > 0 ? withVar(v, v.varno() + k, v.levelsup()) : null);
    }

    /** The join tree item with its range table references moved {@code k} places. */
    static Query.JoinNode offsetJoin(Query.JoinNode n, int k) {
        return switch (n) {
            case Query.JoinNode.RangeRef r -> new Query.JoinNode.RangeRef(r.rtindex() + k);
            case Query.JoinNode.Join j -> new Query.JoinNode.Join(j.type(), offsetJoin(j.left(), k), offsetJoin(j.right(), k),
                    offsetVarNodes(j.quals(), k), j.rtindex() + k, j.usingNames());
        };
    }

    /** Whether a Var with {@code varno} occurs anywhere in {@code e}, whatever its level (the rule markers). */
    static boolean refersToAnyLevel(Expr e, int varno) {
        boolean[] found = {false};
        map(e, 0, (v, depth) -> {
            if (v.varno() == varno) found[0] = true;
            return null;
        });
        return found[0];
    }

    static boolean refersToAnyLevel(Query q, int varno) {
        boolean[] found = {false};
        mapQuery(q, 0, (v, depth) -> {
            if (v.varno() == varno) found[0] = true;
            return null;
        });
        return found[0];
    }

    /**
     * The rule markers (OLD and NEW Vars, levelsup 0 at whatever level they stand) replaced by
     * expressions of the starting level, moved down to where each marker was.
     */
    static VarMapper markers(List<Expr> oldExprs, List<Expr> newExprs) {
        return (v, depth) -> {
            List<Expr> l = v.varno() == RuleActions.OLD_VARNO ? oldExprs : v.varno() == RuleActions.NEW_VARNO ? newExprs : null;
            if (l == null) return null;
            return incrementLevelsUp(l.get(v.attno() - 1), depth);
        };
    }

    private static Expr.Var withVar(Expr.Var v, int varno, int levelsup) {
        return new Expr.Var(varno, v.attno(), v.type(), v.typmod(), v.name(), v.location(), levelsup);
    }

    static Expr map(Expr e, int depth, VarMapper f) {
        if (e == null) return null;
        return ExprTrees.map(e, x -> switch (x) {
            case Expr.Var v -> {
                Expr r = f.map(v, depth);
                yield r == null ? v : r;
            }
            case Expr.SubLink s -> new Expr.SubLink(s.kind(), map(s.testexpr(), depth, f),
                    mapQuery(s.subselect(), depth + 1, f), s.type(), s.typmod(), s.location());
            case Expr.Aggref a -> {
                List<Expr.AggSort> order = new ArrayList<>();
                for (Expr.AggSort o : a.order()) order.add(new Expr.AggSort(map(o.expr(), depth, f), o.desc(), o.nullsFirst()));
                yield a.withParts(mapAll(a.args(), depth, f), map(a.filter(), depth, f), List.copyOf(order));
            }
            default -> null;
        });
    }

    static List<Expr> mapAll(List<Expr> l, int depth, VarMapper f) {
        if (l == null) return null;
        List<Expr> out = new ArrayList<>(l.size());
        for (Expr e : l) out.add(map(e, depth, f));
        return out;
    }

    static List<Query.TargetEntry> mapTargets(List<Query.TargetEntry> l, int depth, VarMapper f) {
        List<Query.TargetEntry> out = new ArrayList<>(l.size());
        for (Query.TargetEntry te : l) out.add(new Query.TargetEntry(map(te.expr(), depth, f), te.resno(), te.name(), te.resjunk()));
        return List.copyOf(out);
    }

    /** query_tree_mutator: every expression of {@code q} (at {@code depth}) and of the levels below it. */
    static Query mapQuery(Query q, int depth, VarMapper f) {
        List<Query.RangeTblEntry> rt = new ArrayList<>();
        for (Query.RangeTblEntry r : q.rangeTable()) rt.add(mapRte(r, depth, f));
        List<Expr.Aggref> aggs = new ArrayList<>();
        for (Expr.Aggref a : q.aggregates()) aggs.add((Expr.Aggref) map(a, depth, f));
        List<List<Expr>> values = null;
        if (q.valuesLists() != null) {
            values = new ArrayList<>();
            for (List<Expr> row : q.valuesLists()) values.add(mapAll(row, depth, f));
        }
        List<Query.JoinNode> from = new ArrayList<>();
        for (Query.JoinNode n : q.fromList()) from.add(mapJoin(n, depth, f));
        List<Query.CommonTableExpr> ctes = new ArrayList<>();
        for (Query.CommonTableExpr c : q.cteList()) ctes.add(c.withQuery(mapQuery(c.query(), depth + 1, f)));
        Query.OnConflictExpr oc = q.onConflict();
        if (oc != null) {
            oc = new Query.OnConflictExpr(oc.doUpdate(), oc.arbiterIndexes(),
                    oc.onConflictSet() == null ? null : mapTargets(oc.onConflictSet(), depth, f),
                    map(oc.onConflictWhere(), depth, f), oc.exclRelIndex());
        }
        return new Query(q.commandType(), q.utilityStmt(), List.copyOf(rt), mapTargets(q.targetList(), depth, f),
                map(q.where(), depth, f), q.sortClause(), map(q.limitCount(), depth, f), map(q.limitOffset(), depth, f),
                List.copyOf(aggs), q.resultRelation(), values,
                q.sourceQuery() == null ? null : mapQuery(q.sourceQuery(), depth + 1, f),
                mapTargets(q.returningList(), depth, f), List.copyOf(from), q.groupClause(), map(q.havingQual(), depth, f),
                q.distinctClause(), q.hasDistinctOn(), q.setOperations(), List.copyOf(ctes), q.windowClause(),
                q.groupingSets(), oc, q.rowMarks());
    }

    private static Query.JoinNode mapJoin(Query.JoinNode n, int depth, VarMapper f) {
        return switch (n) {
            case Query.JoinNode.RangeRef r -> r;
            case Query.JoinNode.Join j -> new Query.JoinNode.Join(j.type(), mapJoin(j.left(), depth, f),
                    mapJoin(j.right(), depth, f), map(j.quals(), depth, f), j.rtindex(), j.usingNames());
        };
    }

    private static Query.RangeTblEntry mapRte(Query.RangeTblEntry r, int depth, VarMapper f) {
        Query sub = r.subquery() == null ? null : mapQuery(r.subquery(), depth + 1, f);
        List<List<Expr>> values = null;
        if (r.values() != null) {
            values = new ArrayList<>();
            for (List<Expr> row : r.values()) values.add(mapAll(row, depth, f));
        }
        List<Query.RangeTblFunction> calls = new ArrayList<>();
        for (Query.RangeTblFunction c : r.functions())
            calls.add(new Query.RangeTblFunction(map(c.funcexpr(), depth, f), c.columnCount()));
        return new Query.RangeTblEntry(r.kind(), r.refname(), r.schema(), r.relname(), r.relation(), r.columns(), r.table(),
                sub, values, map(r.function(), depth, f), r.cteName(), r.ctelevelsup(), r.selfReference(), r.lateral(),
                r.inh(), List.copyOf(calls), r.funcOrdinality());
    }
}
