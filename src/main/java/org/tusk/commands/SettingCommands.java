package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.SharedCatalog;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * ALTER DATABASE ... SET/RESET and ALTER ROLE ... [IN DATABASE ...] SET/RESET (PostgreSQL's
 * AlterDatabaseSet, AlterRoleSet and catalog/pg_db_role_setting.c AlterSetting with guc.c's
 * GUCArrayAdd/GUCArrayDelete): the defaults a new session of that database and/or role starts
 * with, kept in pg_db_role_setting as "name=value" entries under the parameter's own spelling.
 * Values are checked as SET would check them, but take effect only in new sessions.
 */
public final class SettingCommands {
    private SettingCommands() {}

    public static void alterSetting(Stmt.AlterSettingStmt s, SharedObjectEnv env) {
        SharedCatalog shared = env.sharedCatalog();
        shared.lockSettings();
        BootstrapCatalog cat = shared.current();
        BootstrapCatalog.Role me = Roles.current(cat, env);
        int dbOid = 0, roleOid = 0;
        if (s.database() != null) {
            BootstrapCatalog.Database db = cat.database(s.database()).orElseThrow(() -> PgException.error(
                    SqlState.INVALID_CATALOG_NAME, "database \"" + s.database() + "\" does not exist"));
            dbOid = db.oid();
            if (s.role() == null && !me.superuser() && db.dba() != me.oid())
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of database " + db.name());
        }
        if (s.role() != null) {
            BootstrapCatalog.Role r = Roles.resolve(cat, s.role(), env);
            roleOid = r.oid();
            if (r.superuser()) {
                if (!me.superuser()) throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to alter superusers");
            } else if (!Roles.haveCreateRolePrivilege(me) && r.oid() != me.oid()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied");
            }
        }
        BootstrapCatalog.DbRoleSetting existing = cat.setting(dbOid, roleOid);
        List<String> config = new ArrayList<>(existing == null ? List.of() : existing.config());
        Stmt.VariableSetStmt v = s.set();
        switch (v.kind()) {
            case RESET_ALL -> config.clear();
            case VALUE -> {
                String value = VariableCommands.flatten(v.args());
                String name = env.checkSetting(v.name(), value);
                remove(config, name);
                config.add(name + "=" + value);
            }
            case DEFAULT, RESET -> remove(config, env.checkSetting(v.name(), null));
        }
        shared.putSetting(dbOid, roleOid, config);
    }

    /** GUCArrayDelete: drops the entry for {@code name} (names compare case-insensitively). */
    private static void remove(List<String> config, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + "=";
        config.removeIf(e -> e.toLowerCase(Locale.ROOT).startsWith(prefix));
    }
}
