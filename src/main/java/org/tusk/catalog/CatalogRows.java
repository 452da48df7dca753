package org.tusk.catalog;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.tusk.catalog.SystemCatalogs.*;

/**
 * Builds catalog rows as PostgreSQL's heap.c, index.c, pg_constraint.c and namespace.c fill
 * them (InsertPgClassTuple, InsertPgAttributeTuples, UpdateIndexRelation, CreateConstraintEntry,
 * StoreAttrDefault), as Java values ready for {@code TableAm.insert}. Used both by bootstrap
 * (initdb) and by DDL at run time, so the two write identical rows.
 */
public final class CatalogRows {
    private CatalogRows() {}

    /** FirstNormalTransactionId: relfrozenxid of a relation created at bootstrap. */
    static final int FIRST_NORMAL_TRANSACTION_ID = 3;

    private static final Map<Integer, PgTypeRows.TypeRow> TYPES = new HashMap<>();

    static {
        for (PgTypeRows.TypeRow t : PgTypeRows.builtinTypes()) TYPES.put(t.oid(), t);
    }

    /** The built-in pg_type row of {@code typeOid}, or null. */
    public static PgTypeRows.TypeRow builtinType(int typeOid) {
        return TYPES.get(typeOid);
    }

    /** A system column (heap.c SysAtt): name, attnum, type, attlen, attbyval, attalign. */
    record SystemAttribute(String name, int attnum, int typeOid, int len, boolean byval, char align) {}

    /** The system columns every heap relation has, with their negative attribute numbers. */
    static final List<SystemAttribute> SYSTEM_ATTRIBUTES = List.of(
            new SystemAttribute("ctid", -1, 27, 6, false, 's'),
            new SystemAttribute("xmin", -2, 28, 4, true, 'i'),
            new SystemAttribute("cmin", -3, 29, 4, true, 'i'),
            new SystemAttribute("xmax", -4, 28, 4, true, 'i'),
            new SystemAttribute("cmax", -5, 29, 4, true, 'i'),
            new SystemAttribute("tableoid", -6, 26, 4, true, 'i'));

    /** Whether {@code name} is a system column name (SystemAttributeByName). */
    public static boolean isSystemColumnName(String name) {
        for (SystemAttribute a : SYSTEM_ATTRIBUTES) if (a.name().equals(name)) return true;
        return false;
    }

    public static Object[] namespaceRow(int oid, String name, int owner) {
        SystemCatalog c = PG_NAMESPACE;
        Object[] r = c.newRow();
        c.set(r, "oid", oid);
        c.set(r, "nspname", name);
        c.set(r, "nspowner", owner);
        return r;
    }

    public static Object[] amRow(int oid, String name, int handler, char type) {
        SystemCatalog c = PG_AM;
        Object[] r = c.newRow();
        c.set(r, "oid", oid);
        c.set(r, "amname", name);
        c.set(r, "amhandler", handler);
        c.set(r, "amtype", String.valueOf(type));
        return r;
    }

    /** InsertPgClassTuple with the values heap_create_with_catalog / index_create give a new relation. */
    public static Object[] classRow(int oid, String name, int namespace, int reltype, int owner, int am, int relfilenode,
                                    char persistence, char relkind, int natts, int frozenXid) {
        SystemCatalog c = PG_CLASS;
        Object[] r = c.newRow();
        c.set(r, "oid", oid);
        c.set(r, "relname", name);
        c.set(r, "relnamespace", namespace);
        c.set(r, "reltype", reltype);
        c.set(r, "reloftype", 0);
        c.set(r, "relowner", owner);
        c.set(r, "relam", am);
        c.set(r, "relfilenode", relfilenode);
        c.set(r, "reltablespace", 0);
        c.set(r, "relpages", 0);
        c.set(r, "reltuples", -1.0f);
        c.set(r, "relallvisible", 0);
        c.set(r, "reltoastrelid", 0);
        c.set(r, "relhasindex", false);
        c.set(r, "relisshared", false);
        c.set(r, "relpersistence", String.valueOf(persistence));
        c.set(r, "relkind", String.valueOf(relkind));
        c.set(r, "relnatts", (short) natts);
        c.set(r, "relchecks", (short) 0);
        c.set(r, "relhasrules", false);
        c.set(r, "relhastriggers", false);
        c.set(r, "relhassubclass", false);
        c.set(r, "relrowsecurity", false);
        c.set(r, "relforcerowsecurity", false);
        c.set(r, "relispopulated", true);
        // RelationBuildLocalRelation: REPLICA_IDENTITY_DEFAULT for user tables, partitioned tables and
        // materialized views; system catalogs and other relkinds get 'n' (NOTHING).
        c.set(r, "relreplident", (relkind == 'r' || relkind == 'p' || relkind == 'm') && namespace != PG_CATALOG_NAMESPACE ? "d" : "n");
        c.set(r, "relispartition", false);
        c.set(r, "relrewrite", 0);
        // Indexes have no relfrozenxid/relminmxid (InvalidTransactionId / InvalidMultiXactId).
        c.set(r, "relfrozenxid", relkind == 'r' || relkind == 'm' ? frozenXid : 0);
        c.set(r, "relminmxid", relkind == 'r' || relkind == 'm' ? 1 : 0);
        return r;
    }

    /** A user or catalog column's pg_attribute row (InsertPgAttributeTuples). */
    public static Object[] attributeRow(int relOid, String name, int typeOid, int attnum, int typmod, boolean notNull,
                                        boolean hasDefault) {
        PgTypeRows.TypeRow t = TYPES.get(typeOid);
        DomainInfo domain = t == null ? TypeCache.lookupDomain(typeOid) : null;
        if (domain != null) {
            // a domain column has its base type's storage and the domain's collation (the row names the domain)
            Object[] r = attributeRow(relOid, name, TypeCache.baseType(typeOid), attnum, typmod, notNull, hasDefault);
            PG_ATTRIBUTE.set(r, "atttypid", typeOid);
            PG_ATTRIBUTE.set(r, "attcollation", domain.collation());
            return r;
        }
        if (t == null && TypeCache.current() != null && TypeCache.current().isEnum(typeOid)) {
            // an enum type's storage: 4 bytes by value, int-aligned, plain, no collation
            return attributeRow(relOid, name, typeOid, attnum, typmod, 4, true, 'i', 'p', notNull, hasDefault, 0, -1);
        }
        if (t == null && TypeCache.current() != null && TypeCache.current().composite(typeOid) != null) {
            // a composite type's storage (a HeapTupleHeader Datum): varlena, double-aligned, extended, no collation
            return attributeRow(relOid, name, typeOid, attnum, typmod, -1, false, 'd', 'x', notNull, hasDefault, 0, -1);
        }
        if (t == null && TypeCache.current() != null && ArrayTypes.elementOf(typeOid) != 0) {
            // an array of a composite type: varlena, double-aligned (as its element), extended, no collation
            return attributeRow(relOid, name, typeOid, attnum, typmod, -1, false, 'd', 'x', notNull, hasDefault, 0, -1);
        }
        if (t == null && TypeCache.current() != null && TypeCache.current().range(typeOid) != null) {
            // a user range type (DefineRange): varlena, extended, aligned as its pg_type row says, no collation
            Object[] ty = TypeCache.current().typeRow(typeOid);
            return attributeRow(relOid, name, typeOid, attnum, typmod, -1, false, ((String) PG_TYPE.get(ty, "typalign")).charAt(0),
                    'x', notNull, hasDefault, 0, -1);
        }
        if (t == null && TypeCache.installedBaseTypeStorage(typeOid) != null) {
            // a user base type (TypeCreate): the column copies the type's own typlen, typbyval,
            // typalign, typstorage and typcollation, as every pg_attribute row does
            Object[] ty = TypeCache.current().typeRow(typeOid);
            return attributeRow(relOid, name, typeOid, attnum, typmod, ((Number) PG_TYPE.get(ty, "typlen")).intValue(),
                    (Boolean) PG_TYPE.get(ty, "typbyval"), ((String) PG_TYPE.get(ty, "typalign")).charAt(0),
                    ((String) PG_TYPE.get(ty, "typstorage")).charAt(0), notNull, hasDefault,
                    CatalogScan.oid(PG_TYPE.get(ty, "typcollation")), -1);
        }
        if (t == null) throw PgException.error(SqlState.UNDEFINED_OBJECT, "type with OID " + Integer.toUnsignedString(typeOid) + " does not exist");
        return attributeRow(relOid, name, typeOid, attnum, typmod, t.typlen(), t.typbyval(), t.typalign(), t.typstorage(),
                notNull, hasDefault, t.typcollation(), -1);
    }

    /** pg_type.typcollation of a type (0 for one that is not collatable, or not built in). */
    public static int builtinCollation(int typeOid) {
        PgTypeRows.TypeRow t = TYPES.get(typeOid);
        return t == null ? 0 : t.typcollation();
    }

    /** The six system columns' pg_attribute rows of relation {@code relOid}. */
    public static List<Object[]> systemAttributeRows(int relOid) {
        List<Object[]> rows = new ArrayList<>();
        for (SystemAttribute a : SYSTEM_ATTRIBUTES) {
            rows.add(attributeRow(relOid, a.name(), a.typeOid(), a.attnum(), -1, a.len(), a.byval(), a.align(), 'p',
                    true, false, 0, 0));
        }
        return rows;
    }

    private static Object[] attributeRow(int relOid, String name, int typeOid, int attnum, int typmod, int len,
                                         boolean byval, char align, char storage, boolean notNull, boolean hasDefault,
                                         int collation, int stattarget) {
        SystemCatalog c = PG_ATTRIBUTE;
        Object[] r = c.newRow();
        c.set(r, "attrelid", relOid);
        c.set(r, "attname", name);
        c.set(r, "atttypid", typeOid);
        c.set(r, "attstattarget", stattarget);
        c.set(r, "attlen", (short) len);
        c.set(r, "attnum", (short) attnum);
        c.set(r, "attndims", 0);
        c.set(r, "attcacheoff", -1);
        c.set(r, "atttypmod", typmod);
        c.set(r, "attbyval", byval);
        c.set(r, "attalign", String.valueOf(align));
        c.set(r, "attstorage", String.valueOf(storage));
        c.set(r, "attcompression", "");   // InvalidCompressionMethod: the default
        c.set(r, "attnotnull", notNull);
        c.set(r, "atthasdef", hasDefault);
        c.set(r, "atthasmissing", false);
        c.set(r, "attidentity", "");
        c.set(r, "attgenerated", "");
        c.set(r, "attisdropped", false);
        c.set(r, "attislocal", true);
        c.set(r, "attinhcount", 0);
        c.set(r, "attcollation", collation);
        return r;
    }

    /** UpdateIndexRelation: the pg_index row of a B-tree index on plain columns. */
    public static Object[] indexRow(int indexOid, int heapOid, short[] keys, int[] collations, int[] opclasses,
                                    boolean unique, boolean primary) {
        SystemCatalog c = PG_INDEX;
        Object[] r = c.newRow();
        c.set(r, "indexrelid", indexOid);
        c.set(r, "indrelid", heapOid);
        c.set(r, "indnatts", (short) keys.length);
        c.set(r, "indnkeyatts", (short) keys.length);
        c.set(r, "indisunique", unique);
        c.set(r, "indnullsnotdistinct", false);
        c.set(r, "indisprimary", primary);
        c.set(r, "indisexclusion", false);
        c.set(r, "indimmediate", true);
        c.set(r, "indisclustered", false);
        c.set(r, "indisvalid", true);
        c.set(r, "indcheckxmin", false);
        c.set(r, "indisready", true);
        c.set(r, "indislive", true);
        c.set(r, "indisreplident", false);
        c.set(r, "indkey", keys.clone());
        c.set(r, "indcollation", collations.clone());
        c.set(r, "indclass", opclasses.clone());
        c.set(r, "indoption", new short[keys.length]);
        return r;
    }

    /** CreateConstraintEntry for a PRIMARY KEY ('p') or UNIQUE ('u') constraint backed by index {@code indexOid}. */
    public static Object[] constraintRow(int oid, String name, int namespace, char contype, int relOid, int indexOid,
                                         short[] keys) {
        SystemCatalog c = PG_CONSTRAINT;
        Object[] r = c.newRow();
        c.set(r, "oid", oid);
        c.set(r, "conname", name);
        c.set(r, "connamespace", namespace);
        c.set(r, "contype", String.valueOf(contype));
        c.set(r, "condeferrable", false);
        c.set(r, "condeferred", false);
        c.set(r, "convalidated", true);
        c.set(r, "conrelid", relOid);
        c.set(r, "contypid", 0);
        c.set(r, "conindid", indexOid);
        c.set(r, "conparentid", 0);
        c.set(r, "confrelid", 0);
        c.set(r, "confupdtype", " ");
        c.set(r, "confdeltype", " ");
        c.set(r, "confmatchtype", " ");
        c.set(r, "conislocal", true);
        c.set(r, "coninhcount", 0);
        c.set(r, "connoinherit", true);   // PK/UNIQUE constraints are never inherited
        c.set(r, "conkey", keys.clone());
        return r;
    }

    /**
     * CreateConstraintEntry for any constraint described by {@code c} (with its OID and
     * namespace set): CHECK rows carry conbin, FOREIGN KEY rows confrelid/confkey and the actions.
     */
    public static Object[] constraintRow(ConstraintInfo c) {
        SystemCatalog t = PG_CONSTRAINT;
        Object[] r = constraintRow(c.oid(), c.name(), c.namespace(), c.contype(), c.relid(), c.indid(),
                c.conkey() == null ? new short[0] : c.conkey());
        t.set(r, "condeferrable", c.deferrable());
        t.set(r, "condeferred", c.deferred());
        t.set(r, "convalidated", c.validated());
        t.set(r, "connoinherit", c.noInherit());
        t.set(r, "conislocal", c.isLocal());
        t.set(r, "coninhcount", c.inhcount());
        if (c.contype() == 'f') {
            t.set(r, "confrelid", c.confrelid());
            t.set(r, "confupdtype", String.valueOf(c.updType()));
            t.set(r, "confdeltype", String.valueOf(c.delType()));
            t.set(r, "confmatchtype", String.valueOf(c.matchType()));
            t.set(r, "confkey", c.confkey());
        }
        if (c.contype() == 'c') t.set(r, "conbin", c.bin());
        // CreateConstraintEntry stores a NULL conkey when there are no key columns (CHECK (true)).
        if (c.conkey() == null || c.conkey().length == 0) t.set(r, "conkey", null);
        return r;
    }

    /** StoreAttrDefault: adbin holds the default expression's SQL text (PostgreSQL stores nodeToString output). */
    public static Object[] attrdefRow(int oid, int relOid, int attnum, String sql) {
        SystemCatalog c = PG_ATTRDEF;
        Object[] r = c.newRow();
        c.set(r, "oid", oid);
        c.set(r, "adrelid", relOid);
        c.set(r, "adnum", (short) attnum);
        c.set(r, "adbin", sql);
        return r;
    }
}
