package org.tusk.rewrite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;

import org.tusk.catalog.PolicyInfo;
import org.tusk.catalog.RelationProvider;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * fireRIRrules' row-level security step for one query level: every table entry whose policies
 * apply ({@link RowSecurity}) gets its security quals, and the statement's target its checks.
 *
 * <p>PostgreSQL keeps the quals on the range table entry (securityQuals) and the planner
 * evaluates them before the query's own quals. Tusk places them where they have the same
 * meaning: ANDed in front of the level's WHERE for the target of UPDATE/DELETE and for any entry
 * joined only by inner joins, or, for an entry on the nullable side of an outer join, by turning
 * the entry into a subquery {@code SELECT cols FROM ONLY? table WHERE quals} at the same index,
 * as a security-barrier view's expansion would. The rows a statement writes get
 * WCO_RLS_INSERT_CHECK / WCO_RLS_UPDATE_CHECK checks, placed before any view's checks.
 *
 * <p>A policy expression's own SubLinks are rewritten too (views expanded, their tables' policies
 * applied); a table reached again while its policies are being expanded is 42P17, as
 * PostgreSQL's "infinite recursion detected in policy".
 */
final class RowSecurityRewriter {
    private final ExecEnvironment env;
    private final RelationProvider relations;
    private final InputSettings zone;
    private final String currentDatabase;
    private final boolean rowSecurity;
    private final Deque<Integer> active = new ArrayDeque<>();

    RowSecurityRewriter(ExecEnvironment env, RelationProvider relations, InputSettings zone, String currentDatabase,
                        boolean rowSecurity) {
        this.env = env;
        this.relations = relations;
        this.zone = zone;
        this.currentDatabase = currentDatabase;
        this.rowSecurity = rowSecurity;
    }

    /**
     * The level {@code q} with its tables' policies applied; {@code checkAsUser} as fireRIRrules
     * has it (0: the current user), {@code rewriteSub} what fireRIRrules does to a query below.
     */
    Query apply(Query q, int checkAsUser, UnaryOperator<Query> rewriteSub) {
        if (q.commandType() == Query.CommandType.UTILITY || q.commandType() == Query.CommandType.MERGE) return q;
        int userId = checkAsUser != 0 ? checkAsUser : env.currentUserId();
        BitSet inner = innerEntries(q);
        List<Query.RangeTblEntry> rt = new ArrayList<>(q.rangeTable());
        List<Expr> whereQuals = new ArrayList<>();
        List<Query.WithCheckOption> checks = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < rt.size(); i++) {
            Query.RangeTblEntry rte = rt.get(i);
            Relation rel = rte.table();
            if (rte.kind() != Query.RteKind.RELATION || rel == null || (rel.relkind() != 'r' && rel.relkind() != 'p')) continue;
            if (!RowSecurity.enabled(rel, userId, env, rowSecurity)) continue;
            int rti = i + 1;
            boolean isTarget = rti == q.resultRelation();
            Query.CommandType cmd = isTarget ? q.commandType() : Query.CommandType.SELECT;
            boolean locked = q.rowMarks().stream().anyMatch(m -> m.rti() == rti);
            if (active.contains(rel.oid())) {
                throw PgException.error("42P17", "infinite recursion detected in policy for relation \"" + rel.name() + "\"");
            }
            active.push(rel.oid());
            RowSecurity.Applied a;
            try {
                List<PolicyInfo> all = env.catalog().policiesOf(rel);
                boolean onTarget = isTarget || inner.get(rti);
                int varno = onTarget ? rti : 1;
                a = RowSecurity.policies(rel.name(), cmd, isTarget && needsSelect(q), locked, userId,
                        env.privilegeRoles(userId), all,
                        (p, text) -> expression(rel, text, varno, rewriteSub));
                if (isTarget) {
                    // the checks read the new row, which is entry rti of this level
                    checks.addAll(a.withCheckOptions());
                }
                if (!a.securityQuals().isEmpty()) {
                    changed = true;
                    if (onTarget) whereQuals.addAll(a.securityQuals());
                    else rt.set(i, wrap(rte, RowSecurity.and(a.securityQuals())));
                }
            } finally {
                active.pop();
            }
            if (!a.withCheckOptions().isEmpty()) changed = true;
        }
        if (!changed) return q;
        Expr where = q.where();
        if (!whereQuals.isEmpty()) {
            List<Expr> all = new ArrayList<>(whereQuals);
            if (where != null) all.add(where);
            where = RowSecurity.and(all);
        }
        List<Query.WithCheckOption> wcos = new ArrayList<>(checks);
        wcos.addAll(q.withCheckOptions());
        return new Query(q.commandType(), q.utilityStmt(), List.copyOf(rt), q.targetList(), where, q.sortClause(),
                q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(), q.sourceQuery(),
                q.returningList(), q.fromList(), q.groupClause(), q.havingQual(), q.distinctClause(), q.hasDistinctOn(),
                q.setOperations(), q.cteList(), q.windowClause(), q.groupingSets(), q.onConflict(), q.rowMarks(),
                q.mergeActionList(), List.copyOf(wcos));
    }

    /** A policy expression analysed onto entry {@code varno}, its SubLinks rewritten. */
    private Expr expression(Relation rel, String text, int varno, UnaryOperator<Query> rewriteSub) {
        Expr e = PolicyExpressions.analyze(rel, text, relations, env, zone, currentDatabase).expr();
        e = QueryWalker.exprs(e, rewriteSub);
        return PolicyExpressions.onEntry(e, varno);
    }

    /**
     * Whether an UPDATE or DELETE reads its target's rows (the SELECT privilege PostgreSQL's
     * requiredPerms would hold): a WHERE, RETURNING, or SET expressions reading the target's
     * columns; for INSERT, RETURNING.
     */
    private static boolean needsSelect(Query q) {
        if (!q.returningList().isEmpty()) return true;
        if (q.commandType() == Query.CommandType.INSERT) return false;
        if (q.where() != null) return true;
        if (q.commandType() == Query.CommandType.UPDATE) {
            for (Query.TargetEntry te : q.targetList()) {
                // a column copied unchanged is the old row's own Var at its own position
                if (te.expr() instanceof Expr.Var v && v.levelsup() == 0 && v.varno() == q.resultRelation()
                        && v.attno() == te.resno()) continue;
                if (RewriteManip.refersTo(te.expr(), q.resultRelation())) return true;
            }
        }
        return false;
    }

    /** The entries (1-based) joined at this level by inner joins only: quals on them may go to WHERE. */
    private static BitSet innerEntries(Query q) {
        BitSet out = new BitSet();
        for (Query.JoinNode j : q.fromList()) mark(j, true, out);
        return out;
    }

    private static void mark(Query.JoinNode j, boolean inner, BitSet out) {
        switch (j) {
            case Query.JoinNode.RangeRef r -> { if (inner) out.set(r.rtindex()); }
            case Query.JoinNode.Join x -> {
                boolean left = inner && (x.type() == Query.JoinType.INNER || x.type() == Query.JoinType.LEFT
                        || x.type() == Query.JoinType.SEMI || x.type() == Query.JoinType.ANTI);
                boolean right = inner && (x.type() == Query.JoinType.INNER || x.type() == Query.JoinType.RIGHT);
                mark(x.left(), left, out);
                mark(x.right(), right, out);
            }
        }
    }

    /** The entry as a subquery over the table that yields only the rows passing {@code quals}. */
    private static Query.RangeTblEntry wrap(Query.RangeTblEntry rte, Expr quals) {
        Query.RangeTblEntry base = new Query.RangeTblEntry(Query.RteKind.RELATION, rte.refname(), rte.schema(), rte.relname(),
                rte.relation(), rte.columns(), rte.table(), null, null, null, null, 0, false, false, rte.inh());
        List<Query.TargetEntry> tl = new ArrayList<>();
        for (int i = 0; i < rte.columns().size(); i++) {
            var c = rte.columns().get(i);
            tl.add(new Query.TargetEntry(new Expr.Var(1, i + 1, c.typeOid(), c.typmod(), c.name(), -1, 0), i + 1, c.name(), false));
        }
        Query sub = new Query(Query.CommandType.SELECT, null, List.of(base), List.copyOf(tl), quals, List.of(), null, null,
                List.of(), 0, null, null, List.of(), List.of(new Query.JoinNode.RangeRef(1)), List.of(), null, List.of(),
                false, null, List.of(), List.of(), List.of(), null, List.of(), List.of());
        return new Query.RangeTblEntry(Query.RteKind.SUBQUERY, rte.refname(), null, null, null, rte.columns(), null, sub,
                null, null, null, 0, false, rte.lateral());
    }
}
