package org.tusk.access.nbtree;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.ScanKey;
import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.access.nbtree.BTreeTestSupport.Entry;
import org.tusk.access.table.DirtyCheck;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.access.nbtree.BTreeTestSupport.expected;
import static org.tusk.access.nbtree.BTreeTestSupport.scan;

/** Random inserts into one index, then the structure check and every kind of scan against the expected answers. */
class BTreeInsertScanTest {
    @TempDir
    Path dir;
    BTreeCluster cluster;
    BTreeCluster.Backend b;
    final MemoryTable table = new MemoryTable();

    @BeforeEach
    void setUp() throws Exception {
        cluster = new BTreeCluster(dir, 128);
        b = cluster.backend();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private Relation newIndex(int relNumber, TupleDesc desc, boolean unique) {
        int[] attnums = new int[desc.natts()];
        for (int i = 0; i < attnums.length; i++) attnums[i] = i + 1;
        Relation heap = BTreeCluster.heap(16384, "t", desc);
        Relation index = BTreeCluster.index(relNumber, "t_idx", desc, attnums, unique);
        b.am.build(heap, index, table);
        return index;
    }

    private static ItemPointer tid(int n) {
        return new ItemPointer(n / 50, n % 50 + 1);
    }

    @Test
    void randomIntInsertsMakeASoundTreeAndEveryScanAgrees() {
        TupleDesc desc = BTreeCluster.desc("k", DatumType.INT4);
        Relation index = newIndex(20001, desc, false);
        Relation heap = BTreeCluster.heap(16384, "t", desc);
        Random rnd = new Random(42);
        List<Entry> entries = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 30000; i++) order.add(i);
        java.util.Collections.shuffle(order, rnd);
        for (int n : order) {
            Integer k = rnd.nextInt(50) == 0 ? null : rnd.nextInt(4000) - 2000;
            entries.add(new Entry(new Object[] {k}, tid(n)));
            b.am.insert(index, new Object[] {k}, tid(n), heap, table, false);
        }
        assertEquals(List.of(), b.verifier.check(index));
        assertTrue(BTreeTestSupport.rootLevel(b, index) >= 1, "the root has split");
        assertTrue(b.am.numberOfBlocks(index) > 100, "many leaf splits");
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(BTreeTestSupport.order(desc));

        for (boolean backward : new boolean[] {false, true}) {
            assertEquals(expected(desc, sorted, List.of(), false).size(), 30000);
            List<ItemPointer> all = new ArrayList<>(sorted.stream().map(Entry::tid).toList());
            if (backward) java.util.Collections.reverse(all);
            assertEquals(all, scan(b.am, index, List.of(), backward), "full scan, backward " + backward);
            for (int trial = 0; trial < 12; trial++) {
                int arg = rnd.nextInt(4400) - 2200;
                for (Strategy s : Strategy.values()) {
                    List<ScanKey> keys = List.of(new ScanKey(1, s, arg));
                    assertEquals(expected(desc, sorted, keys, backward), scan(b.am, index, keys, backward),
                            "k " + s + " " + arg + " backward " + backward);
                }
                // A range, with the cross-type int8 argument on one side.
                List<ScanKey> range = List.of(new ScanKey(1, Strategy.GREATER_EQUAL, (long) arg),
                        new ScanKey(1, Strategy.LESS, arg + 300));
                assertEquals(expected(desc, sorted, range, backward), scan(b.am, index, range, backward));
            }
            List<ScanKey> nullArg = new ArrayList<>();
            nullArg.add(new ScanKey(1, Strategy.EQUAL, null));
            assertEquals(List.of(), scan(b.am, index, nullArg, backward), "a null argument matches nothing");
        }
    }

    @Test
    void multiColumnTextKeysWithLongValuesMakeADeepTree() {
        TupleDesc desc = BTreeCluster.desc("name", DatumType.TEXT, "n", DatumType.INT8);
        Relation index = newIndex(20002, desc, false);
        Relation heap = BTreeCluster.heap(16384, "t", desc);
        Random rnd = new Random(7);
        List<Entry> entries = new ArrayList<>();
        String pad = "x".repeat(300);
        for (int i = 0; i < 6000; i++) {
            String name = rnd.nextInt(30) == 0 ? null : "k" + rnd.nextInt(400) + (rnd.nextBoolean() ? pad : "é");
            Long n = rnd.nextInt(20) == 0 ? null : (long) rnd.nextInt(10);
            entries.add(new Entry(new Object[] {name, n}, tid(i)));
            b.am.insert(index, new Object[] {name, n}, tid(i), heap, table, false);
        }
        assertEquals(List.of(), b.verifier.check(index));
        assertTrue(BTreeTestSupport.rootLevel(b, index) >= 2, "several levels");
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(BTreeTestSupport.order(desc));
        for (boolean backward : new boolean[] {false, true}) {
            for (int trial = 0; trial < 8; trial++) {
                String name = "k" + rnd.nextInt(400) + (trial % 2 == 0 ? pad : "é");
                for (Strategy s1 : Strategy.values()) {
                    List<ScanKey> k1 = List.of(new ScanKey(1, s1, name));
                    assertEquals(expected(desc, sorted, k1, backward), scan(b.am, index, k1, backward), s1 + " " + backward);
                    for (Strategy s2 : Strategy.values()) {
                        List<ScanKey> k2 = List.of(new ScanKey(1, s1, name), new ScanKey(2, s2, trial));
                        assertEquals(expected(desc, sorted, k2, backward), scan(b.am, index, k2, backward),
                                s1 + " " + s2 + " " + backward);
                    }
                }
                List<ScanKey> second = List.of(new ScanKey(2, Strategy.EQUAL, 3));
                assertEquals(expected(desc, sorted, second, backward), scan(b.am, index, second, backward));
            }
        }
    }

    @Test
    void floatsOrderNaNLastAndBytesAndBoolsAndOids() {
        TupleDesc desc = BTreeCluster.desc("f", DatumType.FLOAT8, "o", DatumType.OID, "b", DatumType.BYTEA, "t", DatumType.BOOL);
        Relation index = newIndex(20003, desc, false);
        Relation heap = BTreeCluster.heap(16384, "t", desc);
        Random rnd = new Random(3);
        List<Entry> entries = new ArrayList<>();
        double[] fs = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 0.0, 1.5, -2.25};
        int[] oids = {1, -1, Integer.MIN_VALUE, 42};
        for (int i = 0; i < 3000; i++) {
            Object[] k = {fs[rnd.nextInt(fs.length)], oids[rnd.nextInt(oids.length)],
                    new byte[] {(byte) rnd.nextInt(256), (byte) rnd.nextInt(3)}, rnd.nextBoolean()};
            entries.add(new Entry(k, tid(i)));
            b.am.insert(index, k, tid(i), heap, table, false);
        }
        assertEquals(List.of(), b.verifier.check(index));
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(BTreeTestSupport.order(desc));
        for (boolean backward : new boolean[] {false, true}) {
            for (Strategy s : Strategy.values()) {
                for (Object arg : new Object[] {Double.NaN, 0.0, 1.5f, Double.NEGATIVE_INFINITY}) {
                    List<ScanKey> keys = List.of(new ScanKey(1, s, arg));
                    assertEquals(expected(desc, sorted, keys, backward), scan(b.am, index, keys, backward), s + " " + arg);
                }
                List<ScanKey> oidKeys = List.of(new ScanKey(1, Strategy.EQUAL, 1.5), new ScanKey(2, s, -1));
                assertEquals(expected(desc, sorted, oidKeys, backward), scan(b.am, index, oidKeys, backward));
                List<ScanKey> bytesKeys = List.of(new ScanKey(3, s, new byte[] {(byte) 200}), new ScanKey(4, Strategy.EQUAL, true));
                assertEquals(expected(desc, sorted, bytesKeys, backward), scan(b.am, index, bytesKeys, backward));
            }
        }
        // NaN sorts above +Infinity: the last non-null entries of a forward full scan are the NaNs.
        assertTrue(Double.isNaN((Double) sorted.getLast().keys()[0]));
    }

    @Test
    void buildEntersLiveRowsAndUniqueBuildRefusesDuplicates() {
        TupleDesc heapDesc = BTreeCluster.desc("id", DatumType.INT4, "v", DatumType.TEXT);
        TupleDesc idxDesc = BTreeCluster.desc("v", DatumType.TEXT);
        Relation heap = BTreeCluster.heap(16384, "t", heapDesc);
        for (int i = 0; i < 2000; i++) {
            table.put(tid(i), new Object[] {i, "v" + (i % 700)}, i % 5 == 0 ? DirtyCheck.DEAD : new DirtyCheck(true, 0));
        }
        Relation index = BTreeCluster.index(20004, "t_v_idx", idxDesc, new int[] {2}, false);
        b.am.build(heap, index, table);
        assertEquals(List.of(), b.verifier.check(index));
        List<ItemPointer> got = scan(b.am, index, List.of(new ScanKey(1, Strategy.EQUAL, "v7")), false);
        List<ItemPointer> want = new ArrayList<>();
        for (int i = 7; i < 2000; i += 700) if (i % 5 != 0) want.add(tid(i));
        assertEquals(want, got);
        assertEquals(1600, scan(b.am, index, List.of(), false).size());

        Relation unique = BTreeCluster.index(20005, "t_v_key", idxDesc, new int[] {2}, true);
        org.tusk.utils.error.PgException e = org.junit.jupiter.api.Assertions.assertThrows(org.tusk.utils.error.PgException.class,
                () -> b.am.build(heap, unique, table));
        assertEquals("23505", e.sqlState());
        assertEquals("could not create unique index \"t_v_key\"", e.getMessage());
        assertEquals("Key (v)=(v1) is duplicated.", e.detail());
    }

    @Test
    void emptyIndexScansReturnNothing() {
        TupleDesc desc = BTreeCluster.desc("k", DatumType.INT4);
        Relation index = newIndex(20006, desc, false);
        assertEquals(List.of(), scan(b.am, index, List.of(), false));
        assertEquals(List.of(), scan(b.am, index, List.of(new ScanKey(1, Strategy.EQUAL, 1)), true));
        assertEquals(1, b.am.numberOfBlocks(index), "only the metapage");
        assertEquals(List.of(), b.verifier.check(index));
        Set<ItemPointer> none = new HashSet<>();
        assertEquals(0, b.am.bulkDelete(index, none::contains).tuplesRemoved());
    }
}
