package org.tusk.access.transam;

import org.tusk.access.slru.Slru;
import org.tusk.access.slru.SlruShared;
import org.tusk.storage.lmgr.LWLock;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The subtransaction log (PostgreSQL's subtrans.c): for every transaction id, the id of its
 * parent (0 for a top-level transaction), in the SLRU {@code pg_subtrans}, 2048 ids per 8 kB page.
 *
 * <p>Only ids that may still be running are ever asked about (those at or after the asking
 * backend's TransactionXmin), so pg_subtrans need not survive a restart: {@link #startup} zeroes
 * the pages from the oldest running id to nextXid, nothing about it is WAL-logged, and a
 * checkpoint writes pages out only to free buffers for later. It is consulted only when a
 * backend's PGPROC subxid cache overflowed, and by TransactionIdDidCommit for a SUB_COMMITTED id.
 *
 * <p>Locking: the SLRU's control lock (SubtransSLRU), exclusively to set a parent, shared to read
 * one. A parent is written once, by the backend that assigns the child id, before the child
 * writes anything that could make another backend ask about it. Lock order: XidGenLock, then
 * SubtransSLRU (ExtendSUBTRANS runs under XidGenLock).
 */
public final class SubTrans {
    /** SUBTRANS_XACTS_PER_PAGE: one TransactionId per id. */
    public static final int XACTS_PER_PAGE = SlruShared.BLCKSZ / 4;
    /** NUM_SUBTRANS_BUFFERS of PostgreSQL 15. */
    public static final int NUM_BUFFERS = 32;

    private final Slru slru;

    /** Binds to the shared buffers {@code shared} with segment files in {@code pgSubtransDir}. */
    public SubTrans(SlruShared shared, Path pgSubtransDir) {
        this.slru = new Slru(shared, pgSubtransDir, SubTrans::pagePrecedes);
    }

    /** SUBTRANSShmemSize's layout: an SLRU of {@link #NUM_BUFFERS} pages without group LSNs. */
    public static StructLayout layout() {
        return SlruShared.layout(NUM_BUFFERS);
    }

    /** Binds to the shared structure at {@code seg}, naming its locks SubtransSLRU and SubtransBuffer. */
    public static SlruShared shared(MemorySegment seg) {
        return new SlruShared("Subtrans", seg, NUM_BUFFERS);
    }

    public Slru slru() {
        return slru;
    }

    static int pageOf(int xid) {
        return Integer.divideUnsigned(xid, XACTS_PER_PAGE);
    }

    private static int entryOf(int xid) {
        return Integer.remainderUnsigned(xid, XACTS_PER_PAGE);
    }

    /** SubTransPagePrecedes: as CLOGPagePrecedes, by an id inside each page. */
    static boolean pagePrecedes(int page1, int page2) {
        int xid1 = page1 * XACTS_PER_PAGE + TransactionId.FIRST_NORMAL + 1;
        int xid2 = page2 * XACTS_PER_PAGE + TransactionId.FIRST_NORMAL + 1;
        return TransactionId.precedes(xid1, xid2) && TransactionId.precedes(xid1, xid2 + XACTS_PER_PAGE - 1);
    }

    /**
     * SubTransSetParent: records that {@code xid} is a subtransaction of {@code parent}. Setting
     * the same parent again is harmless; changing one valid parent into another is a bug.
     */
    public void setParent(int xid, int parent) {
        int entry = entryOf(xid) * 4;
        LWLock lock = slru.controlLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int slot = slru.readPage(pageOf(xid), true, xid);
            MemorySegment page = slru.page(slot);
            int old = page.get(JAVA_INT, entry);
            if (old != parent) {
                if (old != TransactionId.INVALID) {
                    throw new IllegalStateException("pg_subtrans: xid " + TransactionId.toString(xid)
                            + " already has parent " + TransactionId.toString(old));
                }
                page.set(JAVA_INT, entry, parent);
                slru.markDirty(slot);
            }
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** SubTransGetParent: the parent of {@code xid}, or 0 (top-level, or a special id). */
    public int getParent(int xid) {
        if (!TransactionId.isNormal(xid)) return TransactionId.INVALID;
        int entry = entryOf(xid) * 4;
        return slru.readPageReadOnly(pageOf(xid), xid, page -> page.get(JAVA_INT, entry));
    }

    /**
     * SubTransGetTopmostTransaction: follows parents up to the top-level transaction, stopping at
     * an id older than {@code transactionXmin} (the asker's oldest possibly-running id: whatever
     * is older has ended, and its pg_subtrans page may be gone). A parent that does not precede
     * its child is corruption and fails with PostgreSQL's message rather than looping.
     */
    public int getTopmostTransaction(int xid, int transactionXmin) {
        int parentXid = xid;
        int previousXid = xid;
        while (TransactionId.isValid(parentXid)) {
            previousXid = parentXid;
            if (TransactionId.precedes(parentXid, transactionXmin)) break;
            parentXid = getParent(parentXid);
            if (!TransactionId.precedes(parentXid, previousXid)) {
                throw new IllegalStateException("pg_subtrans contains invalid entry: xid "
                        + TransactionId.toString(previousXid) + " points to parent xid " + TransactionId.toString(parentXid));
            }
        }
        return previousXid;
    }

    /**
     * StartupSUBTRANS: zeroes every page from the one of {@code oldestActiveXid} to the one of
     * {@code nextXid} (wrapping), whatever the files say: after a restart no id before nextXid is
     * running, and ids from nextXid on get their parents set when they are assigned.
     */
    public void startup(int oldestActiveXid, int nextXid) {
        int startPage = pageOf(oldestActiveXid);
        int endPage = pageOf(nextXid);
        int lastPage = pageOf(TransactionId.MAX);
        LWLock lock = slru.controlLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            while (startPage != endPage) {
                slru.zeroPage(startPage);
                startPage = startPage == lastPage ? 0 : startPage + 1;
            }
            slru.zeroPage(startPage);
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * ExtendSUBTRANS: under XidGenLock, for each new id; zeroes the page when the id is its first
     * (or the very first normal id). Not WAL-logged: pg_subtrans is rebuilt empty at startup.
     */
    public void extend(int newestXact) {
        if (entryOf(newestXact) != 0 && newestXact != TransactionId.FIRST_NORMAL) return;
        LWLock lock = slru.controlLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            slru.zeroPage(pageOf(newestXact));
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** CheckPointSUBTRANS: writes dirty pages (only so that buffers can be reused without I/O later). */
    public void checkPoint() {
        slru.writeAll();
    }

    /**
     * TruncateSUBTRANS: removes segments wholly before the page of {@code oldestXact}, the oldest
     * id anyone may still ask about (GetOldestTransactionIdConsideredRunning). As PostgreSQL 15
     * does, the cutoff is the page of the id before it, so the page holding it survives even when
     * it is the first of its page.
     */
    public void truncate(int oldestXact) {
        int cutoffPage = pageOf(TransactionId.retreat(oldestXact));
        if (slru.anySegmentBefore(cutoffPage)) slru.truncate(cutoffPage);
    }
}
