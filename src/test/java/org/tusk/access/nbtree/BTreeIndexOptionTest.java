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
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Index columns with DESC and NULLS FIRST (pg_index.indoption) and UNIQUE NULLS NOT DISTINCT, as a
 * caller of the B-tree sees them: entries come back in the column's declared order in either scan
 * direction, every kind of scan key finds exactly the matching rows, and the tree stays valid.
 */
class BTreeIndexOptionTest {
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

    private static Relation index(int relNumber, TupleDesc desc, short[] options, boolean unique, boolean nullsNotDistinct) {
        int[] keys = new int[desc.natts()];
        for (int i = 0; i < keys.length; i++) keys[i] = i + 1;
        return new Relation(relNumber, "t_idx" + relNumber, 2200, 'i', 'p', RelFileLocator.inDefaultTablespace(5, relNumber),
                desc, new Relation.IndexInfo(16384, keys, unique, false, null, null, options, nullsNotDistinct));
    }

    /** The order a column with these options must give, written out independently of the B-tree code. */
    private static Comparator<Object> columnOrder(short option) {
        Comparator<Object> values = (x, y) -> x instanceof Integer i ? Integer.compare(i, (Integer) y)
                : ((String) x).compareTo((String) y);
        if ((option & DESC) != 0) values = values.reversed();
        return (option & NULLS_FIRST) != 0 ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
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

    private void checkAllScans(Relation index, short[] options, List<BTreeTestSupport.Entry> entries, Random rnd) {
        List<BTreeTestSupport.Entry> sorted = new ArrayList<>(entries);
        sorted.sort(order(options));
        assertEquals(List.of(), b.verifier.check(index));
        for (boolean backward : new boolean[] {false, true}) {
            assertEquals(BTreeTestSupport.expected(desc, sorted, List.of(), backward),
                    BTreeTestSupport.scan(b.am, index, List.of(), backward), "full scan, backward=" + backward);
        }
        Strategy[] strategies = Strategy.values();
        for (int round = 0; round < 300; round++) {
            List<ScanKey> keys = new ArrayList<>();
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                int attno = 1 + rnd.nextInt(2);
                Object arg = attno == 1 ? (Object) rnd.nextInt(60) : (Object) ("s" + rnd.nextInt(10));
                // now and then an IS [NOT] NULL key (SK_SEARCHNULL / SK_SEARCHNOTNULL)
                if (rnd.nextInt(4) == 0) keys.add(ScanKey.searchNull(attno, rnd.nextBoolean()));
                else keys.add(new ScanKey(attno, strategies[rnd.nextInt(strategies.length)], arg));
            }
            for (boolean backward : new boolean[] {false, true}) {
                assertEquals(BTreeTestSupport.expected(desc, sorted, keys, backward),
                        BTreeTestSupport.scan(b.am, index, keys, backward), keys + " backward=" + backward);
            }
        }
    }

    private List<BTreeTestSupport.Entry> randomRows(Random rnd, int count, int firstBlock) {
        List<BTreeTestSupport.Entry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Object a = rnd.nextInt(10) == 0 ? null : rnd.nextInt(60);
            Object s = rnd.nextInt(8) == 0 ? null : "s" + rnd.nextInt(10) + "x".repeat(rnd.nextInt(120));
            out.add(new BTreeTestSupport.Entry(new Object[] {a, s}, new ItemPointer(firstBlock + i / 50, 1 + i % 50)));
        }
        return out;
    }

    @Test
    void everyCombinationOfOptionsKeepsItsOrderThroughBuildInsertsAndSplits() {
        short[][] combos = {{DESC | NULLS_FIRST, 0}, {DESC, NULLS_FIRST}, {NULLS_FIRST, DESC | NULLS_FIRST}, {0, DESC}};
        Random rnd = new Random(42);
        int rel = 30000;
        for (short[] options : combos) {
            List<BTreeTestSupport.Entry> entries = randomRows(rnd, 1500, 0);
            for (BTreeTestSupport.Entry e : entries) table.put(e.tid(), e.keys(), new DirtyCheck(true, 0));
            Relation index = index(rel++, desc, options, false, false);
            b.am.build(heap, index, table);   // the sorted bottom-up load
            List<BTreeTestSupport.Entry> more = randomRows(rnd, 1500, 1000);
            for (BTreeTestSupport.Entry e : more) b.am.insert(index, e.keys(), e.tid(), heap, table, false);   // splits
            List<BTreeTestSupport.Entry> all = new ArrayList<>(entries);
            all.addAll(more);
            checkAllScans(index, options, all, rnd);
            table.rows.clear();
        }
    }

    @Test
    void descendingColumnScansFromTheRightEnd() {
        Relation index = index(31000, desc, new short[] {DESC | NULLS_FIRST, 0}, false, false);
        b.am.build(heap, index, table);
        List<ItemPointer> tids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ItemPointer tid = new ItemPointer(0, i + 1);
            b.am.insert(index, new Object[] {i == 4 ? null : i, "x"}, tid, heap, table, false);
            tids.add(tid);
        }
        // DESC NULLS FIRST: null, 3, 2, 1, 0
        assertEquals(List.of(tids.get(4), tids.get(3), tids.get(2), tids.get(1), tids.get(0)),
                BTreeTestSupport.scan(b.am, index, List.of(), false));
        // a > 1 on a DESC column: the leading entries, stopping before 1
        assertEquals(List.of(tids.get(3), tids.get(2)),
                BTreeTestSupport.scan(b.am, index, List.of(new ScanKey(1, Strategy.GREATER, 1)), false));
        List<ItemPointer> backwardLe = BTreeTestSupport.scan(b.am, index, List.of(new ScanKey(1, Strategy.LESS_EQUAL, 2)), true);
        assertEquals(List.of(tids.get(0), tids.get(1), tids.get(2)), backwardLe);
    }

    @Test
    void nullTestKeysFindTheNullsOrSkipThemInEitherDirection() {
        for (short option : new short[] {0, NULLS_FIRST, DESC, DESC | NULLS_FIRST}) {
            Relation index = index(34000 + option, desc, new short[] {option, 0}, false, false);
            b.am.build(heap, index, table);
            List<ItemPointer> nulls = new ArrayList<>(), values = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                ItemPointer tid = new ItemPointer(i / 50, 1 + i % 50);
                boolean isNull = i % 3 == 0;
                b.am.insert(index, new Object[] {isNull ? null : i, "x"}, tid, heap, table, false);
                (isNull ? nulls : values).add(tid);
            }
            for (boolean backward : new boolean[] {false, true}) {
                List<ItemPointer> isNull = BTreeTestSupport.scan(b.am, index, List.of(ScanKey.searchNull(1, false)), backward);
                assertEquals(new java.util.HashSet<>(nulls), new java.util.HashSet<>(isNull), "IS NULL option=" + option);
                assertEquals(nulls.size(), isNull.size());
                List<ItemPointer> notNull = BTreeTestSupport.scan(b.am, index, List.of(ScanKey.searchNull(1, true)), backward);
                assertEquals(new java.util.HashSet<>(values), new java.util.HashSet<>(notNull), "IS NOT NULL option=" + option);
                assertEquals(values.size(), notNull.size());
                // the first entry in either direction is the extreme value: what max/min read
                ItemPointer extreme = values.get((backward == ((option & DESC) == 0)) ? values.size() - 1 : 0);
                assertEquals(extreme, notNull.get(0), "first IS NOT NULL entry, option=" + option + " backward=" + backward);
                // with a bound on the same column the bound decides, IS NOT NULL still holds
                List<ItemPointer> bounded = BTreeTestSupport.scan(b.am, index,
                        List.of(ScanKey.searchNull(1, true), new ScanKey(1, Strategy.LESS, 10)), backward);
                assertEquals(6, bounded.size(), "IS NOT NULL AND a < 10, option=" + option);
            }
        }
    }

    @Test
    void uniqueNullsNotDistinctRefusesASecondNull() {
        Relation index = index(32000, desc, new short[] {0, 0}, true, true);
        b.am.build(heap, index, table);
        table.put(new ItemPointer(0, 1), new Object[] {1, null}, new DirtyCheck(true, 0));
        b.am.insert(index, new Object[] {1, null}, new ItemPointer(0, 1), heap, table, true);
        UniqueViolation e = assertThrows(UniqueViolation.class,
                () -> b.am.insert(index, new Object[] {1, null}, new ItemPointer(0, 2), heap, table, true));
        assertEquals("Key (a, b)=(1, null) already exists.", e.detail());
        // a distinct-nulls unique index takes both
        Relation plain = index(32001, desc, new short[] {0, 0}, true, false);
        b.am.build(heap, plain, table);
        b.am.insert(plain, new Object[] {1, null}, new ItemPointer(0, 2), heap, table, true);
        assertEquals(2, BTreeTestSupport.scan(b.am, plain, List.of(), false).size());
    }

    @Test
    void uniqueNullsNotDistinctBuildFindsDuplicateNulls() {
        table.put(new ItemPointer(0, 1), new Object[] {null, "a"}, new DirtyCheck(true, 0));
        table.put(new ItemPointer(0, 2), new Object[] {null, "a"}, new DirtyCheck(true, 0));
        Relation index = index(33000, desc, new short[] {DESC | NULLS_FIRST, 0}, true, true);
        org.tusk.utils.error.PgException e = assertThrows(org.tusk.utils.error.PgException.class,
                () -> b.am.build(heap, index, table));
        assertEquals("could not create unique index \"t_idx33000\"", e.getMessage());
        assertEquals("Key (a, b)=(null, a) is duplicated.", e.detail());
        Relation distinct = index(33001, desc, new short[] {DESC | NULLS_FIRST, 0}, true, false);
        b.am.build(heap, distinct, table);
        assertEquals(2, BTreeTestSupport.scan(b.am, distinct, List.of(), false).size());
    }
}
