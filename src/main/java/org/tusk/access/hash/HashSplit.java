package org.tusk.access.hash;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageCompaction;
import org.tusk.utils.cache.Relation;

/**
 * Bucket splits (hashpage.c _hash_expandtable, _hash_splitbucket, _hash_finish_split) and the
 * removal of the entries a split left behind or VACUUM found dead (hash.c hashbucketcleanup).
 *
 * <p>The table grows by one bucket at a time: bucket maxbucket + 1 is split from bucket
 * (maxbucket + 1) &amp; lowmask. Under the metapage's exclusive lock the old bucket's primary
 * page is taken with a cleanup lock (nobody else may even have it pinned: a scan or an insertion
 * in it holds a pin throughout), conditionally, so a busy bucket is simply not split this time;
 * a new splitpoint's buckets are reserved at the end of the file; the metapage gets the new
 * maxbucket and masks, the old bucket LH_BUCKET_BEING_SPLIT and the new one
 * LH_BUCKET_BEING_POPULATED, all logged together. The metapage is let go, and the entries of the
 * old bucket that now hash to the new one are copied there, marked moved-by-split; then the two
 * flags are cleared, the old bucket marked LH_BUCKET_NEEDS_SPLIT_CLEANUP, and the copied entries
 * removed from it. Both primary pages stay exclusively locked to the end, so no scan or
 * insertion sees a split in progress; only a crash can leave one, which the flags record: a scan
 * of a bucket still being populated reads its old bucket too and skips the moved-by-split copies,
 * and the next insertion or split that can have the old bucket alone finishes the copy, skipping
 * the entries already copied.
 */
final class HashSplit {
    private final HashPages pages;
    private final HashOverflow overflow;

    HashSplit(HashPages pages, HashOverflow overflow) {
        this.pages = pages;
        this.overflow = overflow;
    }

    /** _hash_expandtable: one bucket split, if still needed and the old bucket can be had alone. */
    void expandTable(Relation rel) {
        int meta = pages.getBuf(rel, HashMetaPage.METAPAGE, LockMode.EXCLUSIVE, HashPageOpaque.LH_META_PAGE);
        boolean metaLocked = true, oldLocked = false;
        int obuf = -1, nbuf = -1;
        try {
            MemorySegment mp = pages.page(meta);
            // someone else may have split while we waited for the lock
            if (HashMetaPage.ntuples(mp) <= (double) HashMetaPage.ffactor(mp) * (HashMetaPage.maxbucket(mp) + 1.0)) return;
            if (Integer.compareUnsigned(HashMetaPage.maxbucket(mp), 0x7FFFFFFE) >= 0) return;
            int newBucket = HashMetaPage.maxbucket(mp) + 1;
            int oldBucket = newBucket & HashMetaPage.lowmask(mp);
            obuf = pages.pin(rel, HashMetaPage.bucketToBlkno(mp, oldBucket));
            if (!pages.cleanupLock(obuf, false)) return;
            oldLocked = true;
            pages.checkPage(rel, obuf, HashPageOpaque.LH_BUCKET_PAGE);
            MemorySegment op = pages.page(obuf);
            if (HashPageOpaque.has(op, HashPageOpaque.LH_BUCKET_BEING_SPLIT)) {
                // a crash interrupted this bucket's last split: finish that instead
                pages.relBuf(meta);
                metaLocked = false;
                finishSplit(rel, obuf, oldBucket);
                return;
            }
            if (HashPageOpaque.has(op, HashPageOpaque.LH_BUCKET_NEEDS_SPLIT_CLEANUP)) {
                bucketCleanup(rel, obuf, oldBucket, HashMetaPage.masks(mp), null, true);
            }
            int startNblkno = HashMetaPage.bucketToBlkno(mp, newBucket);
            int spareNdx = HashMetaPage.spareIndex(newBucket + 1);
            int ovflpoint = HashMetaPage.ovflpoint(mp);
            int lastAllocated = -1;
            if (spareNdx > ovflpoint) {
                int bucketsToAdd = HashMetaPage.totalBuckets(spareNdx) - newBucket;
                lastAllocated = startNblkno + bucketsToAdd - 1;
                if (!pages.allocThrough(rel, lastAllocated)) return;
            }
            nbuf = pages.getNewBuf(rel, startNblkno);
            List<Integer> changed = new ArrayList<>(List.of(meta, obuf, nbuf));
            int last = -1;
            if (lastAllocated > startNblkno) {
                // the last reserved block gets an image, so that redo extends the file as far (log_newpage)
                last = pages.getNewBuf(rel, lastAllocated);
                HashPageOpaque.init(pages.page(last), HashPageOpaque.INVALID_BLOCK, HashPageOpaque.INVALID_BLOCK, -1,
                        HashPageOpaque.LH_UNUSED_PAGE);
                changed.add(last);
            }
            HashMetaPage.setMaxbucket(mp, newBucket);
            if (Integer.compareUnsigned(newBucket, HashMetaPage.highmask(mp)) > 0) {
                HashMetaPage.setLowmask(mp, HashMetaPage.highmask(mp));
                HashMetaPage.setHighmask(mp, newBucket | HashMetaPage.lowmask(mp));
            }
            if (spareNdx > ovflpoint) {
                HashMetaPage.setSpare(mp, spareNdx, HashMetaPage.spare(mp, ovflpoint));
                HashMetaPage.setOvflpoint(mp, spareNdx);
            }
            HashPageOpaque.set(op, HashPageOpaque.LH_BUCKET_BEING_SPLIT);
            HashPageOpaque.setPrev(op, newBucket);
            HashPageOpaque.init(pages.page(nbuf), newBucket, HashPageOpaque.INVALID_BLOCK, newBucket,
                    HashPageOpaque.LH_BUCKET_PAGE | HashPageOpaque.LH_BUCKET_BEING_POPULATED);
            pages.logChange(rel, changed);
            if (last >= 0) pages.relBuf(last);
            HashMetaPage.Masks masks = HashMetaPage.masks(mp);
            pages.relBuf(meta);
            metaLocked = false;
            splitBucket(rel, obuf, nbuf, oldBucket, newBucket, masks, Set.of());
        } finally {
            if (nbuf >= 0) pages.relBuf(nbuf);
            if (obuf >= 0) {
                if (oldLocked) pages.unlock(obuf);
                pages.release(obuf);
            }
            if (metaLocked) pages.relBuf(meta);
        }
    }

    /**
     * _hash_splitbucket: the entries of bucket {@code oldBucket} (whose primary page {@code obuf}
     * is cleanup-locked) that hash to {@code newBucket} under {@code masks} copied into it
     * ({@code nbuf}, exclusively locked), except those whose heap TIDs are in {@code already};
     * then the flags cleared and the old bucket cleaned up.
     */
    private void splitBucket(Relation rel, int obuf, int nbuf, int oldBucket, int newBucket, HashMetaPage.Masks masks,
                             Set<ItemPointer> already) {
        int ncur = nbuf;
        int ocur = obuf;
        try {
            while (true) {
                MemorySegment op = pages.page(ocur);
                int max = Page.maxOffsetNumber(op);
                for (int off = Page.FIRST_OFFSET_NUMBER; off <= max; off++) {
                    if (HashTuple.isDead(op, off)) continue;
                    int h = HashTuple.hash(op, off);
                    if (masks.bucketOf(h) != newBucket) continue;
                    ItemPointer tid = HashTuple.tid(op, off);
                    if (already.contains(tid)) continue;
                    MemorySegment copy = HashTuple.form(h, tid, true);
                    while (!HashTuple.add(pages.page(ncur), copy, h)) {
                        int next = overflow.addOvflPage(rel, ncur);
                        pages.logChange(rel, List.of(ncur));
                        if (ncur != nbuf) pages.relBuf(ncur);
                        ncur = next;
                    }
                }
                int next = HashPageOpaque.next(op);
                if (ocur != obuf) pages.relBuf(ocur);
                ocur = obuf;
                if (next == HashPageOpaque.INVALID_BLOCK) break;
                ocur = pages.getBuf(rel, next, LockMode.SHARE, HashPageOpaque.LH_OVERFLOW_PAGE);
            }
            if (ncur != nbuf) {
                pages.logChange(rel, List.of(ncur));
                pages.relBuf(ncur);
                ncur = nbuf;
            }
        } finally {
            if (ocur != obuf) pages.relBuf(ocur);
            if (ncur != nbuf) pages.relBuf(ncur);
        }
        MemorySegment op = pages.page(obuf), np = pages.page(nbuf);
        HashPageOpaque.clear(op, HashPageOpaque.LH_BUCKET_BEING_SPLIT);
        HashPageOpaque.set(op, HashPageOpaque.LH_BUCKET_NEEDS_SPLIT_CLEANUP);
        HashPageOpaque.clear(np, HashPageOpaque.LH_BUCKET_BEING_POPULATED);
        pages.logChange(rel, List.of(obuf, nbuf));
        bucketCleanup(rel, obuf, oldBucket, masks, null, true);
    }

    /**
     * _hash_finish_split: the split of bucket {@code oldBucket} (its primary page {@code obuf}
     * cleanup-locked) that a crash interrupted, done to the end: the new bucket is the one the
     * old bucket's hasho_prevblkno (the maxbucket of that split) names, and the entries already in
     * it are not copied again.
     */
    void finishSplit(Relation rel, int obuf, int oldBucket) {
        // the new bucket's block is read from the metapage, which is let go before that bucket is
        // locked (an inserter there may be waiting for the metapage)
        int newBucket = HashPageOpaque.prev(pages.page(obuf));
        int meta = pages.getBuf(rel, HashMetaPage.METAPAGE, LockMode.SHARE, HashPageOpaque.LH_META_PAGE);
        int nblkno;
        try {
            nblkno = HashMetaPage.bucketToBlkno(pages.page(meta), newBucket);
        } finally {
            pages.relBuf(meta);
        }
        int nbuf = pages.getBuf(rel, nblkno, LockMode.EXCLUSIVE, HashPageOpaque.LH_BUCKET_PAGE);
        HashMetaPage.Masks masks = new HashMetaPage.Masks(newBucket, highmaskFor(newBucket), highmaskFor(newBucket) >>> 1);
        try {
            Set<ItemPointer> already = new HashSet<>();
            int cur = nbuf;
            while (true) {
                MemorySegment p = pages.page(cur);
                for (int off = Page.FIRST_OFFSET_NUMBER; off <= Page.maxOffsetNumber(p); off++) already.add(HashTuple.tid(p, off));
                int next = HashPageOpaque.next(p);
                if (cur != nbuf) pages.relBuf(cur);
                if (next == HashPageOpaque.INVALID_BLOCK) break;
                cur = pages.getBuf(rel, next, LockMode.SHARE, HashPageOpaque.LH_OVERFLOW_PAGE);
            }
            splitBucket(rel, obuf, nbuf, oldBucket, newBucket, masks, already);
        } finally {
            pages.relBuf(nbuf);
        }
    }

    /** The highmask in force right after bucket {@code newBucket} was made (the masks the interrupted split used). */
    private static int highmaskFor(int newBucket) {
        return HashMetaPage.nextPowerOf2(newBucket + 1) - 1;
    }

    /**
     * hashbucketcleanup: from every page of bucket {@code bucket} (its primary page
     * {@code bucketBuf} cleanup-locked), the entries {@code isDead} accepts, and with
     * {@code splitCleanup} those that hash to another bucket under {@code masks} (a split's
     * leftovers), removed; LH_BUCKET_NEEDS_SPLIT_CLEANUP cleared then. Emptied overflow pages stay
     * in the chain (PostgreSQL's _hash_squeezebucket would move entries forward and free them).
     * Returns {removed, remaining}.
     */
    long[] bucketCleanup(Relation rel, int bucketBuf, int bucket, HashMetaPage.Masks masks, Predicate<ItemPointer> isDead,
                         boolean splitCleanup) {
        long removed = 0, remaining = 0;
        int cur = bucketBuf;
        try {
            while (true) {
                MemorySegment p = pages.page(cur);
                List<Integer> gone = new ArrayList<>();
                int max = Page.maxOffsetNumber(p);
                for (int off = Page.FIRST_OFFSET_NUMBER; off <= max; off++) {
                    boolean dead = isDead != null && isDead.test(HashTuple.tid(p, off));
                    if (!dead && splitCleanup && masks.bucketOf(HashTuple.hash(p, off)) != bucket) dead = true;
                    if (dead) gone.add(off);
                    else remaining++;
                }
                boolean clearFlag = cur == bucketBuf && splitCleanup
                        && HashPageOpaque.has(p, HashPageOpaque.LH_BUCKET_NEEDS_SPLIT_CLEANUP);
                if (!gone.isEmpty() || clearFlag) {
                    for (int i = gone.size() - 1; i >= 0; i--) PageCompaction.indexTupleDelete(p, gone.get(i));
                    if (clearFlag) HashPageOpaque.clear(p, HashPageOpaque.LH_BUCKET_NEEDS_SPLIT_CLEANUP);
                    HashPageOpaque.clear(p, HashPageOpaque.LH_PAGE_HAS_DEAD_TUPLES);
                    pages.logChange(rel, List.of(cur), isDead == null);
                    removed += gone.size();
                }
                int next = HashPageOpaque.next(p);
                if (cur != bucketBuf) pages.relBuf(cur);
                cur = bucketBuf;
                if (next == HashPageOpaque.INVALID_BLOCK) break;
                cur = pages.getBuf(rel, next, LockMode.EXCLUSIVE, HashPageOpaque.LH_OVERFLOW_PAGE);
            }
        } finally {
            if (cur != bucketBuf) pages.relBuf(cur);
        }
        return new long[] {removed, remaining};
    }
}
