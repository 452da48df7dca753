package org.tusk.access.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.table.VacuumStats;
import org.tusk.access.transam.DecodedXLogRecord;
import org.tusk.access.transam.RmgrId;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.utils.cache.Relation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Lazy VACUUM of a heap: dead line pointers found, handed to the indexes, freed, WAL-logged and replayed. */
class HeapVacuumTest {
    @TempDir
    Path dir;

    private static final String PAD = "v".repeat(200);

    /** 300 rows over several pages, every third deleted and committed; returns the deleted TIDs. */
    private static List<ItemPointer> deleteEveryThird(TestBackend b, Relation rel, List<ItemPointer> all) {
        for (int i = 0; i < 300; i++) all.add(b.am.insert(rel, new Object[] {i, PAD}, 0));
        b.commit();
        List<ItemPointer> deleted = new ArrayList<>();
        for (int i = 0; i < 300; i += 3) {
            assertTrue(b.am.delete(rel, all.get(i), 0, b.snapshot(), true).isOk());
            deleted.add(all.get(i));
        }
        b.commit();
        return deleted;
    }

    @Test
    void deadRowsAreGivenToTheIndexesThenFreedAndTheirSpaceReused() throws Exception {
        try (TestCluster c = new TestCluster(dir, 64, true)) {
            Relation rel = c.createTable(16600);
            TestBackend b = c.backend();
            List<ItemPointer> all = new ArrayList<>();
            List<ItemPointer> deleted = deleteEveryThird(b, rel, all);
            int blocksBefore = b.am.numberOfBlocks(rel);

            // The "index" holds an entry for every row; the callback removes those VACUUM calls dead.
            Set<ItemPointer> index = new HashSet<>(all);
            VacuumStats st = b.am.vacuum(rel, false, isDead -> index.removeIf(isDead));
            b.commit();
            assertEquals(Set.copyOf(all.stream().filter(t -> !deleted.contains(t)).toList()), index,
                    "exactly the deleted rows' entries went");
            assertEquals(100, st.deadItemsRemoved());
            assertEquals(100, st.tuplesDeleted());
            assertEquals(200, st.liveTuples());
            assertEquals(0, st.recentlyDead());
            assertEquals(1, st.indexScans());
            assertEquals(blocksBefore, st.relPages());
            HeapAmTest.onPage(b, rel, deleted.get(0).block(), p -> {
                assertFalse(ItemId.isUsed(ItemId.get(p, deleted.get(0).offset())), "the dead line pointer is unused now");
                assertTrue(PageHeader.hasFlag(p, PageHeader.PD_HAS_FREE_LINES));
            });

            // New rows go into the freed space and line pointers of the last page (without a free
            // space map, inserts look only there and at their target block): the table does not grow.
            List<ItemPointer> again = new ArrayList<>();
            for (int i = 0; i < 10; i++) again.add(b.am.insert(rel, new Object[] {1000 + i, PAD}, 0));
            b.commit();
            assertEquals(blocksBefore, b.am.numberOfBlocks(rel));
            assertTrue(again.stream().anyMatch(deleted::contains), "a freed line pointer was reused");
            assertEquals(210, HeapAmTest.scan(b, rel, b.snapshot()).size());

            // Nothing dead: no index pass.
            VacuumStats quiet = b.am.vacuum(rel, false, isDead -> fail("no index pass expected"));
            assertEquals(0, quiet.deadItemsRemoved());
            assertEquals(210, quiet.liveTuples());
            b.commit();
        }
    }

    @Test
    void rowsSomeSnapshotStillSeesAreKept() throws Exception {
        try (TestCluster c = new TestCluster(dir, 64, true)) {
            Relation rel = c.createTable(16601);
            TestBackend a = c.backend(), reader = c.backend();
            List<ItemPointer> tids = new ArrayList<>();
            for (int i = 0; i < 10; i++) tids.add(a.am.insert(rel, new Object[] {i, "x"}, 0));
            a.commit();
            org.tusk.utils.time.Snapshot old = reader.snapshot();   // an open snapshot from before the deletes
            for (int i = 0; i < 5; i++) assertTrue(a.am.delete(rel, tids.get(i), 0, a.snapshot(), true).isOk());
            a.commit();
            VacuumStats st = a.am.vacuum(rel, false, isDead -> fail("nothing is dead to everyone yet"));
            a.commit();
            assertEquals(5, st.recentlyDead());
            assertEquals(5, st.liveTuples());
            assertEquals(10, HeapAmTest.scan(reader, rel, old).size());
            reader.commit();
            VacuumStats later = a.am.vacuum(rel, false, isDead -> { });
            a.commit();
            assertEquals(5, later.deadItemsRemoved());
        }
    }

    @Test
    void theVacuumRecordIsReplayedAndDecodedByPgWaldump() throws Exception {
        Path primary = dir.resolve("primary");
        try (TestCluster c = new TestCluster(primary, 32, true)) {
            Relation rel = c.createTable(16602);
            TestBackend b = c.backend();
            deleteEveryThird(b, rel, new ArrayList<>());
            b.am.vacuum(rel, false, isDead -> { });
            b.commit();
            c.flushAll();
            List<DecodedXLogRecord> recs = HeapWalTest.readWal(c);
            assertTrue(recs.stream().anyMatch(r -> r.rmgr() == RmgrId.HEAP2 && (r.info() & 0xF0) == HeapXLog.XLOG_HEAP2_VACUUM));
            Path replica = dir.resolve("replica");
            HeapWalTest.replay(recs, replica, 16);
            HeapWalTest.assertSamePages(HeapWalTest.blocks(c.dataDir, rel), HeapWalTest.blocks(replica, rel), true);

            assumeTrue(Files.isExecutable(HeapWalTest.PG_WALDUMP), "pg_waldump of PostgreSQL 15 not installed");
            Process p = new ProcessBuilder(HeapWalTest.PG_WALDUMP.toString(), "-p", c.dataDir.resolve("pg_wal").toString(),
                    "-s", HeapWalTest.lsn8(TestCluster.firstRecord())).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(out.lines().anyMatch(l -> l.contains("Heap2") && l.contains("desc: VACUUM nunused ")), out + err);
        }
    }
}
