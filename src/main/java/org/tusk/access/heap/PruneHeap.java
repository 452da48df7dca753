package org.tusk.access.heap;

import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.TransactionId;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageCompaction;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;

import static org.tusk.access.common.HeapTupleHeader.*;

/**
 * Page pruning (PostgreSQL's pruneheap.c): on one page, removes tuples dead to every transaction
 * and collapses HOT chains, then defragments the page. Index entries point at chain roots, so a
 * root line pointer is never freed while its chain has a live member: a dead root becomes a
 * redirect to the first surviving member, or LP_DEAD (its index entries still point at it,
 * VACUUM will remove those) if the whole chain is dead. Dead heap-only tuples, which no index
 * entry points at, become LP_UNUSED at once.
 *
 * <p>Pruning moves tuples (PageRepairFragmentation), so it runs only under a cleanup lock: the
 * exclusive content lock while nobody else has the buffer pinned.
 */
final class PruneHeap {
    private PruneHeap() {}

    /**
     * heap_page_prune_opt: called with the buffer pinned but not locked, before a scan or index
     * fetch reads the page. Prunes only if pd_prune_xid says something may be removable by now
     * and the page is short of free space (full, or under a tenth free), and only if the cleanup
     * lock is free at once: pruning is an optimisation, never worth waiting for.
     */
    static void pruneOpt(HeapEnv env, Relation rel, int buffer) {
        BufferManager bm = env.buffers();
        MemorySegment page = bm.page(buffer);
        int pruneXid = PageHeader.pruneXid(page);  // read unlocked: it is a hint
        if (!TransactionId.isValid(pruneXid)) return;
        int oldestXmin = env.oracle().oldestNonRemovableXid();
        if (!TransactionId.precedes(pruneXid, oldestXmin)) return;
        int minfree = Math.max(rel.targetPageFreeSpace(), Page.BLCKSZ / 10);
        if (!shortOfSpace(page, minfree)) return;
        if (!bm.conditionalLockBufferForCleanup(buffer)) return;
        try {
            if (shortOfSpace(page, minfree)) prune(env, rel, buffer, oldestXmin);
        } finally {
            bm.unlockBuffer(buffer);
        }
    }

    private static boolean shortOfSpace(MemorySegment page, int minfree) {
        return PageHeader.hasFlag(page, PageHeader.PD_PAGE_FULL) || Page.heapFreeSpace(page) < minfree;
    }

    /** PruneState: what one pass decided. */
    private static final class State {
        int newPruneXid = TransactionId.INVALID;
        int latestRemovedXid = TransactionId.INVALID;
        int nredirected, ndead, nunused;
        final int[] redirected = new int[2 * Page.MAX_HEAP_TUPLES_PER_PAGE];
        final int[] nowdead = new int[Page.MAX_HEAP_TUPLES_PER_PAGE];
        final int[] nowunused = new int[Page.MAX_HEAP_TUPLES_PER_PAGE];
        final boolean[] marked = new boolean[Page.MAX_HEAP_TUPLES_PER_PAGE + 1];
        HeapVisibility.Htsv[] htsv;

        void recordPrunable(int xid) {
            if (!TransactionId.isValid(newPruneXid) || TransactionId.precedes(xid, newPruneXid)) newPruneXid = xid;
        }

        void recordRedirect(int offnum, int rdoffnum) {
            redirected[2 * nredirected] = offnum;
            redirected[2 * nredirected + 1] = rdoffnum;
            nredirected++;
            marked[offnum] = true;
            marked[rdoffnum] = true;
        }

        void recordDead(int offnum) {
            nowdead[ndead++] = offnum;
            marked[offnum] = true;
        }

        void recordUnused(int offnum) {
            nowunused[nunused++] = offnum;
            marked[offnum] = true;
        }
    }

    /**
     * heap_page_prune: the caller holds the cleanup lock. Returns the number of tuples deleted
     * from the page. A change is WAL-logged as XLOG_HEAP2_PRUNE; finding nothing to remove but a
     * new pd_prune_xid is only a hint and dirties the buffer without WAL.
     */
    static int prune(HeapEnv env, Relation rel, int buffer, int oldestXmin) {
        BufferManager bm = env.buffers();
        MemorySegment page = bm.page(buffer);
        int maxoff = Page.maxOffsetNumber(page);
        State st = new State();
        st.htsv = new HeapVisibility.Htsv[maxoff + 1];
        for (int off = maxoff; off >= Page.FIRST_OFFSET_NUMBER; off--) {
            if (ItemId.isNormal(ItemId.get(page, off))) {
                st.htsv[off] = env.visibility().satisfiesVacuum(Page.item(page, off), oldestXmin, buffer);
            }
        }
        int ndeleted = 0;
        for (int off = Page.FIRST_OFFSET_NUMBER; off <= maxoff; off++) {
            if (st.marked[off]) continue;
            int lp = ItemId.get(page, off);
            if (!ItemId.isUsed(lp) || ItemId.isDead(lp)) continue;
            ndeleted += pruneChain(env, page, buffer, off, st);
        }
        // critical section
        if (st.nredirected > 0 || st.ndead > 0 || st.nunused > 0) {
            execute(page, st.redirected, st.nredirected, st.nowdead, st.ndead, st.nowunused, st.nunused);
            PageHeader.setPruneXid(page, st.newPruneXid);
            PageHeader.clearFlag(page, PageHeader.PD_PAGE_FULL);
            bm.markDirty(buffer);
            if (rel.needsWal()) {
                XLogRecordBuilder b = new XLogRecordBuilder();
                b.registerData(new HeapXLog.Prune(st.latestRemovedXid, st.nredirected, st.ndead).bytes());
                b.registerBuffer(0, rel.locator(), ForkNumber.MAIN, bm.blockNumber(buffer), page,
                        XLogRecordBuilder.REGBUF_STANDARD);
                // The arrays are registered as block data: not needed when a full-page image is taken.
                if (st.nredirected > 0) b.registerBufData(0, HeapXLog.offsets(st.redirected, 2 * st.nredirected));
                if (st.ndead > 0) b.registerBufData(0, HeapXLog.offsets(st.nowdead, st.ndead));
                if (st.nunused > 0) b.registerBufData(0, HeapXLog.offsets(st.nowunused, st.nunused));
                PageHeader.setLsn(page, env.insertWal(b, RmgrId.HEAP2, HeapXLog.XLOG_HEAP2_PRUNE, TransactionId.INVALID));
            }
        } else if (PageHeader.pruneXid(page) != st.newPruneXid || PageHeader.hasFlag(page, PageHeader.PD_PAGE_FULL)) {
            PageHeader.setPruneXid(page, st.newPruneXid);
            PageHeader.clearFlag(page, PageHeader.PD_PAGE_FULL);
            bm.markDirtyHint(buffer);
        }
        return ndeleted;
    }

    /** heap_prune_chain: decides the fate of the HOT chain starting at {@code rootoffnum}. */
    private static int pruneChain(HeapEnv env, MemorySegment page, int buffer, int rootoffnum, State st) {
        int ndeleted = 0;
        int maxoff = Page.maxOffsetNumber(page);
        int rootlp = ItemId.get(page, rootoffnum);
        if (ItemId.isNormal(rootlp)) {
            MemorySegment htup = Page.item(page, rootoffnum);
            if (HeapTuples.isHeapOnly(htup)) {
                // Not a chain start. A DEAD heap-only tuple at the end of no chain (its updater
                // aborted, or the chain was already cut) can go at once; others are reached from their root.
                if (st.htsv[rootoffnum] == HeapVisibility.Htsv.DEAD && !HeapTuples.isHotUpdated(htup)) {
                    st.recordUnused(rootoffnum);
                    st.latestRemovedXid = advanceLatestRemovedXid(env, htup, st.latestRemovedXid);
                    ndeleted++;
                }
                return ndeleted;
            }
        }
        int[] chainitems = new int[Page.MAX_HEAP_TUPLES_PER_PAGE];
        int nchain = 0;
        int latestdead = Page.INVALID_OFFSET_NUMBER;
        int priorXmax = TransactionId.INVALID;
        int offnum = rootoffnum;
        while (true) {
            if (offnum < Page.FIRST_OFFSET_NUMBER || offnum > maxoff) break;
            if (st.marked[offnum]) break;  // already processed: not this chain
            int lp = ItemId.get(page, offnum);
            if (!ItemId.isUsed(lp)) break;
            if (ItemId.isRedirect(lp)) {
                if (nchain > 0) break;  // a redirect is only ever a chain's start
                chainitems[nchain++] = offnum;
                offnum = ItemId.redirectTarget(rootlp);
                continue;
            }
            if (ItemId.isDead(lp)) break;
            MemorySegment htup = Page.item(page, offnum);
            if (TransactionId.isValid(priorXmax) && HeapTuples.xmin(htup) != priorXmax) break;  // chain broken
            chainitems[nchain++] = offnum;
            boolean tupdead = false, recentDead = false;
            switch (st.htsv[offnum]) {
                case DEAD -> tupdead = true;
                case RECENTLY_DEAD -> {
                    recentDead = true;
                    st.recordPrunable(HeapTuples.updateXid(htup));  // may soon be DEAD
                }
                case DELETE_IN_PROGRESS -> st.recordPrunable(HeapTuples.updateXid(htup));
                case LIVE, INSERT_IN_PROGRESS -> { }
            }
            // Advance past RECENTLY_DEAD members in case a DEAD one follows, but no further.
            if (tupdead) {
                latestdead = offnum;
                st.latestRemovedXid = advanceLatestRemovedXid(env, htup, st.latestRemovedXid);
            } else if (!recentDead) {
                break;
            }
            if (!HeapTuples.isHotUpdated(htup)) break;  // end of the chain
            offnum = ctid(htup).offset();
            priorXmax = HeapTuples.updateXid(htup);
        }
        if (latestdead != Page.INVALID_OFFSET_NUMBER) {
            // Free every member up to the last dead one, then point the root past them.
            int i;
            for (i = 1; i < nchain && chainitems[i - 1] != latestdead; i++) {
                st.recordUnused(chainitems[i]);
                ndeleted++;
            }
            if (ItemId.isNormal(rootlp)) ndeleted++;
            if (i >= nchain) st.recordDead(rootoffnum);
            else st.recordRedirect(rootoffnum, chainitems[i]);
        } else if (nchain < 2 && ItemId.isRedirect(rootlp)) {
            // A redirect whose target was already removed: it leads nowhere now.
            st.recordDead(rootoffnum);
        }
        return ndeleted;
    }

    /**
     * HeapTupleHeaderAdvanceLatestRemovedXid: the newest committed deleter among removed tuples,
     * which a standby would have to wait for (carried in the record for that).
     */
    private static int advanceLatestRemovedXid(HeapEnv env, MemorySegment htup, int latest) {
        int xmin = HeapTuples.xmin(htup);
        int xmax = HeapTuples.updateXid(htup);
        if ((infomask(htup) & HEAP_MOVED) != 0 && TransactionId.precedes(latest, xvac(htup))) latest = xvac(htup);
        if (HeapTuples.xminCommitted(htup) || (!HeapTuples.xminInvalid(htup) && env.oracle().didCommit(xmin))) {
            if (xmax != xmin && TransactionId.follows(xmax, latest)) latest = xmax;
        }
        return latest;
    }

    /**
     * heap_page_prune_execute: applies the decisions (also in redo), then defragments the page.
     */
    static void execute(MemorySegment page, int[] redirected, int nredirected, int[] nowdead, int ndead,
                        int[] nowunused, int nunused) {
        for (int i = 0; i < nredirected; i++) {
            ItemId.set(page, redirected[2 * i], ItemId.redirect(redirected[2 * i + 1]));
        }
        for (int i = 0; i < ndead; i++) ItemId.set(page, nowdead[i], ItemId.dead());
        for (int i = 0; i < nunused; i++) ItemId.set(page, nowunused[i], ItemId.unused());
        PageCompaction.repairFragmentation(page);
    }
}
