package org.tusk.access.gin;

import org.tusk.access.common.IndexTuples;
import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * Entry tuples (ginentrypage.c GinFormTuple, ginblock.h): IndexTupleData with the key part as
 * index_form_tuple lays it out for the column's tuple descriptor, then, for a key of another
 * category than a normal one, the category byte (GinNullCategory) at the end of the key part,
 * then SHORTALIGNed:
 * <ul>
 * <li>on a leaf page, the tuple's order TID (6 bytes, 2 of padding) and one compressed posting list segment ({@link GinPostingList}); t_tid holds
 *     the segment's offset with GIN_ITUP_COMPRESSED (bit 31) set in the block number, and the
 *     number of items in the offset number (GinSetPostingOffset, GinSetNPosting);</li>
 * <li>on an internal page, the bound's heap TID; t_tid holds the downlink (block) and that
 *     TID's offset within the tuple (offset number).</li>
 * </ul>
 * Entries order by (column, category, key, order TID: the first heap TID the tuple was made with): a key whose posting list outgrows a
 * tuple continues in the next tuples of the same key (see the package documentation).
 */
final class GinEntry {
    private GinEntry() {}

    /** GinNullCategory: GIN_CAT_NORM_KEY, NULL_KEY, EMPTY_ITEM, NULL_ITEM, and EMPTY_QUERY (searches only). */
    static final int NORM_KEY = 0, NULL_KEY = 1, EMPTY_ITEM = 2, NULL_ITEM = 3, EMPTY_QUERY = -1;
    static final int GIN_ITUP_COMPRESSED = 0x80000000;
    /** The lowest heap TID: a search key with it comes before every entry of its key. */
    static final ItemPointer MIN_TID = new ItemPointer(0, 0);
    /** A leaf tuple's order TID and its padding, before the posting list. */
    static final int ORDER_SIZE = 8;

    /** A key of the entry tree: column (1-based), category, and the key value for a normal key. */
    record Key(int attnum, int category, Object value) {
        static Key normal(int attnum, Object v) {
            return new Key(attnum, v == null ? NULL_KEY : NORM_KEY, v);
        }
    }

    /** A tuple read back: its key, its bound TID (a leaf's first item), and where its posting data starts. */
    record Read(Key key, ItemPointer tid, int postingOffset, int nposting, int downlink) {}

    /** The key part of a tuple: index_form_tuple's bytes plus the category byte. */
    private static byte[] keyPart(GinState st, Key key) {
        Object[] values = st.oneCol ? new Object[] {key.value()} : new Object[] {(short) key.attnum(), key.value()};
        byte[] t = IndexTuples.form(st.tupdesc[key.attnum() - 1], values.length, values, MIN_TID);
        if (key.category() == NORM_KEY) return t;
        byte[] withCat = java.util.Arrays.copyOf(t, t.length + 2);
        withCat[t.length] = (byte) key.category();
        return withCat;
    }

    /**
     * GinFormTuple for a leaf: the key, the tuple's place among the key's tuples (a heap TID, 6
     * bytes and 2 of padding) and the posting list segment (none when {@code nposting} is 0).
     */
    static byte[] formLeaf(GinState st, Key key, ItemPointer order, byte[] segment, int nposting, String indexName) {
        byte[] k = keyPart(st, key);
        int postingOff = ((k.length + 1) & ~1) + ORDER_SIZE;
        int size = Alignment.maxAlign(postingOff + segment.length);
        if (size > GinPage.MAX_ITEM_SIZE) {
            throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "index row size " + size + " exceeds maximum "
                    + GinPage.MAX_ITEM_SIZE + " for index \"" + indexName + "\"");
        }
        byte[] t = new byte[size];
        System.arraycopy(k, 0, t, 0, k.length);
        System.arraycopy(segment, 0, t, postingOff, segment.length);
        IndexTuples.writeTid(MemorySegment.ofArray(t), postingOff - ORDER_SIZE, order);
        finish(t, size, new ItemPointer(postingOff | GIN_ITUP_COMPRESSED, nposting));
        return t;
    }

    /** The room a posting list has in a leaf tuple of {@code key}. */
    static int postingRoom(GinState st, Key key) {
        int postingOff = ((keyPart(st, key).length + 1) & ~1) + ORDER_SIZE;
        return GinPage.MAX_ITEM_SIZE - postingOff;
    }

    /** An internal tuple: {@code key} and {@code tid} bound the child {@code downlink}. */
    static byte[] formInternal(GinState st, Key key, ItemPointer tid, int downlink) {
        byte[] k = keyPart(st, key);
        int off = (k.length + 1) & ~1;
        int size = Alignment.maxAlign(off + 6);
        byte[] t = new byte[size];
        System.arraycopy(k, 0, t, 0, k.length);
        MemorySegment s = MemorySegment.ofArray(t);
        IndexTuples.writeTid(s, off, tid);
        finish(t, size, new ItemPointer(downlink, off));
        return t;
    }

    /** The same bound on another child. */
    static byte[] withDownlink(byte[] internal, int downlink) {
        byte[] t = internal.clone();
        MemorySegment s = MemorySegment.ofArray(t);
        ItemPointer old = IndexTuples.tid(s);
        IndexTuples.setTid(s, new ItemPointer(downlink, old.offset()));
        return t;
    }

    private static void finish(byte[] t, int size, ItemPointer tid) {
        MemorySegment s = MemorySegment.ofArray(t);
        int info = IndexTuples.info(s);
        IndexTuples.setInfo(s, (info & ~IndexTuples.INDEX_SIZE_MASK) | size);
        IndexTuples.setTid(s, tid);
    }

    /** Reads a tuple of a leaf ({@code leaf}) or internal page. */
    static Read read(GinState st, byte[] t, boolean leaf) {
        MemorySegment s = MemorySegment.ofArray(t);
        int info = IndexTuples.info(s);
        int dataOff = IndexTuples.dataOffset(info);
        int attnum = st.oneCol ? 1 : s.get(JAVA_SHORT_UNALIGNED, dataOff);
        ItemPointer tt = IndexTuples.tid(s);
        int postingOff = leaf ? tt.block() & ~GIN_ITUP_COMPRESSED : tt.offset();
        Object[] values = IndexTuples.deform(st.tupdesc[attnum - 1], st.oneCol ? 1 : 2, s);
        Object v = values[st.oneCol ? 0 : 1];
        int keyEnd = leaf ? postingOff - ORDER_SIZE : postingOff;
        int category = (info & IndexTuples.INDEX_NULL_MASK) != 0 ? t[keyEnd - 2] : NORM_KEY;
        Key key = new Key(attnum, category, category == NORM_KEY ? v : null);
        ItemPointer tid = IndexTuples.readTid(s, keyEnd);
        return new Read(key, tid, postingOff, leaf ? tt.offset() : 0, leaf ? GinPage.INVALID_BLOCK : tt.block());
    }

    /** The heap TIDs of a leaf tuple (none for a vacuumed-empty one). */
    static List<ItemPointer> postings(byte[] t, Read r) {
        if (r.nposting() == 0) return List.of();
        return GinPostingList.decode(t, r.postingOffset());
    }
}
