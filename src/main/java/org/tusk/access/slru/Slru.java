package org.tusk.access.slru;

import org.tusk.storage.lmgr.LWLock;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import static org.tusk.access.slru.SlruPageStatus.EMPTY;
import static org.tusk.access.slru.SlruPageStatus.READ_IN_PROGRESS;
import static org.tusk.access.slru.SlruPageStatus.VALID;
import static org.tusk.access.slru.SlruPageStatus.WRITE_IN_PROGRESS;

/**
 * A simple LRU buffer cache over a directory of segment files (PostgreSQL's slru.c with its
 * SlruCtl): one process's handle on an SLRU whose buffers are in shared memory.
 *
 * <p>The handle holds no mutable state, so any number of threads may share it; all state is in
 * {@link SlruShared}. Methods marked "caller holds the control lock exclusively" return (and throw)
 * with it still held, though they may release and re-take it meanwhile to do I/O or wait for
 * another process's I/O, exactly as PostgreSQL's do; so a slot number is only good until the
 * caller next lets go of the lock, and the caller must re-check anything it read before.
 *
 * <p>I/O protocol: the process that reads a page in or writes it out marks the slot
 * READ_IN_PROGRESS or WRITE_IN_PROGRESS, takes the slot's buffer lock exclusively, releases the
 * control lock, does the I/O, re-takes the control lock, sets the outcome and releases the buffer
 * lock. A process that finds a slot busy waits by taking the buffer lock shared (sleeping on its
 * futex) and then looks again. If the I/O failed the slot is left as it was found (EMPTY after a
 * failed read, VALID and dirty after a failed write) and the error is rethrown with the control
 * lock held.
 */
public final class Slru {
    /** Pages per segment file: PostgreSQL's SLRU_PAGES_PER_SEGMENT. */
    public static final int PAGES_PER_SEGMENT = SlruFiles.PAGES_PER_SEGMENT;

    /**
     * The SLRU's ordering of page numbers (PostgreSQL's PagePrecedes), which decides what
     * truncation may remove and breaks LRU ties; it must cope with wraparound.
     */
    @FunctionalInterface
    public interface PagePrecedes {
        boolean precedes(int page1, int page2);
    }

    /** Reads a page's buffer while the control lock is held (in some mode); must not change it. */
    @FunctionalInterface
    public interface PageReader<R> {
        R read(MemorySegment page);
    }

    private final SlruShared shared;
    private final SlruFiles files;
    private final PagePrecedes pagePrecedes;
    private final LWLock control;
    private final LongConsumer walFlush;

    /** An SLRU whose pages do not depend on WAL (no group LSNs). */
    public Slru(SlruShared shared, Path dir, PagePrecedes pagePrecedes) {
        this(shared, dir, pagePrecedes, null);
    }

    /**
     * An SLRU with group LSNs: before a page is written out, {@code walFlush} (XLogFlush) is called
     * with the highest LSN its groups carry, so that the page never reaches disk ahead of the WAL
     * it depends on (PostgreSQL's SlruPhysicalWritePage). Null: the process cannot flush WAL
     * (initdb's bootstrap, or recovery, where no page carries an LSN); a page with one then fails
     * to be written rather than being written early.
     */
    public Slru(SlruShared shared, Path dir, PagePrecedes pagePrecedes, LongConsumer walFlush) {
        this.shared = shared;
        this.files = new SlruFiles(dir);
        this.pagePrecedes = pagePrecedes;
        this.control = shared.controlLock();
        this.walFlush = walFlush;
    }

    public SlruShared shared() { return shared; }
    public LWLock controlLock() { return control; }
    public Path dir() { return files.dir(); }

    /** The file that holds {@code pageno}, e.g. {@code pg_xact/0001} for page 32. */
    public Path segmentPath(int pageno) {
        return files.segmentPath(pageno);
    }

    /** The buffer of {@code slot}; caller holds the control lock. */
    public MemorySegment page(int slot) {
        return shared.page(slot);
    }

    /** Marks {@code slot} as changed; caller holds the control lock exclusively and has just changed the page. */
    public void markDirty(int slot) {
        shared.setDirty(slot, true);
    }

    /** Sets the page that must never be evicted (the one being filled); caller holds the control lock exclusively. */
    public void setLatestPageNumber(int pageno) {
        shared.setLatestPageNumber(pageno);
    }

    /**
     * SimpleLruZeroPage: gives {@code pageno} a buffer of zeroes, dirty, and makes it the latest
     * page. Nothing is read or written for the page itself, though a victim may be written out.
     * Caller holds the control lock exclusively. Returns the slot.
     */
    public int zeroPage(int pageno) {
        int slot;
        while (true) {
            slot = selectLruPage(pageno);
            SlruPageStatus s = shared.status(slot);
            // Only a slot already holding pageno can be busy here; let its I/O finish rather than
            // have a read overwrite our zeroes.
            if (s == READ_IN_PROGRESS || s == WRITE_IN_PROGRESS) {
                waitIO(slot);
                continue;
            }
            break;
        }
        shared.setPageNumber(slot, pageno);
        shared.setStatus(slot, VALID);
        shared.setDirty(slot, true);
        recentlyUsed(slot);
        shared.page(slot).fill((byte) 0);
        shared.zeroLsns(slot);
        shared.setLatestPageNumber(pageno);
        return slot;
    }

    /**
     * SimpleLruReadPage: finds {@code pageno} in a buffer, reading it in if needed, and returns the
     * slot. With {@code writeOk} a page being written out is acceptable (the caller may change it;
     * it will stay dirty). {@code xid} names the transaction in an error. Caller holds the control
     * lock exclusively.
     */
    public int readPage(int pageno, boolean writeOk, int xid) {
        while (true) {
            int slot = selectLruPage(pageno);
            SlruPageStatus s = shared.status(slot);
            if (s != EMPTY && shared.pageNumber(slot) == pageno) {
                if (s == READ_IN_PROGRESS || (s == WRITE_IN_PROGRESS && !writeOk)) {
                    waitIO(slot);
                    continue;   // the slot may have been recycled meanwhile: look again
                }
                recentlyUsed(slot);
                return slot;
            }
            // A victim: EMPTY, or VALID and clean. Claim it, then read without the control lock.
            shared.setPageNumber(slot, pageno);
            shared.setStatus(slot, READ_IN_PROGRESS);
            shared.setDirty(slot, false);
            LWLock bufferLock = shared.bufferLock(slot);
            bufferLock.acquire(LWLock.Mode.EXCLUSIVE);
            control.release(LWLock.Mode.EXCLUSIVE);
            Throwable failure = null;
            try {
                files.readPage(pageno, shared.page(slot), xid);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            control.acquire(LWLock.Mode.EXCLUSIVE);
            shared.zeroLsns(slot);
            shared.setStatus(slot, failure == null ? VALID : EMPTY);
            bufferLock.release(LWLock.Mode.EXCLUSIVE);
            if (failure != null) throw rethrow(failure);
            recentlyUsed(slot);
            return slot;
        }
    }

    /**
     * SimpleLruReadPage_ReadOnly: runs {@code reader} on page {@code pageno}. If the page is in a
     * buffer this needs only the control lock shared (so readers run in parallel); otherwise it
     * takes the lock exclusively and reads the page in. Caller holds no SLRU lock.
     */
    public <R> R readPageReadOnly(int pageno, int xid, PageReader<R> reader) {
        return readPageReadOnlySlot(pageno, xid, (slot, page) -> reader.read(page));
    }

    /** Reads a page's buffer and its slot's descriptor (group LSNs) while the control lock is held. */
    @FunctionalInterface
    public interface SlotReader<R> {
        R read(int slot, MemorySegment page);
    }

    /** {@link #readPageReadOnly} for a reader that also needs the slot (to read its group LSNs). */
    public <R> R readPageReadOnlySlot(int pageno, int xid, SlotReader<R> reader) {
        control.acquire(LWLock.Mode.SHARED);
        try {
            int slot = findResident(pageno);
            if (slot >= 0) {
                recentlyUsed(slot);   // racy under a shared lock, as in PostgreSQL: only an LRU hint
                return reader.read(slot, shared.page(slot));
            }
        } finally {
            control.release(LWLock.Mode.SHARED);
        }
        control.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int slot = readPage(pageno, true, xid);
            return reader.read(slot, shared.page(slot));
        } finally {
            control.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    private int findResident(int pageno) {
        for (int slot = 0; slot < shared.numSlots(); slot++) {
            SlruPageStatus s = shared.status(slot);
            if (shared.pageNumber(slot) == pageno && (s == VALID || s == WRITE_IN_PROGRESS)) return slot;
        }
        return -1;
    }

    /** SimpleLruWritePage: writes {@code slot} out if it is dirty. Caller holds the control lock exclusively. */
    public void writePage(int slot) {
        int pageno = shared.pageNumber(slot);
        // Someone else writing this very page: wait, then write it again only if dirtied since.
        while (shared.status(slot) == WRITE_IN_PROGRESS && shared.pageNumber(slot) == pageno) waitIO(slot);
        if (!shared.isDirty(slot) || shared.status(slot) != VALID || shared.pageNumber(slot) != pageno) return;

        // Clear dirty before writing: a change made while the write runs re-dirties the page, so
        // it is written again later even if this write missed the change.
        shared.setStatus(slot, WRITE_IN_PROGRESS);
        shared.setDirty(slot, false);
        // Group LSNs cannot move while the page is WRITE_IN_PROGRESS: whoever sets one reads the
        // page with writeOk false and so waits for this write (see Clog).
        long maxLsn = shared.maxGroupLsn(slot);
        LWLock bufferLock = shared.bufferLock(slot);
        bufferLock.acquire(LWLock.Mode.EXCLUSIVE);
        control.release(LWLock.Mode.EXCLUSIVE);
        Throwable failure = null;
        try {
            if (maxLsn != 0) {
                // WAL before data: the commit records this page reports must be durable first.
                if (walFlush == null) {
                    throw new IllegalStateException("page " + pageno + " of " + files.dir()
                            + " depends on WAL up to " + Long.toHexString(maxLsn) + ", which this process cannot flush");
                }
                walFlush.accept(maxLsn);
            }
            files.writePage(pageno, shared.page(slot));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        control.acquire(LWLock.Mode.EXCLUSIVE);
        shared.setStatus(slot, VALID);
        if (failure != null) shared.setDirty(slot, true);
        bufferLock.release(LWLock.Mode.EXCLUSIVE);
        if (failure != null) throw rethrow(failure);
    }

    /**
     * SimpleLruWriteAll: writes every dirty page and makes the files durable (checkpoint).
     * Caller holds no SLRU lock. Pages dirtied while this runs may or may not be written.
     */
    public void writeAll() {
        control.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            for (int slot = 0; slot < shared.numSlots(); slot++) writePage(slot);
        } finally {
            control.release(LWLock.Mode.EXCLUSIVE);
        }
        files.syncAll();
    }

    /**
     * SimpleLruTruncate: forgets buffered pages before {@code cutoffPage} and removes every
     * segment that lies wholly before it. Returns false, doing nothing, if the latest page itself
     * precedes the cutoff (apparent wraparound; PostgreSQL logs "could not truncate directory").
     * Caller holds no SLRU lock.
     */
    public boolean truncate(int cutoffPage) {
        control.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            restart:
            while (true) {
                if (pagePrecedes.precedes(shared.latestPageNumber(), cutoffPage)) return false;
                for (int slot = 0; slot < shared.numSlots(); slot++) {
                    SlruPageStatus s = shared.status(slot);
                    if (s == EMPTY || !pagePrecedes.precedes(shared.pageNumber(slot), cutoffPage)) continue;
                    if (s == VALID && !shared.isDirty(slot)) {
                        shared.setStatus(slot, EMPTY);
                        continue;
                    }
                    // I/O on the page, or dirty: finish or write it, then look at everything again.
                    if (s == VALID) writePage(slot);
                    else waitIO(slot);
                    continue restart;
                }
                break;
            }
        } finally {
            control.release(LWLock.Mode.EXCLUSIVE);
        }
        files.scan((file, segpage) -> {
            if (mayDeleteSegment(segpage, cutoffPage)) files.delete(file);
            return false;
        });
        return true;
    }

    /** SlruMayDeleteSegment: the whole segment starting at {@code segpage} precedes the cutoff. */
    private boolean mayDeleteSegment(int segpage, int cutoffPage) {
        int segLastPage = segpage + PAGES_PER_SEGMENT - 1;
        return pagePrecedes.precedes(segpage, cutoffPage) && pagePrecedes.precedes(segLastPage, cutoffPage);
    }

    /** SlruScanDirCbReportPresence: is there a segment that truncating at {@code cutoffPage} would remove? */
    public boolean anySegmentBefore(int cutoffPage) {
        return files.scan((file, segpage) -> mayDeleteSegment(segpage, cutoffPage));
    }

    /**
     * SlruSelectLRUPage: a slot that holds {@code pageno}, or else a slot that may take it (EMPTY,
     * or VALID and clean), writing out or waiting for other pages as needed. Caller holds the
     * control lock exclusively.
     */
    private int selectLruPage(int pageno) {
        while (true) {
            for (int slot = 0; slot < shared.numSlots(); slot++) {
                if (shared.pageNumber(slot) == pageno && shared.status(slot) != EMPTY) return slot;
            }
            // No buffer holds it: take an empty one, else the least recently used one, preferring a
            // page that is not in I/O and never taking the latest page (it is being filled). Ties go
            // to the older page, which is likelier to be ready for truncation.
            int curCount = shared.curLruCount();
            shared.setCurLruCount(curCount + 1);
            int bestValidSlot = -1, bestValidDelta = -1, bestValidPage = 0;
            int bestBusySlot = -1, bestBusyDelta = -1, bestBusyPage = 0;
            for (int slot = 0; slot < shared.numSlots(); slot++) {
                SlruPageStatus s = shared.status(slot);
                if (s == EMPTY) return slot;
                int delta = curCount - shared.lruCount(slot);
                if (delta < 0) {
                    // A shared-lock holder bumped this slot past our snapshot of the counter.
                    shared.setLruCount(slot, curCount);
                    delta = 0;
                }
                int page = shared.pageNumber(slot);
                if (page == shared.latestPageNumber()) continue;
                if (s == VALID) {
                    if (delta > bestValidDelta || (delta == bestValidDelta && pagePrecedes.precedes(page, bestValidPage))) {
                        bestValidSlot = slot;
                        bestValidDelta = delta;
                        bestValidPage = page;
                    }
                } else if (delta > bestBusyDelta || (delta == bestBusyDelta && pagePrecedes.precedes(page, bestBusyPage))) {
                    bestBusySlot = slot;
                    bestBusyDelta = delta;
                    bestBusyPage = page;
                }
            }
            if (bestValidSlot < 0) {
                // Every candidate is in I/O: wait for the oldest one, then start over.
                waitIO(bestBusySlot);
                continue;
            }
            if (!shared.isDirty(bestValidSlot)) return bestValidSlot;
            // Write the victim out and start over: while we wrote, someone may have read our page in.
            writePage(bestValidSlot);
        }
    }

    /** SlruRecentlyUsed. */
    private void recentlyUsed(int slot) {
        int count = shared.curLruCount();
        if (count != shared.lruCount(slot)) {
            shared.setCurLruCount(++count);
            shared.setLruCount(slot, count);
        }
    }

    /**
     * SimpleLruWaitIO: sleeps until the I/O in progress on {@code slot} is over. Caller holds the
     * control lock exclusively; it is released while sleeping.
     */
    private void waitIO(int slot) {
        LWLock bufferLock = shared.bufferLock(slot);
        control.release(LWLock.Mode.EXCLUSIVE);
        bufferLock.acquire(LWLock.Mode.SHARED);
        bufferLock.release(LWLock.Mode.SHARED);
        control.acquire(LWLock.Mode.EXCLUSIVE);
        SlruPageStatus s = shared.status(slot);
        if ((s == READ_IN_PROGRESS || s == WRITE_IN_PROGRESS) && bufferLock.tryAcquire(LWLock.Mode.SHARED)) {
            // Still marked busy yet nobody holds the buffer lock: the I/O process gave up without
            // cleaning up. Put the slot back as the I/O found it.
            if (s == READ_IN_PROGRESS) {
                shared.setStatus(slot, EMPTY);
            } else {
                shared.setStatus(slot, VALID);
                shared.setDirty(slot, true);
            }
            bufferLock.release(LWLock.Mode.SHARED);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        throw (Error) t;
    }
}
