package org.tusk.access.common;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapTupleTest {
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    private static String hex(MemorySegment s) {
        return HexFormat.of().formatHex(s.toArray(JAVA_BYTE));
    }

    /**
     * (int4 1, text 'abc', int8 NULL), worked out from heap_form_tuple's rules:
     * a null exists, so 23 header bytes + 1 bitmap byte = 24 = MAXALIGN(24) = t_hoff;
     * int4 at 24 (4-aligned): 01 00 00 00; 'abc' is packable and short: 1-byte header
     * (4 << 1) | 1 = 0x09, then 61 62 63, unaligned, at 28; int8 NULL takes no space: t_len 32.
     * Header: datum_len_ 32, datum_typmod -1, datum_typeid RECORDOID 2249 (0x08c9), t_ctid
     * invalid (ffff ffff 0000), t_infomask2 natts 3, t_infomask HASNULL|HASVARWIDTH = 0x0003,
     * t_hoff 0x18, bitmap 0b011 (attributes 1 and 2 present).
     */
    /**
     * A tuple formed before a column was dropped keeps its bytes there; deforming it with the
     * dropped attribute (same layout, attisdropped) steps over the value, reads it as null, and
     * finds the later columns where they are. A tuple formed afterwards stores NULL there.
     */
    @Test
    void droppedAttributeIsSteppedOverAndReadsAsNull() {
        TupleDesc before = TupleDesc.of(Attribute.of("a", DatumType.INT4), Attribute.of("b", DatumType.TEXT),
                Attribute.of("c", DatumType.INT8));
        MemorySegment old = HeapTupleForm.form(before, new Object[]{1, "a long enough text value", 7L}, arena);
        Attribute b = before.attr(1);
        Attribute dropped = new Attribute("........pg.dropped.2........", DatumType.TEXT, b.attlen(), b.attbyval(),
                b.attalign(), b.attstorage(), false, true);
        TupleDesc after = TupleDesc.of(before.attr(0), dropped, before.attr(2));
        assertArrayEquals(new Object[]{1, null, 7L}, HeapTupleDeform.deform(after, old));
        MemorySegment fresh = HeapTupleForm.form(after, new Object[]{2, null, 8L}, arena);
        assertTrue(HeapTupleHeader.hasNulls(fresh));
        assertArrayEquals(new Object[]{2, null, 8L}, HeapTupleDeform.deform(after, fresh));
    }

    @Test
    void knownTupleHasPostgresBytes() {
        TupleDesc desc = TupleDesc.of(Attribute.of("a", DatumType.INT4), Attribute.of("b", DatumType.TEXT),
                Attribute.of("c", DatumType.INT8));
        MemorySegment t = HeapTupleForm.form(desc, new Object[]{1, "abc", null}, arena);
        assertEquals(32, t.byteSize());
        assertEquals(24, HeapTupleHeader.hoff(t));
        assertEquals("20000000" + "ffffffff" + "c9080000" + "ffffffff0000" + "0300" + "0300" + "18" + "03"
                + "01000000" + "09616263", hex(t));

        // What heap_insert then stores at (0,1) for xid 750, cid 0: t_infomask gains XMAX_INVALID (0x0803).
        HeapTupleHeader.prepareForInsert(t, 750, 0, new ItemPointer(0, 1));
        assertEquals("ee020000" + "00000000" + "00000000" + "000000000100" + "0300" + "0308" + "18" + "03"
                + "01000000" + "09616263", hex(t));
        assertArrayEquals(new Object[]{1, "abc", null}, HeapTupleDeform.deform(desc, t));
    }

    /**
     * (int2 7, int8 8, bool true, text of 130 'x', int4 9), no nulls: t_hoff = MAXALIGN(23) = 24;
     * int2 at 24; int8 aligned to 32; bool at 40; the text needs 131 > 127 bytes with a short
     * header, so it gets a 4-byte header aligned to 44 (header (134 << 2) = 0x218), data 48..177;
     * int4 aligned to 180; t_len 184. Padding bytes are zero.
     */
    @Test
    void alignmentAndFourByteVarlenaHeader() {
        TupleDesc desc = TupleDesc.of(Attribute.of("a", DatumType.INT2), Attribute.of("b", DatumType.INT8),
                Attribute.of("c", DatumType.BOOL), Attribute.of("d", DatumType.TEXT), Attribute.of("e", DatumType.INT4));
        String x130 = "x".repeat(130);
        Object[] values = {(short) 7, 8L, true, x130, 9};
        MemorySegment t = HeapTupleForm.form(desc, values, arena);
        assertEquals(184, t.byteSize());
        assertEquals(184, HeapTupleForm.length(desc, values));
        assertEquals(24, HeapTupleHeader.hoff(t));
        assertEquals(HeapTupleHeader.HEAP_HASVARWIDTH, HeapTupleHeader.infomask(t));
        assertEquals("0700" + "000000000000", hex(t.asSlice(24, 8)));
        assertEquals(8L, t.get(JAVA_LONG, 32));
        assertEquals("01" + "000000", hex(t.asSlice(40, 4)));
        assertEquals(134 << 2, t.get(JAVA_INT, 44));
        assertEquals("x".repeat(130), new String(t.asSlice(48, 130).toArray(JAVA_BYTE)));
        assertEquals("0000" + "09000000", hex(t.asSlice(178, 6)));
        assertArrayEquals(values, HeapTupleDeform.deform(desc, t));
    }

    @Test
    void shortVarlenaIsNotAlignedButPlainStorageIs() {
        TupleDesc packed = TupleDesc.of(Attribute.of("a", DatumType.BOOL), Attribute.of("b", DatumType.TEXT));
        MemorySegment t = HeapTupleForm.form(packed, new Object[]{true, "abc"}, arena);
        assertEquals("01" + "09616263", hex(t.asSlice(24)));

        TupleDesc plain = TupleDesc.of(Attribute.of("a", DatumType.BOOL), Attribute.of("b", DatumType.TEXT).withStorage('p'));
        MemorySegment p = HeapTupleForm.form(plain, new Object[]{true, "abc"}, arena);
        assertEquals("01000000" + "1c000000" + "616263", hex(p.asSlice(24)));
        assertArrayEquals(new Object[]{true, "abc"}, HeapTupleDeform.deform(plain, p));

        // 126 payload bytes still fit a short header (127 total), 127 do not.
        TupleDesc one = TupleDesc.of(Attribute.of("b", DatumType.BYTEA));
        assertEquals(24 + 127, HeapTupleForm.length(one, new Object[]{new byte[126]}));
        assertEquals(24 + 4 + 127, HeapTupleForm.length(one, new Object[]{new byte[127]}));
    }

    @Test
    void roundTripAllTypesWithNullsAndTwoByteBitmap() {
        TupleDesc desc = TupleDesc.of(
                Attribute.of("b", DatumType.BOOL), Attribute.of("s", DatumType.INT2), Attribute.of("i", DatumType.INT4),
                Attribute.of("l", DatumType.INT8), Attribute.of("f", DatumType.FLOAT4), Attribute.of("d", DatumType.FLOAT8),
                Attribute.of("o", DatumType.OID), Attribute.of("n", DatumType.NAME), Attribute.of("t", DatumType.TEXT),
                Attribute.of("y", DatumType.BYTEA), Attribute.of("t2", DatumType.TEXT));
        Object[][] rows = {
                {false, (short) -3, Integer.MIN_VALUE, Long.MAX_VALUE, 1.5f, -2.25, 0xFFFFFFFE, "pg_class", "héllo", new byte[]{0, 1, 2}, null},
                {null, null, null, null, null, null, null, null, null, null, null},
                {true, null, 5, null, Float.NaN, null, 26, null, "t".repeat(500), null, ""},
                {null, (short) 1, null, 2L, null, 3.0, null, "x", null, new byte[300], "z"},
        };
        for (Object[] row : rows) {
            MemorySegment t = HeapTupleForm.form(desc, row, arena);
            boolean anyNull = java.util.Arrays.asList(row).contains(null);
            assertEquals(anyNull ? 32 : 24, HeapTupleHeader.hoff(t), "11 attributes: 2 bitmap bytes");
            assertEquals(11, HeapTupleHeader.natts(t));
            assertEquals(anyNull, HeapTupleHeader.hasNulls(t));
            for (int i = 0; i < row.length; i++) assertEquals(row[i] == null, HeapTupleHeader.attIsNull(t, i));
            Object[] back = HeapTupleDeform.deform(desc, t);
            for (int i = 0; i < row.length; i++) {
                if (row[i] instanceof byte[] b) assertArrayEquals(b, (byte[]) back[i]);
                else assertEquals(row[i], back[i], "attribute " + i);
            }
        }
    }

    @Test
    void tupleOnAPageAndDescriptorWithMoreColumns() {
        TupleDesc two = TupleDesc.of(Attribute.of("a", DatumType.INT8), Attribute.of("b", DatumType.TEXT));
        MemorySegment page = arena.allocate(Page.BLCKSZ, 8);
        Page.init(page, 0);
        MemorySegment t = HeapTupleForm.form(two, new Object[]{42L, "on a page"}, arena);
        int off = Page.addItem(page, t, Page.PAI_IS_HEAP);
        HeapTupleHeader.prepareForInsert(Page.item(page, off), 100, 0, new ItemPointer(3, off));
        MemorySegment stored = Page.item(page, off);
        assertEquals(100, HeapTupleHeader.xmin(stored));
        assertEquals(new ItemPointer(3, 1), HeapTupleHeader.ctid(stored));
        assertTrue((HeapTupleHeader.infomask(stored) & HeapTupleHeader.HEAP_XMAX_INVALID) != 0);
        // ALTER TABLE ADD COLUMN: older tuples have fewer attributes; the new one reads as null.
        TupleDesc three = TupleDesc.of(two.attr(0), two.attr(1), Attribute.of("c", DatumType.INT4));
        assertArrayEquals(new Object[]{42L, "on a page", null}, HeapTupleDeform.deform(three, stored));
    }

    @Test
    void formIntoPageFreeSpace() {
        TupleDesc desc = TupleDesc.of(Attribute.of("a", DatumType.INT4));
        MemorySegment target = arena.allocate(64, 8);
        assertEquals(28, HeapTupleForm.formInto(desc, new Object[]{5}, target));
        assertEquals(5, HeapTupleDeform.deform(desc, target.asSlice(0, 28))[0]);
        assertThrows(IllegalArgumentException.class, () -> HeapTupleForm.formInto(desc, new Object[]{5}, arena.allocate(16, 8)));
    }

    @Test
    void rowTooBigWithoutToast() {
        TupleDesc desc = TupleDesc.of(Attribute.of("t", DatumType.TEXT));
        PgException e = assertThrows(PgException.class, () -> HeapTupleForm.form(desc, new Object[]{"x".repeat(8200)}, arena));
        assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, e.sqlState());
        assertEquals("row is too big: size 8228, maximum size 8160", e.getMessage());
        // a composite value's tuple is no page's row: it may be longer (its row is toasted)
        MemorySegment datum = HeapTupleForm.formDatum(desc, new Object[]{"x".repeat(8200)}, arena);
        assertEquals("x".repeat(8200), HeapTupleDeform.deform(desc, datum)[0]);
        // The largest tuple that fits: 8160 = 24 + 4 + 8132.
        MemorySegment t = HeapTupleForm.form(desc, new Object[]{"x".repeat(8132)}, arena);
        assertEquals(HeapTupleForm.MAX_HEAP_TUPLE_SIZE, t.byteSize());
        MemorySegment page = arena.allocate(Page.BLCKSZ, 8);
        Page.init(page, 0);
        assertEquals(1, Page.addItem(page, t, Page.PAI_IS_HEAP), "a MaxHeapTupleSize tuple fits an empty page");
    }

    @Test
    void rejectsWrongValuesAndCorruptTuples() {
        TupleDesc desc = TupleDesc.of(Attribute.of("a", DatumType.INT4), Attribute.of("b", DatumType.TEXT));
        assertThrows(IllegalArgumentException.class, () -> HeapTupleForm.form(desc, new Object[]{5L, "x"}, arena));
        assertThrows(IllegalArgumentException.class, () -> HeapTupleForm.form(desc, new Object[]{5}, arena));
        assertThrows(IllegalArgumentException.class, () -> HeapTupleForm.form(
                TupleDesc.of(Attribute.of("n", DatumType.NAME)), new Object[]{"n".repeat(64)}, arena));
        MemorySegment t = HeapTupleForm.form(desc, new Object[]{5, "abc"}, arena);
        t.set(JAVA_BYTE, 28, (byte) 0x7F);   // a short varlena claiming 63 bytes in a 32-byte tuple
        PgException e = assertThrows(PgException.class, () -> HeapTupleDeform.deform(desc, t));
        assertEquals(SqlState.DATA_CORRUPTED, e.sqlState());
        t.set(JAVA_BYTE, 28, (byte) 0x01);   // an external TOAST pointer whose tag byte is not VARTAG_ONDISK
        assertEquals(SqlState.DATA_CORRUPTED, assertThrows(PgException.class, () -> HeapTupleDeform.deform(desc, t)).sqlState());
    }

    @Test
    void headerConstantsArePostgres() {
        assertEquals(23, HeapTupleHeader.SIZE);
        assertEquals(0x0800, HeapTupleHeader.HEAP_XMAX_INVALID);
        assertEquals(0x0300, HeapTupleHeader.HEAP_XMIN_FROZEN);
        assertEquals(0x4000, HeapTupleHeader.HEAP_HOT_UPDATED);
        assertEquals(0x8000, HeapTupleHeader.HEAP_ONLY_TUPLE);
        assertEquals(0x2000, HeapTupleHeader.HEAP_KEYS_UPDATED);
        assertEquals(0x07FF, HeapTupleHeader.HEAP_NATTS_MASK);
        MemorySegment t = HeapTupleForm.form(TupleDesc.of(Attribute.of("a", DatumType.INT4)), new Object[]{1}, arena);
        HeapTupleHeader.setInfomask2(t, HeapTupleHeader.infomask2(t) | HeapTupleHeader.HEAP_HOT_UPDATED);
        HeapTupleHeader.setNatts(t, 2);
        assertEquals(0x4002, HeapTupleHeader.infomask2(t), "setNatts keeps the flag bits");
        assertFalse(HeapTupleHeader.hasNulls(t));
    }
}
