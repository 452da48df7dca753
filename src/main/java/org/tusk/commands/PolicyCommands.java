package org.tusk.commands;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.Acl;
import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.ObjectNames;
import org.tusk.catalog.PolicyInfo;
import org.tusk.catalog.RelationLocks;
import org.tusk.catalog.RelationProvider;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.rewrite.PolicyExpressions;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE POLICY, ALTER POLICY, DROP POLICY (PostgreSQL's commands/policy.c CreatePolicy,
 * AlterPolicy, rename_policy, RemovePolicyById through performDeletion) and ALTER TABLE ...
 * ENABLE / DISABLE / FORCE / NO FORCE ROW LEVEL SECURITY (ATExecSetRowSecurity,
 * ATExecForceNoForceRowSecurity).
 *
 * <p>Every form takes AccessExclusiveLock on the table and requires its ownership, as
 * PostgreSQL does (RangeVarCallbackForPolicy). The expressions are analysed now against the
 * table, so that errors in them are reported at CREATE/ALTER time; pg_policy stores their text.
 */
public final class PolicyCommands {
    private PolicyCommands() {}

    /** CreatePolicy. */
    public static void create(Stmt.CreatePolicyStmt s, RelationProvider relations, ExecContext ctx, Consumer<String> warnings) {
        ExecEnvironment env = ctx.env();
        char cmd = PolicyInfo.command(s.cmd());
        // the parser's checks (CreatePolicy's first lines)
        if ((cmd == PolicyInfo.CMD_SELECT || cmd == PolicyInfo.CMD_DELETE) && s.withCheck() != null) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "WITH CHECK cannot be applied to SELECT or DELETE");
        }
        if (cmd == PolicyInfo.CMD_INSERT && s.qual() != null) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "only WITH CHECK expression allowed for INSERT");
        }
        int[] roles = roles(s.roles(), ctx, warnings);
        Relation rel = open(s.table(), env);
        List<Integer> referenced = new ArrayList<>();
        analyze(rel, s.qual(), relations, ctx, referenced);
        analyze(rel, s.withCheck(), relations, ctx, referenced);
        if (env.catalog().policies().byName(rel.oid(), s.name()) != null) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "policy \"" + s.name() + "\" for table \"" + rel.name()
                    + "\" already exists");
        }
        env.catalog().policies().create(new PolicyInfo(0, s.name(), rel.oid(), cmd, s.permissive(), roles, s.qual(),
                s.withCheck()), referenced);
    }

    /** AlterPolicy, or rename_policy for ALTER POLICY ... RENAME TO. */
    public static void alter(Stmt.AlterPolicyStmt s, RelationProvider relations, ExecContext ctx, Consumer<String> warnings) {
        ExecEnvironment env = ctx.env();
        int[] roles = s.roles() == null ? null : roles(s.roles(), ctx, warnings);
        Relation rel = open(s.table(), env);
        PolicyInfo old = env.catalog().policies().byName(rel.oid(), s.name());
        if (old == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "policy \"" + s.name() + "\" for table \"" + rel.name()
                    + "\" does not exist");
        }
        if (s.newName() != null) {
            if (env.catalog().policies().byName(rel.oid(), s.newName()) != null) {
                throw PgException.error(SqlState.DUPLICATE_OBJECT, "policy \"" + s.newName() + "\" for table \""
                        + rel.name() + "\" already exists");
            }
            env.catalog().policies().rename(old, s.newName());
            return;
        }
        if ((old.cmd() == PolicyInfo.CMD_SELECT || old.cmd() == PolicyInfo.CMD_DELETE) && s.withCheck() != null) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "only USING expression allowed for SELECT, DELETE");
        }
        if (old.cmd() == PolicyInfo.CMD_INSERT && s.qual() != null) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "only WITH CHECK expression allowed for INSERT");
        }
        String qual = s.qual() != null ? s.qual() : old.qual();
        String check = s.withCheck() != null ? s.withCheck() : old.withCheck();
        List<Integer> referenced = new ArrayList<>();
        analyze(rel, qual, relations, ctx, referenced);
        analyze(rel, check, relations, ctx, referenced);
        env.catalog().policies().update(old, new PolicyInfo(old.oid(), old.name(), rel.oid(), old.cmd(), old.permissive(),
                roles != null ? roles : old.roles(), qual, check), referenced);
    }

    /** DROP POLICY: 42704 for a policy the table does not have, unless IF EXISTS (a NOTICE then). */
    public static void drop(Stmt.DropPolicyStmt s, ExecEnvironment env, Consumer<String> notices) {
        Relation rel = env.catalog().openRelation(s.table().schema(), s.table().name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (rel == null) {
            if (s.missingOk()) {
                notices.accept("relation \"" + s.table().name() + "\" does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + s.table().name() + "\" does not exist");
        }
        checkOwner(rel, env);
        PolicyInfo p = env.catalog().policies().byName(rel.oid(), s.name());
        if (p == null) {
            if (s.missingOk()) {
                notices.accept("policy \"" + s.name() + "\" for relation \"" + rel.name() + "\" does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "policy \"" + s.name() + "\" for table \"" + rel.name()
                    + "\" does not exist");
        }
        env.catalog().dependencies().performDeletion(List.of(org.tusk.catalog.PolicyCatalog.address(p.oid())), s.cascade());
    }

    /** ALTER TABLE ... {ENABLE | DISABLE | FORCE | NO FORCE} ROW LEVEL SECURITY (the caller opened and checked {@code rel}). */
    public static void setRowSecurity(Relation rel, Stmt.AlterTableCmd.RowSecurity r, ExecEnvironment env) {
        if (rel.relkind() != 'r' && rel.relkind() != 'p') {
            String action = r.enable() != null ? (r.enable() ? "ENABLE" : "DISABLE") + " ROW SECURITY"
                    : (r.force() ? "FORCE" : "NO FORCE") + " ROW SECURITY";
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "ALTER action " + action
                    + " cannot be performed on relation \"" + rel.name() + "\"");
        }
        env.catalog().policies().setRowSecurity(rel.oid(), r.enable(), r.force());
    }

    /** The TO list as polroles: PUBLIC alone when named (a WARNING if others were named with it). */
    private static int[] roles(List<Stmt.RoleSpec> specs, ExecContext ctx, Consumer<String> warnings) {
        if (specs.isEmpty()) return new int[] {Acl.PUBLIC};
        BootstrapCatalog cat = ObjectNames.current().sharedCatalog();
        LinkedHashSet<Integer> out = new LinkedHashSet<>();
        boolean pub = false;
        for (Stmt.RoleSpec r : specs) {
            switch (r.kind()) {
                case PUBLIC -> pub = true;
                case CURRENT_USER, CURRENT_ROLE -> out.add(ctx.env().currentUserId());
                case SESSION_USER -> out.add(role(cat, ctx.session().sessionUser()));
                case NAME -> out.add(role(cat, r.name()));
            }
        }
        if (pub) {
            if (!out.isEmpty()) warnings.accept("ignoring specified roles other than PUBLIC");
            return new int[] {Acl.PUBLIC};
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int role(BootstrapCatalog cat, String name) {
        return cat.role(name).map(BootstrapCatalog.Role::oid)
                .orElseThrow(() -> PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist"));
    }

    private static void analyze(Relation rel, String text, RelationProvider relations, ExecContext ctx, List<Integer> referenced) {
        if (text == null) return;
        PolicyExpressions.Analysed a = PolicyExpressions.analyze(rel, text, relations, ctx.env(), ctx.inputSettings(),
                ctx.session().currentDatabase());
        referenced.addAll(PolicyExpressions.referencedRelations(a, rel));
    }

    private static Relation open(Stmt.RangeVar rv, ExecEnvironment env) {
        Relation rel = env.catalog().openRelation(rv.schema(), rv.name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (rel == null) {
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
        }
        // RangeVarCallbackForPolicy: a table, and its owner
        if (rel.relkind() != 'r' && rel.relkind() != 'p') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table");
        }
        checkOwner(rel, env);
        return rel;
    }

    private static void checkOwner(Relation rel, ExecEnvironment env) {
        if (!env.currentUserIsSuperuser() && !env.privilegeRoles(env.currentUserId()).contains(rel.owner())) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of table " + rel.name());
        }
    }
}
