package org.tusk.access.transam;

import org.tusk.storage.lmgr.LWLock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import static org.tusk.access.transam.XLogDefs.XLOG_BLCKSZ;

/**
 * One process's means of writing the shared WAL buffers out (PostgreSQL's XLogWrite, XLogFlush,
 * XLogBackgroundFlush and WaitXLogInsertionsToFinish). It keeps the process's open segment file,
 * as PostgreSQL keeps {@code openLogFile} per backend; everything else is in {@link XLogCtl}.
 * Not thread-safe: one per process (per thread in tests that play processes with threads).
 *
 * <p>Writing happens only under WALWriteLock and only for WAL whose insertions have finished
 * (waited for first, without any lock held). Pages are written whole, a partly filled last page
 * included; it is written again when more is on it. A segment is fsynced as soon as it has been
 * written to its end, so that a flush need only fsync the segment holding its last byte.
 *
 * <p>Group commit: a flusher that finds WALWriteLock taken sleeps until it is released
 * ({@link LWLock#acquireOrWait}) and then checks again whether its record is flushed; the holder
 * writes and fsyncs everything inserted so far, so that usually it is, and one fsync served all.
 *
 * <p>An I/O error is thrown to the caller with the shared write position unchanged; the caller
 * must treat it as PANIC (PostgreSQL does), since a later fsync may not report a lost write.
 */
public final class XLogWriter implements AutoCloseable {
    private final XLogCtl ctl;
    private final XLogFiles files;
    private final WalSegmentSize segSize;
    private final XLogRecordPlacement placement;
    private final WalSyncSettings sync;
    private final LWLock walWriteLock;

    private FileChannel openFile;
    private long openSegNo = -1;
    private int openTli;

    public XLogWriter(XLogCtl ctl, XLogFiles files, WalSyncSettings sync) {
        this.ctl = ctl;
        this.files = files;
        this.segSize = files.segmentSize();
        this.placement = new XLogRecordPlacement(segSize);
        this.sync = sync;
        this.walWriteLock = ctl.walWriteLock();
    }

    /** GetXLogInsertRecPtr: where the next record will start. */
    public long insertRecPtr() {
        return placement.bytePosToRecPtr(ctl.currBytePos());
    }

    /** End of the space reserved so far: a flush or write cannot go beyond it. */
    long reservedUpTo() {
        return placement.bytePosToEndRecPtr(ctl.currBytePos());
    }

    /**
     * WaitXLogInsertionsToFinish: sleeps until every insertion into WAL before {@code upto} has
     * been copied into the buffers. A request past the reserved end is cut back to it.
     *
     * @return a position ≥ min(upto, reserved end) before which all insertions have finished
     */
    public long waitInsertionsToFinish(long upto) {
        long reserved = reservedUpTo();
        if (Long.compareUnsigned(upto, reserved) > 0) upto = reserved;
        return ctl.insertLocks().waitForInsertions(upto, reserved);
    }

    /**
     * XLogFlush: returns once WAL up to {@code record} is durable (with fsync off: written).
     *
     * @throws IllegalArgumentException if {@code record} is past the end of WAL inserted so far
     */
    public void flush(long record) throws IOException {
        if (!before(ctl.flushRecPtr(), record)) return;
        while (before(ctl.flushRecPtr(), record)) {
            // Write as much as anyone has asked for: that is what makes commits share fsyncs.
            long writeRqst = max(record, ctl.writeRequest());
            long insertPos = waitInsertionsToFinish(writeRqst);
            if (!before(ctl.flushRecPtr(), record)) break;
            if (before(insertPos, record)) break; // a request past the end of WAL: reported below
            if (!walWriteLock.acquireOrWait(LWLock.Mode.EXCLUSIVE)) continue; // someone flushed: re-check
            try {
                if (before(ctl.flushRecPtr(), record)) write(insertPos, insertPos);
            } finally {
                walWriteLock.release(LWLock.Mode.EXCLUSIVE);
            }
        }
        if (before(ctl.flushRecPtr(), record)) {
            throw new IllegalArgumentException("xlog flush request %s is not satisfied --- flushed only to %s"
                    .formatted(XLogRecPtr.format(record), XLogRecPtr.format(ctl.flushRecPtr())));
        }
    }

    /**
     * XLogBackgroundFlush, for the walwriter: writes and flushes the completely filled pages that
     * inserters have asked to be written, or, if {@code everything} (or there are none), all WAL
     * inserted so far.
     *
     * @return whether there was anything to do
     */
    public boolean backgroundFlush(boolean everything) throws IOException {
        long target = ctl.writeRequest();
        target -= target % XLOG_BLCKSZ;
        if (everything || !before(ctl.flushRecPtr(), target)) target = reservedUpTo();
        if (!before(ctl.flushRecPtr(), target)) return false;
        long done = waitInsertionsToFinish(target);
        walWriteLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            write(done, done);
        } finally {
            walWriteLock.release(LWLock.Mode.EXCLUSIVE);
        }
        return true;
    }

    /**
     * For an inserter that needs the buffer of the page ending at {@code pageEnd}: sees that the
     * page has been written out (not necessarily flushed), writing it if nobody else has. The
     * caller holds an insertion lock whose insertingAt is at or past {@code pageEnd}, and no
     * other lock.
     */
    void writeOutPage(long pageEnd) throws IOException {
        ctl.requestWrite(pageEnd, false);
        waitInsertionsToFinish(pageEnd);
        walWriteLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if (before(ctl.writeRecPtr(), pageEnd)) write(pageEnd, 0);
        } finally {
            walWriteLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * XLogWrite: writes WAL up to {@code writeRqst} and makes it durable up to {@code flushRqst}
     * (0: no flush). Caller holds WALWriteLock, and all insertions before {@code writeRqst} have
     * finished.
     */
    private void write(long writeRqst, long flushRqst) throws IOException {
        long write = ctl.writeRecPtr();
        long flush = ctl.flushRecPtr();
        int tli = ctl.timeLineId();
        while (before(write, writeRqst)) {
            // A run of whole pages from the one holding `write`: contiguous in the ring, one segment.
            long runStart = write - write % XLOG_BLCKSZ;
            int firstIdx = ctl.bufIdx(runStart);
            int idx = firstIdx;
            long runEnd = runStart;
            do {
                long pageEnd = runEnd + XLOG_BLCKSZ;
                if (ctl.xlblock(idx) != pageEnd) {
                    throw new IllegalStateException("xlog write request %s is past end of log %s"
                            .formatted(XLogRecPtr.format(writeRqst), XLogRecPtr.format(runEnd)));
                }
                runEnd = pageEnd;
                idx++;
            } while (before(runEnd, writeRqst) && idx < ctl.numBuffers() && segSize.segmentOffset(runEnd) != 0);
            openSegment(tli, segSize.segmentNumber(runStart));
            ByteBuffer buf = ctl.pages(firstIdx, idx - firstIdx).asByteBuffer();
            long fileOff = segSize.segmentOffset(runStart);
            while (buf.hasRemaining()) openFile.write(buf, fileOff + buf.position());
            boolean partial = before(writeRqst, runEnd);
            write = partial ? writeRqst : runEnd;
            if (!partial && segSize.segmentOffset(runEnd) == 0) {
                // Finished a segment: fsync it now, so that a later flush has one file to sync.
                sync.sync(openFile);
                flush = write;
            }
            ctl.setWriteResult(write, flush);
        }
        if (before(flush, flushRqst) && before(flush, write)) {
            openSegment(tli, segSize.segmentNumber(write - 1));
            sync.sync(openFile);
            flush = write;
            ctl.setWriteResult(write, flush);
        }
        ctl.requestWrite(write, XLogRecPtr.isValid(flushRqst));
    }

    private void openSegment(int tli, long segNo) throws IOException {
        if (openFile != null && openSegNo == segNo && openTli == tli) return;
        close();
        openFile = files.openForWrite(tli, segNo);
        openSegNo = segNo;
        openTli = tli;
    }

    /** Closes the open segment file without syncing it. */
    @Override
    public void close() throws IOException {
        if (openFile != null) openFile.close();
        openFile = null;
        openSegNo = -1;
    }

    static boolean before(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    static long max(long a, long b) {
        return before(a, b) ? b : a;
    }
}
