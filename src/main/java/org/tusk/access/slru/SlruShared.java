package org.tusk.access.slru;

import org.tusk.storage.lmgr.LWLock;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The shared part of one SLRU (PostgreSQL's SlruSharedData): a control lock, and for each of
 * {@code numSlots} buffer slots a descriptor (buffer lock, status, dirty flag, page number, LRU
 * count) and an 8 kB page buffer.
 *
 * <pre>
 *   header   64 B   controlLock (LWLock), curLruCount, latestPageNumber
 *   slots    32 B × numSlots   bufferLock (LWLock), status, dirty, pageNumber, lruCount
 *   pages    8192 B × numSlots (starting on a 64-byte boundary)
 *   groupLsn 8 B × lsnGroupsPerPage × numSlots (only for an SLRU with LSN groups: the CLOG)
 * </pre>
 *
 * <p>Group LSNs (PostgreSQL's {@code group_lsn}): an SLRU whose contents depend on WAL (the CLOG,
 * for asynchronous commits) keeps with each page, per group of entries, the LSN of the latest WAL
 * record the group's contents depend on. They are read and changed under the control lock like the
 * page itself, are zeroed whenever a page is read in or created, and a page is written out only
 * after WAL is flushed past the highest of them.
 *
 * <p>All-zero is the valid initial state: every slot EMPTY and clean, LRU counts 0, latest page 0
 * (the owner of the SLRU sets the real latest page at startup, as StartupCLOG does).
 *
 * <p>Locking (PostgreSQL 15's rules): every descriptor field, {@code curLruCount},
 * {@code latestPageNumber} and the page contents are read under the control lock (shared is
 * enough to read a VALID or WRITE_IN_PROGRESS page) and changed under it held exclusively. The one
 * exception is the LRU count, which a shared holder may bump: a lost update only makes a page
 * look a little older. A slot's buffer lock is held exclusively, without the control lock, by the
 * one process doing I/O on it; others wait for that I/O by taking the buffer lock shared, which
 * sleeps on the lock's futex. Lock order: a process may take the control lock while holding a
 * buffer lock (after its I/O), never a buffer lock while holding the control lock except by a
 * conditional try.
 */
public final class SlruShared {
    /** Size of an SLRU page: PostgreSQL's BLCKSZ. */
    public static final int BLCKSZ = 8192;

    /** One slot's descriptor; its buffer lock first so that the lock word is 8-byte aligned. */
    public static final StructLayout SLOT = MemoryLayout.structLayout(
            LWLock.LAYOUT.withName("bufferLock"),
            JAVA_INT.withName("status"),
            JAVA_INT.withName("dirty"),
            JAVA_INT.withName("pageNumber"),
            JAVA_INT.withName("lruCount"),
            MemoryLayout.paddingLayout(8));

    private static final StructLayout HEADER = MemoryLayout.structLayout(
            LWLock.LAYOUT.withName("controlLock"),
            JAVA_INT.withName("curLruCount"),
            JAVA_INT.withName("latestPageNumber"),
            MemoryLayout.paddingLayout(48));

    /** The whole structure for {@code numSlots} buffers. */
    public static StructLayout layout(int numSlots) {
        return layout(numSlots, 0);
    }

    /** The structure with {@code lsnGroupsPerPage} group LSNs per page (0: none). */
    public static StructLayout layout(int numSlots, int lsnGroupsPerPage) {
        if (numSlots < 2) throw new IllegalArgumentException("an SLRU needs at least 2 buffers, not " + numSlots);
        MemoryLayout slots = MemoryLayout.sequenceLayout(numSlots, SLOT).withName("slots");
        MemoryLayout pages = MemoryLayout.sequenceLayout(numSlots, MemoryLayout.sequenceLayout(BLCKSZ, JAVA_BYTE))
                .withName("pages");
        MemoryLayout lsns = MemoryLayout.sequenceLayout((long) numSlots * lsnGroupsPerPage, JAVA_LONG).withName("groupLsn");
        long misalign = slots.byteSize() % 64;
        return misalign == 0
                ? MemoryLayout.structLayout(HEADER.withName("header"), slots, pages, lsns)
                : MemoryLayout.structLayout(HEADER.withName("header"), slots,
                        MemoryLayout.paddingLayout(64 - misalign), pages, lsns);
    }

    private static final VarHandle CUR_LRU = HEADER.varHandle(groupElement("curLruCount"));
    private static final VarHandle LATEST = HEADER.varHandle(groupElement("latestPageNumber"));

    private final MemorySegment seg;
    private final int numSlots;
    private final LWLock controlLock;
    private final LWLock[] bufferLocks;
    private final VarHandle status, dirty, pageNumber, lruCount;
    private final long pagesOffset;
    private final int lsnGroupsPerPage;
    private final VarHandle groupLsn;

    /**
     * Binds to the structure at {@code seg} (a slice of {@link #layout}'s size).
     *
     * @param name  the SLRU's name, for lock names as PostgreSQL 15 spells them ("Xact" gives
     *              XactSLRU and XactBuffer)
     */
    public SlruShared(String name, MemorySegment seg, int numSlots) {
        this(name, seg, numSlots, 0);
    }

    /** As above, for a structure laid out with {@code lsnGroupsPerPage} group LSNs per page. */
    public SlruShared(String name, MemorySegment seg, int numSlots, int lsnGroupsPerPage) {
        StructLayout l = layout(numSlots, lsnGroupsPerPage);
        if (seg.byteSize() < l.byteSize()) {
            throw new IllegalArgumentException("SLRU " + name + " needs " + l.byteSize() + " bytes, got " + seg.byteSize());
        }
        this.seg = seg;
        this.numSlots = numSlots;
        this.controlLock = new LWLock(name + "SLRU", seg.asSlice(0, LWLock.LAYOUT.byteSize()));
        long slotsOffset = l.byteOffset(groupElement("slots"));
        this.bufferLocks = new LWLock[numSlots];
        for (int i = 0; i < numSlots; i++) {
            bufferLocks[i] = new LWLock(name + "Buffer", seg.asSlice(slotsOffset + i * SLOT.byteSize(), LWLock.LAYOUT.byteSize()));
        }
        this.status = l.varHandle(groupElement("slots"), sequenceElement(), groupElement("status"));
        this.dirty = l.varHandle(groupElement("slots"), sequenceElement(), groupElement("dirty"));
        this.pageNumber = l.varHandle(groupElement("slots"), sequenceElement(), groupElement("pageNumber"));
        this.lruCount = l.varHandle(groupElement("slots"), sequenceElement(), groupElement("lruCount"));
        this.pagesOffset = l.byteOffset(groupElement("pages"));
        this.lsnGroupsPerPage = lsnGroupsPerPage;
        this.groupLsn = l.varHandle(groupElement("groupLsn"), sequenceElement());
    }

    /** Group LSNs per page; 0 for an SLRU that does not depend on WAL. */
    public int lsnGroupsPerPage() { return lsnGroupsPerPage; }

    /** The LSN of group {@code group} of the page in {@code slot}; caller holds the control lock. */
    public long groupLsn(int slot, int group) {
        return (long) groupLsn.getVolatile(seg, 0L, (long) slot * lsnGroupsPerPage + group);
    }

    /** Caller holds the control lock exclusively, and the page is not being written out. */
    public void setGroupLsn(int slot, int group, long lsn) {
        groupLsn.setVolatile(seg, 0L, (long) slot * lsnGroupsPerPage + group, lsn);
    }

    /** SimpleLruZeroLSNs: a page just read in or created depends on no WAL yet. */
    void zeroLsns(int slot) {
        for (int g = 0; g < lsnGroupsPerPage; g++) setGroupLsn(slot, g, 0L);
    }

    /** The highest group LSN of the page in {@code slot} (0 if none); caller holds the control lock or the slot's I/O. */
    long maxGroupLsn(int slot) {
        long max = 0;
        for (int g = 0; g < lsnGroupsPerPage; g++) max = Math.max(max, groupLsn(slot, g));
        return max;
    }

    public int numSlots() { return numSlots; }
    public LWLock controlLock() { return controlLock; }
    public LWLock bufferLock(int slot) { return bufferLocks[slot]; }

    /** The page buffer of {@code slot}; read or change it only as the class comment says. */
    public MemorySegment page(int slot) {
        return seg.asSlice(pagesOffset + (long) slot * BLCKSZ, BLCKSZ);
    }

    public SlruPageStatus status(int slot) { return SlruPageStatus.ofCode((int) status.getVolatile(seg, 0L, (long) slot)); }
    void setStatus(int slot, SlruPageStatus s) { status.setVolatile(seg, 0L, (long) slot, s.code()); }
    public boolean isDirty(int slot) { return (int) dirty.getVolatile(seg, 0L, (long) slot) != 0; }
    void setDirty(int slot, boolean d) { dirty.setVolatile(seg, 0L, (long) slot, d ? 1 : 0); }
    public int pageNumber(int slot) { return (int) pageNumber.getVolatile(seg, 0L, (long) slot); }
    void setPageNumber(int slot, int p) { pageNumber.setVolatile(seg, 0L, (long) slot, p); }
    int lruCount(int slot) { return (int) lruCount.getVolatile(seg, 0L, (long) slot); }
    void setLruCount(int slot, int c) { lruCount.setVolatile(seg, 0L, (long) slot, c); }
    int curLruCount() { return (int) CUR_LRU.getVolatile(seg, 0L); }
    void setCurLruCount(int c) { CUR_LRU.setVolatile(seg, 0L, c); }
    public int latestPageNumber() { return (int) LATEST.getVolatile(seg, 0L); }
    void setLatestPageNumber(int p) { LATEST.setVolatile(seg, 0L, p); }
}
