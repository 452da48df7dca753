package org.tusk.commands;

import java.util.List;

import org.tusk.catalog.Acl;
import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.Catalog;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * GRANT and REVOKE of table privileges (PostgreSQL 15's catalog/aclchk.c: ExecuteGrantStmt,
 * ExecGrant_Relation, select_best_grantor, restrict_and_check_grant). The new ACL is written to
 * pg_class.relacl in the current transaction; the executor checks it ({@code ExecPermissions}).
 *
 * <p>The grantor is the table's owner when the current user owns the table or is a superuser
 * (select_best_grantor); otherwise the current user, who can grant only what it holds WITH GRANT
 * OPTION (warnings 01007/01006 when some or all of the privileges could not be granted or
 * revoked). Role membership does not exist, so no privilege is held through another role.
 */
public final class GrantCommands {
    private GrantCommands() {}

    private static final List<String> ALL_TABLE_PRIVILEGES = List.of("select", "insert", "update", "delete", "truncate",
            "references", "trigger");
    private static final List<String> OTHER_PRIVILEGES = List.of("usage", "create", "connect", "temporary", "temp",
            "execute", "set", "alter system");

    /** ExecuteGrantStmt for OBJECT_TABLE. */
    public static void execute(Stmt.GrantStmt s, SharedObjectEnv shared, ExecEnvironment env) {
        int privileges = 0;
        boolean allPrivs = s.privileges() == null;
        if (allPrivs) {
            privileges = Acl.ACL_ALL_RIGHTS_RELATION;
        } else {
            for (String p : s.privileges()) {
                int bit = Acl.privilegeBit(p);
                if (bit == 0) {
                    if (OTHER_PRIVILEGES.contains(p))
                        throw PgException.error("0LP01", "invalid privilege type " + p.toUpperCase(java.util.Locale.ROOT) + " for table");
                    throw PgException.error(SqlState.SYNTAX_ERROR, "unrecognized privilege type \"" + p + "\"");
                }
                privileges |= bit;
            }
        }
        BootstrapCatalog roles = shared.sharedCatalog().current();
        int[] grantees = new int[s.grantees().size()];
        for (int i = 0; i < grantees.length; i++) {
            Stmt.RoleSpec r = s.grantees().get(i);
            if (r.kind() == Stmt.RoleSpec.Kind.PUBLIC) {
                if (s.isGrant() && s.grantOption())
                    throw PgException.error("0LP01", "grant options can only be granted to roles");
                grantees[i] = Acl.PUBLIC;
            } else {
                grantees[i] = Roles.resolve(roles, r, shared).oid();
            }
        }
        Catalog catalog = env.catalog();
        for (Stmt.RangeVar rv : s.objects()) {
            Relation rel = catalog.openRelation(rv.schema(), rv.name());
            if (rel == null) {
                String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
                throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
            }
            if (rel.relkind() == 'i') throw PgException.error("42809", "\"" + rel.name() + "\" is an index");
            grantOnRelation(s, rel, privileges, allPrivs, grantees, shared, env);
        }
    }

    /** ExecGrant_Relation for one table. */
    private static void grantOnRelation(Stmt.GrantStmt s, Relation rel, int privileges, boolean allPrivs, int[] grantees,
                                        SharedObjectEnv shared, ExecEnvironment env) {
        int owner = rel.owner();
        int[] acl = Acl.effective(rel.acl(), owner);
        int user = env.currentUserId();
        int grantor;
        int availOptions;
        if (user == owner || env.currentUserIsSuperuser()) {
            grantor = owner;
            availOptions = Acl.ACL_ALL_RIGHTS_RELATION;
        } else {
            grantor = user;
            int held = Acl.mask(acl, user);
            availOptions = held >>> 16;
            if (held == 0) throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for table " + rel.name());
        }
        // restrict_and_check_grant
        int these = privileges & availOptions;
        if (s.isGrant()) {
            if (these == 0) shared.warning("01007", "no privileges were granted for \"" + rel.name() + "\"");
            else if (!allPrivs && these != privileges)
                shared.warning("01007", "not all privileges were granted for \"" + rel.name() + "\"");
        } else {
            if (these == 0) shared.warning("01006", "no privileges could be revoked for \"" + rel.name() + "\"");
            else if (!allPrivs && these != privileges)
                shared.warning("01006", "not all privileges could be revoked for \"" + rel.name() + "\"");
        }
        int[] updated;
        try {
            updated = Acl.update(acl, s.isGrant(), these, s.grantOption(), grantees, grantor, s.cascade());
        } catch (Acl.DependentPrivilegesException e) {
            throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "dependent privileges exist")
                    .withHint("Use CASCADE to revoke them too.");
        }
        env.catalog().setRelationAcl(rel, updated);
    }
}
