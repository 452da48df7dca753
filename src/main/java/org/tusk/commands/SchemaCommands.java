package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.Acl;
import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.RoleMembership;
import org.tusk.catalog.BootstrapCatalog.Database;
import org.tusk.catalog.BootstrapCatalog.Role;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.CatalogScan;
import org.tusk.catalog.Dependencies;
import org.tusk.catalog.DependencyType;
import org.tusk.catalog.FunctionDdl;
import org.tusk.catalog.ObjectAddress;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * CREATE, DROP and ALTER SCHEMA (PostgreSQL's commands/schemacmds.c and the schema part of
 * dependency.c). A schema's dependents are the relations in it; Tusk has no pg_depend yet, so
 * DROP SCHEMA finds them through pg_class.relnamespace, in OID order (PostgreSQL reports them
 * in pg_depend scan order, which for objects created one after another is the same).
 */
public final class SchemaCommands {
    private SchemaCommands() {}

    /** CreateSchemaCommand. */
    public static void create(Stmt.CreateSchemaStmt s, SharedObjectEnv shared, ExecEnvironment env, Consumer<PgException> notices) {
        BootstrapCatalog cat = shared.sharedCatalog().current();
        Role me = Roles.current(cat, shared);
        Role owner = s.owner() == null ? me : Roles.resolve(cat, s.owner(), shared);
        String name = s.name() != null ? s.name() : owner.name();
        Database db = cat.database(shared.currentDatabaseId()).orElseThrow();
        if (!hasCreateOnDatabase(me, db)) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database " + db.name());
        }
        if (owner.oid() != me.oid() && !me.superuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + owner.name() + "\"");
        }
        checkName(name);
        Catalog catalog = env.catalog();
        if (catalog.namespaceOid(name) != 0) {
            if (s.ifNotExists()) {
                notices.accept(notice(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists, skipping"));
                return;
            }
            throw PgException.error(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
        }
        catalog.createNamespace(name, owner.oid());
    }

    /** RemoveObjects for OBJECT_SCHEMA, then performMultipleDeletions with the relations in them. */
    public static void drop(Stmt.DropSchemaStmt s, SharedObjectEnv shared, ExecEnvironment env, Consumer<PgException> notices) {
        Catalog catalog = env.catalog();
        BootstrapCatalog cat = shared.sharedCatalog().current();
        Role me = Roles.current(cat, shared);
        List<Integer> schemas = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : s.names()) {
            int oid = catalog.namespaceOid(name);
            if (oid == 0) {
                if (s.missingOk()) {
                    notices.accept(notice(SqlState.SUCCESSFUL_COMPLETION, "schema \"" + name + "\" does not exist, skipping"));
                    continue;
                }
                throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
            }
            if (!me.superuser() && catalog.namespaceOwner(oid) != me.oid()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of schema " + name);
            }
            if (name.equals("pg_catalog") || name.startsWith("pg_toast") || name.equals("information_schema")) {
                throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop schema " + name
                        + " because it is required by the database system");
            }
            schemas.add(oid);
            names.add(name);
        }
        // findDependentObjects reaches a schema's members through their pg_depend rows on it and
        // reports them in creation (OID) order; relations and routines are the members kept here
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < schemas.size(); i++) {
            for (Relation r : catalog.relationsInNamespace(schemas.get(i))) {
                ObjectAddress rel = ObjectAddress.relation(r.oid());
                String what = catalog.dependencies().describe(rel);
                // a standalone composite type is reached through its pg_type row: "type s.c"
                if (r.relkind() == 'c' && what.startsWith("composite type ")) what = what.substring("composite ".length());
                members.add(new Member(r.oid(), what, names.get(i), r, null, 0));
            }
            for (Object[] row : catalog.functions().rowsInNamespace(schemas.get(i))) {
                ObjectAddress fn = new ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, CatalogScan.oid(PG_PROC.get(row, "oid")), 0);
                String what = catalog.dependencies().describeOrNull(fn);
                // a range type's constructors (makeRangeConstructors) depend on it INTERNALly: they go
                // with it (RemoveTypeById here), unreported
                if (what != null && (internalPart(catalog, fn) || rangeConstructor(catalog, row))) continue;
                if (what != null) members.add(new Member(fn.objectId(), what, names.get(i), null, fn, 0));
            }
            // base, shell, domain, enum and range types depend on their schema too
            for (int type : catalog.typeDdl().standaloneTypesInNamespace(schemas.get(i))) {
                members.add(new Member(type, "type " + org.tusk.utils.adt.FormatType.format(type, -1, false), names.get(i), null,
                        null, type));
            }
        }
        members.sort((a, b) -> Integer.compareUnsigned(a.oid(), b.oid()));
        // reportDependentObjects says nothing of an object also reached through an AUTO or
        // INTERNAL dependency (DEPFLAG_AUTO): a sequence owned by a column of a table in the schema
        members.removeIf(m -> m.relation() != null && ownedByMember(catalog, m, members));
        List<String> lines = new ArrayList<>();
        for (Member m : members) lines.add(m.description() + (s.cascade() ? "" : " depends on schema " + m.schema()));
        if (!members.isEmpty()) {
            if (!s.cascade()) {
                String what = names.size() == 1 ? "schema " + names.get(0) : "desired object";
                throw new PgException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop " + what + " because other objects depend on it", String.join("\n", lines),
                        "Use DROP ... CASCADE to drop the dependent objects too.", 0);
            }
            if (lines.size() == 1) notices.accept(notice(SqlState.SUCCESSFUL_COMPLETION, "drop cascades to " + lines.get(0)));
            else notices.accept(new PgException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "drop cascades to " + lines.size() + " other objects",
                    String.join("\n", lines.stream().map(l -> "drop cascades to " + l).toList()), null, 0));
            // routines first, through pg_depend (their triggers and dependent routines go with them);
            // the NOTICE above already named them, so the deletion itself is quiet
            List<ObjectAddress> routines = new ArrayList<>();
            for (Member m : members) if (m.routine() != null) routines.add(m.routine());
            if (!routines.isEmpty()) catalog.dependencies().performDeletion(routines, true, true);
            // the relations in one deletion, as performMultipleDeletions does: dependents (a view
            // on a table, a column default on a sequence) go before what they depend on, and an
            // owned sequence goes with its table
            List<Relation> relations = new ArrayList<>();
            for (Member m : members) if (m.relation() != null) relations.add(m.relation());
            if (!relations.isEmpty()) catalog.dropRelations(relations, true);
            env.commandCounterIncrement();
            // then the types, the later ones first (a domain over an enum of the schema goes before it)
            List<Integer> types = new ArrayList<>();
            for (Member m : members) if (m.type() != 0) types.add(m.type());
            types.sort((a, b) -> Integer.compareUnsigned(b, a));
            for (int type : types) dropType(catalog, type);
        }
        for (int oid : schemas) catalog.dropNamespace(oid);
    }

    /** RenameSchema and AlterSchemaOwner. */
    public static void alter(Stmt.AlterSchemaStmt s, SharedObjectEnv shared, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        BootstrapCatalog cat = shared.sharedCatalog().current();
        Role me = Roles.current(cat, shared);
        int oid = catalog.namespaceOid(s.name());
        if (oid == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + s.name() + "\" does not exist");
        boolean owner = me.superuser() || RoleMembership.hasPrivsOfRole(cat, me.oid(), catalog.namespaceOwner(oid));
        Database db = cat.database(shared.currentDatabaseId()).orElseThrow();
        if (s.newName() != null) {
            if (catalog.namespaceOid(s.newName()) != 0) {
                throw PgException.error(SqlState.DUPLICATE_SCHEMA, "schema \"" + s.newName() + "\" already exists");
            }
            if (!owner) throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of schema " + s.name());
            if (!hasCreateOnDatabase(me, db)) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database " + db.name());
            }
            checkName(s.newName());
            catalog.renameNamespace(oid, s.newName());
            return;
        }
        Role newOwner = Roles.resolve(cat, s.newOwner(), shared);
        int oldOwner = catalog.namespaceOwner(oid);
        if (newOwner.oid() == oldOwner) return;
        if (!owner) throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of schema " + s.name());
        if (!me.superuser()) {
            if (!RoleMembership.isMemberOfRole(cat, me.oid(), newOwner.oid()))
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + newOwner.name() + "\"");
            if (!hasCreateOnDatabase(me, db))
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database " + db.name());
        }
        setOwner(catalog, env, oid, oldOwner, newOwner.oid());
    }

    /**
     * The catalog part of giving a schema a new owner (AlterSchemaOwner_internal, also REASSIGN
     * OWNED): nspowner, and nspacl rewritten as aclnewowner does.
     */
    static void setOwner(Catalog catalog, ExecEnvironment env, int nsp, int oldOwner, int newOwner) {
        int[] acl = catalog.namespaceAcl(nsp);
        catalog.setNamespaceOwner(nsp, newOwner);
        env.commandCounterIncrement();
        if (acl != null) {
            catalog.setNamespaceAcl(nsp, Acl.newOwner(acl, oldOwner, newOwner));
            env.commandCounterIncrement();
        }
    }

    /** An object of a schema being dropped: a relation, a routine (pg_proc row) or a type ({@code type}, else 0). */
    private record Member(int oid, String description, String schema, Relation relation, ObjectAddress routine, int type) {}

    /**
     * A type of the schema, after its relations and routines: gone already if it went with one
     * of them (a base type with its I/O functions). Columns of other schemas' tables of the type
     * would have to be dropped too, which Tusk's type removal does not do yet: refused then.
     */
    private static void dropType(Catalog catalog, int type) {
        org.tusk.catalog.TypeCache.UserType t = catalog.types().type(type);
        if (t == null) return;
        switch (t.typtype()) {
            case 'd' -> DomainCommands.dropDomain(catalog, catalog.types().domain(type), true, n -> { });
            case 'e', 'r' -> {
                if (!catalog.typeDdl().dependents(type).isEmpty()) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "DROP SCHEMA ... CASCADE with columns of other schemas' tables of its types is not supported yet");
                }
                catalog.typeDdl().dropType(type);
            }
            default -> catalog.dependencies().performDeletion(
                    List.of(new ObjectAddress(org.tusk.catalog.BaseTypeDdl.TYPE_RELATION_ID, type, 0)), true, true);
        }
    }

    private static PgException notice(String sqlState, String message) {
        return new PgException(Severity.NOTICE, sqlState, message, null, null, 0);
    }

    /** The "pg_" prefix is reserved for system schemas (allow_system_table_mods is not supported). */
    private static void checkName(String name) {
        if (name.startsWith("pg_")) {
            throw PgException.error(SqlState.RESERVED_NAME, "unacceptable schema name \"" + name + "\"")
                    .withDetail("The prefix \"pg_\" is reserved for system schemas.");
        }
    }

    /**
     * pg_database_aclcheck(ACL_CREATE): the owner and superusers always; others through datacl,
     * whose default (null) grants CREATE to nobody else.
     */
    static boolean hasCreateOnDatabase(Role me, Database db) {
        if (me.superuser() || db.dba() == me.oid()) return true;
        if (db.acl() == null) return false;
        for (String item : db.acl()) {
            int eq = item.indexOf('='), slash = item.indexOf('/');
            if (eq < 0 || slash < eq) continue;
            String grantee = item.substring(0, eq);
            if ((grantee.isEmpty() || grantee.equals(Integer.toUnsignedString(me.oid())))
                    && item.substring(eq + 1, slash).indexOf('C') >= 0) return true;
        }
        return false;
    }

    /** Whether pg_proc row {@code proc} is a constructor DefineRange made for its range result type. */
    private static boolean rangeConstructor(Catalog catalog, Object[] proc) {
        Object src = PG_PROC.get(proc, "prosrc");
        if (!"range_constructor2".equals(src) && !"range_constructor3".equals(src)) return false;
        org.tusk.catalog.TypeCache.UserType t = catalog.types().type(CatalogScan.oid(PG_PROC.get(proc, "prorettype")));
        return t != null && t.typtype() == 'r' && t.namespace() == CatalogScan.oid(PG_PROC.get(proc, "pronamespace"));
    }

    /** Whether {@code o} is an INTERNAL part of another object (findDependentObjects reaches it through its owner). */
    private static boolean internalPart(Catalog catalog, ObjectAddress o) {
        for (Dependencies.Dependency d : catalog.dependencies().dependenciesOf(o)) {
            if (d.type() == DependencyType.INTERNAL) return true;
        }
        return false;
    }

    /** Whether {@code m} depends AUTOmatically or INTERNALly on (a column of) another relation among {@code members}. */
    private static boolean ownedByMember(Catalog catalog, Member m, List<Member> members) {
        for (Dependencies.Dependency d : catalog.dependencies().dependenciesOf(ObjectAddress.relation(m.oid()))) {
            if (d.type() == DependencyType.NORMAL) continue;
            ObjectAddress ref = d.referenced();
            if (ref.classId() != ObjectAddress.RELATION_RELATION_ID || ref.objectId() == m.oid()) continue;
            for (Member other : members) if (other.relation() != null && other.oid() == ref.objectId()) return true;
        }
        return false;
    }
}
