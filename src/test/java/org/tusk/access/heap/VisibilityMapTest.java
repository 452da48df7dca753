package org.tusk.access.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.table.VacuumStats;
import org.tusk.access.transam.DecodedXLogRecord;
import org.tusk.access.transam.RmgrId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The visibility map: its page format, VACUUM setting it, changes clearing it, WAL replay restoring both. */
class VisibilityMapTest {
    @TempDir
    Path dir;

    private static final String PAD = "v".repeat(200);

    @Test
    void twoBitsPerHeapBlockAfterThePageHeaderAsPostgresLaysThemOut() {
        assertEquals(8168, VisibilityMap.MAPSIZE);
        assertEquals(32672, VisibilityMap.HEAPBLOCKS_PER_PAGE);
        assertEquals(1, VisibilityMap.mapBlock(32672));
        assertEquals(0, VisibilityMap.mapBlock(32671));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(Page.BLCKSZ, 8);
            assertEquals(0, VisibilityMap.bits(page, 5), "a zero page is an empty map");
            assertTrue(VisibilityMap.setBits(page, 5, VisibilityMap.ALL_VISIBLE));
            assertFalse(Page.isNew(page), "setting a bit initialises the page");
            // heap block 5: byte 1 of the map (24 + 1 in the page), bits 2..3
            assertEquals(0b0000_0100, page.get(JAVA_BYTE, 25));
            assertFalse(VisibilityMap.setBits(page, 5, VisibilityMap.ALL_VISIBLE), "already set: no change");
            assertTrue(VisibilityMap.setBits(page, 5, VisibilityMap.ALL_FROZEN));
            assertEquals(0b0000_1100, page.get(JAVA_BYTE, 25));
            assertEquals(VisibilityMap.VALID_BITS, VisibilityMap.bits(page, 5));
            assertEquals(0, VisibilityMap.bits(page, 4));
            assertEquals(0, VisibilityMap.bits(page, 6));
            VisibilityMap.setBits(page, 32671, VisibilityMap.ALL_VISIBLE);
            assertEquals(0b0100_0000, page.get(JAVA_BYTE, Page.BLCKSZ - 1) & 0xff, "the last block's pair is the top of the last byte");
            assertArrayEquals(new int[] {2, 1}, VisibilityMap.countPage(page));
            assertTrue(VisibilityMap.clearBits(page, 5, VisibilityMap.ALL_FROZEN));
            assertEquals(VisibilityMap.ALL_VISIBLE, VisibilityMap.bits(page, 5));
            assertTrue(VisibilityMap.clearBits(page, 5, VisibilityMap.VALID_BITS));
            assertFalse(VisibilityMap.clearBits(page, 5, VisibilityMap.VALID_BITS));
            assertArrayEquals(new int[] {1, 0}, VisibilityMap.countPage(page));
        }
    }

    private static List<ItemPointer> fill(TestBackend b, Relation rel, int n) {
        List<ItemPointer> tids = new ArrayList<>();
        for (int i = 0; i < n; i++) tids.add(b.am.insert(rel, new Object[] {i, PAD}, 0));
        b.commit();
        return tids;
    }

    private static boolean pageFlag(TestBackend b, Relation rel, int block) {
        boolean[] f = new boolean[1];
        HeapAmTest.onPage(b, rel, block, p -> f[0] = PageHeader.hasFlag(p, PageHeader.PD_ALL_VISIBLE));
        return f[0];
    }

    @Test
    void vacuumMarksPagesAllVisibleAndEveryKindOfChangeClearsThem() throws Exception {
        try (TestCluster c = new TestCluster(dir, 64, true)) {
            Relation rel = c.createTable(16700);
            TestBackend b = c.backend();
            List<ItemPointer> tids = fill(b, rel, 200);
            int pages = b.am.numberOfBlocks(rel);
            assertTrue(pages > 3);
            assertEquals(0, b.am.allVisiblePages(rel), "no map before VACUUM");
            assertFalse(b.am.isAllVisible(rel, 0));

            // A scan sets the commit hints VACUUM needs (HEAP_XMIN_COMMITTED) as PostgreSQL's would.
            HeapAmTest.scan(b, rel, b.snapshot());
            b.commit();
            VacuumStats st = b.am.vacuum(rel, false, isDead -> { });
            b.commit();
            assertEquals(pages, st.allVisiblePages());
            assertEquals(pages, b.am.allVisiblePages(rel));
            for (int blk = 0; blk < pages; blk++) {
                assertTrue(b.am.isAllVisible(rel, blk));
                assertTrue(pageFlag(b, rel, blk), "PD_ALL_VISIBLE on page " + blk);
            }

            ItemPointer onFirst = tids.get(0), onSecond = tids.stream().filter(t -> t.block() == 1).findFirst().orElseThrow();
            assertTrue(b.am.delete(rel, onFirst, 0, b.snapshot(), true).isOk());
            b.am.update(rel, onSecond, new Object[] {-1, "short"}, 0, b.snapshot(), true, null);
            b.commit();
            assertFalse(b.am.isAllVisible(rel, 0), "a delete clears the bit");
            assertFalse(pageFlag(b, rel, 0));
            assertFalse(b.am.isAllVisible(rel, 1), "an update clears the bit");
            assertTrue(b.am.isAllVisible(rel, 2));
            assertEquals(pages - 2, b.am.allVisiblePages(rel));

            // An insert onto an all-visible page (the last one, the insert target) clears it too.
            int last = pages - 1;
            assertTrue(b.am.isAllVisible(rel, last));
            ItemPointer t = b.am.insert(rel, new Object[] {999, "x"}, 0);
            b.commit();
            assertEquals(last, t.block());
            assertFalse(b.am.isAllVisible(rel, last));

            // Once VACUUM has removed the deleted row, its page is all-visible again; a row that
            // an open snapshot still sees (RECENTLY_DEAD) keeps its page out of the map.
            TestBackend reader = c.backend();
            org.tusk.utils.time.Snapshot old = reader.snapshot();
            ItemPointer onThird = tids.stream().filter(x -> x.block() == 2).findFirst().orElseThrow();
            assertTrue(b.am.delete(rel, onThird, 0, b.snapshot(), true).isOk());
            b.commit();
            HeapAmTest.scan(b, rel, b.snapshot());
            b.commit();
            b.am.vacuum(rel, false, isDead -> { });
            b.commit();
            assertTrue(b.am.isAllVisible(rel, last), "the new row is committed and older than every snapshot");
            assertTrue(b.am.isAllVisible(rel, 0), "the deleted row's dead item was freed");
            assertFalse(b.am.isAllVisible(rel, 2), "a row an open snapshot still sees keeps the page out");
            assertEquals(pages - 1, b.am.allVisiblePages(rel));
            assertTrue(HeapAmTest.scan(reader, rel, old).stream().anyMatch(r -> r[0].equals(tids.indexOf(onThird))),
                    "the old snapshot still sees the deleted row");
            reader.commit();
        }
    }

    @Test
    void replayRestoresTheMapAndItsClearsAndPgWaldumpDecodesTheRecord() throws Exception {
        Path primary = dir.resolve("primary");
        try (TestCluster c = new TestCluster(primary, 32, true)) {
            Relation rel = c.createTable(16701);
            TestBackend b = c.backend();
            List<ItemPointer> tids = fill(b, rel, 120);
            HeapAmTest.scan(b, rel, b.snapshot());
            b.commit();
            b.am.vacuum(rel, false, isDead -> { });
            b.commit();
            int pages = b.am.numberOfBlocks(rel);
            assertTrue(b.am.delete(rel, tids.get(0), 0, b.snapshot(), true).isOk());
            b.commit();
            c.flushAll();
            List<DecodedXLogRecord> recs = HeapWalTest.readWal(c);
            assertTrue(recs.stream().anyMatch(r -> r.rmgr() == RmgrId.HEAP2 && (r.info() & 0xF0) == HeapXLog.XLOG_HEAP2_VISIBLE));

            Path replica = dir.resolve("replica");
            HeapWalTest.replay(recs, replica, 16);
            byte[] vmPrimary = vmBlock(primary, rel), vmReplica = vmBlock(replica, rel);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment p = arena.allocate(Page.BLCKSZ, 8);
                MemorySegment.copy(MemorySegment.ofArray(vmReplica), 0, p, 0, Page.BLCKSZ);
                assertEquals(0, VisibilityMap.bits(p, 0), "the delete's flag cleared block 0 in redo");
                for (int blk = 1; blk < pages; blk++) assertEquals(VisibilityMap.ALL_VISIBLE,
                        VisibilityMap.bits(p, blk) & VisibilityMap.ALL_VISIBLE, "block " + blk);
            }
            assertArrayEquals(java.util.Arrays.copyOfRange(vmPrimary, 24, Page.BLCKSZ),
                    java.util.Arrays.copyOfRange(vmReplica, 24, Page.BLCKSZ), "same bitmap");
            List<byte[]> heapPages = HeapWalTest.blocks(replica, rel);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment p = arena.allocate(Page.BLCKSZ, 8);
                MemorySegment.copy(MemorySegment.ofArray(heapPages.get(1)), 0, p, 0, Page.BLCKSZ);
                assertTrue(PageHeader.hasFlag(p, PageHeader.PD_ALL_VISIBLE), "redo set PD_ALL_VISIBLE");
                MemorySegment.copy(MemorySegment.ofArray(heapPages.get(0)), 0, p, 0, Page.BLCKSZ);
                assertFalse(PageHeader.hasFlag(p, PageHeader.PD_ALL_VISIBLE), "and the delete cleared it again");
            }

            assumeTrue(Files.isExecutable(HeapWalTest.PG_WALDUMP), "pg_waldump of PostgreSQL 15 not installed");
            Process proc = new ProcessBuilder(HeapWalTest.PG_WALDUMP.toString(), "-p", c.dataDir.resolve("pg_wal").toString(),
                    "-s", HeapWalTest.lsn8(TestCluster.firstRecord())).start();
            proc.getOutputStream().close();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
            String err = new String(proc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(out.lines().anyMatch(l -> l.contains("Heap2") && l.contains("desc: VISIBLE cutoff xid ")
                    && l.contains("fork vm")), out + err);
            assertTrue(out.lines().anyMatch(l -> l.contains("desc: DELETE") && l.contains("flags 0x01")), out + err);
        }
    }

    private static byte[] vmBlock(Path dataDir, Relation rel) {
        try (Arena arena = Arena.ofConfined(); StorageManager smgr = new StorageManager(dataDir, TestCluster.NO_FSYNC)) {
            assertTrue(smgr.exists(rel.locator(), ForkNumber.VM), "the _vm fork exists in " + dataDir);
            MemorySegment buf = arena.allocate(Page.BLCKSZ, 8);
            smgr.read(rel.locator(), ForkNumber.VM, 0, buf);
            return buf.toArray(JAVA_BYTE);
        }
    }
}
