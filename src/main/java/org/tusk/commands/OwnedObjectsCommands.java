package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.BootstrapCatalog.Role;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.FunctionDdl;
import org.tusk.catalog.ObjectAddress;
import org.tusk.catalog.OwnedObjects;
import org.tusk.catalog.RelationLocks;
import org.tusk.catalog.RoleMembership;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * REASSIGN OWNED (user.c ReassignOwnedObjects, pg_shdepend.c shdepReassignOwned): every object
 * of the current database that one of the roles owns gets the new owner, as ALTER ... OWNER TO
 * would give it (a relation's indexes, TOAST table, owned sequences and row type following it; a
 * type's array type; a schema's and a routine's ACL rewritten as aclnewowner does). The current
 * user must hold the privileges of every role named (has_privs_of_role), else 42501; the
 * bootstrap superuser's objects cannot be reassigned (2BP01).
 *
 * <p>Not yet: shared objects (databases the roles own keep their owner), and the kinds of
 * object {@link OwnedObjects} does not list (operators, operator classes and families, ...).
 */
public final class OwnedObjectsCommands {
    private OwnedObjectsCommands() {}

    public static void reassignOwned(Stmt.ReassignOwnedStmt s, SharedObjectEnv shared, ExecEnvironment env) {
        BootstrapCatalog cat = shared.sharedCatalog().current();
        List<Role> roles = rolesActedFor(s.roles(), cat, shared, "permission denied to reassign objects");
        Role me = Roles.current(cat, shared);
        Role newOwner = Roles.resolve(cat, s.newRole(), shared);
        if (!RoleMembership.hasPrivsOfRole(cat, me.oid(), newOwner.oid()))
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to reassign objects");
        Catalog catalog = env.catalog();
        for (Role r : roles) {
            // shdepReassignOwned: the pinned owner's objects are the system's
            if (r.oid() == BootstrapCatalog.BOOTSTRAP_SUPERUSER_ID) {
                throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot reassign ownership of objects owned by role "
                        + r.name() + " because they are required by the database system");
            }
            if (r.oid() == newOwner.oid()) continue;
            OwnedObjects owned = catalog.ownedObjects(r.oid());
            for (int nsp : owned.namespaces()) SchemaCommands.setOwner(catalog, env, nsp, r.oid(), newOwner.oid());
            for (int rel : owned.relations()) {
                catalog.lockRelation(rel, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
                catalog.relationOwnership().setOwner(rel, newOwner.oid());
                env.commandCounterIncrement();
            }
            for (int routine : owned.routines()) {
                AlterFunctionCommands.setOwner(catalog.functions(), routine, r.oid(), newOwner.oid());
                env.commandCounterIncrement();
            }
            for (int type : owned.types()) catalog.typeDdl().setOwner(type, newOwner.oid());
            env.commandCounterIncrement();
        }
    }

    /**
     * DROP OWNED (user.c DropOwnedObjects, pg_shdepend.c shdepDropOwned): the roles are revoked
     * every privilege they were granted here (relations, columns, schemas, routines) and lose
     * their default privileges, then the relations and routines (functions, procedures,
     * aggregates) they own are dropped in one deletion (performMultipleDeletions: RESTRICT
     * refuses when other objects depend on them, such as a view calling a dropped function;
     * CASCADE takes those too). The current user must hold the privileges of every role (42501);
     * the bootstrap superuser's objects cannot be dropped (2BP01).
     *
     * <p>Not yet (0A000, before anything changes): roles that own schemas or types here, or that
     * policies name.
     */
    public static void dropOwned(Stmt.DropOwnedStmt s, SharedObjectEnv shared, ExecEnvironment env) {
        BootstrapCatalog cat = shared.sharedCatalog().current();
        List<Role> roles = rolesActedFor(s.roles(), cat, shared, "permission denied to drop objects");
        Catalog catalog = env.catalog();
        List<Integer> relations = new ArrayList<>();
        List<ObjectAddress> targets = new ArrayList<>();
        for (Role r : roles) {
            if (r.oid() == BootstrapCatalog.BOOTSTRAP_SUPERUSER_ID) {
                throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop objects owned by role "
                        + r.name() + " because they are required by the database system");
            }
            OwnedObjects owned = catalog.ownedObjects(r.oid());
            // schemas and types are dropped by their own commands here (their members and the columns
            // of their types are found by scanning, not through pg_depend): not yet through DROP OWNED
            if (!owned.namespaces().isEmpty() || !owned.types().isEmpty())
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "DROP OWNED of a role owning schemas or types is not supported yet");
            for (String d : catalog.roleDependencies(r.oid())) {
                if (d.startsWith("target of policy"))
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "DROP OWNED of a role policies name is not supported yet");
            }
            // shdepDropOwned's deleteobjs: everything the role owns here, of every kind
            for (int rel : owned.relations()) {
                if (!relations.contains(rel)) relations.add(rel);
                add(targets, ObjectAddress.relation(rel));
            }
            for (int routine : owned.routines()) add(targets, new ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, routine, 0));
        }
        for (Role r : roles) catalog.removeRoleFromAcls(r.oid());
        env.commandCounterIncrement();
        for (int oid : relations) catalog.lockRelation(oid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        // performMultipleDeletions: one deletion, RESTRICT refusing what other objects (another
        // role's table in a dropped schema, a view over a dropped function) still depend on
        if (!targets.isEmpty()) catalog.dependencies().performDeletion(targets, s.cascade());
        env.commandCounterIncrement();
    }

    private static void add(List<ObjectAddress> targets, ObjectAddress a) {
        if (!targets.contains(a)) targets.add(a);
    }

    /** The roles named, each one whose privileges the current user has (42501 {@code denied} otherwise). */
    private static List<Role> rolesActedFor(List<Stmt.RoleSpec> specs, BootstrapCatalog cat, SharedObjectEnv shared,
                                            String denied) {
        Role me = Roles.current(cat, shared);
        List<Role> roles = new ArrayList<>();
        for (Stmt.RoleSpec spec : specs) {
            Role r = Roles.resolve(cat, spec, shared);
            if (!RoleMembership.hasPrivsOfRole(cat, me.oid(), r.oid())) throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, denied);
            roles.add(r);
        }
        return roles;
    }
}
