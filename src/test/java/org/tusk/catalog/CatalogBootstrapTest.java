package org.tusk.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.HeapTupleHeader;
import org.tusk.storage.page.ItemPointer;
import org.tusk.testsupport.HeapPageReader;
import org.tusk.testsupport.HeapPageReader.StoredTuple;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.catalog.SystemCatalogs.*;

class CatalogBootstrapTest {
    @TempDir
    Path dir;

    private List<StoredTuple> read(SystemCatalog c, Arena arena) throws Exception {
        return HeapPageReader.read(dir.resolve(Integer.toString(c.oid())), c.desc(), arena);
    }

    @Test
    void everyCatalogHasAFileNamedByItsOidWithFrozenTuples() throws Exception {
        CatalogBootstrap.write(dir, 10);
        try (Arena arena = Arena.ofConfined()) {
            for (SystemCatalog c : ALL) {
                assertTrue(Files.size(dir.resolve(Integer.toString(c.oid()))) % 8192 == 0);
                List<StoredTuple> tuples = read(c, arena);
                // No catalog indexes, defaults, constraints, sequences, statistics, inheritance, partitioning, rules
                // (system views are not stored as views), dependencies (bootstrap objects are pinned), enum labels,
                // policies, extended statistics, publications, triggers or support functions (pg_amproc: the built-in
                // classes compare through type comparators) or default privileges exist yet; pg_proc, pg_aggregate and
                // pg_description hold the built-in functions, aggregates and their descriptions.
                boolean empty = c == PG_INDEX || c == PG_ATTRDEF || c == PG_CONSTRAINT || c == PG_SEQUENCE || c == PG_STATISTIC
                        || c == PG_INHERITS || c == PG_PARTITIONED_TABLE || c == PG_REWRITE || c == PG_DEPEND
                        || c == PG_ENUM || c == PG_POLICY || c == PG_STATISTIC_EXT
                        || c == PG_PUBLICATION || c == PG_PUBLICATION_NAMESPACE || c == PG_PUBLICATION_REL || c == PG_TRIGGER
                        || c == PG_AMPROC || c == SystemCatalogs.PG_DEFAULT_ACL;
                assertEquals(empty, tuples.isEmpty(), c.name());
                for (StoredTuple t : tuples) {
                    assertEquals(CatalogBootstrap.FROZEN_TRANSACTION_ID, HeapTupleHeader.xmin(t.tuple()));
                    assertEquals(0, HeapTupleHeader.xmax(t.tuple()));
                    int mask = HeapTupleHeader.infomask(t.tuple());
                    assertEquals(HeapTupleHeader.HEAP_XMIN_FROZEN | HeapTupleHeader.HEAP_XMAX_INVALID,
                            mask & (HeapTupleHeader.HEAP_XMIN_FROZEN | HeapTupleHeader.HEAP_XMAX_INVALID));
                    assertEquals(new ItemPointer(t.block(), t.offset()), HeapTupleHeader.ctid(t.tuple()));
                    assertEquals(c.natts(), HeapTupleHeader.natts(t.tuple()));
                }
            }
            // pg_type and pg_attribute need more than one page.
            assertTrue(Files.size(dir.resolve("1249")) > 8192);
        }
    }

    @Test
    void pgClassDescribesTheCatalogs() throws Exception {
        CatalogBootstrap.write(dir, 10);
        try (Arena arena = Arena.ofConfined()) {
            Map<String, Object[]> byName = read(PG_CLASS, arena).stream().map(StoredTuple::values)
                    .collect(Collectors.toMap(v -> (String) PG_CLASS.get(v, "relname"), v -> v));
            assertEquals(ALL.stream().map(SystemCatalog::name).collect(Collectors.toSet()), byName.keySet());
            Object[] pgClass = byName.get("pg_class");
            assertEquals(1259, PG_CLASS.get(pgClass, "oid"));
            assertEquals(1259, PG_CLASS.get(pgClass, "relfilenode"));
            assertEquals(83, PG_CLASS.get(pgClass, "reltype"));
            assertEquals(PG_CATALOG_NAMESPACE, PG_CLASS.get(pgClass, "relnamespace"));
            assertEquals(HEAP_TABLE_AM_OID, PG_CLASS.get(pgClass, "relam"));
            assertEquals((short) 33, PG_CLASS.get(pgClass, "relnatts"));
            assertEquals("r", PG_CLASS.get(pgClass, "relkind"));
            assertEquals("p", PG_CLASS.get(pgClass, "relpersistence"));
            assertNull(PG_CLASS.get(pgClass, "relacl"));
            assertEquals((short) 26, PG_CLASS.get(byName.get("pg_attribute"), "relnatts"));
            assertEquals((short) 32, PG_CLASS.get(byName.get("pg_type"), "relnatts"));
            assertEquals((short) 21, PG_CLASS.get(byName.get("pg_index"), "relnatts"));
        }
    }

    @Test
    void pgAttributeHasUserAndSystemColumns() throws Exception {
        CatalogBootstrap.write(dir, 10);
        try (Arena arena = Arena.ofConfined()) {
            List<Object[]> nsp = read(PG_ATTRIBUTE, arena).stream().map(StoredTuple::values)
                    .filter(v -> (Integer) PG_ATTRIBUTE.get(v, "attrelid") == 2615).toList();
            Map<String, Short> attnums = nsp.stream().collect(Collectors.toMap(v -> (String) PG_ATTRIBUTE.get(v, "attname"),
                    v -> (Short) PG_ATTRIBUTE.get(v, "attnum")));
            assertEquals(Map.of("oid", (short) 1, "nspname", (short) 2, "nspowner", (short) 3, "nspacl", (short) 4,
                    "ctid", (short) -1, "xmin", (short) -2, "cmin", (short) -3, "xmax", (short) -4, "cmax", (short) -5,
                    "tableoid", (short) -6), attnums);
            Object[] ctid = nsp.stream().filter(v -> PG_ATTRIBUTE.get(v, "attname").equals("ctid")).findFirst().orElseThrow();
            assertEquals(27, PG_ATTRIBUTE.get(ctid, "atttypid"));
            assertEquals((short) 6, PG_ATTRIBUTE.get(ctid, "attlen"));
            Object[] nspname = nsp.stream().filter(v -> PG_ATTRIBUTE.get(v, "attname").equals("nspname")).findFirst().orElseThrow();
            assertEquals(19, PG_ATTRIBUTE.get(nspname, "atttypid"));
            assertEquals((short) 64, PG_ATTRIBUTE.get(nspname, "attlen"));
            assertEquals(true, PG_ATTRIBUTE.get(nspname, "attnotnull"));
            assertEquals(SystemCatalogs.C_COLLATION_OID, PG_ATTRIBUTE.get(nspname, "attcollation"));
        }
    }

    @Test
    void pgTypeNamespaceAndAmRows() throws Exception {
        CatalogBootstrap.write(dir, 10);
        try (Arena arena = Arena.ofConfined()) {
            Map<String, Object[]> types = read(PG_TYPE, arena).stream().map(StoredTuple::values)
                    .collect(Collectors.toMap(v -> (String) PG_TYPE.get(v, "typname"), v -> v));
            Object[] int4 = types.get("int4");
            assertEquals(23, PG_TYPE.get(int4, "oid"));
            assertEquals((short) 4, PG_TYPE.get(int4, "typlen"));
            assertEquals(true, PG_TYPE.get(int4, "typbyval"));
            assertEquals("b", PG_TYPE.get(int4, "typtype"));
            assertEquals("N", PG_TYPE.get(int4, "typcategory"));
            assertEquals(1007, PG_TYPE.get(int4, "typarray"));
            assertEquals(42, PG_TYPE.get(int4, "typinput"));
            assertEquals("i", PG_TYPE.get(int4, "typalign"));
            Object[] arr = types.get("_int4");
            assertEquals(1007, PG_TYPE.get(arr, "oid"));
            assertEquals(23, PG_TYPE.get(arr, "typelem"));
            assertEquals("A", PG_TYPE.get(arr, "typcategory"));
            for (PgTypeRows.TypeRow t : PgTypeRows.builtinTypes()) assertTrue(types.containsKey(t.typname()), t.typname());
            // Every type of the built-in catalog has its row, with the same length.
            for (String name : List.of("bool", "int2", "int8", "text", "float8", "numeric", "date", "timestamptz", "interval",
                    "varchar", "bytea", "oid", "name", "inet", "pg_lsn", "void", "record", "unknown")) {
                assertEquals((short) BuiltinCatalog.typeByName(name).typlen(), PG_TYPE.get(types.get(name), "typlen"), name);
            }
            Object[] rowtype = types.get("pg_class");
            assertEquals("c", PG_TYPE.get(rowtype, "typtype"));
            assertEquals(1259, PG_TYPE.get(rowtype, "typrelid"));
            assertEquals(273, PG_TYPE.get(rowtype, "typarray"));
            assertEquals(83, PG_TYPE.get(types.get("_pg_class"), "typelem"));
            // _record is a pseudo-type like record itself; aclitem is 12 bytes, int-aligned (PostgreSQL 15).
            assertEquals("p", PG_TYPE.get(types.get("_record"), "typtype"));
            assertEquals("P", PG_TYPE.get(types.get("_record"), "typcategory"));
            assertEquals((short) 12, PG_TYPE.get(types.get("aclitem"), "typlen"));
            assertEquals(types.size(), read(PG_TYPE, arena).size(), "type names are unique");

            List<Object[]> nsp = read(PG_NAMESPACE, arena).stream().map(StoredTuple::values).toList();
            assertEquals(3, nsp.size());
            // initdb's setup_privileges: {postgres=UC/postgres,=U/postgres}; pg_toast keeps no ACL
            int[] acl = {10, 10, Acl.ACL_USAGE | Acl.ACL_CREATE, Acl.PUBLIC, 10, Acl.ACL_USAGE};
            assertArrayEquals(new Object[]{11, "pg_catalog", 10, acl}, nsp.get(0));
            assertArrayEquals(new Object[]{99, "pg_toast", 10, null}, nsp.get(1));
            assertArrayEquals(new Object[]{2200, "public", 10, acl}, nsp.get(2));
            List<Object[]> am = read(PG_AM, arena).stream().map(StoredTuple::values).toList();
            assertArrayEquals(new Object[]{2, "heap", 3, "t"}, am.get(0));
            assertArrayEquals(new Object[]{403, "btree", 330, "i"}, am.get(1));
        }
    }
}
