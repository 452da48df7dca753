package org.tusk.rewrite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.tusk.catalog.Acl;
import org.tusk.catalog.RelationProvider;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.ExecPermissions;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawStmt;
import org.tusk.parser.Analyzer;
import org.tusk.parser.Parser;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * The query rewriter (PostgreSQL's rewriteHandler.c QueryRewrite): between parse analysis and
 * planning, every reference to a view is replaced by the view's query.
 *
 * <p>fireRIRrules / ApplyRetrieveRule: a range table entry naming a view (relkind 'v') becomes
 * a subquery entry whose query is the view's "_RETURN" rule action. Tusk stores that action as
 * the defining SELECT's text ({@code Catalog.viewDefinition}), so it is parsed and analysed
 * again here, then rewritten itself (views over views). The entry keeps its range table index,
 * its alias and its column names, so the Vars that refer to it stay valid. Every query level is
 * visited: FROM subqueries, CTEs, SubLinks and INSERT's source query.
 *
 * <p>Permissions, as ExecCheckRTPerms does them after PostgreSQL's rewrite (the view entry keeps
 * requiredPerms for the user; the rule's entries get checkAsUser = the view's owner): SELECT on
 * the view is checked for the user the view is read as, and the relations the view reads are
 * checked for the view's owner, at any depth of its query. Checks are done here because the
 * expanded query no longer shows who they are for; the caller's own check (ExecPermissions.check)
 * then covers the statement's top level, where no view entry is left.
 *
 * <p>RewriteQuery for INSERT, UPDATE and DELETE on a view: rewriteTargetView
 * ({@link ViewTargetRewriter}) turns a statement on an automatically updatable view into one on
 * its base relation; a view that is not updatable is refused with 55000, PostgreSQL's HINT and
 * view_query_is_auto_updatable's DETAIL.
 */
public final class RewriteHandler {
    private final RelationProvider relations;
    private final ExecEnvironment env;
    private final InputSettings zone;
    private final String currentDatabase;
    private final boolean checkPermissions;
    /** The views being expanded, innermost last (the "infinite recursion" check of fireRIRrules). */
    private final Deque<Integer> activeViews = new ArrayDeque<>();

    /**
     * @param checkPermissions whether privileges are checked now (not while a statement is only
     *                         parsed or described in the extended protocol)
     */
    public RewriteHandler(RelationProvider relations, ExecEnvironment env, InputSettings zone, String currentDatabase,
                          boolean checkPermissions) {
        this.relations = relations;
        this.env = env;
        this.zone = zone;
        this.currentDatabase = currentDatabase;
        this.checkPermissions = checkPermissions;
        this.rowSecurity = new RowSecurityRewriter(env, relations, zone, currentDatabase, true);
    }

    private RowSecurityRewriter rowSecurity;

    /**
     * The row_security setting the statement runs under (on unless said otherwise): off makes a
     * statement that policies would affect fail instead (check_enable_rls).
     */
    public RewriteHandler rowSecurity(boolean on) {
        this.rowSecurity = new RowSecurityRewriter(env, relations, zone, currentDatabase, on);
        return this;
    }

    /**
     * QueryRewrite for a caller that runs one statement: the statement with its views expanded
     * and its target's rules applied, which must leave exactly one statement (0A000 otherwise).
     */
    public Query rewrite(Query q) {
        Rewritten r = rewriteAll(q);
        if (r.queries().size() != 1) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "a statement that rules turn into " + r.queries().size() + " statements cannot be run here");
        }
        return r.queries().get(0);
    }

    /**
     * The product of QueryRewrite: the statements to run, in order, and which of them sets the
     * command tag ({@code tagIndex}, or -1 if none does: the tag is then the original's kind with
     * 0 rows).
     */
    public record Rewritten(List<Query> queries, int tagIndex) {}

    /**
     * replace_rte_variables_mutator's check: WHERE CURRENT OF a view, whether the view is
     * updated through a rule or automatically, cannot be mapped to a row of an underlying table.
     */
    private static void rejectCurrentOfView(Query q) {
        if (q.resultRelation() <= 0 || q.where() == null) return;
        Query.RangeTblEntry target = q.rangeTable().get(q.resultRelation() - 1);
        if (target.table() != null && target.table().relkind() == 'v'
                && org.tusk.nodes.ExprTrees.any(q.where(), e -> e instanceof org.tusk.nodes.Expr.CurrentOfExpr))
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "WHERE CURRENT OF on a view is not implemented");
    }

    /** QueryRewrite: RewriteQuery (rules, updatable views), then fireRIRrules on every product. */
    public Rewritten rewriteAll(Query q) {
        if (q.commandType() == Query.CommandType.UTILITY) return new Rewritten(List.of(q), 0);
        q = rewriteModifyingCtes(q);
        rejectCurrentOfView(q);
        List<RuleFirer.Product> products = new RuleFirer(this).rewrite(q, true, false);
        if (products.size() > 1 && !q.cteList().isEmpty()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "WITH cannot be used in a query that is rewritten by rules into multiple queries");
        }
        List<Query> out = new ArrayList<>();
        int tag = -1;
        int lastInstead = -1;
        for (RuleFirer.Product p : products) {
            if (p.original()) tag = out.size();
            if (p.instead() && p.query().commandType() == q.commandType()) lastInstead = out.size();
            out.add(fireRIRrules(ViewInsteadTriggers.withViewSource(p.query(), this), 0));
        }
        return new Rewritten(List.copyOf(out), tag >= 0 ? tag : lastInstead);
    }

    /**
     * RewriteQuery's first step: a data-modifying WITH query is rewritten too, and must stay one
     * statement (its target's rules may not add or remove statements), with PostgreSQL's errors.
     */
    private Query rewriteModifyingCtes(Query q) {
        boolean any = false;
        List<Query.CommonTableExpr> ctes = new ArrayList<>();
        for (Query.CommonTableExpr c : q.cteList()) {
            Query cq = c.query();
            if (cq.commandType() == Query.CommandType.SELECT || cq.resultRte() == null || cq.resultRte().table() == null) {
                ctes.add(c);
                continue;
            }
            List<RuleFirer.Product> p = new RuleFirer(this).rewrite(cq, true, false);
            if (p.size() != 1 || !p.get(0).original() && !p.get(0).instead()) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, cteRuleError(cq));
            }
            if (p.get(0).query().commandType() == Query.CommandType.UTILITY) {
                // RewriteQuery: the one utility statement a rule can hold is NOTIFY
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "DO INSTEAD NOTIFY rules are not supported for data-modifying statements in WITH");
            }
            ctes.add(c.withQuery(p.get(0).query()));
            any = true;
        }
        return any ? q.withCteList(List.copyOf(ctes)) : q;
    }

    /** Which of PostgreSQL's refusals applies to the rules of a data-modifying WITH query's target. */
    private String cteRuleError(Query cq) {
        char ev = switch (cq.commandType()) {
            case INSERT -> '3';
            case UPDATE -> '2';
            default -> '4';
        };
        boolean also = false, conditional = false, nothing = false;
        for (org.tusk.catalog.RuleInfo r : env.catalog().rulesOf(cq.resultRte().table())) {
            if (r.evType() != ev) continue;
            if (!r.instead()) also = true;
            else if (r.qual() != null) conditional = true;
            else if (r.actions().isEmpty()) nothing = true;
        }
        String what = nothing ? "DO INSTEAD NOTHING rules" : conditional ? "conditional DO INSTEAD rules"
                : also ? "DO ALSO rules" : "multi-statement DO INSTEAD rules";
        return what + " are not supported for data-modifying statements in WITH";
    }

    /** A rule's condition and actions, analysed with OLD and NEW bound to {@code rel}. */
    RuleActions ruleActions(Relation rel, org.tusk.catalog.RuleInfo rule) {
        return RuleActions.analyze(rel, rule, relations, env, zone, currentDatabase);
    }

    ExecEnvironment env() {
        return env;
    }

    /** The view's defining query, analysed but with its own views not yet expanded. */
    Query viewQuery(Relation view) {
        String sql = env.catalog().viewDefinition(view);
        if (sql == null) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "could not find rule for view \"" + view.name() + "\"");
        }
        return analyzeDefinition(view, sql);
    }

    /** build_column_default for column {@code attno} of the relation of {@code rte}. */
    Expr columnDefault(Query.RangeTblEntry rte, int attno) {
        return Analyzer.buildColumnDefault(rte, attno, env, zone, currentDatabase);
    }

    /**
     * The privileges a statement on an updatable view needs on the view's base relation, checked
     * for the view's owner (the rule's checkAsUser); the view itself is checked for the user.
     */
    void checkBaseRelation(Relation base, int required, int viewOwner) {
        if (checkPermissions) ExecPermissions.checkTableAs(base, required, viewOwner, env);
    }

    /** rewriteTargetView's refusal for a view that is not automatically updatable. */
    static PgException notUpdatable(Query.CommandType cmd, Relation view, String reason) {
        String verb = switch (cmd) {
            case INSERT -> "insert into";
            case UPDATE -> "update";
            default -> "delete from";
        };
        String rule = switch (cmd) {
            case INSERT -> "an unconditional ON INSERT DO INSTEAD rule";
            case UPDATE -> "an unconditional ON UPDATE DO INSTEAD rule";
            default -> "an unconditional ON DELETE DO INSTEAD rule";
        };
        String trigger = switch (cmd) {
            case INSERT -> "an INSTEAD OF INSERT trigger";
            case UPDATE -> "an INSTEAD OF UPDATE trigger";
            default -> "an INSTEAD OF DELETE trigger";
        };
        return new PgException(Severity.ERROR, "55000",
                "cannot " + verb + " view \"" + view.name() + "\"",
                reason,
                "To enable " + (cmd == Query.CommandType.INSERT ? "inserting into" : cmd == Query.CommandType.UPDATE
                        ? "updating" : "deleting from") + " the view, provide " + trigger + " or " + rule + ".", 0);
    }

    /**
     * fireRIRrules for one query level and everything below it. {@code checkAsUser} is the role
     * whose privileges reading a view needs here (0: the current user).
     */
    private Query fireRIRrules(Query q, int checkAsUser) {
        Query expanded = QueryWalker.mutate(q, (rte, index) -> {
            if (rte.kind() == Query.RteKind.RELATION && rte.table() != null && rte.table().relkind() == 'v'
                    && index != q.resultRelation()) {
                return applyRetrieveRule(rte, checkAsUser);
            }
            return rte;
        }, sub -> fireRIRrules(sub, checkAsUser));
        // get_row_security_policies for each table of this level (a statement only being
        // described is not affected: PostgreSQL applies policies when it rewrites, at execution)
        return rowSecurity.apply(expanded, checkAsUser, sub -> fireRIRrules(sub, checkAsUser));
    }

    /** ApplyRetrieveRule: the view entry as a subquery entry over the view's (expanded) query. */
    private Query.RangeTblEntry applyRetrieveRule(Query.RangeTblEntry rte, int checkAsUser) {
        if (checkPermissions && !activeViews.contains(rte.table().oid())) check(rte.table(), checkAsUser);
        return expand(rte);
    }

    /**
     * The source rows of an UPDATE or DELETE whose target is view {@code rte} (INSTEAD OF
     * triggers): the view expanded as ApplyRetrieveRule does, with no SELECT check on the view
     * itself, whose privileges were checked as the statement's target.
     */
    Query.RangeTblEntry expandViewSource(Query.RangeTblEntry rte) {
        return expand(rte);
    }

    private Query.RangeTblEntry expand(Query.RangeTblEntry rte) {
        Relation view = rte.table();
        if (activeViews.contains(view.oid())) {
            throw PgException.error("42P17", "infinite recursion detected in rules for relation \""
                    + view.name() + "\"");
        }
        String sql = env.catalog().viewDefinition(view);
        if (sql == null) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "could not find rule for view \"" + view.name() + "\"");
        }
        Query viewQuery = analyzeDefinition(view, sql);
        activeViews.push(view.oid());
        try {
            if (checkPermissions) checkRelationsAsOwner(viewQuery, view.owner());
            viewQuery = fireRIRrules(viewQuery, view.owner());
        } finally {
            activeViews.pop();
        }
        return new Query.RangeTblEntry(Query.RteKind.SUBQUERY, rte.refname(), null, null, null, rte.columns(), null,
                viewQuery, null, null, null, 0, false, false);
    }

    /**
     * The view's stored SELECT, analysed now. Its visible columns must still be the view's: a
     * table the text reads with * may have gained columns since, which the view does not have
     * (PostgreSQL expands * once, at CREATE VIEW), so only the view's columns are kept.
     */
    private Query analyzeDefinition(Relation view, String sql) {
        List<RawStmt> raws = Parser.parse(sql, Analyzer.scanSettings(env));
        if (raws.size() != 1) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "view \"" + view.name() + "\" has an invalid definition");
        }
        Query q;
        try {
            q = Analyzer.analyze(raws.get(0), sql, relations, env, zone, currentDatabase, null);
        } catch (PgException e) {
            // Positions would point into the view's text, not the statement the client sent.
            throw new PgException(Severity.ERROR, e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0)
                    .withContext("SQL statement defining view \"" + view.name() + "\"");
        }
        int natts = view.desc().natts();
        List<Query.TargetEntry> visible = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) if (!te.resjunk()) visible.add(te);
        boolean matches = visible.size() >= natts;
        for (int i = 0; matches && i < natts; i++) {
            // the declared type (atttypid): a composite, enum or composite-array column's storage
            // type (DatumType) is shared by all such types
            matches = visible.get(i).expr().type() == view.atttypid(i + 1);
        }
        if (!matches) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "the definition of view \"" + view.name()
                    + "\" no longer matches its columns");
        }
        if (visible.size() == natts) return q;
        // Extra trailing columns of a "*" become resjunk: computed, never seen above the view.
        List<Query.TargetEntry> tl = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) {
            tl.add(!te.resjunk() && te.resno() > natts ? new Query.TargetEntry(te.expr(), te.resno(), te.name(), true) : te);
        }
        return new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), tl, q.where(), q.sortClause(), q.limitCount(),
                q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(), q.sourceQuery(), q.returningList(),
                q.fromList(), q.groupClause(), q.havingQual(), q.distinctClause(), q.hasDistinctOn(), q.setOperations(),
                q.cteList(), q.windowClause(), q.groupingSets(), q.onConflict(), q.rowMarks(), q.mergeActionList());
    }

    /** SELECT on the view itself, for the user reading it. */
    private void check(Relation rel, int asUser) {
        if (asUser == 0) ExecPermissions.checkTable(rel, Acl.ACL_SELECT, env);
        else ExecPermissions.checkTableAs(rel, Acl.ACL_SELECT, asUser, env);
    }

    /** SELECT on every table the view's query reads, at any depth, for the view's owner. */
    private void checkRelationsAsOwner(Query viewQuery, int owner) {
        QueryWalker.forEachQuery(viewQuery, level -> {
            for (Query.RangeTblEntry r : level.rangeTable()) {
                if (r.kind() == Query.RteKind.RELATION && r.table() != null && r.table().relkind() != 'v') {
                    ExecPermissions.checkTableAs(r.table(), Acl.ACL_SELECT, owner, env);
                }
            }
        });
    }

    /**
     * The relations (tables and views, by OID) a query reads at any depth: what a view built on it
     * depends on (find_expr_references_walker's range table part).
     */
    public static List<Integer> referencedRelations(Query q) {
        List<Integer> out = new ArrayList<>();
        QueryWalker.forEachQuery(q, level -> {
            for (Query.RangeTblEntry r : level.rangeTable()) {
                if (r.kind() == Query.RteKind.RELATION && r.table() != null && !out.contains(r.table().oid())) {
                    out.add(r.table().oid());
                }
            }
        });
        return out;
    }
}
