package org.tusk.tcop;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.RoleMembership;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.GucCheckException;
import org.tusk.utils.misc.GucSettings;

/**
 * The check hooks of the {@code role} and {@code session_authorization} settings (PostgreSQL
 * 15's commands/variable.c check_role and check_session_authorization, with
 * SetSessionAuthorization's permission test): SET ROLE needs the session user to be a member of
 * the role (is_member_of_role, so a superuser may become anyone); SET SESSION AUTHORIZATION needs
 * the authenticated user to be a superuser, unless it names the authenticated user itself. Roles
 * are looked up in the session's transactional view of pg_authid and pg_auth_members.
 */
final class IdentityChecks {
    private IdentityChecks() {}

    static void install(BackendContext ctx) {
        GucSettings gucs = ctx.env.gucs();
        gucs.addCheckHook("role", (proposed, settings) -> checkRole(ctx, (String) proposed));
        gucs.addCheckHook("session_authorization", (proposed, settings) -> checkSessionAuthorization(ctx, (String) proposed));
    }

    private static BootstrapCatalog catalog(BackendContext ctx) {
        return ctx.storage != null ? ctx.storage.sharedCatalog.current() : BootstrapCatalog.load(ctx.env.dataDir());
    }

    /** check_role. */
    static String checkRole(BackendContext ctx, String name) throws GucCheckException {
        if (name == null || name.equals("none")) return "none";
        BootstrapCatalog cat = catalog(ctx);
        BootstrapCatalog.Role role = cat.role(name).orElse(null);
        if (role == null) throw GucCheckException.invalid().message("role \"" + name + "\" does not exist");
        if (!RoleMembership.isMemberOfRole(cat, ctx.identity.sessionUser().oid(), role.oid())) {
            throw GucCheckException.invalid().sqlState(SqlState.INSUFFICIENT_PRIVILEGE)
                    .message("permission denied to set role \"" + name + "\"");
        }
        return name;
    }

    /** check_session_authorization and SetSessionAuthorization's test. */
    static String checkSessionAuthorization(BackendContext ctx, String name) throws GucCheckException {
        if (name == null) return null;
        BootstrapCatalog.Role authenticated = ctx.identity.authenticated();
        if (name.equals(authenticated.name())) return name;
        BootstrapCatalog cat = catalog(ctx);
        BootstrapCatalog.Role role = cat.role(name).orElse(null);
        if (role == null) throw GucCheckException.invalid().message("role \"" + name + "\" does not exist");
        // AuthenticatedUserIsSuperuser: as it was at connection start, as in PostgreSQL
        if (!authenticated.superuser()) {
            throw GucCheckException.invalid().sqlState(SqlState.INSUFFICIENT_PRIVILEGE)
                    .message("permission denied to set session authorization");
        }
        return name;
    }
}
