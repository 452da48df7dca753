package org.tusk.access.sequence;

import org.tusk.access.common.HeapTupleDeform;
import org.tusk.access.common.HeapTupleForm;
import org.tusk.access.common.HeapTupleHeader;
import org.tusk.access.common.TupleDesc;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The one page of a sequence relation (PostgreSQL's sequence.c fill_seq_with_data and
 * read_seq_tuple): a heap page whose special space holds {@link #SEQ_MAGIC} and whose only
 * tuple, at offset 1, is (last_value int8, log_cnt int8, is_called bool), frozen (xmin
 * FrozenTransactionId, HEAP_XMIN_FROZEN, xmax invalid) so that every snapshot sees it. The tuple
 * is changed in place: a sequence is not transactional.
 */
public final class SequencePage {
    private SequencePage() {}

    /** SEQ_MAGIC, in the special space. */
    public static final int SEQ_MAGIC = 0x1717;
    /** FrozenTransactionId. */
    static final int FROZEN_XID = 2;

    /** The values of the sequence tuple. */
    public record SeqTuple(long lastValue, long logCnt, boolean isCalled) {
        Object[] values() { return new Object[] {lastValue, logCnt, isCalled}; }
    }

    /** The frozen tuple for {@code t}, as bytes (what XLOG_SEQ_LOG carries). */
    static byte[] tupleBytes(TupleDesc desc, SeqTuple t) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tup = HeapTupleForm.form(desc, t.values(), arena);
            HeapTupleHeader.setXmin(tup, FROZEN_XID);
            HeapTupleHeader.setXmax(tup, 0);
            HeapTupleHeader.setInfomask(tup, (HeapTupleHeader.infomask(tup) & ~0xFFF0) | HeapTupleHeader.HEAP_XMIN_FROZEN
                    | HeapTupleHeader.HEAP_XMAX_INVALID);
            HeapTupleHeader.setCtid(tup, new ItemPointer(0, Page.FIRST_OFFSET_NUMBER));
            return tup.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        }
    }

    /** fill_seq_with_data's page part and seq_redo: a new page holding only {@code tuple}. */
    static void init(MemorySegment page, byte[] tuple) {
        Page.init(page, 4);
        Page.special(page).set(JAVA_INT, 0, SEQ_MAGIC);
        int off = Page.addItem(page, MemorySegment.ofArray(tuple), Page.FIRST_OFFSET_NUMBER, 0);
        if (off != Page.FIRST_OFFSET_NUMBER) throw new IllegalStateException("failed to add sequence tuple to page");
    }

    /** read_seq_tuple: checks the magic and returns the tuple's values. */
    static SeqTuple read(MemorySegment page, TupleDesc desc, String name) {
        if (Page.specialSize(page) < 4 || Page.special(page).get(JAVA_INT, 0) != SEQ_MAGIC) {
            throw org.tusk.utils.error.PgException.error("XX000", "bad magic number in sequence \"" + name + "\"");
        }
        int lp = ItemId.get(page, Page.FIRST_OFFSET_NUMBER);
        if (!ItemId.isNormal(lp)) throw org.tusk.utils.error.PgException.error("XX000", "sequence \"" + name + "\" has no tuple");
        Object[] v = HeapTupleDeform.deform(desc, Page.item(page, Page.FIRST_OFFSET_NUMBER));
        return new SeqTuple((Long) v[0], (Long) v[1], (Boolean) v[2]);
    }

    /** The in-place change of nextval/setval: the tuple's bytes replaced by those of {@code t} (same length). */
    static void write(MemorySegment page, TupleDesc desc, SeqTuple t) {
        byte[] bytes = tupleBytes(desc, t);
        MemorySegment item = Page.item(page, Page.FIRST_OFFSET_NUMBER);
        if (item.byteSize() != bytes.length) throw new IllegalStateException("sequence tuple changed length");
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, item, 0, bytes.length);
    }
}
