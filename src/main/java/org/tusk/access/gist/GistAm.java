package org.tusk.access.gist;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.tusk.access.index.IndexAm;
import org.tusk.access.index.IndexAmContext;
import org.tusk.access.index.IndexBuildResult;
import org.tusk.access.index.IndexBulkDeleteResult;
import org.tusk.access.index.IndexKeyFormer;
import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.TableAm;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * The GiST index access method (gist.c gisthandler's entry points): one per backend. See the
 * package documentation for the tree's invariants and locking.
 */
public final class GistAm implements org.tusk.access.index.VersionScopedBuild {
    private final IndexAmContext ctx;
    private final GistPages pages;
    private final GistInsert insert;
    private final GistVacuum vacuum;

    public GistAm(IndexAmContext ctx) {
        this.ctx = ctx;
        this.pages = new GistPages(ctx);
        this.insert = new GistInsert(pages);
        this.vacuum = new GistVacuum(pages);
    }

    /** gistbuildempty: an empty index is its root, an empty leaf page. */
    @Override
    public List<java.lang.foreign.MemorySegment> emptyPages(Relation index) {
        java.lang.foreign.MemorySegment root = org.tusk.access.index.IndexPages.localPage();
        GistPageOpaque.init(root, GistPageOpaque.F_LEAF);
        return List.of(root);
    }

    /**
     * gistbuild: an empty leaf root, then every row some snapshot may still see inserted one by
     * one (the plain insertion build; PostgreSQL 15 also has a sorted and a buffering build).
     * When every key column's class has sort support (point_ops), the rows are inserted in the
     * order of its sort key (the Z-order of the points), as the sorted build lays them out.
     */
    @Override
    public IndexBuildResult build(Relation heap, Relation index, TableAm table, IndexKeyFormer keys, boolean anyVisible) {
        pages.initRoot(index);
        GistState state = GistState.of(index);
        List<GistState.Entry> entries = new ArrayList<>();
        org.tusk.access.table.RootTids roots = new org.tusk.access.table.RootTids(table, heap);
        double[] heapTuples = {0};
        table.indexBuildScan(heap, ctx.buildSnapshot().get(), anyVisible, (slot, alive) -> {
            if (alive) heapTuples[0]++;
            Object[] k = keys.form(slot.values());
            if (k != null) entries.add(state.leafEntry(k, roots.rootOf(slot.tid())));
        });
        boolean sorted = true;
        for (GistOpclass c : state.classes) sorted &= c.hasSortSupport();
        if (sorted) {
            GistOpclass c0 = state.classes[0];
            entries.sort((a, b) -> {
                Object x = a.values()[0], y = b.values()[0];
                if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
                return Long.compareUnsigned(c0.sortKey(x), c0.sortKey(y));
            });
        }
        for (GistState.Entry e : entries) insert.insert(index, state, e);
        return new IndexBuildResult(heapTuples[0], entries.size());
    }

    /** gistinsert: never unique (amcanunique is false). */
    @Override
    public void insert(Relation index, Object[] keys, ItemPointer heapTid, Relation heap, TableAm table, boolean checkUnique) {
        GistState state = GistState.of(index);
        insert.insert(index, state, state.leafEntry(keys, heapTid));
    }

    @Override
    public IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward) {
        return new GistScan(pages, index, keys, List.of(), false);
    }

    @Override
    public IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward, boolean wantIndexTuple) {
        return new GistScan(pages, index, keys, List.of(), wantIndexTuple);
    }

    @Override
    public IndexScan beginOrderedScan(Relation index, List<ScanKey> keys, List<ScanKey> orderBys, boolean wantIndexTuple) {
        return new GistScan(pages, index, keys, orderBys, wantIndexTuple);
    }

    /** gistcanreturn: the column's class has a fetch function (box_ops, point_ops). */
    @Override
    public boolean canReturn(Relation index, int column) {
        Relation.IndexInfo info = index.index();
        if (column > info.keyCount()) return true;   // INCLUDE columns are stored as they are
        return GistOpclasses.canFetch(info.indclass()[column - 1]);
    }

    @Override
    public IndexBulkDeleteResult indexBulkDelete(Relation index, Predicate<ItemPointer> isDead) {
        return vacuum.bulkDelete(index, isDead);
    }

    @Override
    public int numberOfBlocks(Relation index) {
        return pages.nblocks(index);
    }
}
