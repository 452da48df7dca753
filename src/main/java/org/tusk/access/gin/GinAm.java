package org.tusk.access.gin;

import org.tusk.access.index.IndexAm;
import org.tusk.access.index.IndexAmContext;
import org.tusk.access.index.IndexBuildResult;
import org.tusk.access.index.IndexBulkDeleteResult;
import org.tusk.access.index.IndexKeyFormer;
import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.TableAm;
import org.tusk.access.transam.FullPageImages;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The GIN index access method (gininsert.c ginbuild/gininsert, ginget.c gingetbitmap,
 * ginvacuum.c ginbulkdelete): one per backend. GIN has no amgettuple: the planner offers it for
 * bitmap index scans only, and {@link #beginScan} hands over the bitmap's TIDs in order.
 */
public final class GinAm implements org.tusk.access.index.VersionScopedBuild {
    private final IndexAmContext ctx;
    private final GinEntryTree tree;

    public GinAm(IndexAmContext ctx) {
        this.ctx = ctx;
        this.tree = new GinEntryTree(ctx);
    }

    /** ginbuildempty: an empty index is its metapage and an empty leaf root (as {@code initPages} makes them). */
    @Override
    public List<MemorySegment> emptyPages(Relation index) {
        MemorySegment meta = org.tusk.access.index.IndexPages.localPage();
        MemorySegment root = org.tusk.access.index.IndexPages.localPage();
        GinPage.initMeta(meta);
        GinPage.init(root, GinPage.GIN_LEAF);
        return List.of(meta, root);
    }

    /** ginbuild: metapage and empty root, then the accumulated entries (ginbulk.c) inserted key by key. */
    @Override
    public IndexBuildResult build(Relation heap, Relation index, TableAm table, IndexKeyFormer former, boolean anyVisible) {
        if (!ctx.smgr().exists(index.locator(), ForkNumber.MAIN)) ctx.smgr().create(index.locator(), ForkNumber.MAIN, false);
        if (tree.nblocks(index) != 0) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "index \"" + index.name() + "\" already contains data");
        }
        GinState st = GinState.of(index);
        initPages(index);
        // ginBuildCallback's accumulator: every key with the TIDs of the rows that have it
        TreeMap<GinEntry.Key, List<ItemPointer>> acc = new TreeMap<>(st::compare);
        org.tusk.access.table.RootTids roots = new org.tusk.access.table.RootTids(table, heap);
        double[] heapTuples = {0};
        table.indexBuildScan(heap, ctx.buildSnapshot().get(), anyVisible, (slot, alive) -> {
            if (alive) heapTuples[0]++;
            Object[] values = former.form(slot.values());
            if (values == null) return;
            ItemPointer tid = roots.rootOf(slot.tid());
            for (int c = 0; c < st.ncols; c++)
                for (GinEntry.Key k : keysOf(st, c + 1, values[c])) acc.computeIfAbsent(k, x -> new ArrayList<>()).add(tid);
        });
        tree.setBuilding(true);
        long entries = 0;
        try {
            for (var e : acc.entrySet()) {
                List<ItemPointer> tids = new ArrayList<>(new java.util.TreeSet<>(e.getValue()));
                tree.insert(index, st, e.getKey(), tids);
                entries++;
            }
        } finally {
            tree.setBuilding(false);
        }
        updateStats(index, entries);
        logWholeIndex(index);
        return new IndexBuildResult(heapTuples[0], heapTuples[0]);
    }

    /** ginExtractEntries: a column value's distinct keys; a null value or one without keys gets a placeholder. */
    static List<GinEntry.Key> keysOf(GinState st, int attnum, Object value) {
        if (value == null) return List.of(new GinEntry.Key(attnum, GinEntry.NULL_ITEM, null));
        List<Object> raw = st.opclass[attnum - 1].extractValue(value, st.keyType[attnum - 1]);
        if (raw.isEmpty()) return List.of(new GinEntry.Key(attnum, GinEntry.EMPTY_ITEM, null));
        java.util.TreeSet<GinEntry.Key> distinct = new java.util.TreeSet<>(st::compare);
        for (Object k : raw) distinct.add(GinEntry.Key.normal(attnum, k));
        return new ArrayList<>(distinct);
    }

    /** The metapage and the empty leaf root (block 1), as ginbuild and ginbuildempty make them. */
    private void initPages(Relation index) {
        int meta = tree.newPage(index);
        int root = tree.newPage(index);
        try {
            GinPage.initMeta(tree.page(meta));
            GinPage.init(tree.page(root), GinPage.GIN_LEAF);
            ctx.buffers().markDirty(meta);
            ctx.buffers().markDirty(root);
        } finally {
            tree.relBuf(meta);
            tree.relBuf(root);
        }
    }

    /** ginUpdateStats: the page counts and number of keys gincostestimate reads. */
    private void updateStats(Relation index, long entries) {
        int n = tree.nblocks(index);
        int meta = tree.getBuf(index, GinPage.METAPAGE_BLKNO, LockMode.EXCLUSIVE);
        try {
            GinPage.setStats(tree.page(meta), new GinPage.Stats(n, n - 1, 0, entries));
            ctx.buffers().markDirty(meta);
        } finally {
            tree.relBuf(meta);
        }
    }

    /** log_newpage_range after the build: every page of the index as a full-page image. */
    private void logWholeIndex(Relation index) {
        if (!index.needsWal()) return;
        int n = tree.nblocks(index);
        for (int blk = 0; blk < n; blk++) {
            int buf = tree.getBuf(index, blk, LockMode.EXCLUSIVE);
            try {
                MemorySegment p = tree.page(buf);
                long lsn = FullPageImages.logNewPage(ctx.xlog(), index.locator(), ForkNumber.MAIN, blk, p,
                        ctx.oracle().currentTransactionId());
                org.tusk.storage.page.PageHeader.setLsn(p, lsn);
                ctx.buffers().markDirty(buf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                tree.relBuf(buf);
            }
        }
    }

    /** gininsert: every key of every column gets the row's TID (no pending list: straight into the tree). */
    @Override
    public void insert(Relation index, Object[] keys, ItemPointer heapTid, Relation heap, TableAm table, boolean checkUnique) {
        GinState st = GinState.of(index);
        for (int c = 0; c < st.ncols; c++)
            for (GinEntry.Key k : keysOf(st, c + 1, keys[c])) tree.insert(index, st, k, List.of(heapTid));
    }

    /** gingetbitmap, its TIDs in order (GIN has no amgettuple; ordering and direction mean nothing to it). */
    @Override
    public IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward) {
        return new GinScan(tree, index, keys);
    }

    /**
     * ginbulkdelete: every leaf, left to right, loses the dead TIDs from its posting lists; an
     * entry left with none stays (with an empty list) so the key order is untouched, as
     * ginVacuumEntryPage keeps it.
     */
    @Override
    public IndexBulkDeleteResult indexBulkDelete(Relation index, Predicate<ItemPointer> isDead) {
        GinState st = GinState.of(index);
        long removed = 0, remaining = 0;
        int blk = tree.leftmostLeaf(index, st);
        while (blk != GinPage.INVALID_BLOCK) {
            int buf = tree.getBuf(index, blk, LockMode.EXCLUSIVE);
            try {
                MemorySegment p = tree.page(buf);
                List<byte[]> items = GinPage.items(p);
                boolean changed = false;
                for (int i = 0; i < items.size(); i++) {
                    GinEntry.Read r = GinEntry.read(st, items.get(i), true);
                    List<ItemPointer> tids = GinEntry.postings(items.get(i), r);
                    List<ItemPointer> kept = new ArrayList<>(tids.size());
                    for (ItemPointer t : tids) if (!isDead.test(t)) kept.add(t);
                    remaining += kept.size();
                    if (kept.size() == tids.size()) continue;
                    removed += tids.size() - kept.size();
                    // the tuple keeps its order TID, so its place among the key's tuples does not move
                    byte[] seg = kept.isEmpty() ? new byte[0] : GinPostingList.compress(kept, GinPage.MAX_ITEM_SIZE, null);
                    items.set(i, GinEntry.formLeaf(st, r.key(), r.tid(), seg, kept.size(), index.name()));
                    changed = true;
                }
                int next = GinPage.rightlink(p);
                if (changed) {
                    GinPage.rewrite(p, items, GinPage.flags(p), next);
                    tree.log(index, List.of(buf));
                }
                blk = next;
            } finally {
                tree.relBuf(buf);
            }
        }
        updateStats(index, GinPage.stats(metaPage(index)).nEntries());
        return new IndexBulkDeleteResult(tree.nblocks(index), removed, remaining);
    }

    private MemorySegment metaPage(Relation index) {
        int meta = tree.getBuf(index, GinPage.METAPAGE_BLKNO, LockMode.SHARE);
        try {
            MemorySegment copy = MemorySegment.ofArray(new byte[Page.BLCKSZ]);
            MemorySegment.copy(tree.page(meta), 0, copy, 0, Page.BLCKSZ);
            return copy;
        } finally {
            tree.relBuf(meta);
        }
    }

    /** The metapage's statistics (ginGetStats), for gincostestimate; zeros for an index never built. */
    public GinStatsView stats(Relation index) {
        if (tree.nblocks(index) == 0) return new GinStatsView(0, 0, 0);
        GinPage.Stats s = GinPage.stats(metaPage(index));
        return new GinStatsView(s.nTotalPages(), s.nEntryPages(), s.nEntries());
    }

    /** What gincostestimate reads of the metapage. */
    public record GinStatsView(int totalPages, int entryPages, long entries) {}

    /**
     * gincost_pattern: what a scan key of strategy {@code strategy} with comparison value
     * {@code query} searches in column {@code column} (1-based) of {@code index}: its number of
     * entries, whether it needs every entry of the column (GIN_SEARCH_MODE_ALL), whether it also
     * reads the empty items, and whether it can match anything at all.
     */
    public QueryCounts countQuery(Relation index, int column, int strategy, Object query) {
        GinState st = GinState.of(index);
        GinOpclass.Query q = st.opclass[column - 1].extractQuery(query, strategy, st.keyType[column - 1]);
        boolean possible = !(q.entries().isEmpty() && q.mode() == GinOpclass.SearchMode.DEFAULT);
        return new QueryCounts(q.entries().size(), q.mode() == GinOpclass.SearchMode.ALL,
                q.mode() == GinOpclass.SearchMode.INCLUDE_EMPTY, possible);
    }

    /** gincost_pattern's counts for one scan key. */
    public record QueryCounts(int entries, boolean fullScan, boolean includeEmpty, boolean matchPossible) {}

    @Override
    public int numberOfBlocks(Relation index) {
        return tree.nblocks(index);
    }
}
