package org.tusk.access.heap;

import org.tusk.access.common.HeapTupleHeader;
import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * heap_multi_insert (heapam.c): many new tuples at once, as COPY FROM stores its batches. Each
 * page is locked once and filled with as many of the tuples as fit (leaving the fillfactor's
 * reserve, as heap_insert does), then logged as one XLOG_HEAP2_MULTI_INSERT record holding all of
 * that page's tuples. Row by row, every tuple cost a buffer lookup, lock and release, a visibility
 * map check and a WAL record with its own header and CRC; per page, those are paid once for the
 * ~60 tuples of a pgbench_accounts page.
 *
 * <p>The tuples are the same as heap_insert's (xmin the current transaction, the caller's command
 * id, large values toasted first) and become visible at the same moment, at commit. When the
 * page receiving them was empty, the record initialises it (XLOG_HEAP_INIT_PAGE) and leaves out
 * the offsets, which are then 1..n, as PostgreSQL's record does; pg_waldump decodes either form.
 */
final class HeapMultiInsert {
    private HeapMultiInsert() {}

    static ItemPointer[] insert(HeapEnv env, Relation rel, List<Object[]> rows, int cid) {
        BufferManager bm = env.buffers();
        int xid = env.oracle().currentTransactionId();
        ItemPointer[] tids = new ItemPointer[rows.size()];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] tuples = new MemorySegment[rows.size()];
            for (int i = 0; i < tuples.length; i++) {
                // heap_prepare_insert, for every tuple before any page is locked (toasting may write other pages)
                tuples[i] = HeapToast.formToasted(env.toast(), rel, rows.get(i), null, cid, arena).tuple();
                HeapTupleHeader.prepareForInsert(tuples[i], xid, cid, ItemPointer.INVALID);
            }
            int saveFreeSpace = rel.targetPageFreeSpace();
            int done = 0;
            while (done < tuples.length) {
                int buffer = HeapHio.getBufferForTuple(env, rel, (int) tuples[done].byteSize(), 0, null);
                MemorySegment page = bm.page(buffer);
                boolean emptyBefore = Page.maxOffsetNumber(page) == 0;
                // critical section: fill the page, mark it dirty, log, stamp the LSN
                int first = done;
                tids[done] = HeapHio.putHeapTuple(bm, buffer, tuples[done]);
                done++;
                while (done < tuples.length
                        && Page.heapFreeSpace(page) >= Alignment.maxAlign((int) tuples[done].byteSize()) + saveFreeSpace) {
                    tids[done] = HeapHio.putHeapTuple(bm, buffer, tuples[done]);
                    done++;
                }
                boolean allVisibleCleared = VisibilityMap.clearForChange(env, rel, buffer);
                bm.markDirty(buffer);
                if (rel.needsWal()) {
                    PageHeader.setLsn(page, log(env, rel, page, tids, tuples, first, done, emptyBefore,
                            allVisibleCleared, done == tuples.length, xid));
                }
                env.unlockRelease(buffer);
            }
        }
        return tids;
    }

    /** The XLOG_HEAP2_MULTI_INSERT record of tuples {@code from} (inclusive) to {@code to} on one page. */
    private static long log(HeapEnv env, Relation rel, MemorySegment page, ItemPointer[] tids, MemorySegment[] tuples,
                            int from, int to, boolean emptyBefore, boolean allVisibleCleared, boolean last, int xid) {
        int n = to - from;
        // the page held nothing before these tuples: redo may initialise it instead of reading it
        boolean init = emptyBefore && tids[from].offset() == Page.FIRST_OFFSET_NUMBER;
        int[] offsets = new int[n];
        for (int i = 0; i < n; i++) offsets[i] = tids[from + i].offset();
        int flags = (allVisibleCleared ? HeapXLog.XLH_INSERT_ALL_VISIBLE_CLEARED : 0)
                | (last ? HeapXLog.XLH_INSERT_LAST_IN_MULTI : 0);
        XLogRecordBuilder b = new XLogRecordBuilder();
        b.registerData(new HeapXLog.MultiInsert(flags, offsets, init).bytes());
        b.registerBuffer(0, rel.locator(), ForkNumber.MAIN, tids[from].block(), page,
                XLogRecordBuilder.REGBUF_STANDARD | (init ? XLogRecordBuilder.REGBUF_WILL_INIT : 0));
        b.registerBufData(0, tupleData(tuples, from, to));
        int info = HeapXLog.XLOG_HEAP2_MULTI_INSERT | (init ? HeapXLog.XLOG_HEAP_INIT_PAGE : 0);
        return env.insertWal(b, RmgrId.HEAP2, info, xid);
    }

    /**
     * The block data: for each tuple, SHORTALIGNed, an xl_multi_insert_tuple (the length of what
     * follows, t_infomask2, t_infomask, t_hoff) and the tuple from its null bitmap on.
     */
    private static byte[] tupleData(MemorySegment[] tuples, int from, int to) {
        int size = 0;
        for (int i = from; i < to; i++) {
            size = shortAlign(size) + HeapXLog.SIZE_OF_MULTI_INSERT_TUPLE + (int) tuples[i].byteSize() - HeapTupleHeader.SIZE;
        }
        byte[] bytes = new byte[size];
        MemorySegment out = MemorySegment.ofArray(bytes);
        long pos = 0;
        for (int i = from; i < to; i++) {
            MemorySegment tup = tuples[i];
            pos = shortAlign((int) pos);
            int datalen = (int) tup.byteSize() - HeapTupleHeader.SIZE;
            out.set(U16, pos, (short) datalen);
            out.set(U16, pos + 2, (short) HeapTupleHeader.infomask2(tup));
            out.set(U16, pos + 4, (short) HeapTupleHeader.infomask(tup));
            out.set(JAVA_BYTE, pos + 6, (byte) HeapTupleHeader.hoff(tup));
            pos += HeapXLog.SIZE_OF_MULTI_INSERT_TUPLE;
            MemorySegment.copy(tup, HeapTupleHeader.SIZE, out, pos, datalen);
            pos += datalen;
        }
        return bytes;
    }

    /** A uint16 of a WAL record: little-endian, at any offset. */
    private static final java.lang.foreign.ValueLayout.OfShort U16 =
            java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static int shortAlign(int n) {
        return (n + 1) & ~1;
    }
}
