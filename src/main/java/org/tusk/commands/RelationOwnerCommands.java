package org.tusk.commands;

import java.util.function.Consumer;

import org.tusk.catalog.Acl;
import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.BootstrapCatalog.Role;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationLocks;
import org.tusk.catalog.RelationOwnership;
import org.tusk.catalog.RoleMembership;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * ALTER TABLE | SEQUENCE | VIEW | INDEX ... OWNER TO (tablecmds.c ATExecChangeOwner, not
 * recursing): the relation, with AccessExclusiveLock, gets the new owner, and with it its row
 * type, indexes, TOAST table and the sequences its columns own (the catalog's
 * {@link RelationOwnership}). Nothing happens when the owner does not change.
 *
 * <p>As in PostgreSQL: ALTER SEQUENCE/VIEW/INDEX refuse another kind of relation (42809), ALTER
 * TABLE takes any; an index keeps its table's owner (a WARNING, since old pg_dump versions emit
 * ALTER INDEX OWNER); a sequence owned by a serial column follows its table and cannot be given
 * away alone (0A000). Unless a superuser runs it, the user must own the relation (or have the
 * owner's privileges), be a member of the new owner role, and the new owner must have CREATE on
 * the relation's schema.
 */
public final class RelationOwnerCommands {
    private RelationOwnerCommands() {}

    public static void alterOwner(Stmt.AlterRelationOwnerStmt s, SharedObjectEnv shared, ExecEnvironment env,
                                  Consumer<PgException> messages) {
        Catalog catalog = env.catalog();
        Stmt.RangeVar rv = s.relation();
        Relation rel = catalog.openRelation(rv.schema(), rv.name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (rel == null) {
            if (s.missingOk()) {
                messages.accept(new PgException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "relation \"" + rv.name() + "\" does not exist, skipping", null, null, 0));
                return;
            }
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
        }
        char k = rel.relkind();
        switch (s.objectKind()) {
            case 'S' -> { if (k != 'S') throw wrongKind(rel, "a sequence"); }
            case 'v' -> { if (k != 'v') throw wrongKind(rel, "a view"); }
            case 'm' -> { if (k != 'm') throw wrongKind(rel, "a materialized view"); }
            case 'i' -> { if (k != 'i' && k != 'I') throw wrongKind(rel, "an index"); }
            default -> { }
        }
        BootstrapCatalog cat = shared.sharedCatalog().current();
        Role me = Roles.current(cat, shared);
        Role newOwner = Roles.resolve(cat, s.newOwner(), shared);
        if (k == 'i' || k == 'I') {
            if (rel.owner() != newOwner.oid()) {
                messages.accept(new PgException(Severity.WARNING, SqlState.WRONG_OBJECT_TYPE,
                        "cannot change owner of index \"" + rel.name() + "\"", null,
                        "Change the ownership of the index's table, instead.", 0));
            }
            return;
        }
        if (k == 'S') {
            RelationOwnership.OwningColumn owning = catalog.relationOwnership().owningColumn(rel.oid());
            if (owning != null && !owning.identity()) {
                Relation table = catalog.openRelation(owning.tableOid());
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot change owner of sequence \"" + rel.name() + "\"")
                        .withDetail("Sequence \"" + rel.name() + "\" is linked to table \"" + table.name() + "\".");
            }
        }
        if (rel.owner() == newOwner.oid()) return;
        if (!me.superuser()) {
            if (me.oid() != rel.owner() && !RoleMembership.hasPrivsOfRole(cat, me.oid(), rel.owner())) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of "
                        + org.tusk.catalog.RelkindDetail.objectKind(k) + " " + rel.name());
            }
            if (!RoleMembership.isMemberOfRole(cat, me.oid(), newOwner.oid())) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + newOwner.name() + "\"");
            }
            if (!mayCreateIn(catalog, cat, newOwner, rel.namespace())) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for schema "
                        + catalog.namespaceName(rel.namespace()));
            }
        }
        catalog.relationOwnership().setOwner(rel.oid(), newOwner.oid());
    }

    /** pg_namespace_aclcheck(nsp, role, ACL_CREATE) for a role that need not be the current user. */
    static boolean mayCreateIn(Catalog catalog, BootstrapCatalog cat, Role role, int nsp) {
        if (role.superuser()) return true;
        int owner = catalog.namespaceOwner(nsp);
        if (owner == role.oid() || RoleMembership.hasPrivsOfRole(cat, role.oid(), owner)) return true;
        int[] acl = catalog.namespaceAcl(nsp);
        if (acl == null) acl = Acl.defaultAcl(owner, Acl.ACL_ALL_RIGHTS_SCHEMA, 0);
        return (Acl.mask(acl, RoleMembership.rolesMemberOf(cat, role.oid(), true)) & Acl.ACL_CREATE) != 0;
    }

    private static PgException wrongKind(Relation rel, String kind) {
        return PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not " + kind);
    }
}
