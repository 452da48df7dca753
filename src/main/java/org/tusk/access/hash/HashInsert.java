package org.tusk.access.hash;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * _hash_doinsert (hashinsert.c): the bucket is computed from the metapage (read under a share
 * lock, then let go), its primary page locked exclusively, and the entry placed in hash order on
 * the first page of the chain with room, an overflow page added at the end when none has. A
 * primary page whose hasho_prevblkno (the maxbucket of its last split) is above the maxbucket
 * the bucket was computed with has been split since: the entry may belong to the new bucket, so
 * the insertion starts again. Then hashm_ntuples is counted up under the metapage's exclusive
 * lock, and if the index now has more entries than hashm_ffactor per bucket a bucket is split
 * ({@link HashSplit#expandTable}). A bucket left half split by a crash is split to the end first
 * when the inserter can have it alone (_hash_finish_split).
 *
 * <p>Lock order: a bucket's primary page, then its overflow pages in chain order, then the
 * metapage, then bitmap pages. Nothing holds the metapage while waiting for a bucket page (the
 * split takes the old bucket only conditionally), so no cycle can form.
 */
final class HashInsert {
    private final HashPages pages;
    private final HashOverflow overflow;
    private final HashSplit split;

    HashInsert(HashPages pages, HashOverflow overflow, HashSplit split) {
        this.pages = pages;
        this.overflow = overflow;
        this.split = split;
    }

    /** _hash_doinsert of {@code hash -> tid}. */
    void doInsert(Relation rel, int hash, ItemPointer tid) {
        MemorySegment tuple = HashTuple.form(hash, tid, false);
        int bucketBuf;
        while (true) {
            BucketRef ref = locate(rel, hash);
            bucketBuf = pages.getBuf(rel, ref.blkno(), LockMode.EXCLUSIVE, HashPageOpaque.LH_BUCKET_PAGE);
            MemorySegment page = pages.page(bucketBuf);
            if (Integer.compareUnsigned(HashPageOpaque.prev(page), ref.masks().maxbucket()) > 0) {
                pages.relBuf(bucketBuf);   // split since we read the metapage
                continue;
            }
            if (HashPageOpaque.has(page, HashPageOpaque.LH_BUCKET_BEING_SPLIT)) {
                // a split a crash interrupted: finish it if we can have the bucket alone, then look again
                pages.unlock(bucketBuf);
                if (pages.cleanupLock(bucketBuf, false)) {
                    try {
                        split.finishSplit(rel, bucketBuf, HashPageOpaque.bucket(pages.page(bucketBuf)));
                    } finally {
                        pages.relBuf(bucketBuf);
                    }
                    continue;
                }
                pages.lock(bucketBuf, LockMode.EXCLUSIVE);
            }
            break;
        }
        List<Integer> held = new ArrayList<>();
        held.add(bucketBuf);
        int meta = -1;
        boolean expand;
        try {
            int cur = bucketBuf;
            while (!HashTuple.add(pages.page(cur), tuple, hash)) {
                int next = HashPageOpaque.next(pages.page(cur));
                if (next != HashPageOpaque.INVALID_BLOCK) {
                    if (cur != bucketBuf) {
                        pages.relBuf(cur);
                        held.remove((Integer) cur);
                    }
                    cur = pages.getBuf(rel, next, LockMode.EXCLUSIVE, HashPageOpaque.LH_OVERFLOW_PAGE);
                    held.add(cur);
                } else {
                    int ovfl = overflow.addOvflPage(rel, cur);
                    if (cur != bucketBuf) {
                        pages.relBuf(cur);
                        held.remove((Integer) cur);
                    }
                    cur = ovfl;
                    held.add(cur);
                }
            }
            meta = pages.getBuf(rel, HashMetaPage.METAPAGE, LockMode.EXCLUSIVE, HashPageOpaque.LH_META_PAGE);
            MemorySegment mp = pages.page(meta);
            HashMetaPage.setNtuples(mp, HashMetaPage.ntuples(mp) + 1);
            expand = HashMetaPage.ntuples(mp) > (double) HashMetaPage.ffactor(mp) * (HashMetaPage.maxbucket(mp) + 1.0);
            pages.logChange(rel, List.of(cur, meta));
        } finally {
            if (meta >= 0) pages.relBuf(meta);
            for (int b : held) pages.relBuf(b);
        }
        if (expand) split.expandTable(rel);
    }

    /** A bucket's primary block as computed from the metapage, and the masks it was computed with. */
    record BucketRef(int blkno, HashMetaPage.Masks masks) {}

    /** _hash_getbucketbuf_from_hashkey's first half: the metapage read under a share lock for {@code hash}'s bucket. */
    BucketRef locate(Relation rel, int hash) {
        int meta = pages.getBuf(rel, HashMetaPage.METAPAGE, LockMode.SHARE, HashPageOpaque.LH_META_PAGE);
        try {
            MemorySegment mp = pages.page(meta);
            HashMetaPage.Masks masks = HashMetaPage.masks(mp);
            return new BucketRef(HashMetaPage.bucketToBlkno(mp, masks.bucketOf(hash)), masks);
        } finally {
            pages.relBuf(meta);
        }
    }
}
