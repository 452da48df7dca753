package org.tusk.access.nbtree;

import org.tusk.access.index.IndexAm;
import org.tusk.access.index.IndexAmContext;
import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.TableAm;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

import java.util.List;
import java.util.function.Predicate;

/**
 * The B-tree index access method (nbtree.c's bthandler entry points): one per backend, working
 * through the backend's {@link IndexAmContext}. Any number of backends may use one index at once;
 * see the package documentation for how they stay out of each other's way.
 */
public final class BTreeAm implements IndexAm {
    private final BTPages pages;
    private final BTSearch search;
    private final BTInsert insert;
    private final BTBuild build;
    private final BTVacuum vacuum;

    public BTreeAm(IndexAmContext ctx) {
        BTXLog xlog = new BTXLog(ctx);
        this.pages = new BTPages(ctx, xlog);
        this.search = new BTSearch(pages);
        this.insert = new BTInsert(ctx, pages, search, xlog);
        this.build = new BTBuild(ctx, pages, xlog);
        this.vacuum = new BTVacuum(pages, xlog);
    }

    /** btbuild: creates the index file if needed, initializes the metapage and enters every row some snapshot may see. */
    @Override
    public org.tusk.access.index.IndexBuildResult build(Relation heap, Relation index, TableAm table,
                                                       org.tusk.access.index.IndexKeyFormer keys) {
        return build.build(heap, index, table, keys, BTBuild.Mode.PLAIN);
    }

    /** btbuild from the build snapshot's rows (CREATE INDEX CONCURRENTLY). */
    @Override
    public org.tusk.access.index.IndexBuildResult buildConcurrently(Relation heap, Relation index, TableAm table,
                                                                   org.tusk.access.index.IndexKeyFormer keys) {
        return build.build(heap, index, table, keys, BTBuild.Mode.CONCURRENT);
    }

    /** btbuild with the spool's isunique false: duplicates are loaded as they are. */
    @Override
    public org.tusk.access.index.IndexBuildResult buildAfterRewrite(Relation heap, Relation index, TableAm table,
                                                                         org.tusk.access.index.IndexKeyFormer keys) {
        return build.build(heap, index, table, keys, BTBuild.Mode.AFTER_REWRITE);
    }

    /** btbuildempty: an empty index is its metapage alone (_bt_initmetapage with no root). */
    @Override
    public java.util.List<java.lang.foreign.MemorySegment> emptyPages(Relation index) {
        java.lang.foreign.MemorySegment metapage = org.tusk.access.index.IndexPages.localPage();
        BTMetaPage.init(metapage, BTMetaPage.Metadata.empty());
        return java.util.List.of(metapage);
    }

    /** btinsert. {@code checkUnique} is honoured only for a unique index. */
    @Override
    public void insert(Relation index, Object[] keys, ItemPointer heapTid, Relation heap, TableAm table, boolean checkUnique) {
        insert.doInsert(index, keys, heapTid, heap, table, checkUnique && index.index() != null && index.index().unique());
    }

    /** btinsert with a uniqueness mode (a non-unique index is never checked). */
    @Override
    public boolean insert(Relation index, Object[] keys, ItemPointer heapTid, Relation heap, TableAm table,
                          org.tusk.access.index.UniqueCheck check) {
        boolean unique = index.index() != null && index.index().unique();
        return insert.doInsert(index, keys, heapTid, heap, table, unique ? check : org.tusk.access.index.UniqueCheck.NO);
    }

    /** btbeginscan + btrescan. */
    @Override
    public IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward) {
        return beginScan(index, keys, backward, false);
    }

    /** btbeginscan with xs_want_itup: B-tree entries hold the column values as stored, so any can be returned. */
    @Override
    public IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward, boolean wantIndexTuple) {
        // amsearcharray: = ANY keys are scanned once per element (BTArrayScan)
        if (keys.stream().anyMatch(ScanKey::searchArray)) {
            return new BTArrayScan(pages, search, index, new BTArrayKeys(index.desc(), BTScanInsert.options(index), keys),
                    backward, wantIndexTuple);
        }
        return new BTScan(pages, search, index, new BTScanKeys(index.desc(), BTScanInsert.options(index), keys), backward,
                wantIndexTuple);
    }

    /** btcanreturn: true for every column, key or INCLUDE. */
    @Override
    public boolean canReturn(Relation index, int column) {
        return true;
    }

    @Override
    public int numberOfBlocks(Relation index) {
        return pages.nblocks(index);
    }

    @Override
    public int treeHeight(Relation index) {
        return pages.rootHeight(index);
    }

    /** {@link #bulkDelete} through the index AM interface, for VACUUM. */
    @Override
    public org.tusk.access.index.IndexBulkDeleteResult indexBulkDelete(Relation index, Predicate<ItemPointer> isDead) {
        BulkDeleteResult r = bulkDelete(index, isDead);
        return new org.tusk.access.index.IndexBulkDeleteResult(r.numPages(), r.tuplesRemoved(), r.numIndexTuples());
    }

    /**
     * btbulkdelete: removes every entry whose heap TID {@code isDead} accepts (the callback VACUUM
     * passes, which must not block), WAL-logged per page. Empty pages stay (no page deletion).
     */
    public BulkDeleteResult bulkDelete(Relation index, Predicate<ItemPointer> isDead) {
        return vacuum.bulkDelete(index, isDead, pages.nblocks(index));
    }
}
