package org.tusk.commands;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.BootstrapCatalog.Role;
import org.tusk.nodes.Stmt.RoleSpec;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Role lookups and privilege tests shared by the commands (PostgreSQL's acl.c get_rolespec_oid,
 * superuser(), have_createdb_privilege, have_createrole_privilege). They read the role afresh
 * from the transaction's view of pg_authid, so an attribute changed by ALTER ROLE counts from
 * the next statement on, in every session.
 */
public final class Roles {
    private Roles() {}

    /** The current user's row; 42704 if it was dropped meanwhile (PostgreSQL: a cache lookup failure). */
    public static Role current(BootstrapCatalog cat, SharedObjectEnv env) {
        return cat.role(env.currentUserId()).orElseThrow(() -> PgException.error(SqlState.UNDEFINED_OBJECT,
                "role with OID " + Integer.toUnsignedString(env.currentUserId()) + " does not exist"));
    }

    public static PgException doesNotExist(String name) {
        return PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
    }

    public static boolean haveCreatedbPrivilege(Role r) {
        return r.superuser() || r.createDb();
    }

    public static boolean haveCreateRolePrivilege(Role r) {
        return r.superuser() || r.createRole();
    }

    /** get_rolespec_tuple: the role a RoleSpec names; PUBLIC is not a role here. */
    public static Role resolve(BootstrapCatalog cat, RoleSpec spec, SharedObjectEnv env) {
        return switch (spec.kind()) {
            case NAME -> cat.role(spec.name()).orElseThrow(() -> doesNotExist(spec.name()));
            case CURRENT_USER, CURRENT_ROLE -> current(cat, env);
            case SESSION_USER -> cat.role(env.sessionUserId()).orElseThrow(() -> doesNotExist("session_user"));
            case PUBLIC -> throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"public\" does not exist");
        };
    }
}
