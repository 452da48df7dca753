package org.tusk.catalog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.DatumType;
import org.tusk.catalog.Catalog.ColumnSpec;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.catalog.SystemCatalogs.*;

class HeapCatalogTest {
    @TempDir
    Path dataDir;
    private CatalogTestCluster cluster;
    private CatalogTestCluster.Backend be;
    private HeapCatalog cat;

    private static final List<ColumnSpec> COLS = List.of(
            new ColumnSpec("a", 23, -1, false, null),
            new ColumnSpec("b", 25, -1, false, "'x'::text"),
            new ColumnSpec("c", 1043, 14, true, null));

    @BeforeEach
    void setUp() {
        cluster = new CatalogTestCluster(dataDir);
        be = cluster.backend(1);
        cat = be.catalog;
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private List<Object[]> rows(SystemCatalog c, String col, int value) {
        return cluster.table.rows(c.oid()).stream().filter(v -> ((Number) c.get(v, col)).intValue() == value).toList();
    }

    private static PgException error(Runnable r) {
        return assertThrows(PgException.class, r::run);
    }

    @Test
    void createTableWritesCatalogRowsAndTheFile() {
        int oid = cat.createTable(null, "t", COLS, 'p', false);
        assertTrue(oid >= 16384);
        Relation t = cat.openRelation(null, "t");
        assertEquals(oid, t.oid());
        assertEquals('r', t.relkind());
        assertEquals(PG_PUBLIC_NAMESPACE, t.namespace());
        assertEquals(be.locator(oid), t.locator());
        assertEquals(List.of(DatumType.INT4, DatumType.TEXT, DatumType.VARCHAR),
                t.desc().attributes().stream().map(a -> a.type()).toList());
        assertTrue(t.desc().attr(2).attnotnull());
        assertEquals(Arrays.asList(null, "'x'::text", null), cat.columnDefaults(t));
        assertTrue(cluster.smgr.exists(t.locator(), ForkNumber.MAIN));
        // create_toast_table: a text column makes the table need a TOAST relation and its index
        Relation toast = cat.openRelation(t.toastRelid());
        assertEquals('t', toast.relkind());
        assertEquals("pg_toast_" + oid, toast.name());
        assertEquals(99, toast.namespace());
        assertEquals(List.of("chunk_id", "chunk_seq", "chunk_data"), toast.desc().attributes().stream().map(a -> a.name()).toList());
        assertTrue(toast.desc().attributes().stream().allMatch(a -> a.attstorage() == 'p'));
        Relation toastIndex = cat.indexesOf(toast).get(0);
        assertEquals("pg_toast_" + oid + "_index", toastIndex.name());
        assertTrue(toastIndex.index().unique());
        assertEquals(List.of("SMGR/11", "SMGR/11", "SMGR/11"), be.walRecords);
        assertEquals(List.of(t.locator(), toast.locator(), toastIndex.locator()), be.storage.pendingDeletes(false));

        Object[] cls = rows(PG_CLASS, "oid", oid).get(0);
        assertEquals("t", PG_CLASS.get(cls, "relname"));
        assertEquals(oid, PG_CLASS.get(cls, "relfilenode"));
        assertEquals((short) 3, PG_CLASS.get(cls, "relnatts"));
        assertEquals("d", PG_CLASS.get(cls, "relreplident"));
        int reltype = (Integer) PG_CLASS.get(cls, "reltype");
        Object[] rowtype = rows(PG_TYPE, "oid", reltype).get(0);
        assertEquals("t", PG_TYPE.get(rowtype, "typname"));
        assertEquals(oid, PG_TYPE.get(rowtype, "typrelid"));
        Object[] array = rows(PG_TYPE, "oid", (Integer) PG_TYPE.get(rowtype, "typarray")).get(0);
        assertEquals("_t", PG_TYPE.get(array, "typname"));
        assertEquals(reltype, PG_TYPE.get(array, "typelem"));
        List<Object[]> atts = rows(PG_ATTRIBUTE, "attrelid", oid);
        assertEquals(9, atts.size(), "3 columns and 6 system columns");
        Object[] c = atts.stream().filter(v -> PG_ATTRIBUTE.get(v, "attname").equals("c")).findFirst().orElseThrow();
        assertEquals(14, PG_ATTRIBUTE.get(c, "atttypmod"));
        assertEquals(100, PG_ATTRIBUTE.get(c, "attcollation"));
        Object[] b = atts.stream().filter(v -> PG_ATTRIBUTE.get(v, "attname").equals("b")).findFirst().orElseThrow();
        assertEquals(true, PG_ATTRIBUTE.get(b, "atthasdef"));
        assertEquals(1, rows(PG_ATTRDEF, "adrelid", oid).size());
        assertTrue(be.locks.stream().anyMatch(l -> l[0] == oid && l[1] == RelationLocks.ACCESS_EXCLUSIVE_LOCK));
    }

    @Test
    void createTableErrorsAndNotices() {
        int oid = cat.createTable(null, "t", COLS, 'p', false);
        PgException dup = error(() -> cat.createTable(null, "t", COLS, 'p', false));
        assertEquals("42P07", dup.sqlState());
        assertEquals("relation \"t\" already exists", dup.getMessage());
        assertEquals(oid, cat.createTable("public", "t", COLS, 'p', true));
        assertEquals(1, be.notices.size());
        assertEquals(Severity.NOTICE, be.notices.get(0).severity());
        assertEquals("relation \"t\" already exists, skipping", be.notices.get(0).getMessage());

        PgException col = error(() -> cat.createTable(null, "u", List.of(new ColumnSpec("a", 23, -1, false, null),
                new ColumnSpec("a", 25, -1, false, null)), 'p', false));
        assertEquals("42701", col.sqlState());
        assertEquals("column \"a\" specified more than once", col.getMessage());
        PgException sys = error(() -> cat.createTable(null, "u", List.of(new ColumnSpec("xmin", 23, -1, false, null)), 'p', false));
        assertEquals("42701", sys.sqlState());
        assertEquals("column name \"xmin\" conflicts with a system column name", sys.getMessage());
        PgException type = error(() -> cat.createTable(null, "u", List.of(new ColumnSpec("a", 99999, -1, false, null)), 'p', false));
        assertEquals("42704", type.sqlState());
        PgException schema = error(() -> cat.createTable("nosuch", "u", COLS, 'p', false));
        assertEquals("3F000", schema.sqlState());
        assertEquals("schema \"nosuch\" does not exist", schema.getMessage());
        cluster.searchPath = "nosuch";
        PgException none = error(() -> cat.createTable(null, "u", COLS, 'p', false));
        assertEquals("3F000", none.sqlState());
        assertEquals("no schema has been selected to create in", none.getMessage());
        assertNull(cat.openRelation(null, "u"));
    }

    @Test
    void lookupThroughSearchPath() {
        assertEquals(1259, cat.openRelation(null, "pg_class").oid());
        assertEquals(1259, cat.openRelation("pg_catalog", "pg_class").oid());
        assertNull(cat.openRelation("public", "pg_class"));
        assertNull(cat.openRelation("nosuch", "pg_class"));
        int oid = cat.createTable(null, "t", COLS, 'p', false);
        assertEquals(oid, cat.openRelation(oid).oid());
        cluster.searchPath = "pg_catalog";
        assertNull(cat.openRelation(null, "t"));
        assertEquals(oid, cat.openRelation("public", "t").oid());
    }

    @Test
    void temporaryTablesGoToTheBackendsTempSchemaSearchedFirst() {
        int perm = cat.createTable(null, "t", COLS, 'p', false);
        int temp = cat.createTable(null, "t", COLS, 't', false);
        assertNotEquals(perm, temp);
        Relation r = cat.openRelation(null, "t");
        assertEquals(temp, r.oid());
        assertEquals('t', r.persistence());
        Object[] nsp = rows(PG_NAMESPACE, "oid", r.namespace()).get(0);
        assertEquals("pg_temp_1", PG_NAMESPACE.get(nsp, "nspname"));
        // the table, its TOAST relation and that one's index: three files, none WAL-logged
        assertEquals(List.of("SMGR/11", "SMGR/11", "SMGR/11"), be.walRecords, "a temporary table's file is not WAL-logged");
        PgException e = error(() -> cat.createTable("public", "x", COLS, 't', false));
        assertEquals("42P16", e.sqlState());
    }

    @Test
    void primaryKeyAndUniqueIndexes() {
        int oid = cat.createTable(null, "t", COLS, 'p', false);
        Relation t = cat.openRelation(oid);
        int pk = cat.createIndex(null, t, new int[]{1}, true, true, false);
        Relation pkRel = cat.openRelation(pk);
        assertEquals("t_pkey", pkRel.name());
        assertEquals('i', pkRel.relkind());
        assertEquals(oid, pkRel.index().heapOid());
        assertArrayEquals(new int[]{1}, pkRel.index().keyAttnums());
        assertTrue(pkRel.index().primary());
        assertEquals(List.of(DatumType.INT4), pkRel.desc().attributes().stream().map(a -> a.type()).toList());
        Object[] ix = rows(PG_INDEX, "indexrelid", pk).get(0);
        assertArrayEquals(new short[]{1}, (short[]) PG_INDEX.get(ix, "indkey"));
        assertArrayEquals(new int[]{1978}, (int[]) PG_INDEX.get(ix, "indclass"));
        Object[] con = rows(PG_CONSTRAINT, "conindid", pk).get(0);
        assertEquals("p", PG_CONSTRAINT.get(con, "contype"));
        assertEquals("t_pkey", PG_CONSTRAINT.get(con, "conname"));
        assertArrayEquals(new short[]{1}, (short[]) PG_CONSTRAINT.get(con, "conkey"));
        assertEquals("i", PG_CLASS.get(rows(PG_CLASS, "oid", pk).get(0), "relkind"));
        assertEquals(403, PG_CLASS.get(rows(PG_CLASS, "oid", pk).get(0), "relam"));
        assertEquals(true, PG_CLASS.get(rows(PG_CLASS, "oid", oid).get(0), "relhasindex"));
        // The key column became NOT NULL, and the relcache entry of the table was rebuilt.
        t = cat.openRelation(oid);
        assertTrue(t.desc().attr(0).attnotnull());
        assertEquals(List.of(pk), cat.indexesOf(t).stream().map(Relation::oid).toList());
        assertEquals(2, cluster.indexAm.builds().size());   // the TOAST index, then the primary key
        assertEquals(pk, cluster.indexAm.builds().get(1).index().oid());
        assertEquals(oid, cluster.indexAm.builds().get(1).heap().oid());

        int uq = cat.createIndex(null, t, new int[]{2, 3}, true, false, false);
        assertEquals("t_b_c_key", cat.openRelation(uq).name());
        assertEquals("u", PG_CONSTRAINT.get(rows(PG_CONSTRAINT, "conindid", uq).get(0), "contype"));
        int uq2 = cat.createIndex(null, t, new int[]{2, 3}, true, false, false);
        assertEquals("t_b_c_key1", cat.openRelation(uq2).name());
        int plain = cat.createIndex(null, t, new int[]{2}, false, false, false);
        assertEquals("t_b_idx", cat.openRelation(plain).name());
        assertTrue(rows(PG_CONSTRAINT, "conindid", plain).isEmpty());

        PgException twoPk = error(() -> cat.createIndex(null, cat.openRelation(oid), new int[]{2}, true, true, false));
        assertEquals("42P16", twoPk.sqlState());
        assertEquals("multiple primary keys for table \"t\" are not allowed", twoPk.getMessage());
        PgException taken = error(() -> cat.createIndex("t", cat.openRelation(oid), new int[]{2}, false, false, false));
        assertEquals("42P07", taken.sqlState());
        assertEquals(plain, cat.createIndex("t_b_idx", cat.openRelation(oid), new int[]{2}, false, false, true));
        assertEquals("relation \"t_b_idx\" already exists, skipping", be.notices.get(0).getMessage());
    }

    @Test
    void indexColumnNamesAreMadeDistinct() {
        int oid = cat.createTable(null, "t", COLS, 'p', false);
        int ix = cat.createIndex(null, cat.openRelation(oid), new int[]{1, 1, 2, 1}, false, false, false);
        Relation r = cat.openRelation(ix);
        // ChooseIndexColumnNames, whose names ChooseIndexName joins
        assertEquals("t_a_a1_b_a2_idx", r.name());
        assertEquals(List.of("a", "a1", "b", "a2"), r.desc().attributes().stream().map(a -> a.name()).toList());
        String long63 = "c".repeat(63);
        assertEquals(List.of(long63, "c".repeat(62) + "1", "c".repeat(62) + "2"),
                HeapCatalog.chooseIndexColumnNames(List.of(long63, long63, long63)));
    }

    @Test
    void makeObjectNameTruncatesTheLongerPart() {
        String n = HeapCatalog.makeObjectName("a".repeat(60), "b".repeat(10), "key");
        assertEquals(63, n.length());
        assertTrue(n.endsWith("_bbbbbbbbbb_key"));
    }

    @Test
    void dropTableRemovesRowsAndFilesAtCommit() {
        int oid = cat.createTable(null, "t", COLS, 'p', false);
        int pk = cat.createIndex(null, cat.openRelation(oid), new int[]{1}, true, true, false);
        be.commit();
        Relation t = cat.openRelation(null, "t");
        Relation pkRel = cat.openRelation(pk);
        Relation toast = cat.openRelation(t.toastRelid());
        Relation toastIndex = cat.indexesOf(toast).get(0);
        assertTrue(cat.dropRelation(null, "t", 'r', false));
        assertNull(cat.openRelation(toast.oid()), "the TOAST relation goes with its table");
        assertNull(cat.openRelation(toastIndex.oid()));
        assertNull(cat.openRelation(null, "t"));
        assertNull(cat.openRelation(pk));
        assertTrue(rows(PG_CLASS, "oid", oid).isEmpty());
        assertTrue(rows(PG_CLASS, "oid", pk).isEmpty());
        assertTrue(rows(PG_ATTRIBUTE, "attrelid", oid).isEmpty());
        assertTrue(rows(PG_ATTRIBUTE, "attrelid", pk).isEmpty());
        assertTrue(rows(PG_INDEX, "indrelid", oid).isEmpty());
        assertTrue(rows(PG_CONSTRAINT, "conrelid", oid).isEmpty());
        assertTrue(rows(PG_ATTRDEF, "adrelid", oid).isEmpty());
        assertTrue(rows(PG_TYPE, "typrelid", oid).isEmpty());
        assertTrue(cluster.table.rows(PG_TYPE.oid()).stream().noneMatch(v -> PG_TYPE.get(v, "typname").equals("_t")));
        assertEquals(java.util.Set.of(pkRel.locator(), t.locator(), toast.locator(), toastIndex.locator()),
                java.util.Set.copyOf(be.storage.pendingDeletes(true)));
        assertTrue(cluster.smgr.exists(t.locator(), ForkNumber.MAIN), "files stay until commit");
        be.commit();
        assertFalse(cluster.smgr.exists(t.locator(), ForkNumber.MAIN));
        assertFalse(cluster.smgr.exists(pkRel.locator(), ForkNumber.MAIN));
    }

    @Test
    void createdFilesGoAtAbort() {
        int oid = cat.createTable(null, "t", COLS, 'p', false);
        Relation t = cat.openRelation(oid);
        Relation toast = cat.openRelation(t.toastRelid());
        assertEquals(List.of(), be.storage.pendingDeletes(true));
        assertEquals(List.of(t.locator(), toast.locator(), cat.indexesOf(toast).get(0).locator()), be.storage.pendingDeletes(false));
        be.inval.atAbort();
        be.storage.doPendingDeletes(false);
        assertFalse(cluster.smgr.exists(t.locator(), ForkNumber.MAIN));
        assertEquals(List.of(), be.storage.pendingDeletes(false));
    }

    @Test
    void dropErrors() {
        PgException missing = error(() -> cat.dropRelation(null, "nosuch", 'r', false));
        assertEquals("42P01", missing.sqlState());
        assertEquals("table \"nosuch\" does not exist", missing.getMessage());
        assertFalse(cat.dropRelation(null, "nosuch", 'r', true));
        assertEquals("table \"nosuch\" does not exist, skipping", be.notices.get(0).getMessage());
        PgException missingIndex = error(() -> cat.dropRelation("public", "nosuch", 'i', false));
        assertEquals("42704", missingIndex.sqlState());
        assertEquals("index \"public.nosuch\" does not exist", missingIndex.getMessage());

        int oid = cat.createTable(null, "t", COLS, 'p', false);
        cat.createIndex(null, cat.openRelation(oid), new int[]{1}, true, true, false);
        PgException kind = error(() -> cat.dropRelation(null, "t_pkey", 'r', false));
        assertEquals("42809", kind.sqlState());
        assertEquals("\"t_pkey\" is not a table", kind.getMessage());
        assertEquals("Use DROP INDEX to remove an index.", kind.hint());
        PgException kind2 = error(() -> cat.dropRelation(null, "t", 'i', false));
        assertEquals("\"t\" is not an index", kind2.getMessage());
        PgException dep = error(() -> cat.dropRelation(null, "t_pkey", 'i', false));
        assertEquals("2BP01", dep.sqlState());
        assertEquals("cannot drop index t_pkey because constraint t_pkey on table t requires it", dep.getMessage());

        int plain = cat.createIndex(null, cat.openRelation(oid), new int[]{2}, false, false, false);
        assertTrue(cat.dropRelation(null, "t_b_idx", 'i', false));
        assertNull(cat.openRelation(plain));
        assertEquals(1, cat.indexesOf(cat.openRelation(oid)).size());
    }
}
