package org.tusk.access.nbtree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.ScanKey;
import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several "processes" (threads, each with its own BufferManager, StorageManager and XLog on one
 * shared pool much smaller than the index) insert into one index at once while others scan it.
 */
class BTreeConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void concurrentInsertersAndScannersLeaveASoundTreeWithEveryKeyOnce() throws Exception {
        int threads = 4, perThread = 6000;
        try (BTreeCluster cluster = new BTreeCluster(dir, 48)) {
            BTreeCluster.Backend main = cluster.backend();
            TupleDesc desc = BTreeCluster.desc("k", DatumType.INT8, "pad", DatumType.TEXT);
            Relation heap = BTreeCluster.heap(16384, "t", desc);
            Relation index = BTreeCluster.index(20101, "t_idx", desc, new int[] {1, 2}, true);
            main.am.build(heap, index, new MemoryTable());
            MemoryTable table = new MemoryTable();
            List<BTreeCluster.Backend> backends = new ArrayList<>();
            for (int t = 0; t < threads + 1; t++) backends.add(cluster.backend());
            CyclicBarrier start = new CyclicBarrier(threads + 1);
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts.add(Thread.ofPlatform().start(() -> {
                    try {
                        BTreeCluster.Backend b = backends.get(id);
                        Random rnd = new Random(id);
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            // Interleaved key ranges: every thread inserts all over the tree.
                            long k = (long) i * threads + id;
                            long shuffled = Long.reverse(k) >>> 40;
                            String pad = "p".repeat(rnd.nextInt(60));
                            b.am.insert(index, new Object[] {shuffled, pad}, new ItemPointer((int) k, 1), heap, table, true);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            // A scanner going both ways while the tree splits under it: order must hold.
            ts.add(Thread.ofPlatform().start(() -> {
                try {
                    BTreeCluster.Backend b = backends.get(threads);
                    start.await();
                    for (int round = 0; round < 20; round++) {
                        List<ItemPointer> fwd = BTreeTestSupport.scan(b.am, index, List.of(), round % 2 == 1);
                        Set<ItemPointer> seen = new HashSet<>(fwd);
                        assertEquals(seen.size(), fwd.size(), "a scan returned an entry twice");
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
            for (Thread th : ts) {
                th.join(300_000);
                assertFalse(th.isAlive(), "a thread is stuck");
            }
            if (!failures.isEmpty()) throw new AssertionError("a thread failed", failures.getFirst());

            assertEquals(List.of(), main.verifier.check(index));
            List<ItemPointer> all = BTreeTestSupport.scan(main.am, index, List.of(), false);
            assertEquals(threads * perThread, all.size());
            assertEquals(threads * perThread, new HashSet<>(all).size(), "every entry once");
            Random rnd = new Random(99);
            for (int probe = 0; probe < 300; probe++) {
                long k = rnd.nextInt(threads * perThread);
                long shuffled = Long.reverse(k) >>> 40;
                List<ItemPointer> hit = BTreeTestSupport.scan(main.am, index, List.of(new ScanKey(1, Strategy.EQUAL, shuffled)), false);
                assertEquals(List.of(new ItemPointer((int) k, 1)), hit, "key " + shuffled);
            }
            assertTrue(BTreeTestSupport.rootLevel(main, index) >= 1);
        }
    }

    @Test
    void concurrentUniqueInsertsOfTheSameKeysLetExactlyOneWinEach() throws Exception {
        int threads = 4, keys = 1500;
        try (BTreeCluster cluster = new BTreeCluster(dir, 32)) {
            BTreeCluster.Backend main = cluster.backend();
            TupleDesc desc = BTreeCluster.desc("k", DatumType.TEXT);
            Relation heap = BTreeCluster.heap(16384, "t", desc);
            Relation index = BTreeCluster.index(20102, "t_k_key", desc, new int[] {1}, true);
            MemoryTable table = new MemoryTable();
            main.am.build(heap, index, table);
            List<BTreeCluster.Backend> backends = new ArrayList<>();
            for (int t = 0; t < threads; t++) backends.add(cluster.backend());
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.ConcurrentHashMap<String, ItemPointer> winners = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts.add(Thread.ofPlatform().start(() -> {
                    try {
                        BTreeCluster.Backend b = backends.get(id);
                        List<Integer> order = new ArrayList<>();
                        for (int i = 0; i < keys; i++) order.add(i);
                        Collections.shuffle(order, new Random(id));
                        start.await();
                        for (int i : order) {
                            String k = "key-" + i + "-" + "z".repeat(i % 97);
                            ItemPointer tid = new ItemPointer(i, id + 1);
                            // The heap row exists (and is committed, for this double) before its index entry.
                            table.put(tid, new Object[] {k}, new org.tusk.access.table.DirtyCheck(true, 0));
                            try {
                                b.am.insert(index, new Object[] {k}, tid, heap, table, true);
                                ItemPointer prev = winners.putIfAbsent(k, tid);
                                if (prev != null) throw new AssertionError("two winners for " + k);
                            } catch (UniqueViolation e) {
                                refused.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread th : ts) {
                th.join(300_000);
                assertFalse(th.isAlive(), "a thread is stuck");
            }
            if (!failures.isEmpty()) throw new AssertionError("a thread failed", failures.getFirst());
            assertEquals(keys, winners.size());
            assertEquals(keys * (threads - 1), refused.get());
            assertEquals(List.of(), main.verifier.check(index));
            List<ItemPointer> all = BTreeTestSupport.scan(main.am, index, List.of(), false);
            assertEquals(new HashSet<>(winners.values()), new HashSet<>(all));
            assertEquals(keys, all.size());
        }
    }
}
