package org.tusk.rewrite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.RuleInfo;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * RewriteQuery, fireRules and rewriteRuleAction (rewriteHandler.c): the rules of an INSERT,
 * UPDATE or DELETE's target turn the statement into a list of statements.
 *
 * <p>For each rule of the event, in name order: its actions, each joined with the original
 * statement's rows (rewriteRuleAction: the original's range table, join tree and WHERE are
 * added to the action's, OLD becomes the original target's row, NEW the original's new row,
 * and the rule's condition is ANDed in); an INSERT ... VALUES action becomes INSERT ... SELECT
 * over those rows. An unconditional INSTEAD rule drops the original; a conditional one keeps it
 * with "condition IS NOT TRUE" added (AddInvertedQual). A view without an unconditional INSTEAD
 * rule is updated automatically (rewriteTargetView), never with a conditional INSTEAD rule.
 * Every product is rewritten again (rules of the relations the actions change), with 42P17 if
 * a relation's rules reach it again.
 *
 * <p>Order (PostgreSQL's): for INSERT the original (or its conditioned copy) runs first, then the
 * actions; for UPDATE and DELETE the actions run first. The command tag comes from the original
 * if it is still there, else from the last query of the original's kind that an INSTEAD rule
 * produced, else it is the original's kind with 0 rows.
 *
 * <p>Tusk's INSERT keeps its source row in Vars of index 2 over its VALUES lists or source query
 * (see {@link Query}); here that source becomes a VALUES or subquery range table entry that the
 * actions join.
 */
final class RuleFirer {
    /** One statement of the product, with where it came from (querySource / canSetTag's input). */
    record Product(Query query, boolean original, boolean instead) {}

    private final RewriteHandler handler;
    private final ViewTargetRewriter views;
    private final Deque<Integer> active = new ArrayDeque<>();

    RuleFirer(RewriteHandler handler) {
        this.handler = handler;
        this.views = new ViewTargetRewriter(handler);
    }

    /** RewriteQuery for {@code q} and everything its rules produce. */
    List<Product> rewrite(Query q, boolean original, boolean fromInstead) {
        Query.RangeTblEntry target = q.resultRte();
        if (q.commandType() == Query.CommandType.SELECT || q.commandType() == Query.CommandType.UTILITY
                || target == null || target.table() == null) {
            return List.of(new Product(q, original, fromInstead));
        }
        Relation rel = target.table();
        char ev = switch (q.commandType()) {
            case INSERT -> '3';
            case UPDATE -> '2';
            default -> '4';
        };
        List<RuleInfo> rules = new ArrayList<>();
        for (RuleInfo r : handler.env().catalog().rulesOf(rel)) if (r.evType() == ev && r.enabled() != 'D') rules.add(r);
        if (rules.isEmpty() && rel.relkind() != 'v') return List.of(new Product(q, original, fromInstead));
        if (active.contains(rel.oid())) {
            throw PgException.error("42P17", "infinite recursion detected in rules for relation \"" + rel.name() + "\"");
        }
        active.push(rel.oid());
        try {
            List<Product> products = new ArrayList<>();
            boolean instead = false;
            boolean returning = false;
            Query qualProduct = null;
            RowSource rows = new RowSource(q);
            for (RuleInfo rule : rules) {
                RuleActions ra = handler.ruleActions(rel, rule);
                if (rule.instead()) {
                    if (ra.qual() == null) instead = true;
                    else qualProduct = rows.withInvertedQual(qualProduct == null ? q : qualProduct, ra.qual());
                }
                for (Query action : ra.actions()) {
                    if (action.commandType() == Query.CommandType.UTILITY) {
                        // AddQual: a NOTIFY has no place for the rule's condition and runs whatever the rows
                        products.add(new Product(action, false, rule.instead()));
                        continue;
                    }
                    Query a = rows.embed(action, ra.qual());
                    if (rule.instead() && !a.returningList().isEmpty()) returning = true;
                    products.add(new Product(a, false, rule.instead()));
                }
            }
            // a view with an INSTEAD OF trigger for the event stays the target: the executor calls the trigger
            if (!instead && rel.relkind() == 'v' && !ViewInsteadTriggers.has(rel, q.commandType(), handler.env().catalog())) {
                if (qualProduct != null) {
                    throw RewriteHandler.notUpdatable(q.commandType(), rel,
                            "Views with conditional DO INSTEAD rules are not automatically updatable.");
                }
                Query v = views.rewrite(q, rel);
                if (q.commandType() == Query.CommandType.INSERT) products.add(0, new Product(v, original, fromInstead));
                else products.add(new Product(v, original, fromInstead));
                instead = true;
                returning = true;
            }
            if ((instead || qualProduct != null) && !q.returningList().isEmpty() && !returning) {
                String cmd = q.commandType().name();
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot perform " + cmd + " RETURNING on relation \""
                        + rel.name() + "\"").withHint("You need an unconditional ON " + cmd
                        + " DO INSTEAD rule with a RETURNING clause.");
            }
            List<Product> out = new ArrayList<>();
            for (Product p : products) out.addAll(rewrite(p.query(), p.original(), p.instead()));
            if (!instead) {
                Product kept = new Product(qualProduct != null ? qualProduct : q, original, fromInstead);
                if (q.commandType() == Query.CommandType.INSERT) out.add(0, kept);
                else out.add(kept);
            }
            return out;
        } finally {
            active.pop();
        }
    }

    /**
     * The rows of the original statement as rule actions see them: range table, join tree and
     * WHERE to join, and what OLD and NEW stand for, in that range table's numbering.
     */
    private static final class RowSource {
        private final Query q;
        private final List<Query.RangeTblEntry> rtable;
        private final List<Query.JoinNode> from;
        private final Expr where;
        private final List<Expr> oldExprs;
        private final List<Expr> newExprs;
        /** The target's place in the original's join tree (UPDATE/DELETE), 0 for INSERT. */
        private final int target;

        RowSource(Query q) {
            this.q = q;
            List<Expr> olds = new ArrayList<>();
            List<Expr> news = new ArrayList<>();
            if (q.commandType() == Query.CommandType.INSERT) {
                // the source rows as a range table entry of their own; NEW reads them through the new row's expressions
                Query.RangeTblEntry src = sourceEntry(q);
                rtable = List.of(src);
                from = List.of(new Query.JoinNode.RangeRef(1));
                where = null;
                target = 0;
                for (Query.TargetEntry te : q.targetList()) news.add(RewriteManip.map(te.expr(), 0,
                        (v, depth) -> v.levelsup() == depth && v.varno() == 2
                                ? new Expr.Var(1, v.attno(), v.type(), v.typmod(), v.name(), v.location(), v.levelsup())
                                : null));
            } else {
                rtable = q.rangeTable();
                from = q.fromList();
                where = q.where();
                target = q.resultRelation();
                List<ColumnDef> cols = q.resultRte().columns();
                for (int a = 1; a <= cols.size(); a++) {
                    ColumnDef c = cols.get(a - 1);
                    olds.add(new Expr.Var(target, a, c.typeOid(), c.typmod(), c.name(), -1));
                }
                for (Query.TargetEntry te : q.targetList()) news.add(te.expr());
            }
            oldExprs = olds;
            newExprs = news;
        }

        /** The VALUES lists or source query of an INSERT as a range table entry. */
        private static Query.RangeTblEntry sourceEntry(Query q) {
            List<ColumnDef> cols = new ArrayList<>();
            if (q.sourceQuery() != null) {
                int i = 0;
                for (Query.TargetEntry te : q.sourceQuery().targetList()) {
                    if (te.resjunk()) continue;
                    cols.add(new ColumnDef(te.name() == null ? "column" + (++i) : te.name(), te.expr().type(), te.expr().typmod()));
                }
                return new Query.RangeTblEntry(Query.RteKind.SUBQUERY, "*SELECT*", null, null, null, List.copyOf(cols), null,
                        q.sourceQuery(), null, null, null, 0, false, false);
            }
            List<Expr> first = q.valuesLists().isEmpty() ? List.of() : q.valuesLists().get(0);
            for (int c = 0; c < first.size(); c++) {
                cols.add(new ColumnDef("column" + (c + 1), first.get(c).type(), first.get(c).typmod()));
            }
            return new Query.RangeTblEntry(Query.RteKind.VALUES, "*VALUES*", null, null, null, List.copyOf(cols), null, null,
                    q.valuesLists(), null, null, 0, false, false);
        }

        /** The rule condition in this source's numbering. */
        private Expr qual(Expr ruleQual) {
            return ruleQual == null ? null : RewriteManip.map(ruleQual, 0, RewriteManip.markers(oldExprs, newExprs));
        }

        /**
         * rewriteRuleAction: the action joined with these rows. The target stays in the join
         * tree only if something reads it (adjustJoinTreeList's keeporig), so that an action
         * that does not mention OLD runs once, not once per row, when nothing else asks for it.
         */
        Query embed(Query action, Expr ruleQual) {
            if (!q.cteList().isEmpty() && action.commandType() == Query.CommandType.INSERT && action.sourceQuery() != null
                    && q.cteList().stream().anyMatch(c -> c.query().commandType() != Query.CommandType.SELECT)) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "INSERT...SELECT rule actions are not supported for queries having data-modifying statements in WITH");
            }
            boolean usesRows = RuleActions.uses(action, RuleActions.OLD_VARNO) || RuleActions.uses(action, RuleActions.NEW_VARNO)
                    || RuleActions.uses(ruleQual, RuleActions.OLD_VARNO) || RuleActions.uses(ruleQual, RuleActions.NEW_VARNO)
                    || (where != null && target > 0 && RewriteManip.refersTo(where, target));
            List<Query.JoinNode> joined = new ArrayList<>();
            for (Query.JoinNode n : from) {
                if (!usesRows && target > 0 && n instanceof Query.JoinNode.RangeRef r && r.rtindex() == target) continue;
                joined.add(n);
            }
            Expr qual = qual(ruleQual);
            return switch (action.commandType()) {
                case INSERT -> embedInsert(action, joined, qual);
                case UPDATE, DELETE -> embedInto(action, joined, qual, true);
                default -> {
                    // a SELECT action reads the original's rows like any other (its rows go to the client);
                    // a set operation's join tree is a dummy, where nothing could be joined
                    if (action.setOperations() != null && (!joined.isEmpty() || qual != null || where != null)) {
                        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                                "conditional UNION/INTERSECT/EXCEPT statements are not implemented");
                    }
                    yield action.setOperations() != null ? withCteList(action, withCtes(action.cteList()))
                            : embedInto(action, joined, qual, false);
                }
            };
        }

        /** An UPDATE/DELETE action, or an INSERT's SELECT: this source's range table appended, its join tree and quals added. */
        private Query embedInto(Query a, List<Query.JoinNode> joined, Expr qual, boolean keepResult) {
            int k = a.rangeTable().size();
            Query m = RewriteManip.mapQuery(a, 0, RewriteManip.markers(offsetAll(oldExprs, k), offsetAll(newExprs, k)));
            List<Query.RangeTblEntry> rt = new ArrayList<>(m.rangeTable());
            rt.addAll(rtable);
            List<Query.JoinNode> fl = new ArrayList<>(m.fromList());
            for (Query.JoinNode n : joined) fl.add(RewriteManip.offsetJoin(n, k));
            Expr w = and(m.where(), and(RewriteManip.offsetVarNodes(where, k), RewriteManip.offsetVarNodes(qual, k)));
            return new Query(m.commandType(), m.utilityStmt(), List.copyOf(rt), m.targetList(), w, m.sortClause(),
                    m.limitCount(), m.limitOffset(), m.aggregates(), keepResult ? m.resultRelation() : 0, m.valuesLists(),
                    m.sourceQuery(), m.returningList(), List.copyOf(fl), m.groupClause(), m.havingQual(),
                    m.distinctClause(), m.hasDistinctOn(), m.setOperations(), withCtes(m.cteList()), m.windowClause(),
                    m.groupingSets(), m.onConflict(), m.rowMarks(), m.mergeActionList(), m.withCheckOptions());
        }

        /** An INSERT action: its VALUES row or SELECT becomes a SELECT over this source's rows. */
        private Query embedInsert(Query a, List<Query.JoinNode> joined, Expr qual) {
            if (a.sourceQuery() != null) {
                Query s = embedInto(a.sourceQuery(), joined, qual, false);
                return withSource(a, s);
            }
            if (a.valuesLists().size() != 1) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "rule actions that insert several VALUES rows are not supported by Tusk");
            }
            List<Query.TargetEntry> tl = new ArrayList<>();
            List<Expr> row = a.valuesLists().get(0);
            RewriteManip.VarMapper mk = RewriteManip.markers(oldExprs, newExprs);
            for (int i = 0; i < row.size(); i++) {
                tl.add(new Query.TargetEntry(RewriteManip.map(row.get(i), 0, mk), i + 1, "column" + (i + 1), false));
            }
            if (modifyingCtes()) {
                // PostgreSQL's action is this very INSERT (sub_action == rule_action), which takes the
                // original's WITH queries; a data-modifying one runs only at the top level, so they go on
                // the INSERT and the source rows, now a level further down, refer one level further up
                Query s = new Query(Query.CommandType.SELECT, null, rtable, List.copyOf(tl), and(where, qual), List.of(),
                        null, null, List.of(), 0, List.of(), null, List.of(), List.copyOf(joined), List.of(), null,
                        List.of(), false, null, List.of());
                s = RewriteManip.mapQuery(s, 0, cteShifter());
                Query withSrc = withSource(a, s);
                return withCteList(withSrc, withCtes(a.cteList()));
            }
            Query s = new Query(Query.CommandType.SELECT, null, rtable, List.copyOf(tl), and(where, qual), List.of(), null,
                    null, List.of(), 0, List.of(), null, List.of(), List.copyOf(joined), List.of(), null, List.of(), false,
                    null, withCtes(List.of()));
            return withSource(a, s);
        }

        private boolean modifyingCtes() {
            return q.cteList().stream().anyMatch(c -> c.query().commandType() != Query.CommandType.SELECT);
        }

        /** CTE references to the starting level or above move one level out (the WITH list moved up a level). */
        private static RewriteManip.VarMapper cteShifter() {
            return new RewriteManip.VarMapper() {
                public Expr map(Expr.Var v, int depth) {
                    return null;
                }

                public int cteLevelsUp(int ctelevelsup, int depth) {
                    return ctelevelsup >= depth ? ctelevelsup + 1 : ctelevelsup;
                }
            };
        }

        /** AddInvertedQual: the original with "condition IS NOT TRUE" added (for INSERT, to its source rows). */
        Query withInvertedQual(Query base, Expr ruleQual) {
            Expr inv = new Expr.BooleanTest(qual(ruleQual), RawExpr.BoolTestType.IS_NOT_TRUE);
            if (base.commandType() != Query.CommandType.INSERT) {
                return withWhere(base, and(base.where(), inv));
            }
            // the source rows, filtered: SELECT * FROM (source) WHERE condition IS NOT TRUE
            if (base != q) {
                return withSource(base, withWhere(base.sourceQuery(), and(base.sourceQuery().where(), inv)));
            }
            Query.RangeTblEntry src = rtable.get(0);
            List<Query.TargetEntry> tl = new ArrayList<>();
            for (int i = 0; i < src.columns().size(); i++) {
                ColumnDef c = src.columns().get(i);
                tl.add(new Query.TargetEntry(new Expr.Var(1, i + 1, c.typeOid(), c.typmod(), c.name(), -1), i + 1, c.name(), false));
            }
            Query s = new Query(Query.CommandType.SELECT, null, List.of(src), List.copyOf(tl), inv, List.of(), null, null,
                    List.of(), 0, List.of(), null, List.of(), List.of(new Query.JoinNode.RangeRef(1)), List.of(), null,
                    List.of(), false, null, List.of());
            return withSource(base, s);
        }

        /**
         * rewriteRuleAction: the original's WITH queries go with its range table, which may refer
         * to them; 42712 if the action has a WITH query of the same name.
         */
        private List<Query.CommonTableExpr> withCtes(List<Query.CommonTableExpr> own) {
            if (q.cteList().isEmpty()) return own;
            List<Query.CommonTableExpr> out = new ArrayList<>(own);
            for (Query.CommonTableExpr c : q.cteList()) {
                for (Query.CommonTableExpr o : own) {
                    if (o.name().equals(c.name())) {
                        throw PgException.error("42712", "WITH query name \"" + c.name()
                                + "\" appears in both a rule action and the query being rewritten");
                    }
                }
                out.add(c);
            }
            return List.copyOf(out);
        }

        private static List<Expr> offsetAll(List<Expr> l, int k) {
            List<Expr> out = new ArrayList<>(l.size());
            for (Expr e : l) out.add(RewriteManip.offsetVarNodes(e, k));
            return out;
        }
    }

    private static Expr and(Expr a, Expr b) {
        if (a == null) return b;
        if (b == null) return a;
        return new Expr.BoolExpr(RawExpr.BoolOp.AND, List.of(a, b));
    }

    private static Query withWhere(Query m, Expr w) {
        return new Query(m.commandType(), m.utilityStmt(), m.rangeTable(), m.targetList(), w, m.sortClause(),
                m.limitCount(), m.limitOffset(), m.aggregates(), m.resultRelation(), m.valuesLists(), m.sourceQuery(),
                m.returningList(), m.fromList(), m.groupClause(), m.havingQual(), m.distinctClause(), m.hasDistinctOn(),
                m.setOperations(), m.cteList(), m.windowClause(), m.groupingSets(), m.onConflict(), m.rowMarks(), m.mergeActionList(), m.withCheckOptions());
    }

    private static Query withCteList(Query m, List<Query.CommonTableExpr> ctes) {
        return new Query(m.commandType(), m.utilityStmt(), m.rangeTable(), m.targetList(), m.where(), m.sortClause(),
                m.limitCount(), m.limitOffset(), m.aggregates(), m.resultRelation(), m.valuesLists(), m.sourceQuery(),
                m.returningList(), m.fromList(), m.groupClause(), m.havingQual(), m.distinctClause(), m.hasDistinctOn(),
                m.setOperations(), ctes, m.windowClause(), m.groupingSets(), m.onConflict(), m.rowMarks(), m.mergeActionList(), m.withCheckOptions());
    }

    /** An INSERT reading its rows from {@code source} instead of VALUES lists. */
    private static Query withSource(Query m, Query source) {
        return new Query(m.commandType(), m.utilityStmt(), m.rangeTable(), m.targetList(), m.where(), m.sortClause(),
                m.limitCount(), m.limitOffset(), m.aggregates(), m.resultRelation(), List.of(), source,
                m.returningList(), m.fromList(), m.groupClause(), m.havingQual(), m.distinctClause(), m.hasDistinctOn(),
                m.setOperations(), m.cteList(), m.windowClause(), m.groupingSets(), m.onConflict(), m.rowMarks(), m.mergeActionList(), m.withCheckOptions());
    }
}
