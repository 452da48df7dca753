package org.tusk.access.hash;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;

import org.tusk.access.index.IndexAmContext;
import org.tusk.access.index.IndexPages;
import org.tusk.access.transam.FullPageImages;
import org.tusk.access.transam.XLogRecord;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * Page access and WAL for the hash index (hashpage.c _hash_getbuf, _hash_getnewbuf,
 * _hash_relbuf, _hash_checkpage; the records of hash_xlog.c). Every change is logged as XLOG_FPI
 * records carrying the full image of each page it touched, written while those pages are
 * locked, as access.gist does: redo is a plain restore. PostgreSQL logs hash changes with its
 * own records (XLOG_HASH_INSERT, XLOG_HASH_SPLIT_ALLOCATE_PAGE, ...); the images cost more WAL.
 * An index build writes no WAL per insertion and logs every page once at its end
 * (log_newpage_range, as a sorted B-tree build does).
 */
final class HashPages {
    private final IndexAmContext ctx;
    /** The index being built by this backend (its insertions are logged at the end of the build), or null. */
    private RelFileLocator building;

    HashPages(IndexAmContext ctx) {
        this.ctx = ctx;
    }

    MemorySegment page(int buf) {
        return ctx.buffers().page(buf);
    }

    int blockNumber(int buf) {
        return ctx.buffers().tag(buf).blockNum();
    }

    /** ReadBuffer without a lock (the caller locks it, or takes a cleanup lock). */
    int pin(Relation rel, int blkno) {
        return ctx.buffers().readBuffer(IndexPages.tag(rel.locator(), blkno), null);
    }

    void lock(int buf, LockMode mode) {
        ctx.buffers().lockBuffer(buf, mode);
    }

    void unlock(int buf) {
        ctx.buffers().unlockBuffer(buf);
    }

    void release(int buf) {
        ctx.buffers().releaseBuffer(buf);
    }

    /** _hash_relbuf: unlock and unpin. */
    void relBuf(int buf) {
        unlock(buf);
        release(buf);
    }

    /** _hash_getbuf: block {@code blkno} pinned and locked, checked to be an initialized hash page of one of {@code flags}' types. */
    int getBuf(Relation rel, int blkno, LockMode mode, int flags) {
        int buf = pin(rel, blkno);
        lock(buf, mode);
        checkPage(rel, buf, flags);
        return buf;
    }

    /** _hash_checkpage: 'index contains unexpected zero page' or a page of the wrong type is corruption (XX002). */
    void checkPage(Relation rel, int buf, int flags) {
        MemorySegment page = page(buf);
        if (!HashPageOpaque.isHashPage(page)) {
            int blkno = blockNumber(buf);
            relBuf(buf);
            throw new PgException(Severity.ERROR, "XX002", "index \"" + rel.name() + "\" contains unexpected zero page at block "
                    + blkno, null, "Please REINDEX it.", 0);
        }
        if (flags != 0 && (HashPageOpaque.flags(page) & flags) == 0) {
            int blkno = blockNumber(buf);
            relBuf(buf);
            throw new PgException(Severity.ERROR, "XX002", "index \"" + rel.name() + "\" contains corrupted page at block "
                    + blkno, null, "Please REINDEX it.", 0);
        }
    }

    /**
     * ConditionalLockBufferForCleanup on a pinned buffer; with {@code wait}, LockBufferForCleanup:
     * tried again until every other backend has let its pin go (VACUUM's way into a bucket).
     */
    boolean cleanupLock(int buf, boolean wait) {
        while (!ctx.buffers().conditionalLockBufferForCleanup(buf)) {
            if (!wait) return false;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PgException.error(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
        return true;
    }

    /** A block added at the end of the index, exclusively locked and zero-filled; an error if it is not {@code expected}. */
    int extend(Relation rel, int expected) {
        int buf = IndexPages.extend(ctx.buffers(), ctx.smgr(), ctx.extensionLock(), rel);
        if (expected >= 0 && blockNumber(buf) != expected) {
            int got = blockNumber(buf);
            relBuf(buf);
            throw PgException.error(SqlState.INTERNAL_ERROR, "unexpected hash relation size: " + Integer.toUnsignedString(got)
                    + ", should be " + Integer.toUnsignedString(expected));
        }
        return buf;
    }

    /**
     * _hash_alloc_buckets: the file extended with zero pages through block {@code lastBlock} (the
     * buckets of a new splitpoint are reserved at once, so the overflow pages allocated after
     * them come after the last). Returns false if that block number would overflow.
     */
    boolean allocThrough(Relation rel, int lastBlock) {
        if (lastBlock < 0 || lastBlock == HashPageOpaque.INVALID_BLOCK) return false;
        RelFileLocator rl = rel.locator();
        ctx.extensionLock().lock(rl);
        try {
            int n = ctx.smgr().nblocks(rl, ForkNumber.MAIN);
            if (n <= lastBlock) ctx.smgr().zeroExtend(rl, ForkNumber.MAIN, n, lastBlock + 1 - n, false);
        } finally {
            ctx.extensionLock().unlock(rl);
        }
        return true;
    }

    /** _hash_getnewbuf for a block that exists (reserved by {@link #allocThrough}): pinned, exclusively locked, its contents to be initialized. */
    int getNewBuf(Relation rel, int blkno) {
        int buf = ctx.buffers().readBuffer(IndexPages.tag(rel.locator(), blkno), null, true);
        lock(buf, LockMode.EXCLUSIVE);
        return buf;
    }

    int nblocks(Relation rel) {
        return ctx.smgr().nblocks(rel.locator(), ForkNumber.MAIN);
    }

    /** Builds of {@code rel} from now on log nothing per change; {@link #endBuild} logs every page. */
    void beginBuild(Relation rel) {
        building = rel.locator();
    }

    /** The end of a build: every page of the index logged once (log_newpage_range). */
    void endBuild(Relation rel) {
        building = null;
        if (!rel.needsWal()) return;
        int n = nblocks(rel);
        for (int from = 0; from < n; from += XLogRecord.XLR_MAX_BLOCK_ID + 1) {
            int to = Math.min(n, from + XLogRecord.XLR_MAX_BLOCK_ID + 1);
            java.util.List<Integer> bufs = new java.util.ArrayList<>();
            try {
                for (int b = from; b < to; b++) {
                    int buf = pin(rel, b);
                    bufs.add(buf);
                    lock(buf, LockMode.EXCLUSIVE);
                }
                logChange(rel, bufs, true);
            } finally {
                for (int buf : bufs) relBuf(buf);
            }
        }
    }

    /** Abandons a failed build's mode (the transaction aborts; the index file goes with it). */
    void abortBuild() {
        building = null;
    }

    /**
     * The critical section's end for a change of the exclusively locked {@code bufs}: each marked
     * dirty and logged together (in records of at most XLR_MAX_BLOCK_ID + 1 images), stamped with
     * the record's LSN. Without {@code inTransaction} (VACUUM) the records carry xid 0.
     */
    void logChange(Relation rel, List<Integer> bufs, boolean inTransaction) {
        for (int b : bufs) ctx.buffers().markDirty(b);
        if (!rel.needsWal() || rel.locator().equals(building)) return;
        long lsn = 0;
        try {
            int xid = inTransaction ? ctx.oracle().currentTransactionId() : 0;
            lsn = FullPageImages.logNewBuffers(ctx.xlog(), ctx.buffers(), rel.locator(), bufs, xid);
        } catch (IOException | RuntimeException e) {
            // the pages are already changed in shared buffers: as in a critical section, PANIC
            throw new PgException(Severity.PANIC, SqlState.INTERNAL_ERROR, "could not write WAL for index \""
                    + rel.name() + "\": " + e.getMessage(), null, null, 0);
        }
        for (int b : bufs) PageHeader.setLsn(page(b), lsn);
    }

    void logChange(Relation rel, List<Integer> bufs) {
        logChange(rel, bufs, true);
    }
}
