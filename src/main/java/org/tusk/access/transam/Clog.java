package org.tusk.access.transam;

import org.tusk.access.slru.Slru;
import org.tusk.access.slru.SlruShared;
import org.tusk.storage.lmgr.LWLock;
import org.tusk.storage.shmem.ShmemRegion;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The commit log (PostgreSQL's clog.c): two status bits per transaction id in the SLRU
 * {@code pg_xact}, four ids per byte, 32768 ids per 8 kB page, 32 pages (1048576 ids) per
 * segment file. Transaction {@code xid} lives in page {@code xid / 32768}, byte
 * {@code (xid % 32768) / 4}, bits {@code 2 * (xid % 4)} and up.
 *
 * <p>Locking: the SLRU's control lock (XactSLRULock) held exclusively to change a status, shared
 * (or exclusively, when the page has to be read in) to read one. A status moves only from
 * IN_PROGRESS to a final state, or through SUB_COMMITTED to COMMITTED; it never goes back.
 *
 * <p>Not done (yet): the group LSNs that let asynchronous commits wait for WAL before a page is
 * written (no WAL exists), the group-update optimisation of PostgreSQL 11+, WAL records for
 * page zeroing and truncation, and pg_subtrans.
 */
public final class Clog {
    public static final int BITS_PER_XACT = 2;
    public static final int XACTS_PER_BYTE = 4;
    public static final int XACTS_PER_PAGE = SlruShared.BLCKSZ * XACTS_PER_BYTE;
    private static final int XACT_BITMASK = (1 << BITS_PER_XACT) - 1;

    private final Slru slru;

    /** Binds to the shared CLOG buffers {@code shared}, with segment files in {@code pgXactDir}. */
    public Clog(SlruShared shared, Path pgXactDir) {
        this.slru = new Slru(shared, pgXactDir, Clog::pagePrecedes);
    }

    /** CLOGShmemBuffers: as PostgreSQL 15, shared_buffers / 512, between 4 and 128. */
    public static int numBuffers(ShmemRegion.Sizing sizing) {
        return Math.min(128, Math.max(4, sizing.nbuffers() / 512));
    }

    /** The shared structure (CLOGShmemSize): an SLRU of {@code numBuffers} pages. */
    public static StructLayout layout(int numBuffers) {
        return SlruShared.layout(numBuffers);
    }

    /** Binds to the shared structure at {@code seg}, naming its locks XactSLRU and XactBuffer. */
    public static SlruShared shared(MemorySegment seg, int numBuffers) {
        return new SlruShared("Xact", seg, numBuffers);
    }

    public Slru slru() {
        return slru;
    }

    public static int pageOf(int xid) {
        return Integer.divideUnsigned(xid, XACTS_PER_PAGE);
    }

    private static int pageIndex(int xid) {
        return Integer.remainderUnsigned(xid, XACTS_PER_PAGE);
    }

    private static int byteOf(int xid) {
        return pageIndex(xid) / XACTS_PER_BYTE;
    }

    private static int bitShift(int xid) {
        return Integer.remainderUnsigned(xid, XACTS_PER_BYTE) * BITS_PER_XACT;
    }

    /**
     * CLOGPagePrecedes: compares the pages by an id inside each (not the first, which could be a
     * special id), and demands that page1 precede all of page2, so that a page straddling the
     * wraparound point is never taken as older than the cutoff.
     */
    static boolean pagePrecedes(int page1, int page2) {
        int xid1 = page1 * XACTS_PER_PAGE + TransactionId.FIRST_NORMAL + 1;
        int xid2 = page2 * XACTS_PER_PAGE + TransactionId.FIRST_NORMAL + 1;
        return TransactionId.precedes(xid1, xid2) && TransactionId.precedes(xid1, xid2 + XACTS_PER_PAGE - 1);
    }

    /**
     * TransactionIdSetTreeStatus: records the final state of a transaction and its committed
     * subtransactions. The parent's state is what makes the tree's outcome visible, so it must
     * not appear before the children's: on commit, children on other pages are first marked
     * SUB_COMMITTED, then the parent's page is done (its own children subcommitted first, then
     * the parent, then those children), then the other pages. A reader can thus see the parent
     * committed only when every child is committed or subcommitted. Page by page, not atomic
     * across pages; {@code subxids} with all ids of a page together (sorted, as PostgreSQL's
     * callers pass them) touches each page once.
     */
    public void setTreeStatus(int xid, int[] subxids, XidStatus status) {
        if (status != XidStatus.COMMITTED && status != XidStatus.ABORTED) {
            throw new IllegalArgumentException("a transaction tree ends COMMITTED or ABORTED, not " + status);
        }
        int pageno = pageOf(xid);
        int onFirstPage = 0;
        while (onFirstPage < subxids.length && pageOf(subxids[onFirstPage]) == pageno) onFirstPage++;
        if (onFirstPage == subxids.length) {
            setPageStatus(xid, subxids, 0, subxids.length, status, pageno);
            return;
        }
        if (status == XidStatus.COMMITTED) setStatusByPages(subxids, onFirstPage, XidStatus.SUB_COMMITTED);
        setPageStatus(xid, subxids, 0, onFirstPage, status, pageno);
        setStatusByPages(subxids, onFirstPage, status);
    }

    /** set_status_by_pages: subxids[from..] in runs of ids on the same page, one page at a time. */
    private void setStatusByPages(int[] subxids, int from, XidStatus status) {
        int i = from;
        while (i < subxids.length) {
            int pageno = pageOf(subxids[i]);
            int start = i;
            while (i < subxids.length && pageOf(subxids[i]) == pageno) i++;
            setPageStatus(TransactionId.INVALID, subxids, start, i, status, pageno);
        }
    }

    /**
     * TransactionIdSetPageStatusInternal: sets {@code xid} (if valid) and subxids[from..to), all
     * on page {@code pageno}, under one exclusive hold of the control lock.
     */
    private void setPageStatus(int xid, int[] subxids, int from, int to, XidStatus status, int pageno) {
        for (int i = from; i < to; i++) {
            if (pageOf(subxids[i]) != pageno) throw new IllegalArgumentException("subtransaction " + subxids[i] + " is not on page " + pageno);
        }
        LWLock lock = slru.controlLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            // write_ok: without group LSNs there is nothing to wait for, so a page being written
            // may be changed; it is re-dirtied below and written again later.
            int slot = slru.readPage(pageno, true, xid);
            MemorySegment page = slru.page(slot);
            if (TransactionId.isValid(xid)) {
                // A write running concurrently could catch some bits and not others; subcommit the
                // children first so that the parent never reads committed on disk before them.
                if (status == XidStatus.COMMITTED) {
                    for (int i = from; i < to; i++) setStatusBit(page, subxids[i], XidStatus.SUB_COMMITTED);
                }
                setStatusBit(page, xid, status);
            }
            for (int i = from; i < to; i++) setStatusBit(page, subxids[i], status);
            slru.markDirty(slot);
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** TransactionIdSetStatusBit; the caller holds the control lock exclusively. */
    private static void setStatusBit(MemorySegment page, int xid, XidStatus status) {
        int byteno = byteOf(xid);
        int shift = bitShift(xid);
        int b = page.get(JAVA_BYTE, byteno) & 0xFF;
        int cur = (b >> shift) & XACT_BITMASK;
        // PostgreSQL asserts this: only IN_PROGRESS -> final, SUB_COMMITTED -> final, or no change.
        if (!(cur == 0 || (cur == XidStatus.SUB_COMMITTED.code() && status != XidStatus.IN_PROGRESS)
                || cur == status.code())) {
            throw new IllegalStateException("transaction " + TransactionId.toString(xid) + " cannot change from "
                    + XidStatus.ofCode(cur) + " to " + status);
        }
        b = (b & ~(XACT_BITMASK << shift)) | (status.code() << shift);
        page.set(JAVA_BYTE, byteno, (byte) b);
    }

    /**
     * TransactionIdGetStatus: the recorded state of {@code xid}, which must be no newer than the
     * latest assigned id (its page must exist). A status read may be stale by the time it is used,
     * except that COMMITTED and ABORTED never change.
     */
    public XidStatus getStatus(int xid) {
        int byteno = byteOf(xid);
        int shift = bitShift(xid);
        int code = slru.readPageReadOnly(pageOf(xid), xid, page -> (page.get(JAVA_BYTE, byteno) >> shift) & XACT_BITMASK);
        return XidStatus.ofCode(code);
    }

    /** BootStrapCLOG (initdb): creates the first page, all in progress, and writes it out. */
    public void bootstrap() {
        LWLock lock = slru.controlLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int slot = slru.zeroPage(0);
            slru.writePage(slot);
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * StartupCLOG and TrimCLOG (startup process, before any transaction runs): makes the page of
     * {@code nextXid} the latest page, and zeroes the statuses after {@code nextXid} on it, which a
     * crash may have left from transactions whose ids were assigned again.
     */
    public void startup(int nextXid) {
        int pageno = pageOf(nextXid);
        LWLock lock = slru.controlLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            slru.setLatestPageNumber(pageno);
            if (pageIndex(nextXid) != 0) {
                int slot = slru.readPage(pageno, false, nextXid);
                MemorySegment page = slru.page(slot);
                int byteno = byteOf(nextXid);
                int shift = bitShift(nextXid);
                page.set(JAVA_BYTE, byteno, (byte) (page.get(JAVA_BYTE, byteno) & ((1 << shift) - 1)));
                page.asSlice(byteno + 1).fill((byte) 0);
                slru.markDirty(slot);
            }
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * ExtendCLOG: called under XidGenLock for each newly assigned id; when it is the first id of a
     * page (or the very first normal id), the page is created, zeroed, in the buffers. Doing it
     * under XidGenLock guarantees no later id is handed out, and committed, before its page exists.
     */
    public void extend(int newestXact) {
        if (pageIndex(newestXact) != 0 && newestXact != TransactionId.FIRST_NORMAL) return;
        LWLock lock = slru.controlLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            slru.zeroPage(pageOf(newestXact));
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** Recovery: creates the (zeroed) page for {@code xid} that no checkpoint had written yet. */
    void zeroPageForRedo(int xid) {
        LWLock lock = slru.controlLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            slru.zeroPage(pageOf(xid));
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** CheckPointCLOG: writes every dirty page and makes pg_xact durable. */
    public void checkPoint() {
        slru.writeAll();
    }

    /**
     * TruncateCLOG: removes the segments that hold only ids before {@code oldestXact} (the oldest
     * datfrozenxid). Returns true if anything was removed. The caller must already have advanced
     * the oldest xid that anyone may ask about beyond them.
     */
    public boolean truncate(int oldestXact) {
        int cutoffPage = pageOf(oldestXact);
        if (!slru.anySegmentBefore(cutoffPage)) return false;
        return slru.truncate(cutoffPage);
    }
}
