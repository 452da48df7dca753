package org.tusk.commands;

import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.BaseTypeDdl;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.ObjectAddress;
import org.tusk.catalog.TypeCache;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD VALUE / RENAME VALUE and DROP TYPE (PostgreSQL's
 * commands/typecmds.c DefineEnum, AlterEnum, and RemoveObjects for OBJECT_TYPE). Name lookup and
 * the checks that need it are here; the catalog rows are written by {@code catalog.TypeDdl}.
 *
 * <p>DROP TYPE of a shell or base type goes through pg_depend (performDeletion): columns of a
 * base type depend on it there, so CASCADE drops them as ALTER TABLE DROP COLUMN would. For an
 * enum or range type, columns that use the type (or its array type) are found through pg_attribute:
 * RESTRICT reports them as PostgreSQL does, and CASCADE is refused when there are any.
 * Ownership is not checked (types are created by and for the current user).
 */
public final class TypeCommands {
    private TypeCommands() {}

    /** DefineEnum. */
    public static void createEnum(Stmt.CreateEnumStmt s, ExecEnvironment env) {
        List<String> n = s.name();
        if (n.size() > 2) throw crossDatabase(n);
        env.catalog().typeDdl().createEnum(n.size() == 2 ? n.get(0) : null, n.get(n.size() - 1), s.labels());
    }

    /** AlterEnum. */
    public static void alterEnum(Stmt.AlterEnumStmt s, ExecEnvironment env) {
        int typeOid = lookup(env.catalog(), s.name(), false);
        if (s.renameType()) {
            env.catalog().typeDdl().renameType(typeOid, s.newVal());
            return;
        }
        if (!env.catalog().types().isEnum(typeOid)) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + String.join(".", s.name()) + "\" is not an enum");
        }
        if (s.oldVal() == null) {
            env.catalog().typeDdl().addValue(typeOid, s.newVal(), s.neighbor(), s.before(), s.skipIfExists());
        } else {
            env.catalog().typeDdl().renameValue(typeOid, s.oldVal(), s.newVal());
        }
    }

    /** RemoveObjects(OBJECT_TYPE) and performDeletion without pg_depend. */
    public static void drop(Stmt.DropTypeStmt s, ExecEnvironment env, Consumer<String> notices) {
        Catalog catalog = env.catalog();
        for (List<String> name : s.names()) {
            int typeOid = lookup(catalog, name, s.missingOk());
            if (typeOid == 0) {
                notices.accept("type \"" + String.join(".", name) + "\" does not exist, skipping");
                continue;
            }
            TypeCache.UserType t = catalog.types().type(typeOid);
            if (t != null && t.typtype() == 'c') {
                CompositeTypeCommands.drop(t, s.cascade(), env, notices);
                continue;
            }
            if (t != null && t.typtype() == 'd') {
                DomainCommands.dropDomain(catalog, catalog.types().domain(typeOid), s.cascade(), notices);
                continue;
            }
            if (t != null && (t.typtype() == 'p' || t.typtype() == 'b' && t.typelem() == 0)) {
                // shell and base types go through pg_depend: their functions, casts, operators and
                // table columns depend on them (a shell type cannot be a column's type); domains
                // over the type and composite types using it do not record that yet
                refuseUnrecorded(catalog, t, s.cascade());
                catalog.dependencies().performDeletion(List.of(new ObjectAddress(BaseTypeDdl.TYPE_RELATION_ID, typeOid, 0)),
                        s.cascade());
                continue;
            }
            if (t == null || t.typtype() != 'e' && t.typtype() != 'r') {
                // array types go with their element type (and so do a table's row types)
                String shown = String.join(".", name);
                throw new PgException(Severity.ERROR, "2BP01", "cannot drop type " + shown
                        + " because " + (t != null && t.typelem() != 0 ? "type " + catalog.types().typeName(t.typelem())
                        : "another object") + " requires it", null,
                        "You can drop " + (t != null && t.typelem() != 0 ? "type " + catalog.types().typeName(t.typelem())
                        : "that object") + " instead.", 0);
            }
            List<String> deps = catalog.typeDdl().dependents(typeOid);
            if (!deps.isEmpty()) {
                if (!s.cascade()) {
                    throw new PgException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop type " + t.name() + " because other objects depend on it",
                            String.join("\n", deps.stream().map(d -> d + " depends on type " + t.name()).toList()),
                            "Use DROP ... CASCADE to drop the dependent objects too.", 0);
                }
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "DROP TYPE ... CASCADE with dependent columns is not supported yet");
            }
            catalog.typeDdl().dropType(typeOid);
        }
    }

    /** Domains and composite attributes of a base type are not in pg_depend: RESTRICT reports them, CASCADE is refused. */
    private static void refuseUnrecorded(Catalog catalog, TypeCache.UserType t, boolean cascade) {
        List<String> deps = catalog.baseTypeDdl().dependentsWithoutRecord(t.oid());
        if (deps.isEmpty()) return;
        if (!cascade) {
            throw new PgException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop type " + t.name() + " because other objects depend on it",
                    String.join("\n", deps.stream().map(d -> d + " depends on type " + t.name()).toList()),
                    "Use DROP ... CASCADE to drop the dependent objects too.", 0);
        }
        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "DROP TYPE ... CASCADE to domains or composite types using a base type is not supported yet");
    }

    /** typenameTypeId for a user type: 42704 (or 0 with {@code missingOk}) if there is none. */
    private static int lookup(Catalog catalog, List<String> name, boolean missingOk) {
        if (name.size() > 2) throw crossDatabase(name);
        TypeCache types = catalog.types();
        int oid = types == null ? 0 : types.lookupTypeName(name.size() == 2 ? name.get(0) : null, name.get(name.size() - 1));
        if (oid == 0 && !missingOk) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", name) + "\" does not exist");
        }
        return oid;
    }

    private static PgException crossDatabase(List<String> name) {
        return PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "cross-database references are not implemented: " + String.join(".", name));
    }
}
