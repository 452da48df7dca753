package org.tusk.access.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Threads standing in for backends, each with its own buffer manager, storage manager and WAL
 * handle, on one shared pool much smaller than the table.
 */
class HeapConcurrencyTest {
    @TempDir
    Path dir;

    static final int THREADS = 4, OWN_ROWS = 150, OWN_UPDATES = 150, COUNTERS = 3, INCREMENTS = 40;

    private static String pad(int n) {
        return "p".repeat(n);
    }

    private static TupleSlot findById(TestBackend b, Relation rel, Snapshot s, int id) {
        TupleSlot found = null;
        try (TableScan scan = b.am.beginScan(rel, s)) {
            for (TupleSlot slot; (slot = scan.next()) != null; ) {
                if ((Integer) slot.values()[0] == id) {
                    assertNull(found, "row " + id + " seen twice by one snapshot");
                    found = slot;
                }
            }
        }
        return found;
    }

    @Test
    void concurrentInsertsAndUpdatesLeaveEveryRowOnce() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 16, true)) {
            Relation setup = cluster.createTable(16400);
            TestBackend init = cluster.backend();
            for (int k = 0; k < COUNTERS; k++) init.am.insert(setup, new Object[] {-1 - k, "0"}, 0);
            init.commit();

            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            List<Map<Integer, String>> expected = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int me = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    // Each "process" has its own relcache entry, as backends do.
                    Relation rel = TestCluster.relation(setup.locator());
                    try (TestBackend b = cluster.backend()) {
                        start.await();
                        ThreadLocalRandom rnd = ThreadLocalRandom.current();
                        Map<Integer, ItemPointer> mine = new HashMap<>();
                        Map<Integer, String> values = new HashMap<>();
                        int increments = 0;
                        for (int step = 0; step < OWN_ROWS + OWN_UPDATES + INCREMENTS; step++) {
                            int kind = rnd.nextInt(3);
                            if (kind == 0 && mine.size() < OWN_ROWS || kind == 1 && mine.isEmpty()) {
                                int id = me * 100_000 + mine.size();
                                String v = "row " + id + pad(rnd.nextInt(300));
                                mine.put(id, b.am.insert(rel, new Object[] {id, v}, b.cid));
                                values.put(id, v);
                                b.commit();
                            } else if (kind == 1) {
                                int id = me * 100_000 + rnd.nextInt(mine.size());
                                String v = "upd " + step + pad(rnd.nextInt(400));
                                BitSet indexed = new BitSet();
                                indexed.set(1);
                                ModifyResult r = b.am.update(rel, mine.get(id), new Object[] {id, v}, b.cid, b.snapshot(), true, indexed);
                                assertTrue(r.isOk(), "only this thread changes its own rows: " + r);
                                mine.put(id, r.newTid());
                                values.put(id, v);
                                b.commit();
                            } else if (increments < INCREMENTS) {
                                int counter = -1 - rnd.nextInt(COUNTERS);
                                while (true) {
                                    Snapshot s = b.snapshot();
                                    TupleSlot cur = findById(b, rel, s, counter);
                                    assertNotNull(cur, "counter " + counter);
                                    int n = Integer.parseInt((String) cur.values()[1]);
                                    ModifyResult r = b.am.update(rel, cur.tid(), new Object[] {counter, Integer.toString(n + 1)},
                                            b.cid, s, true, new BitSet());
                                    if (r.isOk()) {
                                        b.commit();
                                        break;
                                    }
                                    // Updated by someone who committed after our snapshot: read again.
                                    b.abort();
                                }
                                increments++;
                            }
                        }
                        assertEquals(INCREMENTS, increments, "steps suffice for the increments");
                        expected.add(values);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread th : threads) th.join(120_000);
            if (!failures.isEmpty()) {
                AssertionError e = new AssertionError("a backend failed");
                failures.forEach(e::addSuppressed);
                throw e;
            }
            TestBackend check = cluster.backend();
            Map<Integer, String> seen = new HashMap<>();
            try (TableScan scan = check.am.beginScan(setup, check.snapshot())) {
                for (TupleSlot slot; (slot = scan.next()) != null; ) {
                    String prev = seen.put((Integer) slot.values()[0], (String) slot.values()[1]);
                    assertNull(prev, "row " + slot.values()[0] + " appears twice");
                    // Every row read through its TID gives the same row.
                    assertArrayEquals(slot.values(), check.am.fetch(setup, slot.tid(), check.snapshot()).values());
                }
            }
            int total = 0;
            for (int k = 0; k < COUNTERS; k++) total += Integer.parseInt(seen.remove(-1 - k));
            assertEquals(THREADS * INCREMENTS, total, "no increment lost");
            Map<Integer, String> all = new HashMap<>();
            expected.forEach(all::putAll);
            assertEquals(all, seen, "every row once, with its last value");
        }
    }

    @Test
    void concurrentInsertersExtendTheRelationWithoutLosingAPage() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 16, true)) {
            Relation setup = cluster.createTable(16402);
            int threads = 6, rows = 400;
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                ts.add(Thread.ofPlatform().start(() -> {
                    Relation rel = TestCluster.relation(setup.locator());
                    try (TestBackend b = cluster.backend()) {
                        start.await();
                        for (int i = 0; i < rows; i++) {
                            b.am.insert(rel, new Object[] {me * 1000 + i, pad(150 + i % 100)}, 0);
                            if (i % 50 == 49) b.commit();
                        }
                        b.commit();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread th : ts) th.join(120_000);
            if (!failures.isEmpty()) {
                AssertionError e = new AssertionError("a backend failed");
                failures.forEach(e::addSuppressed);
                throw e;
            }
            TestBackend check = cluster.backend();
            java.util.Set<Integer> ids = new java.util.HashSet<>();
            java.util.Set<Integer> blocksUsed = new java.util.HashSet<>();
            try (TableScan scan = check.am.beginScan(setup, check.snapshot())) {
                for (TupleSlot slot; (slot = scan.next()) != null; ) {
                    assertTrue(ids.add((Integer) slot.values()[0]), "row " + slot.values()[0] + " twice");
                    blocksUsed.add(slot.tid().block());
                }
            }
            assertEquals(threads * rows, ids.size());
            assertEquals(check.am.numberOfBlocks(setup), blocksUsed.size(), "every page added got rows");
        }
    }

    @Test
    void poolSmallerThanTheTableReadsBackEveryRow() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 16, true)) {
            Relation rel = cluster.createTable(16401);
            TestBackend b = cluster.backend();
            List<ItemPointer> tids = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                tids.add(b.am.insert(rel, new Object[] {i, "value " + i + pad(200 + i % 97)}, 0));
                if (i % 100 == 99) b.commit();
            }
            b.commit();
            assertTrue(b.am.numberOfBlocks(rel) > 4 * cluster.nbuffers, "the table is much bigger than the pool");
            // Read by TID in a scrambled order from a second backend, so pages come and go.
            TestBackend r = cluster.backend();
            Snapshot s = r.snapshot();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < tids.size(); i++) order.add(i);
            Collections.shuffle(order, new java.util.Random(7));
            for (int i : order) {
                TupleSlot slot = r.am.fetch(rel, tids.get(i), s);
                assertArrayEquals(new Object[] {i, "value " + i + pad(200 + i % 97)}, slot.values(), "row " + i);
            }
            int n = 0;
            try (TableScan scan = r.am.beginScan(rel, s)) {
                for (TupleSlot slot; (slot = scan.next()) != null; n++) {
                    int i = (Integer) slot.values()[0];
                    assertEquals(tids.get(i), slot.tid());
                }
            }
            assertEquals(3000, n);
        }
    }
}
