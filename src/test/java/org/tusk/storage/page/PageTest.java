package org.tusk.storage.page;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageTest {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment page = arena.allocate(Page.BLCKSZ, 8);

    @AfterEach
    void close() {
        arena.close();
    }

    private MemorySegment item(int len, int fill) {
        MemorySegment s = arena.allocate(len);
        s.fill((byte) fill);
        return s;
    }

    private static byte[] bytes(MemorySegment s) {
        return s.toArray(JAVA_BYTE);
    }

    @Test
    void initWritesPostgresHeaderBytes() {
        page.fill((byte) 0x7F);
        Page.init(page, 0);
        // PageInit(page, 8192, 0): lsn 0, checksum 0, flags 0, lower 24, upper 8192, special 8192,
        // pagesize_version 0x2004, prune_xid 0, all little-endian; the rest of the page zero.
        byte[] expected = HexFormat.of().parseHex("0000000000000000" + "0000" + "0000" + "1800" + "0020" + "0020" + "0420" + "00000000");
        assertArrayEquals(expected, bytes(page.asSlice(0, 24)));
        assertEquals(-1, page.asSlice(24).mismatch(arena.allocate(Page.BLCKSZ - 24)));
        assertEquals(24, PageHeader.SIZE);
        assertEquals(0x2004, PageHeader.pageSizeVersion(page));
        assertEquals(8192, PageHeader.pageSize(page));
        assertEquals(4, PageHeader.layoutVersion(page));
        assertTrue(Page.isEmpty(page));
        assertFalse(Page.isNew(page));
        assertEquals(8192 - 24 - 4, Page.freeSpace(page));
        assertEquals(0, Page.specialSize(page));
    }

    @Test
    void lsnIsTwoHalves() {
        Page.init(page, 0);
        PageHeader.setLsn(page, 0x0000_0001_8000_0028L);
        assertArrayEquals(HexFormat.of().parseHex("0100000028000080"), bytes(page.asSlice(0, 8)));
        assertEquals(0x0000_0001_8000_0028L, PageHeader.lsn(page));
    }

    @Test
    void specialSpaceIsMaxAlignedAtTheEnd() {
        Page.init(page, 13);
        assertEquals(8176, PageHeader.special(page));
        assertEquals(8176, PageHeader.upper(page));
        assertEquals(16, Page.specialSize(page));
        assertEquals(16, Page.special(page).byteSize());
        Page.special(page).fill((byte) 9);
        assertEquals(1, Page.addItem(page, item(5, 1), 0));
        assertEquals(8168, ItemId.offset(Page.itemId(page, 1)));
        assertEquals(9, page.get(JAVA_BYTE, 8191));
    }

    @Test
    void addItemsGrowDownAlignedWithLinePointerBits() {
        Page.init(page, 0);
        assertEquals(1, Page.addItem(page, item(10, 0xA1), 0));
        assertEquals(2, Page.addItem(page, item(20, 0xA2), 0));
        assertEquals(3, Page.addItem(page, item(30, 0xA3), 0));
        assertEquals(36, PageHeader.lower(page));
        assertEquals(8192 - 16 - 24 - 32, PageHeader.upper(page));
        assertEquals(8120 - 36 - 4, Page.freeSpace(page));
        assertEquals(8120 - 36, Page.exactFreeSpace(page));
        // lp 1: lp_off 8176 (0x1FF0), lp_flags NORMAL (1 << 15), lp_len 10 (<< 17) = 0x00149FF0, LE.
        assertArrayEquals(HexFormat.of().parseHex("f09f1400"), bytes(page.asSlice(24, 4)));
        int lp2 = Page.itemId(page, 2);
        assertEquals(8152, ItemId.offset(lp2));
        assertEquals(20, ItemId.length(lp2));
        assertTrue(ItemId.isNormal(lp2));
        assertArrayEquals(bytes(item(30, 0xA3)), bytes(Page.item(page, 3)));
        assertEquals(3, Page.maxOffsetNumber(page));
    }

    @Test
    void addItemReturnsInvalidWhenFull() {
        Page.init(page, 0);
        assertEquals(1, Page.addItem(page, item(8000, 1), 0));
        assertEquals(Page.INVALID_OFFSET_NUMBER, Page.addItem(page, item(200, 2), 0));
        assertEquals(1, Page.maxOffsetNumber(page), "a failed add changes nothing");
        assertEquals(2, Page.addItem(page, item(150, 2), 0));
    }

    @Test
    void repairFragmentationCompactsKeepsNumbersAndTruncatesTrailingUnused() {
        Page.init(page, 0);
        for (int i = 1; i <= 4; i++) assertEquals(i, Page.addItem(page, item(10 * i, i), 0));
        ItemId.set(page, 2, ItemId.unused());
        ItemId.set(page, 4, ItemId.unused());
        int freeBefore = Page.freeSpace(page);
        PageCompaction.repairFragmentation(page);
        assertEquals(3, Page.maxOffsetNumber(page), "trailing unused line pointer removed");
        assertEquals(8176, ItemId.offset(Page.itemId(page, 1)));
        assertEquals(8144, ItemId.offset(Page.itemId(page, 3)), "item 3 moved up against item 1");
        assertEquals(8144, PageHeader.upper(page));
        assertArrayEquals(bytes(item(30, 3)), bytes(Page.item(page, 3)));
        assertArrayEquals(bytes(item(10, 1)), bytes(Page.item(page, 1)));
        assertEquals(freeBefore + 24 + 40 + 4, Page.freeSpace(page), "items 2 and 4 (aligned 24, 40) and one line pointer");
        assertTrue(PageHeader.hasFlag(page, PageHeader.PD_HAS_FREE_LINES));

        // The unused line pointer 2 is reused; the next add finds none, appends and clears the hint.
        assertEquals(2, Page.addItem(page, item(5, 7), 0));
        assertEquals(4, Page.addItem(page, item(5, 8), 0));
        assertFalse(PageHeader.hasFlag(page, PageHeader.PD_HAS_FREE_LINES));
        assertArrayEquals(bytes(item(5, 7)), bytes(Page.item(page, 2)));
    }

    @Test
    void repairFragmentationRestoresLinePointerOrderWhenNotPresorted() {
        Page.init(page, 0);
        assertEquals(1, Page.addItem(page, item(12, 0xAA), 0));
        assertEquals(1, Page.addItem(page, item(20, 0xBB), 1, 0));   // shuffles AA to offset 2
        assertEquals(3, Page.addItem(page, item(8, 0xCC), 0));
        ItemId.set(page, 3, ItemId.dead());   // dead, no storage: its space is reclaimed, the number kept
        PageCompaction.repairFragmentation(page);
        assertEquals(3, Page.maxOffsetNumber(page));
        assertEquals(8192 - 24, ItemId.offset(Page.itemId(page, 1)), "item 1 (BB) now highest");
        assertEquals(8192 - 24 - 16, ItemId.offset(Page.itemId(page, 2)));
        assertEquals(8152, PageHeader.upper(page));
        assertArrayEquals(bytes(item(20, 0xBB)), bytes(Page.item(page, 1)));
        assertArrayEquals(bytes(item(12, 0xAA)), bytes(Page.item(page, 2)));
        assertTrue(ItemId.isDead(Page.itemId(page, 3)));
        assertFalse(PageHeader.hasFlag(page, PageHeader.PD_HAS_FREE_LINES));
    }

    @Test
    void repairFragmentationRejectsCorruptPointers() {
        Page.init(page, 0);
        PageHeader.setLower(page, 9000);
        PgException e = assertThrows(PgException.class, () -> PageCompaction.repairFragmentation(page));
        assertEquals(SqlState.DATA_CORRUPTED, e.sqlState());
        assertEquals("corrupted page pointers: lower = 9000, upper = 8192, special = 8192", e.getMessage());
    }

    @Test
    void indexTupleDeleteClosesBothGaps() {
        Page.init(page, 16);
        for (int i = 1; i <= 3; i++) assertEquals(i, Page.addItem(page, item(8 + i, i), 0));
        int upperBefore = PageHeader.upper(page);
        PageCompaction.indexTupleDelete(page, 2);
        assertEquals(2, Page.maxOffsetNumber(page));
        assertEquals(upperBefore + 16, PageHeader.upper(page));
        assertArrayEquals(bytes(item(9, 1)), bytes(Page.item(page, 1)));
        assertArrayEquals(bytes(item(11, 3)), bytes(Page.item(page, 2)), "item 3 renumbered to 2");
        assertEquals(8176 - 16, ItemId.offset(Page.itemId(page, 1)));
        assertEquals(8176 - 32, ItemId.offset(Page.itemId(page, 2)));
        assertThrows(PgException.class, () -> PageCompaction.indexTupleDelete(page, 3));
    }

    @Test
    void addWithOffsetNumberShufflesOrOverwrites() {
        Page.init(page, 0);
        Page.addItem(page, item(8, 1), 0);
        Page.addItem(page, item(8, 2), 0);
        assertEquals(2, Page.addItem(page, item(8, 9), 2, 0));
        assertArrayEquals(bytes(item(8, 9)), bytes(Page.item(page, 2)));
        assertArrayEquals(bytes(item(8, 2)), bytes(Page.item(page, 3)));
        assertThrows(IllegalArgumentException.class, () -> Page.addItem(page, item(8, 3), 2, Page.PAI_OVERWRITE));
        assertThrows(IllegalArgumentException.class, () -> Page.addItem(page, item(8, 3), 9, 0));
        ItemId.set(page, 2, ItemId.unused());
        assertEquals(2, Page.addItem(page, item(8, 4), 2, Page.PAI_OVERWRITE));
        assertEquals(3, Page.maxOffsetNumber(page));
    }

    @Test
    void heapPageIsFullAtMaxHeapTuplesPerPage() {
        assertEquals(291, Page.MAX_HEAP_TUPLES_PER_PAGE);
        Page.init(page, 0);
        for (int i = 1; i <= 291; i++) assertEquals(i, Page.addItem(page, item(1, i), Page.PAI_IS_HEAP));
        assertTrue(Page.freeSpace(page) > 0);
        assertEquals(0, Page.heapFreeSpace(page));
        assertEquals(Page.INVALID_OFFSET_NUMBER, Page.addItem(page, item(1, 0), Page.PAI_IS_HEAP));
        ItemId.set(page, 100, ItemId.unused());
        PageCompaction.repairFragmentation(page);
        assertEquals(Page.freeSpace(page), Page.heapFreeSpace(page));
        assertEquals(100, Page.addItem(page, item(1, 0), Page.PAI_IS_HEAP));
    }

    @Test
    void verification() {
        page.fill((byte) 0);
        assertEquals(PageVerifier.Result.ALL_ZEROES, PageVerifier.verify(page, 0, true));
        page.set(JAVA_BYTE, 4000, (byte) 1);
        assertEquals(PageVerifier.Result.CORRUPT_HEADER, PageVerifier.verify(page, 0, true), "pd_upper 0 but not zero");
        Page.init(page, 0);
        Page.addItem(page, item(40, 3), 0);
        assertEquals(PageVerifier.Result.VALID, PageVerifier.verify(page, 5, false));
        assertEquals(PageVerifier.Result.CHECKSUM_FAILURE, PageVerifier.verify(page, 5, true));
        Checksum.setInPlace(page, 5);
        assertEquals(PageVerifier.Result.VALID, PageVerifier.verify(page, 5, true));
        assertEquals(PageVerifier.Result.CHECKSUM_FAILURE, PageVerifier.verify(page, 6, true), "wrong block");
        page.set(JAVA_BYTE, 8190, (byte) 0x55);
        assertEquals(PageVerifier.Result.CHECKSUM_FAILURE, PageVerifier.verify(page, 5, true));
        PageHeader.setFlags(page, 0x10);
        assertEquals(PageVerifier.Result.CORRUPT_HEADER, PageVerifier.verify(page, 5, false));
    }

    @Test
    void rejectsWrongSizeOrMisalignedPages() {
        assertThrows(IllegalArgumentException.class, () -> Page.init(arena.allocate(4096, 8), 0));
        assertThrows(IllegalArgumentException.class, () -> Page.init(arena.allocate(Page.BLCKSZ + 8, 8).asSlice(4, Page.BLCKSZ), 0));
    }
}
