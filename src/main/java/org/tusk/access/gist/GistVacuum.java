package org.tusk.access.gist;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.tusk.access.common.IndexTuples;
import org.tusk.access.index.IndexBulkDeleteResult;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.utils.cache.Relation;

/**
 * gistbulkdelete (gistvacuum.c gistvacuumscan): every leaf page, in physical order, loses the
 * entries whose heap TID VACUUM found dead. Pages are never deleted and inner keys are not
 * shrunk (PostgreSQL leaves them too; they stay correct, only looser). It holds the root's
 * exclusive lock throughout, which keeps insertions (and so splits, which move entries between
 * pages behind a physical-order scan) out; scans still run, locking one page at a time.
 */
final class GistVacuum {
    private final GistPages pages;

    GistVacuum(GistPages pages) {
        this.pages = pages;
    }

    IndexBulkDeleteResult bulkDelete(Relation rel, Predicate<ItemPointer> isDead) {
        int nblocks = pages.nblocks(rel);
        if (nblocks == 0) return new IndexBulkDeleteResult(0, 0, 0);
        long removed = 0, remaining = 0;
        int root = pages.getBuf(rel, GistPageOpaque.ROOT, LockMode.EXCLUSIVE);
        try {
            nblocks = pages.nblocks(rel);
            for (int blkno = 0; blkno < nblocks; blkno++) {
                int buf = blkno == GistPageOpaque.ROOT ? root : pages.getBuf(rel, blkno, LockMode.EXCLUSIVE);
                try {
                    MemorySegment page = pages.page(buf);
                    if (!GistPageOpaque.isLeaf(page)) continue;
                    List<Integer> dead = new ArrayList<>();
                    int max = Page.maxOffsetNumber(page);
                    for (int off = Page.FIRST_OFFSET_NUMBER; off <= max; off++) {
                        if (isDead.test(IndexTuples.tid(Page.item(page, off)))) dead.add(off);
                        else remaining++;
                    }
                    if (dead.isEmpty()) continue;
                    for (int i = dead.size() - 1; i >= 0; i--) org.tusk.storage.page.PageCompaction.indexTupleDelete(page, dead.get(i));
                    GistPageOpaque.setFlags(page, GistPageOpaque.flags(page) | GistPageOpaque.F_TUPLES_DELETED);
                    pages.logChange(rel, List.of(buf), false);
                    removed += dead.size();
                } finally {
                    if (buf != root) pages.relBuf(buf);
                }
            }
        } finally {
            pages.relBuf(root);
        }
        return new IndexBulkDeleteResult(nblocks, removed, remaining);
    }
}
