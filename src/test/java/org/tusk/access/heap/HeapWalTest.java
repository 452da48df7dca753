package org.tusk.access.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.HeapTupleHeader;
import org.tusk.access.table.ModifyResult;
import org.tusk.access.transam.DecodedBkpBlock;
import org.tusk.access.transam.DecodedXLogRecord;
import org.tusk.access.transam.RedoContext;
import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogFiles;
import org.tusk.access.transam.XLogReadResult;
import org.tusk.access.transam.XLogReader;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferPool;
import org.tusk.storage.buffer.SmgrBlockIO;
import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.ItemId;
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
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * WAL round trips: changes made through the heap are replayed by the redo routines into an empty
 * data directory, and the pages compared with the originals; PostgreSQL 15's pg_waldump reads
 * the records.
 */
class HeapWalTest {
    @TempDir
    Path dir;

    static final Path PG_WALDUMP = Path.of("/usr/lib/postgresql/15/bin/pg_waldump");

    private static String pad(int n) {
        return "q".repeat(n);
    }

    private static BitSet attrs(int... a) {
        BitSet b = new BitSet();
        for (int x : a) b.set(x);
        return b;
    }

    /**
     * Inserts over several pages, HOT and non-HOT updates (also to another page), deletes, an
     * aborted delete and insert, and pruning. {@code midpoint} runs half-way (a checkpoint).
     */
    static void workload(TestCluster c, Relation rel, Runnable midpoint) {
        TestBackend a = c.backend(), b = c.backend();
        List<ItemPointer> t = new ArrayList<>();
        for (int i = 0; i < 300; i++) t.add(a.am.insert(rel, new Object[] {i, "v" + i + pad(i % 50)}, a.cid));
        a.commit();
        for (int i = 0; i < 40; i++) {
            ModifyResult r = a.am.update(rel, t.get(i), new Object[] {i, "hot" + i}, 0, a.snapshot(), true, attrs(1));
            assertTrue(r.isOk());
            t.set(i, r.newTid());
        }
        a.commit();
        midpoint.run();
        for (int i = 50; i < 80; i++) {
            ModifyResult r = a.am.update(rel, t.get(i), new Object[] {i + 1000, "cold" + i}, 0, a.snapshot(), true, attrs(1));
            assertTrue(r.isOk());
            t.set(i, r.newTid());
        }
        // Grow rows on the first page until they no longer fit: versions move to other pages.
        for (int i = 0; i < 40; i++) {
            ModifyResult r = a.am.update(rel, t.get(i), new Object[] {i, "big" + pad(300)}, 0, a.snapshot(), true, attrs(1));
            assertTrue(r.isOk());
            t.set(i, r.newTid());
        }
        a.commit();
        for (int i = 100; i < 160; i++) assertTrue(b.am.delete(rel, t.get(i), 0, b.snapshot(), true).isOk());
        b.commit();
        for (int i = 160; i < 170; i++) assertTrue(b.am.delete(rel, t.get(i), 0, b.snapshot(), true).isOk());
        b.am.insert(rel, new Object[] {-1, "aborted"}, 0);
        b.abort();
        // Inserted, then deleted and updated by the same transaction (combo command ids).
        ItemPointer own = a.am.insert(rel, new Object[] {-2, "own"}, a.cid);
        a.cci();
        ItemPointer own2 = a.am.update(rel, own, new Object[] {-2, "own2"}, a.cid, a.snapshot(), true, attrs(1)).newTid();
        a.cci();
        assertTrue(a.am.delete(rel, own2, a.cid, a.snapshot(), true).isOk());
        a.commit();
        int pruned = 0;
        for (int blk = 0; blk < a.am.numberOfBlocks(rel); blk++) pruned += Math.max(0, a.am.prunePage(rel, blk));
        assertTrue(pruned > 60, "pruning removed the dead versions: " + pruned);
        a.am.insert(rel, new Object[] {-3, "after prune"}, 0);
        a.commit();
    }

    static List<DecodedXLogRecord> readWal(TestCluster c) {
        try (TestBackend b = new TestBackend(c)) {
            b.xlog().flushUnchecked(b.xlog().getInsertRecPtr());
        }
        List<DecodedXLogRecord> out = new ArrayList<>();
        try (XLogReader r = new XLogReader(new XLogFiles(c.dataDir.resolve("pg_wal"), TestCluster.SEG), TestCluster.TLI,
                TestCluster.SYSID)) {
            r.beginRead(TestCluster.firstRecord());
            while (r.readRecord() instanceof XLogReadResult.Record(DecodedXLogRecord rec)) out.add(rec);
        }
        return out;
    }

    /** The startup process's part: every heap record through its redo routine, then a checkpoint's writes. */
    static void replay(List<DecodedXLogRecord> recs, Path target, int nbuffers) throws Exception {
        Files.createDirectories(target);
        try (Arena arena = Arena.ofShared(); StorageManager smgr = new StorageManager(target, TestCluster.NO_FSYNC)) {
            BufferPool pool = new BufferPool(arena.allocate(BufferPool.layout(nbuffers).byteSize(), 4096), nbuffers);
            BufferManager bm = new BufferManager(pool, new SmgrBlockIO(smgr, lsn -> {}));
            RedoContext ctx = new RedoContext(bm, smgr, null, null);
            for (DecodedXLogRecord rec : recs) {
                if (rec.rmgr() == RmgrId.HEAP) HeapRedo.heapRedo(rec, ctx);
                else if (rec.rmgr() == RmgrId.HEAP2) HeapRedo.heap2Redo(rec, ctx);
                assertEquals(0, bm.pinnedCount(), "redo gives back its pins");
            }
            bm.flushAllDirty();
        }
    }

    /**
     * heap_mask (heapam.c) with the bufmask.c helpers: what wal_consistency_checking ignores
     * because it may legitimately differ after replay: LSN and checksum, pd_prune_xid and the
     * page-level hint flags, free space, tuple hint bits, t_cid (redo writes FirstCommandId) and
     * padding after unaligned tuples.
     */
    static byte[] heapMask(byte[] bytes) {
        MemorySegment page = Arena.ofAuto().allocate(Page.BLCKSZ, 8);
        MemorySegment.copy(bytes, 0, page, JAVA_BYTE, 0, Page.BLCKSZ);
        PageHeader.setLsn(page, 0);
        PageHeader.setChecksum(page, 0);
        PageHeader.setPruneXid(page, 0);
        PageHeader.clearFlag(page, PageHeader.PD_PAGE_FULL | PageHeader.PD_HAS_FREE_LINES | PageHeader.PD_ALL_VISIBLE);
        page.asSlice(PageHeader.lower(page), PageHeader.upper(page) - PageHeader.lower(page)).fill((byte) 0);
        for (int off = 1; off <= Page.maxOffsetNumber(page); off++) {
            int lp = ItemId.get(page, off);
            if (ItemId.isNormal(lp)) {
                MemorySegment t = Page.item(page, off);
                if (!HeapTuples.xminFrozen(t)) HeapTupleHeader.setInfomask(t, HeapTupleHeader.infomask(t) & ~HeapTupleHeader.HEAP_XACT_MASK);
                else HeapTupleHeader.setInfomask(t, HeapTupleHeader.infomask(t)
                        & ~(HeapTupleHeader.HEAP_XMAX_INVALID | HeapTupleHeader.HEAP_XMAX_COMMITTED));
                t.set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 8, 0);  // t_cid
            }
            if (ItemId.hasStorage(lp)) {
                int len = ItemId.length(lp);
                page.asSlice(ItemId.offset(lp) + len, Alignment.maxAlign(len) - len).fill((byte) 0);
            }
        }
        return page.toArray(JAVA_BYTE);
    }

    static List<byte[]> blocks(Path dataDir, Relation rel) {
        List<byte[]> out = new ArrayList<>();
        try (Arena arena = Arena.ofConfined(); StorageManager smgr = new StorageManager(dataDir, TestCluster.NO_FSYNC)) {
            MemorySegment buf = arena.allocate(Page.BLCKSZ, 8);
            int n = smgr.nblocks(rel.locator(), ForkNumber.MAIN);
            for (int b = 0; b < n; b++) {
                smgr.read(rel.locator(), ForkNumber.MAIN, b, buf);
                out.add(buf.toArray(JAVA_BYTE));
            }
        }
        return out;
    }

    static void assertSamePages(List<byte[]> expected, List<byte[]> actual, boolean masked) {
        assertEquals(expected.size(), actual.size(), "number of blocks");
        for (int b = 0; b < expected.size(); b++) {
            byte[] e = masked ? heapMask(expected.get(b)) : expected.get(b);
            byte[] a = masked ? heapMask(actual.get(b)) : actual.get(b);
            assertArrayEquals(e, a, "block " + b + (masked ? " (masked)" : ""));
        }
    }

    private static Set<String> recordKinds(List<DecodedXLogRecord> recs) {
        Set<String> kinds = new HashSet<>();
        for (DecodedXLogRecord r : recs) {
            if (r.rmgr() == RmgrId.HEAP || r.rmgr() == RmgrId.HEAP2) kinds.add(r.rmgr().pgName() + "/" + Integer.toHexString(r.info() & 0xF0));
        }
        return kinds;
    }

    @Test
    void replayIntoAnEmptyDirectoryRebuildsThePages() throws Exception {
        try (TestCluster c = new TestCluster(dir.resolve("primary"), 32, true)) {
            Relation rel = c.createTable(16500);
            workload(c, rel, () -> {});
            c.flushAll();
            List<DecodedXLogRecord> recs = readWal(c);
            assertEquals(Set.of("Heap/0", "Heap/80", "Heap/40", "Heap/20", "Heap/a0", "Heap/10", "Heap2/10"), recordKinds(recs),
                    "insert, insert+init, hot_update, update, update+init, delete, prune");
            assertTrue(recs.stream().allMatch(r -> r.blocks().stream().noneMatch(DecodedBkpBlock::hasImage)),
                    "no checkpoint: no full-page images");
            Path replica = dir.resolve("replica");
            replay(recs, replica, 16);
            assertSamePages(blocks(c.dataDir, rel), blocks(replica, rel), true);
            // Replaying again over the result changes nothing (page LSNs, re-initialised pages).
            replay(recs, replica, 16);
            assertSamePages(blocks(c.dataDir, rel), blocks(replica, rel), true);
        }
    }

    @Test
    void fullPageImagesAfterACheckpointAreRestored() throws Exception {
        try (TestCluster c = new TestCluster(dir.resolve("primary"), 32, true)) {
            Relation rel = c.createTable(16501);
            workload(c, rel, () -> {
                // A checkpoint's REDO point: the next change of every page logs its image.
                try (TestBackend b = new TestBackend(c)) {
                    c.xlogCtl.setRedoAndFullPageWrites(b.xlog().getInsertRecPtr(), true);
                }
            });
            c.flushAll();
            List<DecodedXLogRecord> recs = readWal(c);
            long images = recs.stream().flatMap(r -> r.blocks().stream()).filter(DecodedBkpBlock::hasImage).count();
            assertTrue(images >= 3, "first changes after the checkpoint carry page images: " + images);
            Path replica = dir.resolve("replica");
            replay(recs, replica, 16);
            assertSamePages(blocks(c.dataDir, rel), blocks(replica, rel), true);
            // Replay from the checkpoint only, over a copy of the primary's pages torn to garbage:
            // the images repair them.
            int from = 0;
            while (recs.get(from).blocks().stream().noneMatch(DecodedBkpBlock::hasImage)) from++;
            Path torn = dir.resolve("torn");
            replay(recs.subList(0, from), torn, 16);
            for (Path f : Files.list(torn.resolve("base/5")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                for (int i = 100; i < bytes.length; i += 8192) bytes[i] ^= 0x5A;  // inside each page
                Files.write(f, bytes);
            }
            replay(recs.subList(from, recs.size()), torn, 16);
            assertSamePages(blocks(c.dataDir, rel), blocks(torn, rel), true);
        }
    }

    @Test
    void insertOnlyReplayIsByteForByteIdentical() throws Exception {
        for (boolean fpw : new boolean[] {false, true}) {
            Path base = dir.resolve("fpw-" + fpw);
            try (TestCluster c = new TestCluster(base.resolve("primary"), 32, true)) {
                if (fpw) {
                    try (TestBackend b = new TestBackend(c)) {
                        c.xlogCtl.setRedoAndFullPageWrites(b.xlog().getInsertRecPtr(), true);
                    }
                }
                Relation rel = c.createTable(16502);
                TestBackend a = c.backend();
                // Write some pages first, then a checkpoint: the inserts that follow log images.
                for (int i = 0; i < 400; i++) a.am.insert(rel, new Object[] {i, i % 7 == 0 ? null : "x" + pad(i % 60)}, 0);
                if (fpw) {
                    c.flushAll();
                    c.xlogCtl.setRedoAndFullPageWrites(a.xlog().getInsertRecPtr(), true);
                    for (int i = 0; i < 100; i++) a.am.insert(rel, new Object[] {i, "after"}, 0);
                }
                a.commit();
                c.flushAll();
                List<DecodedXLogRecord> recs = readWal(c);
                assertEquals(fpw, recs.stream().anyMatch(r -> r.blocks().stream().anyMatch(DecodedBkpBlock::hasImage)));
                Path replica = base.resolve("replica");
                replay(recs, replica, 8);
                assertSamePages(blocks(c.dataDir, rel), blocks(replica, rel), false);
            }
        }
    }

    /**
     * heap_multi_insert (COPY FROM's batches): one record per page, initialising the pages it
     * starts, is replayed into the same pages, also after a checkpoint (full-page images) and on
     * top of a page that already held rows; pg_waldump decodes the records.
     */
    @Test
    void multiInsertReplayIsByteForByteIdentical() throws Exception {
        for (boolean fpw : new boolean[] {false, true}) {
            Path base = dir.resolve("multi-" + fpw);
            try (TestCluster c = new TestCluster(base.resolve("primary"), 32, true)) {
                Relation rel = c.createTable(16504);
                TestBackend a = c.backend();
                for (int i = 0; i < 5; i++) a.am.insert(rel, new Object[] {i, "single"}, 0);
                if (fpw) {
                    c.flushAll();
                    c.xlogCtl.setRedoAndFullPageWrites(a.xlog().getInsertRecPtr(), true);
                }
                List<Object[]> rows = new ArrayList<>();
                for (int i = 0; i < 700; i++) rows.add(new Object[] {i, i % 9 == 0 ? null : "m" + pad(i % 80)});
                ItemPointer[] tids = a.am.multiInsert(rel, rows, 0);
                assertEquals(700, tids.length);
                assertEquals(new ItemPointer(0, 6), tids[0], "the batch starts on the page that has room");
                assertEquals(700, java.util.Arrays.stream(tids).distinct().count());
                a.commit();
                c.flushAll();
                List<DecodedXLogRecord> recs = readWal(c);
                assertTrue(recordKinds(recs).containsAll(Set.of("Heap2/50", "Heap2/d0")), "multi-insert, multi-insert+init: " + recordKinds(recs));
                long multi = recs.stream().filter(r -> r.rmgr() == RmgrId.HEAP2 && (r.info() & 0x70) == 0x50).count();
                assertEquals(blocks(c.dataDir, rel).size(), multi, "one record per page");
                Path replica = base.resolve("replica");
                replay(recs, replica, 8);
                assertSamePages(blocks(c.dataDir, rel), blocks(replica, rel), false);
                if (Files.isExecutable(PG_WALDUMP)) {
                    Process p = new ProcessBuilder(PG_WALDUMP.toString(), "-p", c.dataDir.resolve("pg_wal").toString(),
                            "-s", lsn8(TestCluster.firstRecord())).redirectErrorStream(true).start();
                    p.getOutputStream().close();
                    String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                    assertTrue(all.contains("desc: MULTI_INSERT ") && all.contains("desc: MULTI_INSERT+INIT "), all);
                    assertTrue(java.util.regex.Pattern.compile("desc: MULTI_INSERT\\+INIT \\d+ tuples flags 0x02").matcher(all).find(),
                            "the last record of the batch is flagged: " + all);
                }
            }
        }
    }

    @Test
    void pgWaldumpDecodesTheHeapRecords() throws Exception {
        assumeTrue(Files.isExecutable(PG_WALDUMP), "pg_waldump of PostgreSQL 15 not installed");
        try (TestCluster c = new TestCluster(dir.resolve("primary"), 32, true)) {
            Relation rel = c.createTable(16503);
            workload(c, rel, () -> {
                try (TestBackend b = new TestBackend(c)) {
                    c.xlogCtl.setRedoAndFullPageWrites(b.xlog().getInsertRecPtr(), true);
                }
            });
            List<DecodedXLogRecord> recs = readWal(c);
            Process p = new ProcessBuilder(PG_WALDUMP.toString(), "-p", c.dataDir.resolve("pg_wal").toString(),
                    "-s", lsn8(TestCluster.firstRecord())).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
            assertEquals(recs.size(), lines.size(), err);
            String all = String.join("\n", lines);
            for (String desc : List.of("desc: INSERT off", "desc: INSERT+INIT off", "desc: HOT_UPDATE off", "desc: UPDATE off",
                    "desc: UPDATE+INIT off", "desc: DELETE off", "desc: PRUNE latestRemovedXid")) {
                assertTrue(all.contains(desc), desc + " missing in:\n" + all.substring(0, Math.min(all.length(), 3000)));
            }
            assertTrue(all.contains("rmgr: Heap2"), "prune records are Heap2's");
            assertTrue(java.util.regex.Pattern.compile("blkref #[01]: rel 1663/5/16503 blk \\d+ FPW").matcher(all).find(),
                    "full-page images are decoded");
            for (int i = 0; i < recs.size(); i++) {
                assertTrue(lines.get(i).contains("lsn: " + lsn8(recs.get(i).lsn()) + ","), lines.get(i));
            }
        }
    }

    static String lsn8(long lsn) {
        return "%X/%08X".formatted(lsn >>> 32, lsn & 0xFFFFFFFFL);
    }
}
