package org.tusk.access.gist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.adt.geo.Box;
import org.tusk.utils.adt.geo.Point;

/**
 * The GiST support functions and the kNN queue: an inner key (the union) is consistent wherever
 * one of its leaf keys is (for every box strategy), picksplit leaves both sides non-empty, and
 * the pairing heap gives items in distance order with heap entries before pages of equal
 * distance.
 */
class GistOpclassTest {
    private static Box box(double x1, double y1, double x2, double y2) {
        return Box.of(new Point(x1, y1), new Point(x2, y2));
    }

    @Test
    void unionIsConsistentWhereverALeafIs() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Object> leaves = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                double x = r.nextInt(100), y = r.nextInt(100);
                leaves.add(box(x, y, x + r.nextInt(20), y + r.nextInt(20)));
            }
            Object union = GistBoxOps.BOX.union(leaves);
            double x = r.nextInt(100), y = r.nextInt(100);
            Box q = box(x, y, x + r.nextInt(30), y + r.nextInt(30));
            for (int strategy = 1; strategy <= 12; strategy++) {
                boolean anyLeaf = false;
                for (Object l : leaves) anyLeaf |= GistBoxOps.BOX.consistent(l, q, strategy, true).matches();
                if (anyLeaf) assertTrue(GistBoxOps.BOX.consistent(union, q, strategy, false).matches(),
                        "strategy " + strategy + " pruned a subtree holding a match");
            }
        }
    }

    @Test
    void pointConsistencyIsExactAtTheLeaf() {
        Object key = GistPointOps.INSTANCE.compress(new Point(5, 5));
        assertTrue(GistPointOps.INSTANCE.consistent(key, box(0, 0, 10, 10), 28, true).matches());
        assertFalse(GistPointOps.INSTANCE.consistent(key, box(6, 6, 10, 10), 28, true).matches());
        assertFalse(GistPointOps.INSTANCE.consistent(key, box(0, 0, 10, 10), 28, true).recheck());
        assertEquals(new Point(5, 5), GistPointOps.INSTANCE.fetch(key));
    }

    @Test
    void pickSplitLeavesBothSidesNonEmpty() {
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) keys.add(box(i, i, i + 1, i + 1));
        boolean[] left = GistBoxOps.BOX.pickSplit(keys);
        int n = 0;
        for (boolean b : left) if (b) n++;
        assertTrue(n > 0 && n < keys.size());
    }

    @Test
    void queueGivesNearestFirstAndHeapEntriesBeforePagesOfEqualDistance() {
        GistSearchQueue q = new GistSearchQueue(1);
        q.add(GistSearchQueue.Item.page(3, 0, new double[] {2.0}, new boolean[1]));
        q.add(GistSearchQueue.Item.heap(new ItemPointer(1, 1), null, new double[] {2.0}, new boolean[1]));
        q.add(GistSearchQueue.Item.heap(new ItemPointer(1, 2), null, new double[] {0.5}, new boolean[1]));
        q.add(GistSearchQueue.Item.heap(new ItemPointer(1, 3), null, new double[] {0}, new boolean[] {true}));
        q.add(GistSearchQueue.Item.heap(new ItemPointer(1, 4), null, new double[] {Double.NaN}, new boolean[1]));
        assertEquals(new ItemPointer(1, 2), q.removeFirst().tid());
        assertEquals(new ItemPointer(1, 1), q.removeFirst().tid());
        assertFalse(q.removeFirst().isHeap());
        assertEquals(new ItemPointer(1, 4), q.removeFirst().tid());
        assertEquals(new ItemPointer(1, 3), q.removeFirst().tid());
        assertEquals(null, q.removeFirst());
    }
}
