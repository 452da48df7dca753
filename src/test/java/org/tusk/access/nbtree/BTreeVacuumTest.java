package org.tusk.access.nbtree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.ScanKey;
import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.access.nbtree.BTreeTestSupport.Entry;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** btbulkdelete: entries of dead heap TIDs disappear, the rest stay findable, the tree stays sound. */
class BTreeVacuumTest {
    @TempDir
    Path dir;

    @Test
    void randomInsertsThenBulkDeletesThenMoreInserts() throws Exception {
        try (BTreeCluster cluster = new BTreeCluster(dir, 64)) {
            BTreeCluster.Backend b = cluster.backend();
            TupleDesc desc = BTreeCluster.desc("k", DatumType.INT4);
            Relation heap = BTreeCluster.heap(16384, "t", desc);
            Relation index = BTreeCluster.index(20301, "t_idx", desc, new int[] {1}, false);
            MemoryTable table = new MemoryTable();
            b.am.build(heap, index, table);
            Random rnd = new Random(5);
            List<Entry> live = new ArrayList<>();
            int next = 0;
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 8000; i++, next++) {
                    Integer k = rnd.nextInt(40) == 0 ? null : rnd.nextInt(1500);
                    ItemPointer tid = new ItemPointer(next / 100, next % 100 + 1);
                    b.am.insert(index, new Object[] {k}, tid, heap, table, false);
                    live.add(new Entry(new Object[] {k}, tid));
                }
                Set<ItemPointer> dead = new HashSet<>();
                for (Entry e : live) if (rnd.nextInt(3) != 0) dead.add(e.tid());
                long before = live.size();
                BulkDeleteResult r = b.am.bulkDelete(index, dead::contains);
                live.removeIf(e -> dead.contains(e.tid()));
                assertEquals(dead.size(), r.tuplesRemoved());
                assertEquals(before - dead.size(), r.numIndexTuples());
                assertEquals(b.am.numberOfBlocks(index), r.numPages());
                assertEquals(List.of(), b.verifier.check(index), "after round " + round);

                List<Entry> sorted = new ArrayList<>(live);
                sorted.sort(BTreeTestSupport.order(desc));
                for (boolean backward : new boolean[] {false, true}) {
                    List<ItemPointer> all = new ArrayList<>(sorted.stream().map(Entry::tid).toList());
                    if (backward) java.util.Collections.reverse(all);
                    assertEquals(all, BTreeTestSupport.scan(b.am, index, List.of(), backward));
                    for (int t = 0; t < 5; t++) {
                        List<ScanKey> keys = List.of(new ScanKey(1, Strategy.values()[t], rnd.nextInt(1500)));
                        assertEquals(BTreeTestSupport.expected(desc, sorted, keys, backward),
                                BTreeTestSupport.scan(b.am, index, keys, backward));
                    }
                }
            }
        }
    }
}
