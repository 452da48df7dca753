package org.tusk.parser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Parse analysis of MERGE (PostgreSQL 15's parse_merge.c transformMergeStmt, with
 * prepjointree.c transform_MERGE_to_join done here). The range table holds the target (entry
 * 1), then the source's entries, then the join of the two. The join tree is that one join: the
 * source LEFT JOIN the target on the join condition when a WHEN NOT MATCHED clause exists (so
 * that a source row without a target row still appears, with the target's columns NULL), else
 * an inner join. Each WHEN clause becomes a {@link Query.MergeAction} whose condition and new
 * row are analysed in the clause's own namespace (setNamespaceForMergeWhen): both relations for
 * MATCHED, only the source for NOT MATCHED, where naming the target is errorMissingRTE's
 * "invalid reference to FROM-clause entry". The target list of the query itself is empty;
 * MERGE has no RETURNING in PostgreSQL 15.
 */
final class MergeAnalysis {
    private final Analyzer a;
    private final ModifyAnalysis modify;

    MergeAnalysis(Analyzer a) {
        this.a = a;
        this.modify = new ModifyAnalysis(a);
    }

    Query transform(Stmt.MergeStmt s) {
        if (s.with() != null && s.with().recursive())
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "WITH RECURSIVE is not supported for MERGE statement");
        checkReachable(s.whenClauses());
        List<Query.CommonTableExpr> ctes = s.with() == null ? List.of() : new CteAnalysis(a).transformWith(s.with());
        Query.RangeTblEntry target = target(s.relation());
        a.setRangeTableEntry(target);
        NsItem targetItem = a.namespace.get(0);
        // the source is transformed with the target in the range table but not in the namespace
        a.namespace = new ArrayList<>();
        Query.JoinNode source = new ParseClause(a).transformFromClause(List.of(s.source()), List.of()).get(0);
        List<NsItem> sourceItems = List.copyOf(a.namespace);
        String sourceName = source instanceof Query.JoinNode.RangeRef r ? a.rtable.get(r.rtindex() - 1).refname()
                : a.rtable.get(((Query.JoinNode.Join) source).rtindex() - 1).refname();
        if (target.refname().equals(sourceName))
            throw PgException.error("42712", "name \"" + target.refname() + "\" specified more than once")
                    .withDetail("The name is used both as MERGE target table and data source.");

        List<NsItem> both = new ArrayList<>(sourceItems);
        both.add(targetItem);
        a.namespace = both;
        a.setExprKind("JOIN conditions");
        Expr joinCondition = a.coerceToBoolean(a.transformExpr(s.joinCondition()), "JOIN/ON", s.joinCondition().location());

        List<Query.MergeAction> actions = new ArrayList<>();
        boolean notMatched = false;
        for (Stmt.MergeWhenClause c : s.whenClauses()) {
            notMatched |= !c.matched();
            a.namespace = c.matched() ? both : new ArrayList<>(sourceItems);
            actions.add(action(target, c));
        }

        // transform_MERGE_to_join: the join's own range table entry, over the target's and the source's columns
        List<ColumnDef> joinCols = new ArrayList<>(target.columns());
        for (NsItem n : sourceItems) {
            if (!n.colsVisible()) continue;
            for (int i = 0; i < n.colnames().size(); i++)
                joinCols.add(new ColumnDef(n.colnames().get(i), n.colExprs().get(i).type(), n.colExprs().get(i).typmod()));
        }
        int joinIndex = a.addRangeTableEntry(new Query.RangeTblEntry(Query.RteKind.JOIN, null, null, null, null,
                List.copyOf(joinCols), null, null, null, null, null, 0, false, false));
        Query.JoinNode join = new Query.JoinNode.Join(notMatched ? Query.JoinType.LEFT : Query.JoinType.INNER, source,
                new Query.JoinNode.RangeRef(1), joinCondition, joinIndex);
        Query q = new Query(Query.CommandType.MERGE, null, List.copyOf(a.rtable), List.of(), null, List.of(), null, null,
                List.of(), 1, List.of(), null, List.of(), List.of(join), List.of(), null, List.of(), false, null, List.of(),
                List.of(), List.of(), null, List.of(), List.copyOf(actions));
        return ctes.isEmpty() ? q : q.withCteList(ctes);
    }

    /**
     * transformMergeStmt's first check: a WHEN clause after an unconditional one of the same kind
     * (MATCHED or NOT MATCHED) could never run.
     */
    private static void checkReachable(List<Stmt.MergeWhenClause> clauses) {
        boolean matchedDone = false, notMatchedDone = false;
        for (Stmt.MergeWhenClause c : clauses) {
            if (c.matched() ? matchedDone : notMatchedDone)
                throw PgException.error(SqlState.SYNTAX_ERROR,
                        "unreachable WHEN clause specified after unconditional WHEN clause");
            if (c.condition() == null) {
                if (c.matched()) matchedDone = true;
                else notMatchedDone = true;
            }
        }
    }

    /**
     * setTargetTable and the relkind and rule checks: MERGE changes plain and partitioned tables
     * only (0A000 with errdetail_relkind_not_supported's detail), and none with rules.
     */
    private Query.RangeTblEntry target(Stmt.RangeVar rv) {
        if (a.env() == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "MERGE is not supported yet");
        Query.RangeTblEntry rte = a.targetRangeTableEntry(rv, true);
        char relkind = rte.table() == null ? 'v' : rte.table().relkind();
        if (relkind != 'r' && relkind != 'p')
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot execute MERGE on relation \"" + rv.name() + "\"")
                    .withDetail("This operation is not supported for " + relkindName(relkind) + ".");
        if (!a.env().catalog().rulesOf(rte.table()).isEmpty())
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot execute MERGE on relation \"" + rv.name() + "\"")
                    .withDetail("MERGE is not supported for relations with rules.");
        return rte;
    }

    /** errdetail_relkind_not_supported's names of relation kinds. */
    private static String relkindName(char relkind) {
        return switch (relkind) {
            case 'v' -> "views";
            case 'm' -> "materialized views";
            case 'f' -> "foreign tables";
            case 'i' -> "indexes";
            case 'I' -> "partitioned indexes";
            case 'S' -> "sequences";
            case 'c' -> "composite types";
            case 't' -> "TOAST tables";
            default -> "this relation kind";
        };
    }

    /** One WHEN clause: its condition (EXPR_KIND_MERGE_WHEN) and its action's new row. */
    private Query.MergeAction action(Query.RangeTblEntry target, Stmt.MergeWhenClause c) {
        Expr qual = null;
        if (c.condition() != null) {
            a.setExprKind("MERGE WHEN conditions");
            qual = a.coerceToBoolean(a.transformExpr(c.condition()), "WHEN", c.condition().location());
        }
        return switch (c.action()) {
            case NOTHING -> new Query.MergeAction(c.matched(), Query.CommandType.SELECT, qual, List.of(), (char) 0);
            case DELETE -> new Query.MergeAction(true, Query.CommandType.DELETE, qual, List.of(), (char) 0);
            case UPDATE -> {
                a.setExprKind("UPDATE");
                yield new Query.MergeAction(true, Query.CommandType.UPDATE, qual, modify.updateTargetList(target,
                        c.targetList()), (char) 0);
            }
            case INSERT -> new Query.MergeAction(false, Query.CommandType.INSERT, qual, insertRow(target, c), c.overriding());
        };
    }

    /**
     * MERGE's INSERT: checkInsertTargets, transformInsertRow and rewriteTargetListIU's defaults,
     * giving the complete new row over the source's columns.
     */
    private List<Query.TargetEntry> insertRow(Query.RangeTblEntry rte, Stmt.MergeWhenClause c) {
        List<ColumnDef> cols = rte.columns();
        List<Integer> attnos = new ArrayList<>();
        if (c.targetList().isEmpty()) {
            for (int i = 0; i < cols.size(); i++) if (!cols.get(i).name().isEmpty()) attnos.add(i + 1);
        } else {
            for (Stmt.ResTarget t : c.targetList()) {
                int attno = modify.attno(rte, t.name(), t.location());
                if (attnos.contains(attno))
                    throw a.err("42701", "column \"" + t.name() + "\" specified more than once", t.location());
                attnos.add(attno);
            }
        }
        Map<Integer, Expr> byAttno = new HashMap<>();
        if (c.values() != null) {
            List<RawExpr> row = c.values();
            if (row.size() > attnos.size())
                throw a.err(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                        row.get(attnos.size()).location());
            if (row.size() < attnos.size() && !c.targetList().isEmpty())
                throw a.err(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                        c.targetList().get(row.size()).location());
            a.setExprKind("VALUES");
            for (int i = 0; i < row.size(); i++) {
                int attno = attnos.get(i);
                RawExpr item = row.get(i);
                boolean useDefault = item instanceof RawExpr.SetToDefault
                        || ModifyAnalysis.identityOverridden(rte, attno, c.overriding());
                if (!useDefault) ModifyAnalysis.checkIdentityInsert(rte, attno, c.overriding());
                byAttno.put(attno, useDefault ? modify.defaultExpr(rte, attno)
                        : modify.assigned(a.transformExpr(item), rte, attno, ModifyAnalysis.leftmost(item)));
            }
        }
        List<Query.TargetEntry> tlist = new ArrayList<>();
        for (int attno = 1; attno <= cols.size(); attno++) {
            Expr e = byAttno.containsKey(attno) ? byAttno.get(attno) : modify.defaultExpr(rte, attno);
            tlist.add(new Query.TargetEntry(e, attno, cols.get(attno - 1).name(), false));
        }
        return List.copyOf(tlist);
    }
}
