package org.tusk.access.nbtree;

import org.tusk.access.common.IndexTuples;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.IndexAmContext;
import org.tusk.access.table.TableAm;
import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Building an index (nbtree.c btbuild, btbuildempty; nbtsort.c's spool and _bt_load): the
 * metapage is initialized and logged, the table's index build scan hands over the rows (under
 * ShareLock every version some snapshot may still see, recently dead ones marked not alive, as
 * heapam_index_build_range_scan over SnapshotAny; for CREATE INDEX CONCURRENTLY the build
 * snapshot's rows), the entries are sorted in index order (key, then heap TID), a unique index
 * refuses duplicates among the live rows as _bt_load does ("could not create unique index"; dead
 * ones went to spool2, unchecked), and {@link BTSort} loads the
 * sorted entries bottom up, level by level, each page written once and WAL-logged as a full-page
 * image. The fresh metapage is logged as XLOG_BTREE_META_CLEANUP, whose redo (_bt_restore_meta)
 * re-initializes the metapage from the logged fields; the final one, pointing at the root, as a
 * full-page image.
 *
 * <p>Differs from PostgreSQL: the entries are sorted in memory (no tuplesort spilling to disk
 * past maintenance_work_mem), and pages go through shared buffers rather than smgr writes
 * followed by an fsync of the file.
 */
final class BTBuild {
    private final IndexAmContext ctx;
    private final BTPages pages;
    private final BTXLog xlog;

    BTBuild(IndexAmContext ctx, BTPages pages, BTXLog xlog) {
        this.ctx = ctx;
        this.pages = pages;
        this.xlog = xlog;
    }

    /** An entry to load, and whether its row is alive (btbuildCallback's spool versus spool2). */
    private record Entry(Object[] keys, ItemPointer tid, boolean alive) {}

    /** Which rows a build enters and whether a unique index is checked. */
    enum Mode {
        /** Under ShareLock (CREATE INDEX, REINDEX): every row version some snapshot may see; the live ones checked. */
        PLAIN,
        /** CREATE INDEX CONCURRENTLY: the rows of the build snapshot, all checked. */
        CONCURRENT,
        /** VACUUM FULL's rebuild (ii_Unique cleared): as PLAIN, nothing checked. */
        AFTER_REWRITE
    }

    /** btbuild: returns the rows entered as alive and the entries made (IndexBuildResult). */
    org.tusk.access.index.IndexBuildResult build(Relation heap, Relation index, TableAm table,
                                                 org.tusk.access.index.IndexKeyFormer former, Mode mode) {
        boolean checkUnique = mode != Mode.AFTER_REWRITE;
        initMetapage(index);
        Relation.IndexInfo info = index.index();
        TupleDesc desc = index.desc();
        List<Entry> entries = new ArrayList<>();
        // Entries point at HOT chain roots (heapam_index_build_range_scan's root_offsets), as
        // every later insertion and validate_index's comparison assume.
        org.tusk.access.table.RootTids roots = new org.tusk.access.table.RootTids(table, heap);
        double[] heapTuples = {0};
        table.indexBuildScan(heap, ctx.buildSnapshot().get(), mode != Mode.CONCURRENT, (slot, alive) -> {
            if (alive) heapTuples[0]++;   // reltuples counts the live rows only
            Object[] keys = former.form(slot.values());
            if (keys != null) entries.add(new Entry(keys, roots.rootOf(slot.tid()), alive));   // null: outside a partial index
        });
        short[] options = BTScanInsert.options(index);
        int nkeyatts = BTScanInsert.nkeyatts(index);
        entries.sort((a, b) -> compareEntries(desc, options, nkeyatts, a, b));
        if (info.unique() && checkUnique) {
            // NULLS NOT DISTINCT: a null equals a null, so keys with nulls are checked too (_bt_load via tuplesort)
            // only live rows are checked: a recently dead one may share a key with its successor
            boolean nullsEqual = info.nullsNotDistinct();
            Entry prev = null;
            for (Entry cur : entries) {
                if (!cur.alive()) continue;
                if (prev != null && (nullsEqual || !hasNull(cur.keys(), nkeyatts))
                        && compareKeys(desc, options, nkeyatts, prev.keys(), cur.keys()) == 0) {
                    UniqueViolation v = BTInsert.uniqueViolation(index, heap, cur.keys());
                    String detail = v.detail().replace(" already exists.", " is duplicated.");
                    throw new PgException(Severity.ERROR, BTErrors.UNIQUE_VIOLATION,
                            "could not create unique index \"" + index.name() + "\"", detail, null, 0);
                }
                prev = cur;
            }
        }
        try (BTSort sort = new BTSort(ctx, pages, index, heap)) {
            int natts = desc.natts();
            for (Entry e : entries) sort.add(IndexTuples.form(desc, natts, e.keys(), e.tid()));
            sort.finish();
        }
        return new org.tusk.access.index.IndexBuildResult(heapTuples[0], entries.size());
    }

    /** btbuildempty / _bt_initmetapage: block 0 as an empty index's metapage, logged. */
    private void initMetapage(Relation index) {
        if (!ctx.smgr().exists(index.locator(), ForkNumber.MAIN)) ctx.smgr().create(index.locator(), ForkNumber.MAIN, false);
        if (pages.nblocks(index) != 0) {
            throw PgException.error(org.tusk.utils.error.SqlState.INTERNAL_ERROR,
                    "index \"" + index.name() + "\" already contains data");
        }
        int metabuf = pages.newPage(index);
        MemorySegment metapg = pages.page(metabuf);
        BTMetaPage.Metadata md = BTMetaPage.Metadata.empty();
        BTMetaPage.init(metapg, md);
        pages.markDirty(metabuf);
        if (index.needsWal()) {
            XLogRecordBuilder b = new XLogRecordBuilder();
            b.registerBuffer(0, index.locator(), ForkNumber.MAIN, BTMetaPage.BTREE_METAPAGE, metapg,
                    XLogRecordBuilder.REGBUF_WILL_INIT | XLogRecordBuilder.REGBUF_STANDARD);
            b.registerBufData(0, BTXLog.metadata(md));
            BTXLog.setLsn(metapg, xlog.insert(b, BTXLog.XLOG_BTREE_META_CLEANUP, ctx.oracle().currentTransactionId()));
        }
        pages.relBuf(metabuf);
    }

    private static boolean hasNull(Object[] keys, int nkeyatts) {
        for (int i = 0; i < nkeyatts; i++) if (keys[i] == null) return true;
        return false;
    }

    static int compareKeys(TupleDesc desc, Object[] a, Object[] b) {
        return compareKeys(desc, null, a, b);
    }

    /** Two key arrays in the index's order, each column honouring its indoption. */
    static int compareKeys(TupleDesc desc, short[] options, Object[] a, Object[] b) {
        return compareKeys(desc, options, a.length, a, b);
    }

    /** The same over the first {@code nkeyatts} columns, the key columns (INCLUDE columns do not order). */
    static int compareKeys(TupleDesc desc, short[] options, int nkeyatts, Object[] a, Object[] b) {
        for (int i = 0; i < nkeyatts; i++) {
            int c = BTScanInsert.compareValue(desc.attr(i).type(), BTScanInsert.option(options, i), a[i], b[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int compareEntries(TupleDesc desc, short[] options, int nkeyatts, Entry a, Entry b) {
        int c = compareKeys(desc, options, nkeyatts, a.keys(), b.keys());
        return c != 0 ? c : BTScanInsert.compareTids(a.tid(), b.tid());
    }
}
