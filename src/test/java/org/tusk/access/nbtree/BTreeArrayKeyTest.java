package org.tusk.access.nbtree;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.ScanKey;
import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.access.table.DirtyCheck;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.cache.Relation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scans with {@code column = ANY (array)} keys (SK_SEARCHARRAY), as a caller of the B-tree sees
 * them: one pass per distinct non-null element in index order (reversed for a backward scan or a
 * DESC column), the entries of each pass in index order, no entry twice, and no entry for an
 * array without non-null elements. The expected answers are computed here from the entries alone.
 */
class BTreeArrayKeyTest {
    static final short DESC = Relation.IndexInfo.INDOPTION_DESC, NULLS_FIRST = Relation.IndexInfo.INDOPTION_NULLS_FIRST;

    @TempDir
    Path dir;
    BTreeCluster cluster;
    BTreeCluster.Backend b;
    final MemoryTable table = new MemoryTable();
    final TupleDesc desc = BTreeCluster.desc("a", DatumType.INT4, "b", DatumType.TEXT);
    final Relation heap = BTreeCluster.heap(16384, "t", desc);

    @BeforeEach
    void setUp() throws Exception {
        cluster = new BTreeCluster(dir, 128);
        b = cluster.backend();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private static Relation index(int relNumber, TupleDesc desc, short[] options) {
        return new Relation(relNumber, "t_idx" + relNumber, 2200, 'i', 'p', RelFileLocator.inDefaultTablespace(5, relNumber),
                desc, new Relation.IndexInfo(16384, new int[] {1, 2}, false, false, null, null, options, false));
    }

    private static Comparator<Object> values() {
        return (x, y) -> x instanceof Integer i ? Integer.compare(i, (Integer) y) : ((String) x).compareTo((String) y);
    }

    private static Comparator<Object> columnOrder(short option) {
        Comparator<Object> v = values();
        if ((option & DESC) != 0) v = v.reversed();
        return (option & NULLS_FIRST) != 0 ? Comparator.nullsFirst(v) : Comparator.nullsLast(v);
    }

    private static Comparator<BTreeTestSupport.Entry> order(short[] options) {
        Comparator<BTreeTestSupport.Entry> c = (x, y) -> 0;
        for (int i = 0; i < options.length; i++) {
            final int col = i;
            Comparator<Object> co = columnOrder(options[i]);
            c = c.thenComparing((x, y) -> co.compare(x.keys()[col], y.keys()[col]));
        }
        return c.thenComparing((x, y) -> BTScanInsert.compareTids(x.tid(), y.tid()));
    }

    /**
     * The expected answer: for each combination of distinct non-null elements (the later array
     * key varying fastest, each array in the scan's index order), the matches of the plain keys
     * plus one = key per array, in the scan's order.
     */
    private List<ItemPointer> expected(List<BTreeTestSupport.Entry> sorted, short[] options, List<ScanKey> keys, boolean backward) {
        List<ScanKey> plain = new ArrayList<>();
        List<ScanKey> arrays = new ArrayList<>();
        for (ScanKey k : keys) (k.searchArray() ? arrays : plain).add(k);
        arrays.sort(Comparator.comparingInt(ScanKey::attno));
        List<List<Object>> lists = new ArrayList<>();
        for (ScanKey k : arrays) {
            Comparator<Object> co = columnOrder(options[k.attno() - 1]);
            if (backward) co = co.reversed();
            TreeSet<Object> distinct = new TreeSet<>(co);
            for (Object e : (Object[]) k.argument()) if (e != null) distinct.add(e);
            if (distinct.isEmpty()) return List.of();
            lists.add(new ArrayList<>(distinct));
        }
        List<ItemPointer> out = new ArrayList<>();
        combine(sorted, plain, arrays, lists, 0, new ArrayList<>(), backward, out);
        return out;
    }

    private void combine(List<BTreeTestSupport.Entry> sorted, List<ScanKey> plain, List<ScanKey> arrays, List<List<Object>> lists,
                         int depth, List<ScanKey> chosen, boolean backward, List<ItemPointer> out) {
        if (depth == arrays.size()) {
            List<ScanKey> all = new ArrayList<>(plain);
            all.addAll(chosen);
            out.addAll(BTreeTestSupport.expected(desc, sorted, all, backward));
            return;
        }
        for (Object e : lists.get(depth)) {
            chosen.add(new ScanKey(arrays.get(depth).attno(), Strategy.EQUAL, e));
            combine(sorted, plain, arrays, lists, depth + 1, chosen, backward, out);
            chosen.remove(chosen.size() - 1);
        }
    }

    private Object randomValue(Random rnd, int attno) {
        return attno == 1 ? (Object) rnd.nextInt(60) : (Object) ("s" + rnd.nextInt(10));
    }

    private Object[] randomArray(Random rnd, int attno) {
        Object[] a = new Object[rnd.nextInt(6)];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextInt(6) == 0 ? null : randomValue(rnd, attno);
        if (a.length > 1 && rnd.nextBoolean()) a[a.length - 1] = a[0];   // a duplicate
        return a;
    }

    @Test
    void arrayKeysReturnEachElementsEntriesOnceInScanOrder() {
        short[][] combos = {{0, 0}, {DESC, 0}, {0, DESC | NULLS_FIRST}, {DESC | NULLS_FIRST, DESC}};
        Random rnd = new Random(7);
        int rel = 40000;
        for (short[] options : combos) {
            List<BTreeTestSupport.Entry> entries = new ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                Object a = rnd.nextInt(10) == 0 ? null : rnd.nextInt(60);
                Object s = rnd.nextInt(8) == 0 ? null : "s" + rnd.nextInt(10);
                entries.add(new BTreeTestSupport.Entry(new Object[] {a, s}, new ItemPointer(i / 50, 1 + i % 50)));
            }
            for (BTreeTestSupport.Entry e : entries) table.put(e.tid(), e.keys(), new DirtyCheck(true, 0));
            Relation index = index(rel++, desc, options);
            b.am.build(heap, index, table);
            List<BTreeTestSupport.Entry> sorted = new ArrayList<>(entries);
            sorted.sort(order(options));
            Strategy[] strategies = Strategy.values();
            for (int round = 0; round < 200; round++) {
                List<ScanKey> keys = new ArrayList<>();
                int arrayAttno = 1 + rnd.nextInt(2);
                keys.add(ScanKey.searchArray(arrayAttno, Strategy.EQUAL, randomArray(rnd, arrayAttno)));
                if (rnd.nextInt(3) == 0) keys.add(ScanKey.searchArray(3 - arrayAttno, Strategy.EQUAL, randomArray(rnd, 3 - arrayAttno)));
                else if (rnd.nextBoolean()) {
                    int attno = 1 + rnd.nextInt(2);
                    keys.add(new ScanKey(attno, strategies[rnd.nextInt(strategies.length)], randomValue(rnd, attno)));
                }
                for (boolean backward : new boolean[] {false, true}) {
                    List<ItemPointer> got = BTreeTestSupport.scan(b.am, index, keys, backward);
                    assertEquals(expected(sorted, options, keys, backward), got, keys + " backward=" + backward);
                    assertEquals(got.size(), new HashSet<>(got).size(), "no entry twice");
                }
            }
            table.rows.clear();
        }
    }

    @Test
    void arrayOnTheFirstColumnComesOutInIndexOrder() {
        Relation index = index(41000, desc, new short[] {0, 0});
        b.am.build(heap, index, table);
        for (int i = 0; i < 1000; i++) b.am.insert(index, new Object[] {i % 100, "x"}, new ItemPointer(i / 50, 1 + i % 50), heap, table, false);
        ScanKey in = ScanKey.searchArray(1, Strategy.EQUAL, new Object[] {70, 3, null, 42, 3, 99});
        List<Integer> forward = firstColumns(index, List.of(in), false);
        assertEquals(40, forward.size());   // four distinct elements, ten entries each
        List<Integer> ascending = new ArrayList<>(forward);
        ascending.sort(null);
        assertEquals(ascending, forward);
        List<Integer> backward = firstColumns(index, List.of(in), true);
        List<Integer> descending = new ArrayList<>(ascending);
        java.util.Collections.reverse(descending);
        assertEquals(descending, backward);
    }

    @Test
    void arraysWithoutNonNullElementsAndNullArraysMatchNothing() {
        Relation index = index(42000, desc, new short[] {0, 0});
        b.am.build(heap, index, table);
        b.am.insert(index, new Object[] {1, "x"}, new ItemPointer(0, 1), heap, table, false);
        b.am.insert(index, new Object[] {null, "x"}, new ItemPointer(0, 2), heap, table, false);
        assertTrue(BTreeTestSupport.scan(b.am, index, List.of(ScanKey.searchArray(1, Strategy.EQUAL, new Object[0])), false).isEmpty());
        assertTrue(BTreeTestSupport.scan(b.am, index,
                List.of(ScanKey.searchArray(1, Strategy.EQUAL, new Object[] {null, null})), false).isEmpty());
        assertTrue(BTreeTestSupport.scan(b.am, index, List.of(ScanKey.searchArray(1, Strategy.EQUAL, null)), true).isEmpty());
        assertEquals(List.of(new ItemPointer(0, 1)),
                BTreeTestSupport.scan(b.am, index, List.of(ScanKey.searchArray(1, Strategy.EQUAL, new Object[] {null, 1})), false));
    }

    @Test
    void inequalityArraysUseTheirExtremeElement() {
        Relation index = index(43000, desc, new short[] {0, 0});
        b.am.build(heap, index, table);
        for (int i = 0; i < 20; i++) b.am.insert(index, new Object[] {i, "x"}, new ItemPointer(0, i + 1), heap, table, false);
        // a < ANY ('{3,7,null}') is a < 7; a >= ANY ('{15,12}') is a >= 12
        assertEquals(7, BTreeTestSupport.scan(b.am, index,
                List.of(ScanKey.searchArray(1, Strategy.LESS, new Object[] {3, 7, null})), false).size());
        assertEquals(8, BTreeTestSupport.scan(b.am, index,
                List.of(ScanKey.searchArray(1, Strategy.GREATER_EQUAL, new Object[] {15, 12})), true).size());
    }

    private List<Integer> firstColumns(Relation index, List<ScanKey> keys, boolean backward) {
        List<Integer> out = new ArrayList<>();
        try (org.tusk.access.index.IndexScan s = b.am.beginScan(index, keys, backward, true)) {
            while (s.next() != null) out.add((Integer) s.indexValues()[0]);
        }
        return out;
    }
}
