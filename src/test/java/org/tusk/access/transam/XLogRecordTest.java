package org.tusk.access.transam;

import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XLogRecordTest {
    static final RelFileLocator REL = new RelFileLocator(1663, 5, 16384);
    static final RelFileLocator OTHER = new RelFileLocator(1663, 5, 16390);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A standard page: header with pd_lsn, pd_lower, pd_upper; line pointers and tuples non-zero, hole zero. */
    static MemorySegment standardPage(long lsn, int lower, int upper, int seed) {
        MemorySegment p = MemorySegment.ofArray(new byte[XLogDefs.BLCKSZ]);
        for (int i = 0; i < XLogDefs.BLCKSZ; i++) {
            if (i < lower || i >= upper) p.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 31 + seed | 1));
        }
        p.set(U32, 0, (int) (lsn >>> 32));
        p.set(U32, 4, (int) lsn);
        p.set(U16, 12, (short) lower);
        p.set(U16, 14, (short) upper);
        return p;
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 7 + seed);
        return b;
    }

    private static byte[] toArray(MemorySegment s) {
        return s.toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void mainDataOnlyRecordHasPostgresBytes() {
        AssembledXLogRecord a = new XLogRecordBuilder().registerData(new byte[] {'a', 'b', 'c'}).assemble(RmgrId.XLOG, 0x20, 0);
        MemorySegment r = a.finish(0x1000028L);
        byte[] b = toArray(r);
        assertEquals(24 + 2 + 3, b.length);
        assertEquals(29, r.get(U32, 0), "xl_tot_len");
        assertEquals(0, r.get(U32, 4), "xl_xid");
        assertEquals(0x1000028L, r.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 8), "xl_prev");
        assertEquals(0x20, b[16], "xl_info");
        assertEquals(0, b[17], "xl_rmid");
        assertEquals(0, b[18] | b[19], "padding");
        assertEquals((byte) 0xFF, b[24], "XLR_BLOCK_ID_DATA_SHORT");
        assertEquals(3, b[25]);
        assertEquals('a', b[26]);
        // CRC-32C of the payload, then of the header up to xl_crc.
        CRC32C crc = new CRC32C();
        crc.update(b, 24, b.length - 24);
        crc.update(b, 0, 20);
        assertEquals((int) crc.getValue(), r.get(U32, 20));
        assertTrue(XLogRecord.hasValidCrc(r));
        assertThrows(IllegalStateException.class, () -> a.finish(0));
    }

    @Test
    void roundTripWithBlockReferencesAndHoleFreeImage() {
        MemorySegment page0 = standardPage(0x2000000L, 40, 8000, 1);
        byte[] main = bytes(300, 3);
        byte[] data1 = bytes(17, 5);
        byte[] data3 = bytes(1000, 9);
        XLogRecordBuilder b = new XLogRecordBuilder()
                .registerData(main)
                .registerBuffer(0, REL, ForkNumber.MAIN, 7, page0, XLogRecordBuilder.REGBUF_STANDARD | XLogRecordBuilder.REGBUF_FORCE_IMAGE)
                .registerBuffer(1, REL, ForkNumber.MAIN, 8, null, XLogRecordBuilder.REGBUF_WILL_INIT)
                .registerBufData(1, data1)
                .registerBuffer(3, OTHER, ForkNumber.VM, 0, null, XLogRecordBuilder.REGBUF_NO_IMAGE)
                .registerBufData(3, data3);
        MemorySegment rec = b.assemble(RmgrId.HEAP, 0x10, 742).finish(0x1000028L);
        int holeLength = 8000 - 40;
        // header + block 0 (4 + 5 + 12 + 4) + block 1 (4 + 4, same rel) + block 3 (4 + 12 + 4) + long main header
        int expectedLen = 24 + 25 + 8 + 20 + 5 + (8192 - holeLength) + 17 + 1000 + 300;
        assertEquals(expectedLen, rec.byteSize());
        assertTrue(XLogRecord.hasValidCrc(rec));

        DecodedXLogRecord d = DecodedXLogRecord.decode(0x1000100L, 0x1001000L, rec);
        assertEquals(RmgrId.HEAP, d.rmgr());
        assertEquals(0x10, d.header().rmgrInfo());
        assertEquals(742, d.xid());
        assertEquals(0x1000028L, d.prev());
        assertEquals(3, d.maxBlockId());
        assertFalse(d.hasBlockRef(2));
        assertArrayEquals(main, toArray(d.mainData()));

        DecodedBkpBlock b0 = d.block(0);
        assertEquals(REL, b0.locator());
        assertEquals(7, b0.blockNo());
        assertTrue(b0.hasImage());
        assertTrue(b0.applyImage());
        assertFalse(b0.hasData());
        assertEquals(40, b0.holeOffset());
        assertEquals(holeLength, b0.holeLength());
        assertEquals(8192 - holeLength, b0.image().byteSize());
        assertEquals(XLogRecord.BKPIMAGE_HAS_HOLE | XLogRecord.BKPIMAGE_APPLY, b0.bimgInfo());
        MemorySegment restored = MemorySegment.ofArray(new byte[XLogDefs.BLCKSZ]);
        restored.fill((byte) 0x55);
        d.restoreBlockImage(0, restored);
        assertArrayEquals(toArray(page0), toArray(restored), "image with hole restores the page, hole zeroed");

        DecodedBkpBlock b1 = d.block(1);
        assertEquals(REL, b1.locator(), "BKPBLOCK_SAME_REL resolves to the previous block's relation");
        assertTrue((b1.flags() & XLogRecord.BKPBLOCK_SAME_REL) != 0);
        assertTrue(b1.willInit());
        assertNull(b1.image());
        assertArrayEquals(data1, toArray(d.blockData(1)));

        DecodedBkpBlock b3 = d.block(3);
        assertEquals(OTHER, b3.locator());
        assertEquals(ForkNumber.VM, b3.fork());
        assertEquals(0, b3.flags() & XLogRecord.BKPBLOCK_SAME_REL);
        assertArrayEquals(data3, toArray(b3.data()));
        assertEquals(List.of(0, 1, 3), d.blocks().stream().map(DecodedBkpBlock::blockId).toList());
    }

    @Test
    void fullPageImageOnlyForFirstChangeAfterCheckpoint() {
        long redo = 0x3000000L;
        byte[] data = bytes(10, 1);
        // Page last changed before the checkpoint's redo pointer: image, and its data is dropped.
        MemorySegment old = standardPage(redo - 8, 64, 4096, 2);
        DecodedXLogRecord d1 = DecodedXLogRecord.decode(0x3000100L, 0, new XLogRecordBuilder()
                .registerBuffer(0, REL, ForkNumber.MAIN, 1, old, XLogRecordBuilder.REGBUF_STANDARD)
                .registerBufData(0, data)
                .assemble(RmgrId.HEAP, 0, 5, redo, true).finish(0));
        assertTrue(d1.block(0).hasImage());
        assertFalse(d1.block(0).hasData());
        // Changed after the redo pointer: no image, data kept.
        MemorySegment recent = standardPage(redo + 8, 64, 4096, 2);
        DecodedXLogRecord d2 = DecodedXLogRecord.decode(0x3000100L, 0, new XLogRecordBuilder()
                .registerBuffer(0, REL, ForkNumber.MAIN, 1, recent, XLogRecordBuilder.REGBUF_STANDARD)
                .registerBufData(0, data)
                .assemble(RmgrId.HEAP, 0, 5, redo, true).finish(0));
        assertFalse(d2.block(0).hasImage());
        assertArrayEquals(data, toArray(d2.blockData(0)));
        // full_page_writes off: never an image.
        DecodedXLogRecord d3 = DecodedXLogRecord.decode(0x3000100L, 0, new XLogRecordBuilder()
                .registerBuffer(0, REL, ForkNumber.MAIN, 1, old, XLogRecordBuilder.REGBUF_STANDARD)
                .assemble(RmgrId.HEAP, 0, 5, redo, false).finish(0));
        assertFalse(d3.block(0).hasImage());
        // KEEP_DATA keeps the data alongside the image.
        DecodedXLogRecord d4 = DecodedXLogRecord.decode(0x3000100L, 0, new XLogRecordBuilder()
                .registerBuffer(0, REL, ForkNumber.MAIN, 1, old, XLogRecordBuilder.REGBUF_STANDARD | XLogRecordBuilder.REGBUF_KEEP_DATA)
                .registerBufData(0, data)
                .assemble(RmgrId.HEAP, 0, 5, redo, true).finish(0));
        assertTrue(d4.block(0).hasImage());
        assertArrayEquals(data, toArray(d4.blockData(0)));
    }

    @Test
    void nonStandardPageImageHasNoHole() {
        MemorySegment page = standardPage(0, 40, 8000, 3);
        DecodedXLogRecord d = DecodedXLogRecord.decode(0x100L, 0, new XLogRecordBuilder()
                .registerBuffer(0, REL, ForkNumber.FSM, 2, page, XLogRecordBuilder.REGBUF_FORCE_IMAGE)
                .assemble(RmgrId.XLOG, 0xB0, 0).finish(0));
        DecodedBkpBlock b = d.block(0);
        assertEquals(XLogDefs.BLCKSZ, b.image().byteSize());
        assertEquals(0, b.holeLength());
        assertEquals(XLogRecord.BKPIMAGE_APPLY, b.bimgInfo());
        MemorySegment restored = MemorySegment.ofArray(new byte[XLogDefs.BLCKSZ]);
        d.restoreBlockImage(0, restored);
        assertArrayEquals(toArray(page), toArray(restored));
    }

    @Test
    void crcMismatchIsDetected() {
        MemorySegment rec = new XLogRecordBuilder().registerData(bytes(100, 1))
                .registerBuffer(0, REL, ForkNumber.MAIN, 1, standardPage(0, 40, 4000, 1), XLogRecordBuilder.REGBUF_STANDARD | XLogRecordBuilder.REGBUF_FORCE_IMAGE)
                .assemble(RmgrId.HEAP2, 0x20, 9).finish(0x5000L);
        assertTrue(XLogRecord.hasValidCrc(rec));
        for (long off : new long[] {4, 8, 16, 17, 30, rec.byteSize() - 1}) {
            byte saved = rec.get(ValueLayout.JAVA_BYTE, off);
            rec.set(ValueLayout.JAVA_BYTE, off, (byte) (saved ^ 0x10));
            assertFalse(XLogRecord.hasValidCrc(rec), "flipped bit at " + off);
            rec.set(ValueLayout.JAVA_BYTE, off, saved);
        }
        assertTrue(XLogRecord.hasValidCrc(rec));
    }

    @Test
    void inconsistentRecordsAreRejectedWithPostgresMessages() {
        MemorySegment rec = new XLogRecordBuilder()
                .registerBuffer(0, REL, ForkNumber.MAIN, 1, null, XLogRecordBuilder.REGBUF_NO_IMAGE)
                .registerBuffer(1, REL, ForkNumber.MAIN, 2, null, XLogRecordBuilder.REGBUF_NO_IMAGE)
                .assemble(RmgrId.HEAP, 0, 1).finish(0);
        // Block 1's header (after block 0's 4 + 12 + 4 bytes) renamed to block 0.
        rec.set(ValueLayout.JAVA_BYTE, 24 + 20, (byte) 0);
        InvalidXLogRecordException e = assertThrows(InvalidXLogRecordException.class, () -> DecodedXLogRecord.decode(0x1000028L, 0, rec));
        assertEquals("out-of-order block_id 0 at 0/1000028", e.getMessage());
        rec.set(ValueLayout.JAVA_BYTE, 24 + 20, (byte) 40);
        e = assertThrows(InvalidXLogRecordException.class, () -> DecodedXLogRecord.decode(0x1000028L, 0, rec));
        assertEquals("invalid block_id 40 at 0/1000028", e.getMessage());

        MemorySegment shortRec = new XLogRecordBuilder().registerData(bytes(10, 0)).assemble(RmgrId.XLOG, 0x20, 0).finish(0);
        shortRec.set(ValueLayout.JAVA_BYTE, 25, (byte) 11); // main data longer than the record
        e = assertThrows(InvalidXLogRecordException.class, () -> DecodedXLogRecord.decode(0x28L, 0, shortRec));
        assertEquals("record with invalid length at 0/28", e.getMessage());
    }

    @Test
    void builderRefusesMisuse() {
        XLogRecordBuilder b = new XLogRecordBuilder();
        assertThrows(IllegalStateException.class, () -> b.registerBufData(0, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> b.registerBuffer(33, REL, ForkNumber.MAIN, 0, null, XLogRecordBuilder.REGBUF_NO_IMAGE));
        assertThrows(IllegalArgumentException.class, () -> b.registerBuffer(0, REL, ForkNumber.MAIN, 0, null, 0));
        assertThrows(IllegalArgumentException.class, () -> b.assemble(RmgrId.HEAP, 0x04, 0));
        b.registerBuffer(0, REL, ForkNumber.MAIN, 0, null, XLogRecordBuilder.REGBUF_NO_IMAGE);
        assertThrows(IllegalStateException.class, () -> b.registerBuffer(0, REL, ForkNumber.MAIN, 0, null, XLogRecordBuilder.REGBUF_NO_IMAGE));
        assertThrows(IllegalStateException.class, () -> b.registerBufData(0, new byte[70000]));
    }
}
