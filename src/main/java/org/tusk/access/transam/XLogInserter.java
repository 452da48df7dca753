package org.tusk.access.transam;

import org.tusk.storage.lmgr.LWLock;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

import static org.tusk.access.transam.XLogDefs.XLOG_BLCKSZ;

/**
 * One process's means of inserting records into the shared WAL buffers (PostgreSQL's
 * XLogInsertRecord, CopyXLogRecordToWAL, GetXLogBuffer and AdvanceXLInsertBuffer). Not
 * thread-safe: one per process.
 *
 * <p>An insertion holds one insertion lock throughout: it reserves its space (a short critical
 * section under insertPosLock), finishes the CRC, and copies the bytes into the buffers, where
 * the only waiting is for a buffer whose old page must first be written out. Before that wait it
 * raises its lock's insertingAt to the first position it has not yet copied, so that the writer,
 * which waits only for insertions before the page it evicts, never waits for this process.
 *
 * <p>If an I/O error interrupts the copy, the reserved space stays half filled and the error is
 * thrown after the lock is released: the caller must PANIC (PostgreSQL copies inside a critical
 * section), since readers of this WAL would find the end of it there.
 */
public final class XLogInserter {
    private final XLogCtl ctl;
    private final XLogWriter writer;
    private final XLogInsertLocks locks;
    private final XLogRecordPlacement placement;
    private final WalSegmentSize segSize;
    /** The insertion lock this process tries first; moves on after a wait, as PostgreSQL's lockToTry. */
    private int lockToTry;

    /**
     * @param procNumber this process's number (its slot), to spread processes over the locks
     */
    public XLogInserter(XLogCtl ctl, XLogWriter writer, WalSegmentSize segSize, int procNumber) {
        this.ctl = ctl;
        this.writer = writer;
        this.locks = ctl.insertLocks();
        this.segSize = segSize;
        this.placement = new XLogRecordPlacement(segSize);
        this.lockToTry = Math.floorMod(procNumber, XLogInsertLocks.NUM_XLOGINSERT_LOCKS);
    }

    /**
     * XLogInsertRecord: places the record in WAL and returns where it went; its end is what a
     * commit flushes up to. An XLOG_SWITCH record also takes the rest of its segment and is
     * flushed before returning; if the insert position is already at a segment start it inserts
     * nothing and returns that position as both start and end.
     */
    public XLogInsertedRecord insert(AssembledXLogRecord record) throws IOException {
        return insert(record, XLogRecPtr.INVALID, false);
    }

    /**
     * XLogInsertRecord for a record assembled with {@code redoRecPtr} and {@code doPageWrites}: if,
     * under the insertion lock, the redo pointer has moved since (a checkpoint started) and a page
     * that went in without an image is now from before it ({@link AssembledXLogRecord#fpwLsn}), or
     * full-page writes were turned on, nothing is inserted and null is returned: the caller must
     * assemble again. That is what makes "the first change after a checkpoint carries an image"
     * hold for changes that race with the checkpoint's start.
     */
    public XLogInsertedRecord insert(AssembledXLogRecord record, long redoRecPtr, boolean doPageWrites)
            throws IOException {
        if (!ctl.segmentSize().equals(segSize)) {
            throw new IllegalStateException("wal_segment_size " + segSize.bytes() + " does not match the server's "
                    + ctl.segmentSize().bytes());
        }
        MemorySegment header = record.bytes();
        boolean isSwitch = WalBytes.u8(header, XLogRecord.OFF_RMID) == RmgrId.XLOG.id()
                && (WalBytes.u8(header, XLogRecord.OFF_INFO) & XLogRecord.XLR_RMGR_INFO_MASK) == XLogSegmentWriter.XLOG_SWITCH;
        long size = XLogRecordPlacement.reservedSize(record.totalLength());
        int lock = acquireInsertLock();
        long start;
        long end;
        try {
            if (redoRecPtr != XLogRecPtr.INVALID && !isSwitch) {
                long currentRedo = ctl.redoRecPtr();
                boolean currentFpw = ctl.fullPageWrites();
                boolean fpwLsnStale = record.fpwLsn() != XLogRecPtr.INVALID
                        && Long.compareUnsigned(record.fpwLsn(), currentRedo) <= 0;
                if ((currentRedo != redoRecPtr && currentFpw && fpwLsnStale) || (currentFpw && !doPageWrites)) {
                    return null;
                }
            }
            XLogCtl.Reservation r = isSwitch ? ctl.reserveSwitch(size, placement) : ctl.reserve(size);
            if (r.startBytePos() == r.endBytePos()) {
                long here = placement.bytePosToEndRecPtr(r.startBytePos());
                return new XLogInsertedRecord(here, here);
            }
            start = placement.bytePosToRecPtr(r.startBytePos());
            end = placement.bytePosToEndRecPtr(r.endBytePos());
            long prev = r.prevBytePos() == XLogCtl.NO_PREV ? XLogRecPtr.INVALID : placement.bytePosToRecPtr(r.prevBytePos());
            MemorySegment bytes = record.finish(prev);
            long recordStart = start;
            long recordEnd = placement.copyRecord(bytes, recordStart,
                    pageAddr -> buffer(pageAddr, XLogWriter.max(recordStart, pageAddr), lock));
            if (isSwitch) {
                // The rest of the segment is reserved too: give each remaining page its header.
                long lastByte = recordEnd - 1;
                for (long p = lastByte - lastByte % XLOG_BLCKSZ + XLOG_BLCKSZ; XLogWriter.before(p, end); p += XLOG_BLCKSZ) {
                    buffer(p, p, lock);
                }
            }
        } finally {
            locks.release(lock);
        }
        // A record that filled a page asks for the page to be written (the walwriter's cue).
        if (start / XLOG_BLCKSZ != end / XLOG_BLCKSZ) ctl.requestWrite(end, false);
        if (isSwitch) writer.flush(end);
        return new XLogInsertedRecord(start, end);
    }

    /** WALInsertLockAcquire. */
    private int acquireInsertLock() {
        int i = lockToTry;
        if (!locks.tryAcquire(i)) {
            locks.acquire(i);
            // We had to wait: someone else favours this lock; try the next one next time.
            lockToTry = (i + 1) % XLogInsertLocks.NUM_XLOGINSERT_LOCKS;
        }
        return i;
    }

    /**
     * GetXLogBuffer: the buffer holding the page at {@code pageAddr}, initialising it (and any
     * page before it not yet initialised) first. {@code progress}: everything this insertion
     * copies lies at or after it.
     */
    private MemorySegment buffer(long pageAddr, long progress, int lock) throws IOException {
        int idx = ctl.bufIdx(pageAddr);
        long expectedEnd = pageAddr + XLOG_BLCKSZ;
        if (ctl.xlblock(idx) != expectedEnd) {
            // If progress is just past the header of the page we are about to initialise, advertise
            // the page's start instead (PostgreSQL's GetXLogBuffer does the same): otherwise a
            // flusher with no other insertion to wait for would try to write that header before the
            // page exists. As the first inserter on the page, we are the one who initialises it.
            long offset = progress % XLOG_BLCKSZ;
            long pageStart = progress - offset;
            boolean segmentStart = placement.segmentSize().segmentOffset(pageStart) == 0;
            if (offset != 0 && offset == (segmentStart ? XLogPageHeader.SIZE_OF_LONG_PHD : XLogPageHeader.SIZE_OF_SHORT_PHD)) {
                progress = pageStart;
            }
            locks.updateInsertingAt(lock, progress);
            advanceInsertBuffer(pageAddr);
            long found = ctl.xlblock(idx);
            if (found != expectedEnd) {
                throw new IllegalStateException("could not find WAL buffer for %s (buffer holds the page ending at %s)"
                        .formatted(XLogRecPtr.format(pageAddr), XLogRecPtr.format(found)));
            }
        }
        return ctl.page(idx);
    }

    /**
     * AdvanceXLInsertBuffer: initialises pages in order up to the one at {@code pageAddr}. A
     * buffer is reused only after its old page has been written out; for that the mapping lock
     * is let go, so that other inserters can use pages already initialised meanwhile.
     */
    private void advanceInsertBuffer(long pageAddr) throws IOException {
        LWLock mapping = ctl.walBufMappingLock();
        mapping.acquire(LWLock.Mode.EXCLUSIVE);
        boolean held = true;
        try {
            while (!XLogWriter.before(pageAddr, ctl.initializedUpTo())) {
                long newBegin = ctl.initializedUpTo();
                int idx = ctl.bufIdx(newBegin);
                long oldEnd = ctl.xlblock(idx);
                if (XLogWriter.before(ctl.writeRecPtr(), oldEnd)) {
                    mapping.release(LWLock.Mode.EXCLUSIVE);
                    held = false;
                    writer.writeOutPage(oldEnd);
                    mapping.acquire(LWLock.Mode.EXCLUSIVE);
                    held = true;
                    continue;
                }
                // Nobody can be using the old page (written, all insertions into it done), and
                // nobody looks for the new one until xlblocks says it is there.
                ctl.setXlblock(idx, XLogRecPtr.INVALID);
                XLogPageHeader.initPage(ctl.page(idx), newBegin, ctl.timeLineId(), ctl.systemIdentifier(), segSize);
                ctl.setXlblock(idx, newBegin + XLOG_BLCKSZ);
                ctl.setInitializedUpTo(newBegin + XLOG_BLCKSZ);
            }
        } finally {
            if (held) mapping.release(LWLock.Mode.EXCLUSIVE);
        }
    }
}
