package org.tusk.access.nbtree;

import org.junit.jupiter.api.Test;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.IndexTuples;
import org.tusk.access.common.TupleDesc;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The on-disk layouts, byte for byte as PostgreSQL 15 on x86-64 writes them (nbtree.h, itup.h). */
class BTreeFormatTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void leafTupleOfAnInt4() {
        TupleDesc desc = BTreeCluster.desc("k", DatumType.INT4);
        byte[] t = IndexTuples.form(desc, 1, new Object[] {5}, new ItemPointer(0x10002, 7));
        // t_tid: bi_hi 1, bi_lo 2, posid 7; t_info 16 (size only); int4 5; zero padding to MAXALIGN.
        assertArrayEquals(hex("0100 0200 0700 1000 05000000 00000000"), t);
    }

    @Test
    void tupleWithANullHasTheBitmapAndShortVarlena() {
        TupleDesc desc = BTreeCluster.desc("a", DatumType.INT4, "b", DatumType.TEXT);
        byte[] t = IndexTuples.form(desc, 2, new Object[] {null, "ab"}, new ItemPointer(3, 1));
        // t_info: has nulls | has varwidth | 24; bitmap 0b10 (a is null); data from 16: 1-byte header 0x07, 'a', 'b'.
        assertArrayEquals(hex("0000 0300 0100 18C0 02000000 00000000 07 6162 0000000000"), t);
        Object[] back = IndexTuples.deform(desc, 2, MemorySegment.ofArray(t));
        assertNull(back[0]);
        assertEquals("ab", back[1]);
    }

    @Test
    void pivotsCarryTheirAttributeCountAndOptionalHeapTid() {
        TupleDesc desc = BTreeCluster.desc("k", DatumType.INT4);
        MemorySegment lastleft = MemorySegment.ofArray(IndexTuples.form(desc, 1, new Object[] {9}, new ItemPointer(4, 2)));
        MemorySegment same = MemorySegment.ofArray(IndexTuples.form(desc, 1, new Object[] {9}, new ItemPointer(4, 3)));
        MemorySegment bigger = MemorySegment.ofArray(IndexTuples.form(desc, 1, new Object[] {10}, new ItemPointer(5, 1)));
        // Keys differ: firstright's key, heap TID truncated; INDEX_ALT_TID_MASK; posid = 1 attribute.
        assertArrayEquals(hex("0000 0500 0100 1020 0A000000 00000000"), BTSplit.truncate(desc, lastleft, bigger));
        // Keys equal: all key attributes plus lastleft's heap TID at the end (BT_PIVOT_HEAP_TID_ATTR).
        byte[] withTid = BTSplit.truncate(desc, lastleft, same);
        assertArrayEquals(hex("0000 0400 0110 1820 09000000 00000000 0000 0000 0400 0200"), withTid);
        assertEquals(new ItemPointer(4, 2), BTTuple.heapTid(MemorySegment.ofArray(withTid)));
        assertArrayEquals(hex("0000 0C00 0000 0820"), BTTuple.minusInfinity(12));
    }

    @Test
    void metapageAndSpecialSpace() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(Page.BLCKSZ, 8);
            BTMetaPage.init(page, new BTMetaPage.Metadata(4, 3, 1, 3, 1, 0, false));
            assertEquals(72, PageHeader.lower(page));
            assertEquals(8176, PageHeader.upper(page));
            assertEquals(8176, PageHeader.special(page));
            assertArrayEquals(hex("62310500 04000000 03000000 01000000 03000000 01000000 00000000 00000000"
                    + " 000000000000F0BF 00 00000000000000"), page.asSlice(24, 48).toArray(JAVA_BYTE));
            // btpo_prev 0, btpo_next 0, btpo_level 0, btpo_flags BTP_META, btpo_cycleid 0.
            assertArrayEquals(hex("00000000 00000000 00000000 0800 0000"), page.asSlice(8176, 16).toArray(JAVA_BYTE));
            assertEquals(48, BTMetaPage.SIZE);
            assertEquals(16, BTPageOpaque.SIZE);
        }
    }

    @Test
    void maxItemSizeIsPostgres() {
        assertEquals(2704, BTInsert.BT_MAX_ITEM_SIZE);
    }
}
