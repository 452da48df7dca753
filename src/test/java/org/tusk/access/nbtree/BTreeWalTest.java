package org.tusk.access.nbtree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.table.DirtyCheck;
import org.tusk.access.transam.DecodedXLogRecord;
import org.tusk.access.transam.RedoContext;
import org.tusk.access.transam.FullPageImages;
import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogFiles;
import org.tusk.access.transam.XLogReadResult;
import org.tusk.access.transam.XLogReader;
import org.tusk.access.transam.XLogRecord;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferPool;
import org.tusk.storage.buffer.SmgrBlockIO;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The WAL an index's life writes, replayed through btree_redo into an empty data directory, gives
 * back the same pages byte for byte apart from unused space (twice over: replay is idempotent),
 * with and without full-page images; PostgreSQL 15's pg_waldump decodes every record.
 */
class BTreeWalTest {
    @TempDir
    Path dir;

    /** Counted in the replay statistics: block references carrying a full-page image. */
    private static final int FPI = -1;

    private static final Path WALDUMP = Path.of("/usr/lib/postgresql/15/bin/pg_waldump");

    record Life(List<Relation> indexes, long walEnd) {}

    /** Builds, fills, splits and vacuums two indexes in cluster A; returns them with the end of WAL. */
    private Life live(BTreeCluster cluster) {
        BTreeCluster.Backend b = cluster.backend();
        TupleDesc heapDesc = BTreeCluster.desc("id", DatumType.INT4, "name", DatumType.TEXT);
        Relation heap = BTreeCluster.heap(16384, "t", heapDesc);
        MemoryTable table = new MemoryTable();
        for (int i = 0; i < 3000; i++) table.put(new ItemPointer(i / 60, i % 60 + 1), new Object[] {i, "name" + (i * 7919 % 3000)}, new DirtyCheck(true, 0));
        Relation byId = BTreeCluster.index(20401, "t_pkey", BTreeCluster.desc("id", DatumType.INT4), new int[] {1}, true);
        Relation byName = BTreeCluster.index(20402, "t_name_idx", BTreeCluster.desc("name", DatumType.TEXT, "id", DatumType.INT4),
                new int[] {2, 1}, false);
        b.am.build(heap, byId, table);
        // byName is built empty and filled by inserts, so that its root starts as a leaf (NEWROOT lev 0)
        b.am.build(heap, byName, new MemoryTable());
        for (int i = 0; i < 3000; i++) {
            b.am.insert(byName, new Object[] {"name" + (i * 7919 % 3000), i}, new ItemPointer(i / 60, i % 60 + 1), heap, table, false);
        }
        Random rnd = new Random(11);
        for (int i = 3000; i < 12000; i++) {
            ItemPointer tid = new ItemPointer(i / 60, i % 60 + 1);
            int id = rnd.nextInt(1_000_000) + 3000;
            String name = "name" + rnd.nextInt(5000) + "x".repeat(rnd.nextInt(600));
            table.put(tid, new Object[] {id, name}, new DirtyCheck(true, 0));
            b.am.insert(byName, new Object[] {name, id}, tid, heap, table, false);
            if (i % 3 == 0) b.am.insert(byId, new Object[] {id + i * 1000}, tid, heap, table, false);
            if (i == 7000) {
                // A checkpoint's redo pointer: the next change of every page logs a full-page image.
                new org.tusk.access.transam.XLogCtl(cluster.walRegion.segment(), BTreeCluster.WAL_BUFFERS)
                        .setRedoAndFullPageWrites(b.xlog.getInsertRecPtr(), true);
            }
        }
        Set<ItemPointer> dead = new HashSet<>();
        for (int i = 0; i < 12000; i += 4) dead.add(new ItemPointer(i / 60, i % 60 + 1));
        b.am.bulkDelete(byName, dead::contains);
        b.am.bulkDelete(byId, dead::contains);
        assertEquals(List.of(), b.verifier.check(byId));
        assertEquals(List.of(), b.verifier.check(byName));
        assertTrue(BTreeTestSupport.rootLevel(b, byName) >= 2);
        long end = cluster.checkpointish(b);
        return new Life(List.of(byId, byName), end);
    }

    /** Replays every Btree record from the start of WAL into {@code ctx}; returns the count per info code. */
    private static Map<Integer, Integer> replay(BTreeCluster cluster, RedoContext ctx) {
        Map<Integer, Integer> counts = new TreeMap<>();
        try (XLogReader r = new XLogReader(new XLogFiles(cluster.pgWal, BTreeCluster.SEG), BTreeCluster.TLI, BTreeCluster.SYSID)) {
            r.beginRead(cluster.firstRecord);
            XLogReadResult res;
            while ((res = r.readRecord()) instanceof XLogReadResult.Record(DecodedXLogRecord rec)) {
                // an index build writes its pages as XLOG_FPI records, everything else is Btree's
                assertTrue(rec.rmgr() == RmgrId.BTREE || rec.rmgr() == RmgrId.XLOG && FullPageImages.isFullPageImage(rec.info()),
                        rec.rmgr() + " " + Integer.toHexString(rec.info()));
                assertEquals(cluster.oracle.xid == rec.xid() || rec.xid() == 0, true);
                BTreeTestSupport.redo(rec, ctx);
                if (rec.rmgr() != RmgrId.BTREE) continue;
                counts.merge(rec.info() & XLogRecord.XLR_RMGR_INFO_MASK, 1, Integer::sum);
                for (var blk : rec.blocks()) if (blk != null && blk.hasImage()) counts.merge(FPI, 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void replayingTheWalIntoAnEmptyDirectoryRebuildsIdenticalPages() throws Exception {
        try (BTreeCluster cluster = new BTreeCluster(dir.resolve("a"), 64)) {
            Life life = live(cluster);
            Path replica = Files.createDirectories(dir.resolve("b"));
            try (Arena arena = Arena.ofShared();
                 StorageManager smgr = new StorageManager(replica, (rl, f, s) -> true);
                 StorageManager primary = new StorageManager(cluster.dataDir, (rl, f, s) -> true)) {
                BufferPool pool = new BufferPool(arena.allocate(BufferPool.layout(32).byteSize(), 4096), 32);
                BufferManager bm = new BufferManager(pool, new SmgrBlockIO(smgr, lsn -> {}));
                RedoContext ctx = new RedoContext(bm, smgr, null, null);
                Map<Integer, Integer> counts = replay(cluster, ctx);
                for (int info : new int[] {BTXLog.XLOG_BTREE_META_CLEANUP, BTXLog.XLOG_BTREE_NEWROOT, BTXLog.XLOG_BTREE_INSERT_LEAF,
                        BTXLog.XLOG_BTREE_INSERT_UPPER, BTXLog.XLOG_BTREE_SPLIT_L, BTXLog.XLOG_BTREE_SPLIT_R, BTXLog.XLOG_BTREE_VACUUM}) {
                    assertTrue(counts.getOrDefault(info, 0) > 0, "no record with info " + Integer.toHexString(info) + ": " + counts);
                }
                assertTrue(counts.getOrDefault(FPI, 0) > 10, "full-page images were replayed: " + counts);
                bm.flushAllDirty();
                for (Relation index : life.indexes()) comparePages(primary, smgr, index);

                // Replaying again changes nothing: every page is already at or past each record.
                replay(cluster, ctx);
                bm.flushAllDirty();
                for (Relation index : life.indexes()) comparePages(primary, smgr, index);
            }
        }
    }

    private static void comparePages(StorageManager a, StorageManager b, Relation index) {
        int n = a.nblocks(index.locator(), ForkNumber.MAIN);
        assertEquals(n, b.nblocks(index.locator(), ForkNumber.MAIN), "blocks of " + index);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pa = arena.allocate(Page.BLCKSZ, 8), pb = arena.allocate(Page.BLCKSZ, 8);
            for (int blk = 0; blk < n; blk++) {
                a.read(index.locator(), ForkNumber.MAIN, blk, pa);
                b.read(index.locator(), ForkNumber.MAIN, blk, pb);
                assertArrayEquals(maskUnusedSpace(pa), maskUnusedSpace(pb), index + " block " + blk);
            }
        }
    }

    /**
     * bufmask.c's mask_unused_space: the bytes between pd_lower and pd_upper are not part of a
     * page's state (a full-page image leaves them out and restores zeroes, while on the primary
     * they keep whatever deleted items left), so wal_consistency_checking ignores them too.
     */
    private static byte[] maskUnusedSpace(MemorySegment page) {
        byte[] b = page.toArray(ValueLayout.JAVA_BYTE);
        int lower = org.tusk.storage.page.PageHeader.lower(page), upper = org.tusk.storage.page.PageHeader.upper(page);
        java.util.Arrays.fill(b, lower, upper, (byte) 0);
        return b;
    }

    @Test
    void pgWaldumpDecodesEveryBtreeRecord() throws Exception {
        assumeTrue(Files.isExecutable(WALDUMP), "pg_waldump of PostgreSQL 15 not installed");
        try (BTreeCluster cluster = new BTreeCluster(dir.resolve("a"), 64)) {
            live(cluster);
            int records = 0;
            try (XLogReader r = new XLogReader(new XLogFiles(cluster.pgWal, BTreeCluster.SEG), BTreeCluster.TLI, BTreeCluster.SYSID)) {
                r.beginRead(cluster.firstRecord);
                while (r.readRecord() instanceof XLogReadResult.Record) records++;
            }
            String start = "%X/%08X".formatted(cluster.firstRecord >>> 32, cluster.firstRecord & 0xFFFFFFFFL);
            ProcessBuilder pb = new ProcessBuilder(WALDUMP.toString(), "-p", cluster.pgWal.toString(), "-s", start);
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            p.getOutputStream().close();
            Path out = dir.resolve("waldump.out");
            Thread drain = Thread.ofPlatform().start(() -> {
                try {
                    Files.write(out, p.getInputStream().readAllBytes());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            drain.join();
            List<String> lines = Files.readAllLines(out);
            assertEquals(records, lines.size(), err);
            assertTrue(err.contains("invalid record length") || err.isEmpty(), err);
            List<String> descs = new ArrayList<>();

            for (String line : lines) {
                if (line.startsWith("rmgr: XLOG") && line.contains("desc: FPI ")) continue;   // the build's pages
                assertTrue(line.startsWith("rmgr: Btree"), line);
                assertTrue(line.contains("tx:        731") || line.contains("tx:          0"), line);
                descs.add(line.substring(line.indexOf("desc: ") + 6));
            }
            assertTrue(descs.stream().anyMatch(d -> d.startsWith("META_CLEANUP last_cleanup_num_delpages 0, blkref #0: rel 1663/5/20401 blk 0")), descs.getFirst());
            assertTrue(descs.stream().anyMatch(d -> d.startsWith("NEWROOT lev 0")));
            assertTrue(descs.stream().anyMatch(d -> d.startsWith("NEWROOT lev 2")));
            assertTrue(descs.stream().anyMatch(d -> d.matches("INSERT_LEAF off \\d+, blkref #0: rel 1663/5/2040[12] blk \\d+")));
            assertTrue(descs.stream().anyMatch(d -> d.matches("INSERT_UPPER off \\d+, blkref #0: .*, blkref #1: .*")));
            assertTrue(descs.stream().anyMatch(d -> d.matches("SPLIT_L level 0, firstrightoff \\d+, newitemoff \\d+, postingoff 0, .*")));
            assertTrue(descs.stream().anyMatch(d -> d.matches("SPLIT_R level 1, firstrightoff \\d+, newitemoff \\d+, postingoff 0, .*")));
            assertTrue(descs.stream().anyMatch(d -> d.matches("VACUUM ndeleted \\d+; nupdated 0, blkref #0: .*")));
        }
    }
}
