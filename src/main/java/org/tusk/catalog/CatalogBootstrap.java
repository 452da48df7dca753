package org.tusk.catalog;

import org.tusk.access.common.HeapTupleForm;
import org.tusk.access.common.HeapTupleHeader;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.tusk.catalog.SystemCatalogs.*;

/**
 * Bootstrap mode for the heap catalogs (PostgreSQL's bootstrap.c with genbki's postgres.bki):
 * writes the initial rows of every {@link SystemCatalogs#ALL} catalog into a database directory
 * as heap pages, without WAL and without the buffer manager, as PostgreSQL's bootstrap backend
 * leaves them: every tuple frozen (t_xmin = FrozenTransactionId 2, HEAP_XMIN_COMMITTED |
 * HEAP_XMIN_INVALID, HEAP_XMAX_INVALID), pd_lsn 0, no checksum (initdb creates clusters without
 * data checksums). Each catalog's file is {@code base/<db>/<catalog oid>}: there is no relation
 * mapper, so the relfilenode of a catalog is its OID forever.
 *
 * <p>Rows: pg_namespace pg_catalog (11) and public (2200, owned by the bootstrap superuser);
 * pg_class and pg_attribute rows (with system columns) for the catalogs themselves; pg_type rows
 * for the built-in types ({@link PgTypeRows}) and the catalogs' row types and their array types;
 * pg_am heap (2) and
 * btree (403). The files are fsynced; initdb's checkpoint follows.
 */
public final class CatalogBootstrap {
    /** FrozenTransactionId. */
    public static final int FROZEN_TRANSACTION_ID = 2;
    /** pg_proc OIDs of heap_tableam_handler and bthandler (pg_proc.dat). */
    static final int F_HEAP_TABLEAM_HANDLER = 3, F_BTHANDLER = 330, F_HASHHANDLER = 331, F_GISTHANDLER = 332;

    private CatalogBootstrap() {}

    /** The rows of each catalog that bootstrap writes, in insertion order. */
    public static Map<SystemCatalog, List<Object[]>> initialRows(int superuser) {
        Map<SystemCatalog, List<Object[]>> rows = new LinkedHashMap<>();
        for (SystemCatalog c : ALL) rows.put(c, new ArrayList<>());
        // initdb's setup_privileges: everyone may use pg_catalog and public, only the owner create in them
        int[] usableByAll = {superuser, superuser, Acl.ACL_ALL_RIGHTS_SCHEMA, Acl.PUBLIC, superuser, Acl.ACL_USAGE};
        Object[] pgCatalog = CatalogRows.namespaceRow(PG_CATALOG_NAMESPACE, "pg_catalog", superuser);
        PG_NAMESPACE.set(pgCatalog, "nspacl", usableByAll);
        Object[] pub = CatalogRows.namespaceRow(PG_PUBLIC_NAMESPACE, "public", superuser);
        PG_NAMESPACE.set(pub, "nspacl", usableByAll.clone());
        rows.get(PG_NAMESPACE).add(pgCatalog);
        rows.get(PG_NAMESPACE).add(CatalogRows.namespaceRow(Toasting.PG_TOAST_NAMESPACE, "pg_toast", superuser));
        rows.get(PG_NAMESPACE).add(pub);
        for (PgTypeRows.TypeRow t : PgTypeRows.builtinTypes()) {
            rows.get(PG_TYPE).add(PgTypeRows.toRow(t, PG_CATALOG_NAMESPACE, superuser));
        }
        for (SystemCatalog c : ALL) {
            PgTypeRows.TypeRow rowType = PgTypeRows.rowType(c.rowTypeOid(), c.name(), c.oid(), c.rowArrayTypeOid());
            rows.get(PG_TYPE).add(PgTypeRows.toRow(rowType, PG_CATALOG_NAMESPACE, superuser));
            rows.get(PG_TYPE).add(PgTypeRows.toRow(PgTypeRows.arrayOf(rowType), PG_CATALOG_NAMESPACE, superuser));
            rows.get(PG_CLASS).add(CatalogRows.classRow(c.oid(), c.name(), PG_CATALOG_NAMESPACE, c.rowTypeOid(), superuser,
                    HEAP_TABLE_AM_OID, c.oid(), 'p', 'r', c.natts(), CatalogRows.FIRST_NORMAL_TRANSACTION_ID));
            for (int i = 0; i < c.natts(); i++) {
                CatalogColumn col = c.columns().get(i);
                rows.get(PG_ATTRIBUTE).add(CatalogRows.attributeRow(c.oid(), col.name(), col.type().oid(), i + 1, -1,
                        col.notNull(), false));
            }
            rows.get(PG_ATTRIBUTE).addAll(CatalogRows.systemAttributeRows(c.oid()));
        }
        rows.get(PG_AM).add(CatalogRows.amRow(HEAP_TABLE_AM_OID, "heap", F_HEAP_TABLEAM_HANDLER, 't'));
        rows.get(PG_AM).add(CatalogRows.amRow(BTREE_AM_OID, "btree", F_BTHANDLER, 'i'));
        rows.get(PG_AM).add(CatalogRows.amRow(SystemCatalogs.HASH_AM_OID, "hash", F_HASHHANDLER, 'i'));
        rows.get(PG_AM).add(CatalogRows.amRow(GinOpclassCatalog.GIN_AM_OID, "gin", GinOpclassCatalog.F_GINHANDLER, 'i'));
        rows.get(PG_AM).add(CatalogRows.amRow(SystemCatalogs.GIST_AM_OID, "gist", F_GISTHANDLER, 'i'));
        // the built-in casts and operators, with PostgreSQL 15's OIDs where PostgreSQL has the object
        for (Object[] v : BuiltinObjectCatalogs.castRows()) rows.get(PG_CAST).add(heapRow(v));
        for (Object[] v : BuiltinObjectCatalogs.operatorRows()) rows.get(PG_OPERATOR).add(heapRow(v));
        // the built-in operator families and classes
        for (Object[] v : OperatorClassCatalogs.families()) rows.get(SystemCatalogs.PG_OPFAMILY).add(heapRow(v));
        for (Object[] v : OperatorClassCatalogs.classes()) rows.get(SystemCatalogs.PG_OPCLASS).add(heapRow(v));
        for (Object[] v : OperatorClassCatalogs.amopRows()) rows.get(SystemCatalogs.PG_AMOP).add(heapRow(v));
        for (Object[] v : RangeCatalog.builtinRows()) rows.get(SystemCatalogs.PG_RANGE).add(heapRow(v));
        // the built-in functions, aggregates and window functions (genbki.pl's pg_proc.dat and pg_aggregate.dat rows)
        rows.get(SystemCatalogs.PG_PROC).addAll(BuiltinProcRows.procRows(superuser));
        rows.get(SystemCatalogs.PG_AGGREGATE).addAll(BuiltinProcRows.aggregateRows());
        rows.get(SystemCatalogs.PG_DESCRIPTION).addAll(BuiltinProcRows.descriptionRows());
        return rows;
    }

    /** Writes every catalog's file into {@code dbDir} (e.g. base/5). */
    public static void write(Path dbDir, int superuser) throws IOException {
        for (Map.Entry<SystemCatalog, List<Object[]>> e : initialRows(superuser).entrySet()) {
            writeRelation(dbDir.resolve(Integer.toString(e.getKey().oid())), e.getKey(), e.getValue());
        }
    }

    /** A computed catalog row as heap values: OIDs and regprocs are held as int there. */
    private static Object[] heapRow(Object[] computed) {
        Object[] r = computed.clone();
        for (int i = 0; i < r.length; i++) if (r[i] instanceof Long l) r[i] = l.intValue();
        return r;
    }

    /** Fills heap pages with frozen tuples of {@code rows} and writes them, fsynced, to {@code file}. */
    static void writeRelation(Path file, SystemCatalog catalog, List<Object[]> rows) throws IOException {
        try (Arena arena = Arena.ofConfined();
             FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            MemorySegment page = arena.allocate(Page.BLCKSZ, 8);
            int block = 0;
            Page.init(page, 0);
            boolean pageHasRows = false;
            for (Object[] row : rows) {
                MemorySegment tuple = HeapTupleForm.form(catalog.desc(), row, arena);
                int off = Page.addItem(page, tuple, Page.PAI_IS_HEAP);
                if (off == Page.INVALID_OFFSET_NUMBER) {
                    writePage(ch, page, block++);
                    Page.init(page, 0);
                    off = Page.addItem(page, tuple, Page.PAI_IS_HEAP);
                    if (off == Page.INVALID_OFFSET_NUMBER) throw new IllegalStateException("catalog row does not fit a page");
                }
                freeze(Page.item(page, off), new ItemPointer(block, off));
                pageHasRows = true;
            }
            if (pageHasRows) writePage(ch, page, block);
            ch.force(true);
        }
    }

    /** heap_insert in bootstrap mode followed by freezing: the state every initdb-created row is in. */
    static void freeze(MemorySegment t, ItemPointer self) {
        HeapTupleHeader.prepareForInsert(t, FROZEN_TRANSACTION_ID, 0, self);
        HeapTupleHeader.setInfomask(t, HeapTupleHeader.infomask(t) | HeapTupleHeader.HEAP_XMIN_FROZEN);
    }

    private static void writePage(FileChannel ch, MemorySegment page, int block) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(page.toArray(JAVA_BYTE));
        long pos = (long) block * Page.BLCKSZ;
        while (b.hasRemaining()) pos += ch.write(b, pos);
    }
}
