package org.tusk.access.hash;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.Predicate;

import org.tusk.access.index.IndexBulkDeleteResult;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * hashbulkdelete (hash.c): every bucket from 0 to maxbucket in turn, its primary page taken with
 * a cleanup lock (waiting for scans and insertions in it to end), loses the entries whose heap
 * TIDs VACUUM found dead, and a bucket marked LH_BUCKET_NEEDS_SPLIT_CLEANUP (and not being split)
 * also loses the entries a split copied away. If buckets were split meanwhile the new ones are
 * visited too. Then hashm_ntuples is set to the entries that remain, or, if the index changed
 * meanwhile, lowered by those removed.
 */
final class HashVacuum {
    private final HashPages pages;
    private final HashSplit split;

    HashVacuum(HashPages pages, HashSplit split) {
        this.pages = pages;
        this.split = split;
    }

    IndexBulkDeleteResult bulkDelete(Relation rel, Predicate<ItemPointer> isDead) {
        if (pages.nblocks(rel) == 0) return new IndexBulkDeleteResult(0, 0, 0);
        long removed = 0, remaining = 0;
        double origNtuples;
        int origMaxbucket;
        int meta = pages.getBuf(rel, HashMetaPage.METAPAGE, LockMode.SHARE, HashPageOpaque.LH_META_PAGE);
        try {
            origNtuples = HashMetaPage.ntuples(pages.page(meta));
            origMaxbucket = HashMetaPage.maxbucket(pages.page(meta));
        } finally {
            pages.relBuf(meta);
        }
        int curMaxbucket = origMaxbucket;
        int bucket = 0;
        while (true) {
            for (; Integer.compareUnsigned(bucket, curMaxbucket) <= 0; bucket++) {
                int blkno;
                HashMetaPage.Masks masks;
                meta = pages.getBuf(rel, HashMetaPage.METAPAGE, LockMode.SHARE, HashPageOpaque.LH_META_PAGE);
                try {
                    blkno = HashMetaPage.bucketToBlkno(pages.page(meta), bucket);
                    masks = HashMetaPage.masks(pages.page(meta));
                } finally {
                    pages.relBuf(meta);
                }
                int buf = pages.pin(rel, blkno);
                pages.cleanupLock(buf, true);
                try {
                    pages.checkPage(rel, buf, HashPageOpaque.LH_BUCKET_PAGE);
                } catch (RuntimeException e) {
                    throw e;   // checkPage released the buffer
                }
                try {
                    MemorySegment p = pages.page(buf);
                    boolean splitCleanup = !HashPageOpaque.has(p, HashPageOpaque.LH_BUCKET_BEING_SPLIT)
                            && HashPageOpaque.has(p, HashPageOpaque.LH_BUCKET_NEEDS_SPLIT_CLEANUP);
                    long[] r = split.bucketCleanup(rel, buf, bucket, masks, isDead, splitCleanup);
                    removed += r[0];
                    remaining += r[1];
                } finally {
                    pages.relBuf(buf);
                }
            }
            meta = pages.getBuf(rel, HashMetaPage.METAPAGE, LockMode.SHARE, HashPageOpaque.LH_META_PAGE);
            int now;
            try {
                now = HashMetaPage.maxbucket(pages.page(meta));
            } finally {
                pages.relBuf(meta);
            }
            if (now == curMaxbucket) break;
            curMaxbucket = now;   // split meanwhile: the new buckets too
        }
        meta = pages.getBuf(rel, HashMetaPage.METAPAGE, LockMode.EXCLUSIVE, HashPageOpaque.LH_META_PAGE);
        try {
            MemorySegment mp = pages.page(meta);
            if (HashMetaPage.maxbucket(mp) == origMaxbucket && HashMetaPage.ntuples(mp) == origNtuples) {
                HashMetaPage.setNtuples(mp, remaining);
            } else {
                HashMetaPage.setNtuples(mp, Math.max(0, HashMetaPage.ntuples(mp) - removed));
            }
            pages.logChange(rel, List.of(meta), false);
        } finally {
            pages.relBuf(meta);
        }
        return new IndexBulkDeleteResult(pages.nblocks(rel), removed, remaining);
    }
}
