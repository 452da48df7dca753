package org.tusk.access.transam;

import java.io.IOException;

import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;

import java.lang.foreign.MemorySegment;

/**
 * XLOG_FPI records (xloginsert.c log_newpage, xlog.c xlog_redo): a page written whole into the WAL,
 * for changes that bypass the resource managers' own records, such as a B-tree built bottom-up.
 * Redo restores every image the record carries, so the page is back whatever the data file held.
 */
public final class FullPageImages {
    private FullPageImages() {}

    /** XLOG_FPI_FOR_HINT and XLOG_FPI, the XLOG resource manager's info codes. */
    public static final int XLOG_FPI_FOR_HINT = 0xA0, XLOG_FPI = 0xB0;

    /**
     * log_newpage(page_std = true): WAL-logs {@code page} (block {@code blkno} of the fork) as a
     * forced full-page image; returns the record's end, which the caller stamps on the page.
     */
    public static long logNewPage(XLog xlog, RelFileLocator locator, ForkNumber fork, int blkno, MemorySegment page, int xid)
            throws IOException {
        XLogRecordBuilder b = new XLogRecordBuilder();
        b.registerBuffer(0, locator, fork, blkno, page, XLogRecordBuilder.REGBUF_FORCE_IMAGE | XLogRecordBuilder.REGBUF_STANDARD);
        return xlog.insert(b, RmgrId.XLOG, XLOG_FPI, xid).endLsn();
    }

    /**
     * log_newpage_buffer for several buffers of the main fork: {@link #logNewPages} of their
     * pages, the block numbers taken from the buffers.
     */
    public static long logNewBuffers(XLog xlog, BufferManager bm, RelFileLocator locator, java.util.List<Integer> bufs,
                                     int xid) throws IOException {
        int[] blknos = new int[bufs.size()];
        MemorySegment[] pages = new MemorySegment[bufs.size()];
        for (int i = 0; i < blknos.length; i++) {
            blknos[i] = bm.blockNumber(bufs.get(i));
            pages[i] = bm.page(bufs.get(i));
        }
        return logNewPages(xlog, locator, ForkNumber.MAIN, blknos, pages, xid);
    }

    /**
     * log_newpages(page_std = true): WAL-logs {@code pages} (blocks {@code blknos} of the fork) as
     * forced full-page images, as many per record as a record can carry; returns the last
     * record's end, which the caller stamps on every page.
     */
    public static long logNewPages(XLog xlog, RelFileLocator locator, ForkNumber fork, int[] blknos, MemorySegment[] pages,
                                   int xid) throws IOException {
        long lsn = 0;
        for (int from = 0; from < pages.length; from += XLogRecord.XLR_MAX_BLOCK_ID + 1) {
            XLogRecordBuilder b = new XLogRecordBuilder();
            int to = Math.min(pages.length, from + XLogRecord.XLR_MAX_BLOCK_ID + 1);
            for (int i = from; i < to; i++) {
                b.registerBuffer(i - from, locator, fork, blknos[i], pages[i],
                        XLogRecordBuilder.REGBUF_FORCE_IMAGE | XLogRecordBuilder.REGBUF_STANDARD);
            }
            lsn = xlog.insert(b, RmgrId.XLOG, XLOG_FPI, xid).endLsn();
        }
        return lsn;
    }

    /** Whether an XLOG record's info is one of the two full-page-image records. */
    public static boolean isFullPageImage(int info) {
        int rmgrInfo = info & XLogRecord.XLR_RMGR_INFO_MASK;
        return rmgrInfo == XLOG_FPI || rmgrInfo == XLOG_FPI_FOR_HINT;
    }

    /** xlog_redo for XLOG_FPI/XLOG_FPI_FOR_HINT: every registered block must be restored from its image. */
    public static void redo(DecodedXLogRecord rec, RedoContext ctx) {
        for (int id = 0; id <= rec.maxBlockId(); id++) {
            if (!rec.hasBlockRef(id)) continue;
            XLogUtils.RedoBuffer rb = XLogUtils.readBufferForRedo(ctx, rec, id);
            try {
                if (rb.action() != XLogUtils.Action.RESTORED) {
                    throw new IllegalStateException("unexpected XLogReadBufferForRedoExtended result when restoring backup block");
                }
            } finally {
                XLogUtils.release(ctx, rb);
            }
        }
    }
}
