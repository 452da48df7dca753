package org.tusk.access.gist;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;

import org.tusk.access.index.IndexAmContext;
import org.tusk.access.index.IndexPages;
import org.tusk.access.transam.FullPageImages;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.buffer.BufferTag;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * Page access and WAL for the GiST (gistutil.c gistcheckpage, gistNewBuffer; gistxlog.c). Every
 * change is logged as one XLOG_FPI record carrying the full image of each page the change
 * touched (as generic_xlog.c and log_newpages do), written while all those pages are locked, so
 * that a split, its new pages and the parent's new downlinks replay as one atomic action.
 * PostgreSQL logs GiST changes with its own records (XLOG_GIST_PAGE_UPDATE, XLOG_GIST_PAGE_SPLIT);
 * the images make redo a plain restore, at the price of larger WAL. A relation without WAL takes
 * its page LSNs from a counter instead (gistGetFakeLSN), which the scan's NSN test needs as much
 * as real ones: a backend-local one for a temporary relation, the shared one of unlogged
 * relations (GetFakeLSNForUnloggedRel) for an unlogged one.
 */
final class GistPages {
    private final IndexAmContext ctx;
    /** gistGetFakeLSN's counter for temporary relations: only this backend ever sees their pages. */
    private long fakeLsn = 1;

    GistPages(IndexAmContext ctx) {
        this.ctx = ctx;
    }

    MemorySegment page(int buf) {
        return ctx.buffers().page(buf);
    }

    int blockNumber(int buf) {
        return ctx.buffers().tag(buf).blockNum();
    }

    private static BufferTag tag(RelFileLocator rl, int blkno) {
        return IndexPages.tag(rl, blkno);
    }

    /** ReadBuffer + LockBuffer + gistcheckpage. */
    int getBuf(Relation rel, int blkno, LockMode mode) {
        int buf = org.tusk.access.index.IndexBufferReads.read(ctx.buffers(), rel, tag(rel.locator(), blkno));
        ctx.buffers().lockBuffer(buf, mode);
        MemorySegment page = page(buf);
        if (Page.isNew(page) || !GistPageOpaque.isGistPage(page)) {
            relBuf(buf);
            throw new PgException(Severity.ERROR, "XX002", "index \"" + rel.name()
                    + "\" contains corrupted page at block " + blkno, null, "Please REINDEX it.", 0);
        }
        return buf;
    }

    /** gistNewBuffer: a block added at the end of the index, exclusively locked and initialized with {@code flags}. */
    int newPage(Relation rel, int flags) {
        int buf = IndexPages.extend(ctx.buffers(), ctx.smgr(), ctx.extensionLock(), rel);
        GistPageOpaque.init(page(buf), flags);
        return buf;
    }

    int nblocks(Relation rel) {
        return ctx.smgr().nblocks(rel.locator(), ForkNumber.MAIN);
    }

    void relBuf(int buf) {
        ctx.buffers().unlockBuffer(buf);
        ctx.buffers().releaseBuffer(buf);
    }

    /**
     * The critical section's end for a change of the exclusively locked {@code bufs}: each marked
     * dirty, logged together, and stamped with the record's LSN (a fake one without WAL), which
     * is returned.
     */
    long logChange(Relation rel, List<Integer> bufs) {
        return logChange(rel, bufs, true);
    }

    /** As above; without {@code inTransaction} (VACUUM, which has no transaction id) the record carries xid 0. */
    long logChange(Relation rel, List<Integer> bufs, boolean inTransaction) {
        for (int b : bufs) ctx.buffers().markDirty(b);
        long lsn;
        if (rel.persistence() == 'u') {
            lsn = ctx.xlog().getFakeLsnForUnloggedRel();   // gistGetFakeLSN: shared, other backends split these pages too
        } else if (!rel.needsWal()) {
            lsn = ++fakeLsn;
        } else {
            lsn = 0;
            try {
                int xid = inTransaction ? ctx.oracle().currentTransactionId() : 0;
                lsn = FullPageImages.logNewBuffers(ctx.xlog(), ctx.buffers(), rel.locator(), bufs, xid);
            } catch (IOException | RuntimeException e) {
                // the pages are already changed in shared buffers: as in a critical section, PANIC
                throw new PgException(Severity.PANIC, SqlState.INTERNAL_ERROR, "could not write WAL for index \""
                        + rel.name() + "\": " + e.getMessage(), null, null, 0);
            }
        }
        for (int b : bufs) PageHeader.setLsn(page(b), lsn);
        return lsn;
    }

    /** The page LSN the scan's NSN test compares with (a fake one for a temporary relation). */
    static long lsn(MemorySegment page) {
        return PageHeader.lsn(page);
    }

    /** gistbuildempty: the index file made if needed, block 0 an empty leaf root, logged. */
    void initRoot(Relation rel) {
        if (!ctx.smgr().exists(rel.locator(), ForkNumber.MAIN)) ctx.smgr().create(rel.locator(), ForkNumber.MAIN, false);
        if (nblocks(rel) != 0) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "index \"" + rel.name() + "\" already contains data");
        }
        int buf = newPage(rel, GistPageOpaque.F_LEAF);
        try {
            logChange(rel, List.of(buf));
        } finally {
            relBuf(buf);
        }
    }
}
