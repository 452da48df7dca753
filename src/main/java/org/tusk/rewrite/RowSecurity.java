package org.tusk.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.ObjectNames;
import org.tusk.catalog.PolicyInfo;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Row-level security (PostgreSQL's rewrite/rowsecurity.c and utils/misc/rls.c): which of a
 * table's policies apply to a statement, combined into the quals the rows read must pass and
 * the checks the rows written must pass.
 *
 * <p>check_enable_rls ({@link #enabled}): a table without relrowsecurity has none; a superuser
 * or a BYPASSRLS role is exempt, and so is the table's owner (or a member of the owning role)
 * unless relforcerowsecurity; otherwise, with row_security off, the statement fails (42501)
 * rather than silently seeing fewer rows.
 *
 * <p>get_row_security_policies ({@link #policies}): the policies for the command (FOR ALL or
 * that command) and the user (PUBLIC or a role whose privileges the user has) are split into
 * permissive and restrictive ones. Quals (add_security_quals): the permissive policies' USING
 * expressions ORed, ANDed with each restrictive one's; with no permissive policy, {@code false}
 * (default deny). Checks (add_with_check_options): the permissive policies' WITH CHECK (else
 * USING) expressions ORed into one check, then one check per restrictive policy, named after it;
 * with no permissive policy a check that always fails.
 */
public final class RowSecurity {
    private RowSecurity() {}

    /** The quals to add for the rows a range table entry yields, and the checks for rows written to it. */
    record Applied(List<Expr> securityQuals, List<Query.WithCheckOption> withCheckOptions) {}

    /**
     * check_enable_rls: whether policies apply to {@code rel} for role {@code userId}. Throws
     * 42501 when they would but {@code rowSecurity} (the row_security setting) is off.
     */
    static boolean enabled(Relation rel, int userId, ExecEnvironment env, boolean rowSecurity) {
        if (!rel.rowSecurity()) return false;
        if (bypassesRls(userId, env)) return false;
        boolean amOwner = env.privilegeRoles(userId).contains(rel.owner()) || userId == rel.owner();
        if (amOwner && !rel.forceRowSecurity()) return false;
        if (!rowSecurity) {
            PgException e = PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "query would be affected by row-level security policy for table \"" + rel.name() + "\"");
            if (amOwner) e = e.withHint("To disable the policy for the table's owner, use ALTER TABLE NO FORCE ROW LEVEL SECURITY.");
            throw e;
        }
        return true;
    }

    /**
     * check_enable_rls for the current user (what DoCopy asks): whether policies apply to
     * {@code rel}; 42501 when they would but row_security is off.
     */
    public static boolean checkEnableRls(Relation rel, ExecEnvironment env, boolean rowSecurity) {
        return enabled(rel, env.currentUserId(), env, rowSecurity);
    }

    /** The row_security setting of {@code session}: on unless set off (and on where the session has no such setting). */
    public static boolean setting(org.tusk.utils.misc.SessionServices session) {
        try {
            return session.boolSetting("row_security");
        } catch (PgException e) {
            return true;
        }
    }

    /** has_bypassrls_privilege: a superuser, or a role with BYPASSRLS. */
    private static boolean bypassesRls(int userId, ExecEnvironment env) {
        if (env.roleIsSuperuser(userId)) return true;
        BootstrapCatalog.Role r = ObjectNames.current().sharedCatalog().role(userId).orElse(null);
        return r != null && (r.superuser() || r.bypassRls());
    }

    /**
     * get_row_security_policies for a table entry (table {@code relname}) of a statement of
     * kind {@code command} ({@code SELECT} for an entry that is only read), for role {@code userId}
     * holding the privileges of {@code roles}; {@code needsSelect}
     * says whether the statement also reads the target's rows (WHERE, RETURNING, or SET
     * expressions reading its columns), which brings in the SELECT policies as well.
     * {@code expr} analyses a policy expression and places it on the entry.
     */
    static Applied policies(String relname, Query.CommandType command, boolean needsSelect, boolean lockedForUpdate,
                            int userId, Set<Integer> roles, List<PolicyInfo> all, PolicyExpr expr) {
        List<Expr> quals = new ArrayList<>();
        List<Query.WithCheckOption> checks = new ArrayList<>();
        switch (command) {
            case SELECT -> {
                addSecurityQuals(quals, forCommand(all, PolicyInfo.CMD_SELECT, userId, roles), expr);
                // SELECT ... FOR UPDATE/SHARE must also pass the UPDATE policies' USING
                if (lockedForUpdate) addSecurityQuals(quals, forCommand(all, PolicyInfo.CMD_UPDATE, userId, roles), expr);
            }
            case UPDATE, DELETE -> {
                char cmd = command == Query.CommandType.UPDATE ? PolicyInfo.CMD_UPDATE : PolicyInfo.CMD_DELETE;
                addSecurityQuals(quals, forCommand(all, cmd, userId, roles), expr);
                if (needsSelect) addSecurityQuals(quals, forCommand(all, PolicyInfo.CMD_SELECT, userId, roles), expr);
                if (command == Query.CommandType.UPDATE) {
                    addWithCheckOptions(checks, relname, Query.WithCheckOption.WCO_RLS_UPDATE_CHECK,
                            forCommand(all, PolicyInfo.CMD_UPDATE, userId, roles), false, expr);
                    if (needsSelect) {
                        addWithCheckOptions(checks, relname, Query.WithCheckOption.WCO_RLS_UPDATE_CHECK,
                                forCommand(all, PolicyInfo.CMD_SELECT, userId, roles), true, expr);
                    }
                }
            }
            case INSERT -> {
                addWithCheckOptions(checks, relname, Query.WithCheckOption.WCO_RLS_INSERT_CHECK,
                        forCommand(all, PolicyInfo.CMD_INSERT, userId, roles), false, expr);
                // INSERT ... RETURNING: the new row must be visible through the SELECT policies
                if (needsSelect) {
                    addWithCheckOptions(checks, relname, Query.WithCheckOption.WCO_RLS_INSERT_CHECK,
                            forCommand(all, PolicyInfo.CMD_SELECT, userId, roles), true, expr);
                }
            }
            default -> { }
        }
        return new Applied(List.copyOf(quals), List.copyOf(checks));
    }

    /** Analyses one of a policy's expressions onto the entry. */
    @FunctionalInterface
    interface PolicyExpr {
        Expr of(PolicyInfo policy, String text);
    }

    /** get_policies_for_relation's selection: the policies for {@code cmd} and the user, in name order. */
    static List<PolicyInfo> forCommand(List<PolicyInfo> all, char cmd, int userId, Set<Integer> roles) {
        List<PolicyInfo> out = new ArrayList<>();
        for (PolicyInfo p : all) {
            if (p.cmd() != PolicyInfo.CMD_ALL && p.cmd() != cmd) continue;
            if (appliesTo(p, userId, roles)) out.add(p);
        }
        return out;
    }

    /** check_role_for_policy: PUBLIC, or a role whose privileges the user has. */
    static boolean appliesTo(PolicyInfo p, int userId, Set<Integer> roles) {
        for (int r : p.roles()) {
            if (r == org.tusk.catalog.Acl.PUBLIC || r == userId || roles.contains(r)) return true;
        }
        return false;
    }

    /** add_security_quals. */
    private static void addSecurityQuals(List<Expr> quals, List<PolicyInfo> policies, PolicyExpr expr) {
        List<Expr> permissive = new ArrayList<>();
        for (PolicyInfo p : policies) {
            if (p.permissive() && p.qual() != null) permissive.add(expr.of(p, p.qual()));
        }
        if (permissive.isEmpty()) {
            quals.add(falseConst());
            return;
        }
        for (PolicyInfo p : policies) {
            if (!p.permissive() && p.qual() != null) quals.add(expr.of(p, p.qual()));
        }
        quals.add(or(permissive));
    }

    /** add_with_check_options: {@code forceUsing} checks the USING expressions (the SELECT policies' for a written row). */
    private static void addWithCheckOptions(List<Query.WithCheckOption> checks, String relname, char kind,
                                            List<PolicyInfo> policies, boolean forceUsing, PolicyExpr expr) {
        List<Expr> permissive = new ArrayList<>();
        for (PolicyInfo p : policies) {
            if (!p.permissive()) continue;
            String text = !forceUsing && p.withCheck() != null ? p.withCheck() : p.qual();
            if (text != null) permissive.add(expr.of(p, text));
        }
        if (permissive.isEmpty()) {
            checks.add(new Query.WithCheckOption(relname, falseConst(), false, kind, null));
            return;
        }
        checks.add(new Query.WithCheckOption(relname, or(permissive), false, kind, null));
        for (PolicyInfo p : policies) {
            if (p.permissive()) continue;
            String text = !forceUsing && p.withCheck() != null ? p.withCheck() : p.qual();
            if (text != null) checks.add(new Query.WithCheckOption(relname, expr.of(p, text), false, kind, p.name()));
        }
    }

    private static Expr or(List<Expr> l) {
        return l.size() == 1 ? l.get(0) : new Expr.BoolExpr(RawExpr.BoolOp.OR, List.copyOf(l));
    }

    static Expr and(List<Expr> l) {
        return l.size() == 1 ? l.get(0) : new Expr.BoolExpr(RawExpr.BoolOp.AND, List.copyOf(l));
    }

    private static Expr falseConst() {
        return new Expr.Const(TypeOids.BOOL, -1, Boolean.FALSE, -1);
    }
}
