package org.tusk.access.hash;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.utils.cache.Relation;

/**
 * A hash index scan (hashsearch.c _hash_first, _hash_readpage, _hash_next): every key is an
 * equality on the one key column, so the scan hashes the key's value, finds the bucket from the
 * metapage, and returns the heap TIDs of the bucket's entries with that hash code, page by page
 * along the chain (each page read under a share lock, binary-searched). The hash code is all the
 * index holds, so the caller must recheck the condition on each row (xs_recheck). Entries come
 * in no useful order.
 *
 * <p>The bucket's primary page stays pinned until the scan ends, as in PostgreSQL: a split or
 * VACUUM of the bucket needs a cleanup lock, which that pin keeps off, so no entry the scan has
 * yet to see moves away, and no TID it returns is removed and reused behind it. A bucket that a
 * crash left being populated by a split is read with its old bucket (_hash_first's
 * hashso_buc_populated), skipping the moved-by-split copies in the new one.
 */
final class HashScan implements IndexScan {
    private final HashPages pages;
    private final HashInsert locator;
    private final Relation rel;
    private final HashSupport support;
    private final List<ScanKey> keys;
    private List<ItemPointer> tids;
    private int next;
    private final List<Integer> pinned = new ArrayList<>();

    HashScan(HashPages pages, HashInsert locator, Relation rel, HashSupport support, List<ScanKey> keys) {
        this.pages = pages;
        this.locator = locator;
        this.rel = rel;
        this.support = support;
        this.keys = keys;
    }

    @Override
    public ItemPointer next() {
        if (tids == null) tids = first();
        return next < tids.size() ? tids.get(next++) : null;
    }

    /** _hash_first: the matching TIDs of the key's bucket. */
    private List<ItemPointer> first() {
        List<ItemPointer> out = new ArrayList<>();
        if (keys.isEmpty()) {
            throw new IllegalStateException("hash indexes do not support whole-index scans");
        }
        // the keys are all equalities on the one column: each must hash alike, or nothing matches
        Integer hash = null;
        for (ScanKey k : keys) {
            if (k.argument() == null || k.isNullSearch()) return out;   // a strict = matches no null
            int h = support.hash(k.argument());
            if (hash != null && hash != h) return out;
            hash = h;
        }
        int h = hash;
        int buf;
        while (true) {
            HashInsert.BucketRef ref = locator.locate(rel, h);
            buf = pages.getBuf(rel, ref.blkno(), LockMode.SHARE, HashPageOpaque.LH_BUCKET_PAGE);
            if (Integer.compareUnsigned(HashPageOpaque.prev(pages.page(buf)), ref.masks().maxbucket()) > 0) {
                pages.relBuf(buf);
                continue;
            }
            break;
        }
        pinned.add(buf);
        MemorySegment primary = pages.page(buf);
        boolean populated = HashPageOpaque.has(primary, HashPageOpaque.LH_BUCKET_BEING_POPULATED);
        int bucket = HashPageOpaque.bucket(primary);
        readChain(buf, h, populated, out);
        if (populated) {
            // the split was interrupted: the entries not yet copied are still in the old bucket
            int oldBlkno;
            int meta = pages.getBuf(rel, HashMetaPage.METAPAGE, LockMode.SHARE, HashPageOpaque.LH_META_PAGE);
            try {
                oldBlkno = HashMetaPage.bucketToBlkno(pages.page(meta), HashMetaPage.oldBucketOf(bucket));
            } finally {
                pages.relBuf(meta);
            }
            int obuf = pages.getBuf(rel, oldBlkno, LockMode.SHARE, HashPageOpaque.LH_BUCKET_PAGE);
            pinned.add(obuf);
            readChain(obuf, h, false, out);
        }
        return out;
    }

    /**
     * The chain from the share-locked primary page {@code primary} (unlocked at the end, still
     * pinned): the TIDs of entries with hash code {@code h}, without moved-by-split copies when
     * {@code skipMoved}.
     */
    private void readChain(int primary, int h, boolean skipMoved, List<ItemPointer> out) {
        int cur = primary;
        while (true) {
            MemorySegment p = pages.page(cur);
            int max = Page.maxOffsetNumber(p);
            for (int off = HashTuple.binsearch(p, h); off <= max && HashTuple.hash(p, off) == h; off++) {
                if (HashTuple.isDead(p, off)) continue;
                if (skipMoved && HashTuple.movedBySplit(p, off)) continue;
                out.add(HashTuple.tid(p, off));
            }
            int next = HashPageOpaque.next(p);
            if (cur == primary) pages.unlock(cur);
            else pages.relBuf(cur);
            if (next == HashPageOpaque.INVALID_BLOCK) return;
            cur = pages.getBuf(rel, next, LockMode.SHARE, HashPageOpaque.LH_OVERFLOW_PAGE);
        }
    }

    @Override
    public void close() {
        for (int b : pinned) pages.release(b);
        pinned.clear();
    }
}
