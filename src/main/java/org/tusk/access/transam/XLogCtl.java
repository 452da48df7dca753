package org.tusk.access.transam;

import org.tusk.storage.lmgr.LWLock;

import org.tusk.storage.shmem.ShmemRegion;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.tusk.access.transam.XLogDefs.XLOG_BLCKSZ;

/**
 * The shared state of the write-ahead log (PostgreSQL's XLogCtlData with XLogCtlInsert, and
 * WALInsertLocks): where the next record goes, the insertion locks, the ring of WAL buffers and
 * how far WAL has been written and flushed. One per region; each process binds its own accessor
 * (this class) and does the work through its own {@link XLogInserter} and {@link XLogWriter}.
 *
 * <pre>
 *   insert      insertPosLock, currBytePos, prevBytePos, redoRecPtr, fullPageWrites,
 *               timeline, system identifier, segment size, initialized,
 *               unloggedLsn                                                 (one cache line)
 *   control     WALBufMappingLock, WALWriteLock, initializedUpTo,
 *               LogwrtRqst (write, flush), LogwrtResult (write, flush),
 *               recoveryDone                                                 (one cache line)
 *   insertLocks XLogInsertLocks.NUM_XLOGINSERT_LOCKS slots of 64 bytes
 *   xlblocks    long[n]: end LSN of the page each buffer holds (0: none)
 *   pages       n pages of XLOG_BLCKSZ
 * </pre>
 *
 * Zero is the "not started" state: nothing may be inserted before the startup process has called
 * {@link #initialize}. What protects what is in the package comment.
 */
public final class XLogCtl {
    private static final StructLayout INSERT = MemoryLayout.structLayout(
            LWLock.LAYOUT.withName("insertPosLock"),
            JAVA_INT.withName("fullPageWrites"),
            JAVA_INT.withName("timeLineId"),
            JAVA_LONG.withName("currBytePos"),
            JAVA_LONG.withName("prevBytePos"),
            JAVA_LONG.withName("redoRecPtr"),
            JAVA_LONG.withName("systemIdentifier"),
            JAVA_INT.withName("segmentSize"),
            JAVA_INT.withName("initialized"),
            JAVA_LONG.withName("unloggedLsn"));
    private static final StructLayout CONTROL = MemoryLayout.structLayout(
            LWLock.LAYOUT.withName("walBufMappingLock"),
            LWLock.LAYOUT.withName("walWriteLock"),
            JAVA_LONG.withName("initializedUpTo"),
            JAVA_LONG.withName("rqstWrite"),
            JAVA_LONG.withName("rqstFlush"),
            JAVA_LONG.withName("resultWrite"),
            JAVA_LONG.withName("resultFlush"),
            JAVA_INT.withName("recoveryDone"),
            MemoryLayout.paddingLayout(4));

    private static final VarHandle FULL_PAGE_WRITES = INSERT.varHandle(groupElement("fullPageWrites"));
    private static final VarHandle TIMELINE = INSERT.varHandle(groupElement("timeLineId"));
    private static final VarHandle CURR_BYTE_POS = INSERT.varHandle(groupElement("currBytePos"));
    private static final VarHandle PREV_BYTE_POS = INSERT.varHandle(groupElement("prevBytePos"));
    private static final VarHandle REDO_REC_PTR = INSERT.varHandle(groupElement("redoRecPtr"));
    private static final VarHandle SYSID = INSERT.varHandle(groupElement("systemIdentifier"));
    private static final VarHandle SEG_SIZE = INSERT.varHandle(groupElement("segmentSize"));
    private static final VarHandle INITIALIZED = INSERT.varHandle(groupElement("initialized"));
    private static final VarHandle INITIALIZED_UP_TO = CONTROL.varHandle(groupElement("initializedUpTo"));
    private static final VarHandle RECOVERY_DONE = CONTROL.varHandle(groupElement("recoveryDone"));
    private static final VarHandle RQST_WRITE = CONTROL.varHandle(groupElement("rqstWrite"));
    private static final VarHandle RQST_FLUSH = CONTROL.varHandle(groupElement("rqstFlush"));
    private static final VarHandle RESULT_WRITE = CONTROL.varHandle(groupElement("resultWrite"));
    private static final VarHandle RESULT_FLUSH = CONTROL.varHandle(groupElement("resultFlush"));
    private static final VarHandle UNLOGGED_LSN = INSERT.varHandle(groupElement("unloggedLsn"));
    private static final VarHandle XLBLOCK = JAVA_LONG.varHandle();
    /** FirstNormalUnloggedLSN: where the fake LSNs of unlogged relations start after initdb or a crash. */
    public static final long FIRST_NORMAL_UNLOGGED_LSN = 1000;

    /** prevBytePos when there is no previous record: its xl_prev is then InvalidXLogRecPtr. */
    static final long NO_PREV = -1L;

    /** The least number of WAL buffers (PostgreSQL's check_wal_buffers raises smaller settings to 4). */
    public static final int MIN_WAL_BUFFERS = 4;

    /** Layout for {@code nbuffers} WAL buffers. */
    public static StructLayout layout(int nbuffers) {
        if (nbuffers < 1) throw new IllegalArgumentException("wal_buffers must be positive, not " + nbuffers);
        long xlblocks = 8L * nbuffers;
        long padded = (xlblocks + 63) / 64 * 64;
        MemoryLayout blocks = MemoryLayout.sequenceLayout(nbuffers, JAVA_LONG);
        if (padded != xlblocks) blocks = MemoryLayout.structLayout(blocks, MemoryLayout.paddingLayout(padded - xlblocks));
        return MemoryLayout.structLayout(
                INSERT.withName("insert"),
                CONTROL.withName("control"),
                XLogInsertLocks.LAYOUT.withName("insertLocks"),
                blocks.withName("xlblocks"),
                MemoryLayout.sequenceLayout((long) nbuffers * XLOG_BLCKSZ, JAVA_BYTE).withName("pages"));
    }

    /**
     * XLOGChooseNumBuffers and check_wal_buffers: {@code wal_buffers} in WAL pages, where -1
     * means shared_buffers/32, at least 8 and at most one segment; explicit settings below
     * {@link #MIN_WAL_BUFFERS} are raised to it. The segment is taken as the default 16 MB: the
     * postmaster sizes the region before anyone has read pg_control.
     */
    public static int chooseNumBuffers(int walBuffersSetting, int sharedBuffers) {
        if (walBuffersSetting > 0) return Math.max(walBuffersSetting, MIN_WAL_BUFFERS);
        int n = sharedBuffers / 32;
        return Math.max(8, Math.min(n, WalSegmentSize.WAL_SEGMENT_SIZE / XLOG_BLCKSZ));
    }

    private final MemorySegment insert;
    private final MemorySegment control;
    private final MemorySegment xlblocks;
    private final MemorySegment pages;
    private final int nbuffers;
    private final LWLock insertPosLock;
    private final LWLock walBufMappingLock;
    private final LWLock walWriteLock;
    private final XLogInsertLocks insertLocks;

    /** Binds to the structure at {@code seg} (a slice of {@link #layout}{@code (nbuffers)}'s size). */
    public XLogCtl(MemorySegment seg, int nbuffers) {
        StructLayout l = layout(nbuffers);
        this.nbuffers = nbuffers;
        this.insert = ShmemRegion.member(seg, l, "insert");
        this.control = ShmemRegion.member(seg, l, "control");
        this.xlblocks = ShmemRegion.member(seg, l, "xlblocks");
        this.pages = ShmemRegion.member(seg, l, "pages");
        this.insertLocks = new XLogInsertLocks(ShmemRegion.member(seg, l, "insertLocks"));
        this.insertPosLock = new LWLock("WALInsertPos", insert.asSlice(INSERT.byteOffset(groupElement("insertPosLock")),
                LWLock.LAYOUT.byteSize()));
        this.walBufMappingLock = new LWLock("WALBufMapping", control.asSlice(
                CONTROL.byteOffset(groupElement("walBufMappingLock")), LWLock.LAYOUT.byteSize()));
        this.walWriteLock = new LWLock("WALWrite", control.asSlice(CONTROL.byteOffset(groupElement("walWriteLock")),
                LWLock.LAYOUT.byteSize()));
    }


    /**
     * StartupXLOG's hand-over to normal running: insertion continues at {@code endOfWal}, the end
     * of the last valid record, linking the next record to {@code prevRecordLsn}. When
     * {@code endOfWal} lies inside a page, that page's bytes before it ({@code lastPage}, read from
     * pg_wal) go into the buffer that will hold the page, so that writing the page out again keeps
     * the records already on it; whatever followed {@code endOfWal} on it (a torn record) is
     * zeroed. Called once, by the startup process, before anyone inserts.
     *
     * @param endOfWal      where the next record goes (EndOfLog); for a new cluster, the first
     *                      record position (just after the long header of a segment)
     * @param prevRecordLsn start of the last valid record, or {@link XLogRecPtr#INVALID}
     * @param lastPage      the XLOG_BLCKSZ bytes of the page holding {@code endOfWal}, or null when
     *                      no record precedes {@code endOfWal} on its page
     */
    public void initialize(WalSegmentSize segSize, long endOfWal, long prevRecordLsn, MemorySegment lastPage,
                           int timeLineId, long systemIdentifier) {
        if ((int) INITIALIZED.getVolatile(insert, 0L) != 0) throw new IllegalStateException("WAL insertion is already initialized");
        XLogRecordPlacement placement = new XLogRecordPlacement(segSize);
        long bytePos = placement.recPtrToBytePos(endOfWal);
        long pageAddr = endOfWal - endOfWal % XLOG_BLCKSZ;
        int offset = (int) (endOfWal - pageAddr);
        long initializedUpTo = endOfWal;
        if (offset != 0) {
            MemorySegment buf = page(bufIdx(pageAddr));
            if (lastPage != null) {
                MemorySegment.copy(lastPage, 0, buf, 0, XLOG_BLCKSZ);
                buf.asSlice(offset).fill((byte) 0);
            } else if (offset <= placement.pageHeaderSize(pageAddr)) {
                XLogPageHeader.initPage(buf, pageAddr, timeLineId, systemIdentifier, segSize);
            } else {
                throw new IllegalArgumentException("the page holding end of WAL " + XLogRecPtr.format(endOfWal) + " is needed");
            }
            initializedUpTo = pageAddr + XLOG_BLCKSZ;
            XLBLOCK.setVolatile(xlblocks, 8L * bufIdx(pageAddr), initializedUpTo);
        }
        SEG_SIZE.setVolatile(insert, 0L, segSize.bytes());
        TIMELINE.setVolatile(insert, 0L, timeLineId);
        SYSID.setVolatile(insert, 0L, systemIdentifier);
        CURR_BYTE_POS.setVolatile(insert, 0L, bytePos);
        PREV_BYTE_POS.setVolatile(insert, 0L,
                XLogRecPtr.isValid(prevRecordLsn) ? placement.recPtrToBytePos(prevRecordLsn) : NO_PREV);
        FULL_PAGE_WRITES.setVolatile(insert, 0L, 1);
        INITIALIZED_UP_TO.setVolatile(control, 0L, initializedUpTo);
        // Everything before endOfWal is on disk already: recovery read it from there.
        RQST_WRITE.setVolatile(control, 0L, endOfWal);
        RQST_FLUSH.setVolatile(control, 0L, endOfWal);
        RESULT_WRITE.setVolatile(control, 0L, endOfWal);
        RESULT_FLUSH.setVolatile(control, 0L, endOfWal);
        INITIALIZED.setVolatile(insert, 0L, 1);
    }

    public boolean isInitialized() {
        return (int) INITIALIZED.getVolatile(insert, 0L) != 0;
    }

    /**
     * SharedRecoveryState's RECOVERY_STATE_DONE: the startup process has finished, including the
     * end-of-recovery checkpoint it writes itself. WAL insertion is {@linkplain #isInitialized
     * initialized} before that checkpoint, so the checkpointer, which runs during recovery as
     * PostgreSQL's does, waits for this instead before it writes one of its own.
     */
    public boolean isRecoveryDone() {
        return (int) RECOVERY_DONE.getVolatile(control, 0L) != 0;
    }

    /** Set by the startup process as its last step; zero again only in a new shared-memory region. */
    public void setRecoveryDone() {
        RECOVERY_DONE.setVolatile(control, 0L, 1);
    }

    /**
     * GetFakeLSNForUnloggedRel: the next of the shared counter of fake LSNs, which unlogged
     * relations stamp on their pages where a logged one has its record's LSN (a GiST page's NSN
     * must grow across every backend that splits it). Kept across a clean shutdown in pg_control.
     */
    public long nextFakeLsnForUnloggedRel() {
        return (long) UNLOGGED_LSN.getAndAdd(insert, 0L, 1L);
    }

    /** The counter's current value (CreateCheckPoint saves it at shutdown). */
    public long unloggedLsn() {
        return (long) UNLOGGED_LSN.getVolatile(insert, 0L);
    }

    /** StartupXLOG: the counter from pg_control after a clean shutdown, FirstNormalUnloggedLSN after a crash. */
    public void setUnloggedLsn(long lsn) {
        UNLOGGED_LSN.setVolatile(insert, 0L, lsn);
    }

    /** wal_segment_size as given to {@link #initialize}. */
    public WalSegmentSize segmentSize() {
        if (!isInitialized()) throw new IllegalStateException("WAL insertion is not initialized yet");
        return new WalSegmentSize((int) SEG_SIZE.getVolatile(insert, 0L));
    }

    public int timeLineId() { return (int) TIMELINE.getVolatile(insert, 0L); }
    public long systemIdentifier() { return (long) SYSID.getVolatile(insert, 0L); }
    public int numBuffers() { return nbuffers; }

    // ---- the insert position: insertPosLock

    /** A reservation of usable bytes [start, end) and the previous record's start ({@link #NO_PREV} if none). */
    record Reservation(long startBytePos, long endBytePos, long prevBytePos) {}

    /** ReserveXLogInsertLocation: {@code size} (MAXALIGNed) usable bytes for the next record. */
    Reservation reserve(long size) {
        insertPosLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            long start = (long) CURR_BYTE_POS.get(insert, 0L);
            long prev = (long) PREV_BYTE_POS.get(insert, 0L);
            // Volatile stores: waiters for insertions read currBytePos without the lock.
            CURR_BYTE_POS.setVolatile(insert, 0L, start + size);
            PREV_BYTE_POS.setVolatile(insert, 0L, start);
            return new Reservation(start, start + size, prev);
        } finally {
            insertPosLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * ReserveXLogSwitch: space for an XLOG_SWITCH record plus the rest of its segment; an empty
     * reservation (nothing reserved, start = end) when the insert position is already at the
     * start of a segment.
     */
    Reservation reserveSwitch(long size, XLogRecordPlacement placement) {
        WalSegmentSize segSize = placement.segmentSize();
        insertPosLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            long start = (long) CURR_BYTE_POS.get(insert, 0L);
            long prev = (long) PREV_BYTE_POS.get(insert, 0L);
            if (segSize.segmentOffset(placement.bytePosToEndRecPtr(start)) == 0) return new Reservation(start, start, prev);
            long endPtr = placement.bytePosToEndRecPtr(start + size);
            int left = segSize.bytes() - segSize.segmentOffset(endPtr);
            long end = left == segSize.bytes() ? start + size : placement.recPtrToBytePos(endPtr + left);
            CURR_BYTE_POS.setVolatile(insert, 0L, end);
            PREV_BYTE_POS.setVolatile(insert, 0L, start);
            return new Reservation(start, end, prev);
        } finally {
            insertPosLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** Insert->CurrBytePos: a single 64-bit word, so a volatile read needs no lock. */
    long currBytePos() {
        return (long) CURR_BYTE_POS.getVolatile(insert, 0L);
    }

    // ---- RedoRecPtr and fullPageWrites: all insertion locks to change, one to read

    /** Insert->RedoRecPtr; read it holding an insertion lock for a value no checkpoint is changing. */
    public long redoRecPtr() { return (long) REDO_REC_PTR.getVolatile(insert, 0L); }
    public boolean fullPageWrites() { return (int) FULL_PAGE_WRITES.getVolatile(insert, 0L) != 0; }

    /** The checkpointer's part of CreateCheckPoint (and UpdateFullPageWrites): holds every insertion lock. */
    public void setRedoAndFullPageWrites(long redoRecPtr, boolean fullPageWrites) {
        insertLocks.acquireAll();
        try {
            REDO_REC_PTR.setVolatile(insert, 0L, redoRecPtr);
            FULL_PAGE_WRITES.setVolatile(insert, 0L, fullPageWrites ? 1 : 0);
        } finally {
            insertLocks.releaseAll();
        }
    }

    XLogInsertLocks insertLocks() { return insertLocks; }

    // ---- the buffer ring: WALBufMappingLock for initializedUpTo and replacing a page

    LWLock walBufMappingLock() { return walBufMappingLock; }

    /** XLogRecPtrToBufIdx: the buffer that holds (or will hold) the page containing {@code lsn}. */
    int bufIdx(long lsn) {
        return (int) Long.remainderUnsigned(Long.divideUnsigned(lsn, XLOG_BLCKSZ), nbuffers);
    }

    MemorySegment page(int idx) {
        return pages.asSlice((long) idx * XLOG_BLCKSZ, XLOG_BLCKSZ);
    }

    /** {@code count} consecutive buffers starting at {@code idx} (no wrap-around). */
    MemorySegment pages(int idx, int count) {
        return pages.asSlice((long) idx * XLOG_BLCKSZ, (long) count * XLOG_BLCKSZ);
    }

    /** xlblocks[idx]: end LSN of the page in buffer {@code idx}, 0 while none or while it is being replaced. */
    long xlblock(int idx) {
        return (long) XLBLOCK.getVolatile(xlblocks, 8L * idx);
    }

    void setXlblock(int idx, long endLsn) {
        XLBLOCK.setVolatile(xlblocks, 8L * idx, endLsn);
    }

    long initializedUpTo() { return (long) INITIALIZED_UP_TO.getVolatile(control, 0L); }
    void setInitializedUpTo(long v) { INITIALIZED_UP_TO.setVolatile(control, 0L, v); }

    // ---- write and flush: LogwrtResult under WALWriteLock, LogwrtRqst by atomic maximum

    LWLock walWriteLock() { return walWriteLock; }

    /** GetXLogWriteRecPtr: WAL before this has been handed to the kernel. */
    public long writeRecPtr() { return (long) RESULT_WRITE.getVolatile(control, 0L); }

    /** GetFlushRecPtr: WAL before this is durable. */
    public long flushRecPtr() { return (long) RESULT_FLUSH.getVolatile(control, 0L); }

    /** Only with WALWriteLock held. Write is published before Flush, so that readers never see Flush ahead. */
    void setWriteResult(long write, long flush) {
        RESULT_WRITE.setVolatile(control, 0L, write);
        RESULT_FLUSH.setVolatile(control, 0L, flush);
    }

    long writeRequest() { return (long) RQST_WRITE.getVolatile(control, 0L); }
    long flushRequest() { return (long) RQST_FLUSH.getVolatile(control, 0L); }

    /** Raises LogwrtRqst.Write (and Flush, if {@code flush}) to at least {@code lsn}. */
    void requestWrite(long lsn, boolean flush) {
        raise(RQST_WRITE, lsn);
        if (flush) raise(RQST_FLUSH, lsn);
    }

    private void raise(VarHandle h, long lsn) {
        long cur = (long) h.getVolatile(control, 0L);
        // Retries only when another process raised it meanwhile: progress, not waiting.
        while (Long.compareUnsigned(cur, lsn) < 0 && !h.compareAndSet(control, 0L, cur, lsn)) {
            cur = (long) h.getVolatile(control, 0L);
        }
    }
}
