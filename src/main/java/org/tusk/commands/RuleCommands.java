package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.RelationProvider;
import org.tusk.catalog.RuleInfo;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Query;
import org.tusk.nodes.Stmt;
import org.tusk.rewrite.RewriteHandler;
import org.tusk.rewrite.RuleActions;
import org.tusk.catalog.RelationLocks;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE RULE, DROP RULE and ALTER RULE ... RENAME (PostgreSQL's rewriteDefine.c DefineRule /
 * DefineQueryRewrite, rewriteRemove.c, RenameRewriteRule). The rule's condition and actions are
 * analysed now, with OLD and NEW bound to the relation, so that errors in them are reported at
 * CREATE time with PostgreSQL's checks (OLD in an ON INSERT rule, NEW in an ON DELETE rule, a
 * condition reading other relations); the catalog then stores their text. Every form takes
 * AccessExclusiveLock on the relation, as PostgreSQL does.
 */
public final class RuleCommands {
    private RuleCommands() {}

    /** DefineRule. */
    public static void define(Stmt.CreateRuleStmt s, RelationProvider relations, ExecEnvironment env, org.tusk.utils.adt.InputSettings zone,
                              String currentDatabase) {
        Relation rel = open(s.relation(), env);
        if (rel.relkind() != 'r' && rel.relkind() != 'p' && rel.relkind() != 'v') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "relation \"" + rel.name()
                    + "\" cannot have rules").withDetail("This operation is not supported for " + kind(rel) + ".");
        }
        if (!env.currentUserIsSuperuser() && rel.owner() != env.currentUserId()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of " + kind(rel).replaceAll("s$", "")
                    + " " + rel.name());
        }
        if (s.event().equals("select")) {
            // DefineQueryRewrite's ON SELECT: only a view's _RETURN rule, which CREATE VIEW makes
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "rules on SELECT must have action INSTEAD SELECT");
        }
        if (s.name().equals("_RETURN")) {
            throw PgException.error("42P17", "non-view rule for \"" + rel.name()
                    + "\" must not be named \"_RETURN\"");
        }
        // ev_qual and ev_action bind the names they resolve now (StoredNamePins)
        RuleActions.Pinned pinned = RuleActions.analyzeAndPin(rel, RuleInfo.evType(s.event()), s.whereText(), s.actionTexts(),
                relations, env, zone, currentDatabase);
        RuleActions ra = pinned.actions();
        boolean qualOld = ra.qual() != null && RuleActions.uses(ra.qual(), RuleActions.OLD_VARNO);
        boolean qualNew = ra.qual() != null && RuleActions.uses(ra.qual(), RuleActions.NEW_VARNO);
        List<Integer> referenced = new ArrayList<>();
        for (Query a : ra.actions()) {
            if (a.commandType() == Query.CommandType.UTILITY) {
                // transformRuleStmt: a NOTIFY has no place for a condition
                if (s.whereText() != null) {
                    throw PgException.error("42P17",
                            "rules with WHERE conditions can only have SELECT, INSERT, UPDATE, or DELETE actions");
                }
                continue;
            }
            if (a.commandType() == Query.CommandType.SELECT && a.setOperations() != null && s.whereText() != null) {
                // transformRuleStmt: a set operation's join tree is a dummy, the condition would go nowhere
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "conditional UNION/INTERSECT/EXCEPT statements are not implemented");
            }
            // transformRuleStmt, per action: which of OLD and NEW the event has (the condition counts
            // too), looked for in an INSERT's SELECT rather than the INSERT (getInsertSelectQuery) ...
            Query scope = a.commandType() == Query.CommandType.INSERT && a.sourceQuery() != null ? a.sourceQuery() : a;
            if (s.event().equals("insert") && (qualOld || RuleActions.uses(scope, RuleActions.OLD_VARNO))) {
                throw PgException.error("42P17", "ON INSERT rule cannot use OLD");
            }
            if (s.event().equals("delete") && (qualNew || RuleActions.uses(scope, RuleActions.NEW_VARNO))) {
                throw PgException.error("42P17", "ON DELETE rule cannot use NEW");
            }
            // ... then OLD and NEW in the action's WITH queries (and in those of an INSERT's SELECT),
            // which would be outer references of a WITH query
            List<Query.CommonTableExpr> ctes = new ArrayList<>(a.cteList());
            if (a.sourceQuery() != null) ctes.addAll(a.sourceQuery().cteList());
            for (Query.CommonTableExpr cte : ctes) {
                if (RuleActions.uses(cte.query(), RuleActions.OLD_VARNO))
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot refer to OLD within WITH query");
            }
            for (Query.CommonTableExpr cte : ctes) {
                if (RuleActions.uses(cte.query(), RuleActions.NEW_VARNO))
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot refer to NEW within WITH query");
            }
        }
        // a rule without actions (DO NOTHING): its condition alone
        if (s.event().equals("insert") && qualOld) {
            throw PgException.error("42P17", "ON INSERT rule cannot use OLD");
        }
        if (s.event().equals("delete") && qualNew) {
            throw PgException.error("42P17", "ON DELETE rule cannot use NEW");
        }
        // DefineQueryRewrite's checks come after the analysis of every action
        for (Query a : ra.actions()) {
            if (!a.returningList().isEmpty() && (!s.instead() || s.whereText() != null)) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "RETURNING lists are not supported in " + (s.instead() ? "conditional" : "non-INSTEAD") + " rules");
            }
            referenced.addAll(RewriteHandler.referencedRelations(a));
        }
        env.catalog().createRule(rel, s.name(), RuleInfo.evType(s.event()), s.instead(), pinned.qualText(), pinned.actionTexts(),
                s.replace(), referenced);
    }

    /** DROP RULE: 42704 for a rule the relation does not have, unless IF EXISTS (a NOTICE then). */
    public static void drop(Stmt.DropRuleStmt s, ExecEnvironment env, Consumer<String> notices) {
        Relation rel = env.catalog().openRelation(s.relation().schema(), s.relation().name(),
                RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (rel == null) {
            if (s.missingOk()) {
                notices.accept("relation \"" + s.relation().name() + "\" does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + s.relation().name() + "\" does not exist");
        }
        RuleInfo rule = find(rel, s.name(), env);
        if (rule == null) {
            if (s.missingOk()) {
                notices.accept("rule \"" + s.name() + "\" for relation \"" + rel.name() + "\" does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "rule \"" + s.name() + "\" for relation \"" + rel.name()
                    + "\" does not exist");
        }
        env.catalog().dropRule(rule, s.cascade());
    }

    /** RenameRewriteRule. */
    public static void rename(Stmt.RenameRuleStmt s, ExecEnvironment env) {
        Relation rel = open(s.relation(), env);
        RuleInfo rule = find(rel, s.name(), env);
        if (rule == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "rule \"" + s.name() + "\" for relation \"" + rel.name()
                    + "\" does not exist");
        }
        env.catalog().renameRule(rel, rule, s.newName());
    }

    private static RuleInfo find(Relation rel, String name, ExecEnvironment env) {
        for (RuleInfo r : env.catalog().rulesOf(rel)) if (r.name().equals(name)) return r;
        return null;
    }

    private static Relation open(Stmt.RangeVar rv, ExecEnvironment env) {
        Relation rel = env.catalog().openRelation(rv.schema(), rv.name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (rel == null) {
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
        }
        return rel;
    }

    private static String kind(Relation rel) {
        return switch (rel.relkind()) {
            case 'r' -> "tables";
            case 'v' -> "views";
            case 'i' -> "indexes";
            case 'S' -> "sequences";
            case 'c' -> "composite types";
            default -> "this relation";
        };
    }
}
