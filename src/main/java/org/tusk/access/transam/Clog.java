package org.tusk.access.transam;

import org.tusk.access.slru.Slru;
import org.tusk.access.slru.SlruShared;
import org.tusk.storage.lmgr.LWLock;
import org.tusk.storage.shmem.ShmemRegion;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * <p>Group LSNs (clog.c's group_lsn): for every {@link #XACTS_PER_LSN_GROUP} ids a page keeps the
 * end LSN of the latest asynchronous commit record among them (in the SLRU's shared group-LSN
 * array, under the control lock). A dirty page is written only after WAL is flushed past the
 * highest of its LSNs, so a status on disk never claims a commit whose record a crash could still
 * lose; {@link #getStatusAndLsn} gives the LSN to whoever wants to set hint bits. Setting an LSN
 * needs the page not to be in the middle of a write, so such an update reads the page with
 * {@code writeOk} false.
 *
 * <p>Page creation is WAL-logged: {@link #extend} writes a CLOG_ZEROPAGE record (rmgr CLOG) after
 * zeroing a page, and {@link #redo} zeroes and writes the page again, so recovery never needs a
 * page that no checkpoint wrote.
 *
 * <p>Not done: the group-update optimisation of PostgreSQL 11+, the CLOG_TRUNCATE record.
 */
public final class Clog {
    public static final int BITS_PER_XACT = 2;
    public static final int XACTS_PER_BYTE = 4;
    public static final int XACTS_PER_PAGE = SlruShared.BLCKSZ * XACTS_PER_BYTE;
    private static final int XACT_BITMASK = (1 << BITS_PER_XACT) - 1;
    /** CLOG_XACTS_PER_LSN_GROUP: ids sharing one group LSN. */
    public static final int XACTS_PER_LSN_GROUP = 32;
    /** CLOG_LSNS_PER_PAGE. */
    public static final int LSNS_PER_PAGE = XACTS_PER_PAGE / XACTS_PER_LSN_GROUP;
    /** The CLOG resource manager's record kinds (clog.h). */
    public static final int CLOG_ZEROPAGE = 0x00, CLOG_TRUNCATE = 0x10;

    /** A status with the LSN of its group (TransactionIdGetStatus's two results). */
    public record StatusAndLsn(XidStatus status, long lsn) {}

    private final Slru slru;
    private final XLogHandle xlog;

    /**
     * Binds to the shared CLOG buffers {@code shared}, with segment files in {@code pgXactDir},
     * for a process without WAL: initdb's bootstrap (PostgreSQL's XLogInsert does not log in
     * bootstrap mode either) and tests of the CLOG alone. Such a handle logs no page creation
     * and cannot write out a page that carries a group LSN.
     */
    public Clog(SlruShared shared, Path pgXactDir) {
        this(shared, pgXactDir, null);
    }

    /**
     * Binds to the shared CLOG buffers for a process that logs page creation and flushes WAL
     * through {@code xlog} before writing pages out.
     */
    public Clog(SlruShared shared, Path pgXactDir, XLogHandle xlog) {
        this.xlog = xlog;
        this.slru = new Slru(shared, pgXactDir, Clog::pagePrecedes, xlog == null ? null : xlog::flush);
    }

    /** CLOGShmemBuffers: as PostgreSQL 15, shared_buffers / 512, between 4 and 128. */
    public static int numBuffers(ShmemRegion.Sizing sizing) {
        return Math.min(128, Math.max(4, sizing.nbuffers() / 512));
    }

    /** The shared structure (CLOGShmemSize): an SLRU of {@code numBuffers} pages. */
    public static StructLayout layout(int numBuffers) {
        return SlruShared.layout(numBuffers, LSNS_PER_PAGE);
    }

    /** Binds to the shared structure at {@code seg}, naming its locks XactSLRU and XactBuffer. */
    public static SlruShared shared(MemorySegment seg, int numBuffers) {
        return new SlruShared("Xact", seg, numBuffers, LSNS_PER_PAGE);
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

    /** GetLSNIndex: the index of {@code xid}'s group LSN within the slot's groups. */
    private static int lsnGroup(int xid) {
        return pageIndex(xid) / XACTS_PER_LSN_GROUP;
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
        setTreeStatus(xid, subxids, status, 0L);
    }

    /**
     * As above, for an asynchronous commit: {@code lsn} is the end of its commit record, which
     * becomes the group LSN of every id set if it is later than the one there (0: none, as for a
     * synchronous commit, an abort, or redo).
     */
    public void setTreeStatus(int xid, int[] subxids, XidStatus status, long lsn) {
        if (status != XidStatus.COMMITTED && status != XidStatus.ABORTED) {
            throw new IllegalArgumentException("a transaction tree ends COMMITTED or ABORTED, not " + status);
        }
        int pageno = pageOf(xid);
        int onFirstPage = 0;
        while (onFirstPage < subxids.length && pageOf(subxids[onFirstPage]) == pageno) onFirstPage++;
        if (onFirstPage == subxids.length) {
            setPageStatus(xid, subxids, 0, subxids.length, status, pageno, lsn);
            return;
        }
        if (status == XidStatus.COMMITTED) setStatusByPages(subxids, onFirstPage, XidStatus.SUB_COMMITTED, lsn);
        setPageStatus(xid, subxids, 0, onFirstPage, status, pageno, lsn);
        setStatusByPages(subxids, onFirstPage, status, lsn);
    }

    /** set_status_by_pages: subxids[from..] in runs of ids on the same page, one page at a time. */
    private void setStatusByPages(int[] subxids, int from, XidStatus status, long lsn) {
        int i = from;
        while (i < subxids.length) {
            int pageno = pageOf(subxids[i]);
            int start = i;
            while (i < subxids.length && pageOf(subxids[i]) == pageno) i++;
            setPageStatus(TransactionId.INVALID, subxids, start, i, status, pageno, lsn);
        }
    }

    /**
     * TransactionIdSetPageStatusInternal: sets {@code xid} (if valid) and subxids[from..to), all
     * on page {@code pageno}, under one exclusive hold of the control lock.
     */
    private void setPageStatus(int xid, int[] subxids, int from, int to, XidStatus status, int pageno, long lsn) {
        for (int i = from; i < to; i++) {
            if (pageOf(subxids[i]) != pageno) throw new IllegalArgumentException("subtransaction " + subxids[i] + " is not on page " + pageno);
        }
        LWLock lock = slru.controlLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            // write_ok only without an LSN: a page being written may take a status change (it is
            // re-dirtied and written again), but not a new group LSN, which the write already
            // flushed WAL for.
            int slot = slru.readPage(pageno, lsn == 0, xid);
            MemorySegment page = slru.page(slot);
            if (TransactionId.isValid(xid)) {
                // A write running concurrently could catch some bits and not others; subcommit the
                // children first so that the parent never reads committed on disk before them.
                if (status == XidStatus.COMMITTED) {
                    for (int i = from; i < to; i++) setStatusBit(page, subxids[i], XidStatus.SUB_COMMITTED);
                }
                setStatusBit(page, xid, status);
                setLsn(slot, xid, lsn);
            }
            for (int i = from; i < to; i++) {
                setStatusBit(page, subxids[i], status);
                setLsn(slot, subxids[i], lsn);
            }
            slru.markDirty(slot);
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** TransactionIdSetStatusBit's LSN part: raise the group LSN to {@code lsn}; control lock held exclusively. */
    private void setLsn(int slot, int xid, long lsn) {
        if (lsn == 0) return;
        int group = lsnGroup(xid);
        if (slru.shared().groupLsn(slot, group) < lsn) slru.shared().setGroupLsn(slot, group, lsn);
    }

    /** TransactionIdSetStatusBit; the caller holds the control lock exclusively. */
    private static void setStatusBit(MemorySegment page, int xid, XidStatus status) {
        int byteno = byteOf(xid);
        int shift = bitShift(xid);
        int b = page.get(JAVA_BYTE, byteno) & 0xFF;
        int cur = (b >> shift) & XACT_BITMASK;
        // Replaying a commit record marks its subtransactions SUB_COMMITTED again, while the page may
        // already hold their final state (it reached disk before the crash): a no-op, as in
        // TransactionIdSetStatusBit's InRecovery case. (Outside recovery a subcommitted child was
        // always IN_PROGRESS before.)
        if (status == XidStatus.SUB_COMMITTED && cur != XidStatus.IN_PROGRESS.code()) return;
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
        return getStatusAndLsn(xid).status();
    }

    /**
     * TransactionIdGetStatus with its LSN result: the status, and the group LSN of {@code xid}'s
     * group (0 if no asynchronous commit in the group is newer than the page's last read-in): WAL
     * must be flushed that far before a hint bit may record the commit.
     */
    public StatusAndLsn getStatusAndLsn(int xid) {
        int byteno = byteOf(xid);
        int shift = bitShift(xid);
        int group = lsnGroup(xid);
        return slru.readPageReadOnlySlot(pageOf(xid), xid, (slot, page) -> new StatusAndLsn(
                XidStatus.ofCode((page.get(JAVA_BYTE, byteno) >> shift) & XACT_BITMASK),
                slru.shared().groupLsn(slot, group)));
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
        int pageno = pageOf(newestXact);
        LWLock lock = slru.controlLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            // ZeroCLOGPage(pageno, true): the page, then its WAL record (not flushed: a commit on
            // the page flushes past it, and an unflushed page creation lost in a crash only
            // loses ids nobody committed).
            slru.zeroPage(pageno);
            if (xlog != null) writeZeroPageXlogRec(pageno);
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** WriteZeroPageXlogRec: CLOG_ZEROPAGE with the page number as its main data. */
    private void writeZeroPageXlogRec(int pageno) {
        byte[] data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(pageno).array();
        try {
            xlog.get().insert(new XLogRecordBuilder().registerData(data), RmgrId.CLOG, CLOG_ZEROPAGE,
                    TransactionId.INVALID);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * clog_redo: CLOG_ZEROPAGE zeroes the page and writes it out at once (so that a later
     * checkpoint's REDO point past this record still finds the page on disk). CLOG_TRUNCATE
     * records are not written by Tusk and are refused.
     */
    public static void redo(DecodedXLogRecord rec, RedoContext ctx) {
        int info = rec.info() & XLogRecord.XLR_RMGR_INFO_MASK;
        if (info != CLOG_ZEROPAGE) {
            throw new IllegalStateException("clog_redo: unknown op code " + info);
        }
        int pageno = rec.mainData().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
        ctx.clog().redoZeroPage(pageno);
    }

    private void redoZeroPage(int pageno) {
        LWLock lock = slru.controlLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int slot = slru.zeroPage(pageno);
            slru.writePage(slot);
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
