package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_TYPE;

import java.util.List;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The catalog side of shell and base types: pg_type.c TypeShellMake (CREATE TYPE name) and
 * TypeCreate for a base type over an existing shell (CREATE TYPE name (INPUT = ..., ...)), with
 * its array type "_name" (typecmds.c DefineType's AssignTypeArrayOid + makeArrayTypeName) and
 * GenerateTypeDependencies' NORMAL dependencies of the type on its support functions; and the
 * pg_type object class of the dependency machinery (getObjectDescription "type x",
 * RemoveTypeById), through which DROP TYPE of a base or shell type cascades to the functions, casts
 * and operators that use it.
 *
 * <p>Invariants: a shell type has typtype 'p', typisdefined false, typlen 4 by value,
 * shell_in/shell_out as I/O functions and no array type; completing it keeps its OID (the row is
 * updated in place, as TypeCreate does), so functions declared on the shell now name the base type.
 * Every change is transactional, followed by a relcache invalidation of pg_type (which empties the
 * {@link TypeCache}) and CommandCounterIncrement. The caller holds no lock on the type (PostgreSQL
 * takes none either: the unique index on (typname, typnamespace) serialises creators, which Tusk
 * lacks, see the package's note on name lookup).
 */
public final class BaseTypeDdl {
    /** pg_proc OIDs of shell_in and shell_out (pg_proc.dat). */
    static final int F_SHELL_IN = 2398, F_SHELL_OUT = 2399;
    /** TypeRelationId. */
    public static final int TYPE_RELATION_ID = 1247;

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Namespaces namespaces;
    private final TypeCache types;

    BaseTypeDdl(CatalogEnv env, CatalogWriter writer, Namespaces namespaces, TypeCache types, Dependencies dependencies) {
        this.env = env;
        this.writer = writer;
        this.namespaces = namespaces;
        this.types = types;
        dependencies.registerObjectClass(TYPE_RELATION_ID, new Dependencies.ObjectClass() {
            @Override
            public String describe(ObjectAddress o) {
                TypeCache.UserType t = types.type(o.objectId());
                return t == null ? null : "type " + t.name();
            }

            @Override
            public void drop(ObjectAddress o) { remove(o.objectId()); }
        });
    }

    /** The description of a base type definition (DefineType's parameters, after their lookups). */
    public record BaseType(int internalLength, boolean byValue, char alignment, char storage, char category,
                           boolean preferred, char delimiter, int elemType, String defaultValue, int collation,
                           int input, int output, int receive, int send) {}

    /** The namespace a new type of this (possibly null) schema goes to, with the CREATE privilege checked. */
    public int creationNamespace(String schemaOrNull) {
        return namespaces.creationTarget(schemaOrNull);
    }

    /** TypeShellMake: a shell type {@code name} in {@code namespace}; returns its OID. */
    public int createShell(String name, int namespace) {
        int oid = writer.newOid(PG_TYPE, "oid");
        PgTypeRows.TypeRow row = new PgTypeRows.TypeRow(oid, name, 4, true, 'p', PgType.CAT_PSEUDO, false, 0, 0, 0, 0,
                F_SHELL_IN, F_SHELL_OUT, 0, 0, 0, 0, 0, 'i', 'p', 0);
        Object[] r = PgTypeRows.toRow(row, namespace, env.userOid().getAsInt());
        PG_TYPE.set(r, "typisdefined", false);
        writer.insert(PG_TYPE, r);
        changed();
        return oid;
    }

    /**
     * TypeCreate over the shell {@code shellOid}: the row becomes the base type (same OID), its
     * array type is made, and the type depends on its I/O functions. Returns the array type's OID.
     */
    public int defineBase(int shellOid, BaseType t, Dependencies dependencies) {
        TupleSlot slot = shellRow(shellOid);
        Object[] old = slot.values();
        String name = (String) PG_TYPE.get(old, "typname");
        int namespace = oid(PG_TYPE.get(old, "typnamespace"));
        String arrayName = new ArrayTypeNames(env, writer).makeArrayTypeName(name, namespace);
        int arrayOid = writer.newOid(PG_TYPE, "oid");
        PgTypeRows.TypeRow row = new PgTypeRows.TypeRow(shellOid, name, t.internalLength(), t.byValue(), 'b', t.category(),
                t.preferred(), 0, 0, t.elemType(), arrayOid, t.input(), t.output(), t.receive(), t.send(), 0, 0, 0,
                t.alignment(), t.storage(), t.collation());
        Object[] r = PgTypeRows.toRow(row, namespace, oid(PG_TYPE.get(old, "typowner")));
        PG_TYPE.set(r, "typdelim", String.valueOf(t.delimiter()));
        PG_TYPE.set(r, "typdefault", t.defaultValue());
        writer.update(PG_TYPE, slot, r);
        PgTypeRows.TypeRow array = PgTypeRows.arrayOf(row);
        array = new PgTypeRows.TypeRow(array.oid(), arrayName, array.typlen(), array.typbyval(), array.typtype(),
                array.typcategory(), array.typispreferred(), array.typrelid(), array.typsubscript(), array.typelem(),
                array.typarray(), array.typinput(), array.typoutput(), array.typreceive(), array.typsend(),
                array.typmodin(), array.typmodout(), array.typanalyze(), array.typalign(), array.typstorage(),
                array.typcollation());
        Object[] ar = PgTypeRows.toRow(array, namespace, oid(PG_TYPE.get(old, "typowner")));
        PG_TYPE.set(ar, "typdelim", String.valueOf(t.delimiter()));
        writer.insert(PG_TYPE, ar);
        // GenerateTypeDependencies: the type depends on its support functions; the array type is
        // part of the type (INTERNAL), so it goes with it and cannot be dropped alone
        ObjectAddress type = new ObjectAddress(TYPE_RELATION_ID, shellOid, 0);
        for (int f : new int[] {t.input(), t.output(), t.receive(), t.send()}) {
            if (f != 0) dependencies.recordDependencyOn(type, new ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, f, 0),
                    DependencyType.NORMAL);
        }
        dependencies.recordDependencyOn(new ObjectAddress(TYPE_RELATION_ID, arrayOid, 0), type, DependencyType.INTERNAL);
        changed();
        return arrayOid;
    }

    /**
     * What depends on base type {@code typeOid} without a pg_depend row (domains over it,
     * attributes of composite types), described as getObjectDescription would; DROP TYPE cannot
     * cascade to these yet.
     */
    public List<String> dependentsWithoutRecord(int typeOid) {
        return ColumnTypeDependency.unrecorded(writer, typeOid);
    }

    private TupleSlot shellRow(int typeOid) {
        List<TupleSlot> l = writer.find(PG_TYPE, v -> oid(PG_TYPE.get(v, "oid")) == typeOid);
        if (l.isEmpty()) throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for type " + typeOid);
        return l.get(0);
    }

    /** RemoveTypeById: the type's pg_type row, and its array type's if it is the array's element type being removed. */
    void remove(int typeOid) {
        writer.delete(PG_TYPE, v -> oid(PG_TYPE.get(v, "oid")) == typeOid);
        new Comments(env, writer).delete(typeOid, PG_TYPE.oid(), 0);
        changed();
    }

    private void changed() {
        env.inval().registerRelcacheInval(PG_TYPE.oid());
        env.commandCounterIncrement().run();
    }
}
