package org.tusk.access.transam;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XLogRecPtrTest {
    @Test
    void formatsLikePostgres() {
        assertEquals("0/16B3D18", XLogRecPtr.format(0x16B3D18L));
        assertEquals("0/0", XLogRecPtr.format(0));
        assertEquals("16/B374D848", XLogRecPtr.format(0x16_B374_D848L));
        assertEquals("FFFFFFFF/FFFFFFFF", XLogRecPtr.format(-1L));
    }

    @Test
    void parsesWhatItPrints() {
        assertEquals(0x16B3D18L, XLogRecPtr.parse("0/16B3D18"));
        assertEquals(0x16_B374_D848L, XLogRecPtr.parse("16/b374d848"));
        assertEquals(-1L, XLogRecPtr.parse("FFFFFFFF/FFFFFFFF"));
        for (String bad : new String[] {"", "0", "/1", "1/", "G/1", "123456789/0", "0/123456789", "0/1/2", " 0/1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XLogRecPtr.parse(bad), bad);
            assertEquals("invalid input syntax for type pg_lsn: \"" + bad + "\"", e.getMessage());
        }
    }

    @Test
    void segmentFileNames() {
        WalSegmentSize s = WalSegmentSize.DEFAULT;
        assertEquals(16 * 1024 * 1024, WalSegmentSize.WAL_SEGMENT_SIZE);
        assertEquals("000000010000000000000001", s.fileNameOf(1, 0x16B3D18L));
        assertEquals("000000010000000000000000", s.fileNameOf(1, 0xFFFFFFL));
        assertEquals("0000000200000001000000FF", s.fileNameOf(2, 0x1_FF00_0000L));
        assertEquals(256, s.segmentsPerXLogId());
        assertEquals(0x1_FF00_0000L, s.segmentStart(s.segmentNumberOf("0000000200000001000000FF")));
        assertEquals(2, WalSegmentSize.timeLineOf("0000000200000001000000FF"));
        assertEquals(0x6B3D18, s.segmentOffset(0x16B3D18L));

        WalSegmentSize oneMb = new WalSegmentSize(1024 * 1024);
        assertEquals("000000010000000000000016", oneMb.fileNameOf(1, 0x16B3D18L));
        assertEquals("000000010000000100000FFF", oneMb.fileNameOf(1, 0x1_FFF0_0000L));
        assertTrue(oneMb.isValidForPostgres());
        assertFalse(new WalSegmentSize(32 * 1024).isValidForPostgres());
        assertFalse(WalSegmentSize.isXLogFileName("00000001000000000000001"));
        assertFalse(WalSegmentSize.isXLogFileName("00000001000000000000001g"));
    }

    @Test
    void segmentSizeMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new WalSegmentSize(3 * 1024 * 1024));
        assertThrows(IllegalArgumentException.class, () -> new WalSegmentSize(8192));
        assertThrows(IllegalArgumentException.class, () -> new WalSegmentSize(2 * 1024 * 1024 * 1024 - 1));
    }

    @Test
    void rmgrIdsAreFixedOnDisk() {
        assertEquals(0, RmgrId.XLOG.id());
        assertEquals(1, RmgrId.XACT.id());
        assertEquals(2, RmgrId.SMGR.id());
        assertEquals(3, RmgrId.CLOG.id());
        assertEquals(9, RmgrId.HEAP2.id());
        assertEquals(10, RmgrId.HEAP.id());
        assertEquals(11, RmgrId.BTREE.id());
        assertEquals(21, RmgrId.LOGICALMSG.id());
        assertEquals(RmgrId.HEAP, RmgrId.of(10));
        assertEquals(null, RmgrId.of(22));
    }
}
