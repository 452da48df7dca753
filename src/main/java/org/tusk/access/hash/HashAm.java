package org.tusk.access.hash;

import java.lang.foreign.MemorySegment;
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
import org.tusk.access.table.RootTids;
import org.tusk.access.table.TableAm;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The hash index access method (hash.c hashhandler's entry points): one per backend. See the
 * package documentation for the structure, the split protocol and the locking.
 */
public final class HashAm implements org.tusk.access.index.VersionScopedBuild {
    /** HASH_DEFAULT_FILLFACTOR. */
    static final int DEFAULT_FILLFACTOR = 75;
    /** _hash_init's item width: MAXALIGN(IndexTupleData) + MAXALIGN(uint32) + sizeof(ItemIdData). */
    static final int ITEM_WIDTH = 8 + 8 + 4;

    private final IndexAmContext ctx;
    private final HashPages pages;
    private final HashSplit split;
    private final HashInsert insert;
    private final HashVacuum vacuum;

    public HashAm(IndexAmContext ctx) {
        this.ctx = ctx;
        this.pages = new HashPages(ctx);
        HashOverflow overflow = new HashOverflow(pages);
        this.split = new HashSplit(pages, overflow);
        this.insert = new HashInsert(pages, overflow, split);
        this.vacuum = new HashVacuum(pages, split);
    }

    /**
     * hashbuild: the rows' hash codes gathered (nulls are not indexed: hashbuildCallback), the
     * metapage and as many buckets as the rows need at hashm_ffactor per bucket (_hash_init), then
     * the entries inserted in bucket order (as hashsort.c's sorted build feeds them, so each
     * bucket's pages are filled in turn) by the ordinary insertion, which splits and adds
     * overflow pages as needed. No WAL is written per insertion; every page is logged at the end.
     */
    @Override
    public IndexBuildResult build(Relation heap, Relation index, TableAm table, IndexKeyFormer keys, boolean anyVisible) {
        HashSupport support = support(index);
        List<Entry> entries = new ArrayList<>();
        RootTids roots = new RootTids(table, heap);
        double[] heapTuples = {0};
        table.indexBuildScan(heap, ctx.buildSnapshot().get(), anyVisible, (slot, alive) -> {
            if (alive) heapTuples[0]++;
            Object[] k = keys.form(slot.values());
            if (k == null || k[0] == null) return;
            entries.add(new Entry(support.hash(k[0]), roots.rootOf(slot.tid())));
        });
        pages.beginBuild(index);
        try {
            HashMetaPage.Masks masks = init(index, heapTuples[0]);
            // hashsort.c: in order of the bucket each entry goes to, then of hash code
            entries.sort((a, b) -> {
                int c = Integer.compareUnsigned(masks.bucketOf(a.hash()), masks.bucketOf(b.hash()));
                return c != 0 ? c : Integer.compareUnsigned(a.hash(), b.hash());
            });
            for (Entry e : entries) insert.doInsert(index, e.hash(), e.tid());
        } catch (RuntimeException | Error e) {
            pages.abortBuild();
            throw e;
        }
        pages.endBuild(index);
        return new IndexBuildResult(heapTuples[0], entries.size());
    }

    /** One entry of a build: the key's hash code and the heap row's (root) TID. */
    private record Entry(int hash, ItemPointer tid) {}

    /**
     * _hash_init: the metapage for {@code numTuples} rows (hashm_ffactor from the fillfactor:
     * the entries that fill that share of a page; buckets for numTuples / ffactor of them, rounded
     * up to a whole splitpoint), the initial bucket pages and the first bitmap page.
     */
    private HashMetaPage.Masks init(Relation index, double numTuples) {
        if (!ctx.smgr().exists(index.locator(), ForkNumber.MAIN)) ctx.smgr().create(index.locator(), ForkNumber.MAIN, false);
        if (pages.nblocks(index) != 0) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "cannot initialize non-empty hash index \"" + index.name() + "\"");
        }
        int ffactor = ffactor(index);
        double dnumbuckets = numTuples / ffactor;
        int numBuckets = dnumbuckets <= 2.0 ? 2
                : dnumbuckets >= 0x40000000 ? 0x40000000
                : HashMetaPage.totalBuckets(HashMetaPage.spareIndex((int) dnumbuckets));
        int meta = pages.extend(index, HashMetaPage.METAPAGE);
        HashMetaPage.Masks masks;
        try {
            MemorySegment mp = pages.page(meta);
            HashMetaPage.init(mp, numBuckets, ffactor, 0);
            masks = HashMetaPage.masks(mp);
            for (int b = 0; b < numBuckets; b++) {
                int buf = pages.extend(index, HashMetaPage.bucketToBlkno(mp, b));
                HashPageOpaque.init(pages.page(buf), masks.maxbucket(), HashPageOpaque.INVALID_BLOCK, b,
                        HashPageOpaque.LH_BUCKET_PAGE);
                pages.logChange(index, List.of(buf));
                pages.relBuf(buf);
            }
            int map = pages.extend(index, numBuckets + 1);
            HashOverflow.initBitmap(pages.page(map));
            HashMetaPage.setMapp(mp, 0, numBuckets + 1);
            HashMetaPage.setNmaps(mp, 1);
            pages.logChange(index, List.of(map, meta));
            pages.relBuf(map);
        } finally {
            pages.relBuf(meta);
        }
        return masks;
    }

    /** hashm_ffactor: the entries that fill the fillfactor's share of a page (at least 10). */
    private static int ffactor(Relation index) {
        int fillfactor = index.fillfactorGiven() ? index.fillfactor() : DEFAULT_FILLFACTOR;
        return Math.max(10, Page.BLCKSZ * fillfactor / 100 / ITEM_WIDTH);
    }

    /**
     * hashbuildempty: _hash_init for no rows, into the init fork of an unlogged index: the
     * metapage, the two bucket pages and the first bitmap page, in block order.
     */
    @Override
    public List<MemorySegment> emptyPages(Relation index) {
        MemorySegment meta = org.tusk.access.index.IndexPages.localPage();
        HashMetaPage.init(meta, 2, ffactor(index), 0);
        HashMetaPage.Masks masks = HashMetaPage.masks(meta);
        MemorySegment[] out = new MemorySegment[4];
        out[HashMetaPage.METAPAGE] = meta;
        for (int b = 0; b < 2; b++) {
            MemorySegment bucket = org.tusk.access.index.IndexPages.localPage();
            HashPageOpaque.init(bucket, masks.maxbucket(), HashPageOpaque.INVALID_BLOCK, b, HashPageOpaque.LH_BUCKET_PAGE);
            out[HashMetaPage.bucketToBlkno(meta, b)] = bucket;
        }
        MemorySegment map = org.tusk.access.index.IndexPages.localPage();
        HashOverflow.initBitmap(map);
        out[3] = map;
        HashMetaPage.setMapp(meta, 0, 3);
        HashMetaPage.setNmaps(meta, 1);
        return List.of(out);
    }

    /** The key column's hash support function, kept in the relcache entry (rd_amcache) after the first use. */
    HashSupport support(Relation index) {
        if (index.amCache() instanceof HashSupport s) return s;
        HashSupport s = HashSupport.of(index.index().indclass()[0]);
        index.setAmCache(s);
        return s;
    }

    @Override
    public void insert(Relation index, Object[] keys, ItemPointer heapTid, Relation heap, TableAm table, boolean checkUnique) {
        if (keys[0] == null) return;   // hashinsert: nulls are not indexed
        insert.doInsert(index, support(index).hash(keys[0]), heapTid);
    }

    @Override
    public IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward) {
        return new HashScan(pages, insert, index, support(index), keys);
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
