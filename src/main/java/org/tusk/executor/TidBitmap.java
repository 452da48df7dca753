package org.tusk.executor;

import java.util.BitSet;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.storage.page.ItemPointer;

/**
 * A set of heap TIDs, by page (PostgreSQL's nodes/tidbitmap.c, exact pages only): each heap
 * block that has members holds a bit per line pointer offset. Union and intersection work page
 * by page; iteration is in block order, each page's offsets ascending, which is what lets the
 * bitmap heap scan read every page once and in physical order.
 *
 * <p>Not here: lossy pages. PostgreSQL turns pages into whole-page "chunk" bits once the bitmap
 * would exceed work_mem, and its heap scan then rechecks every tuple of such a page; Tusk's
 * bitmap stays exact whatever its size (and the heap scan rechecks every row anyway).
 * Single-process: a bitmap belongs to one executor node.
 */
final class TidBitmap {
    private final TreeMap<Integer, BitSet> pages = new TreeMap<>(Integer::compareUnsigned);
    private long ntuples;

    /** tbm_add_tuples for one TID. */
    void add(ItemPointer tid) {
        BitSet offsets = pages.computeIfAbsent(tid.block(), b -> new BitSet());
        if (!offsets.get(tid.offset())) {
            offsets.set(tid.offset());
            ntuples++;
        }
    }

    /** tbm_union: every member of {@code other} is added. */
    void union(TidBitmap other) {
        for (Map.Entry<Integer, BitSet> e : other.pages.entrySet()) {
            BitSet mine = pages.computeIfAbsent(e.getKey(), b -> new BitSet());
            ntuples -= mine.cardinality();
            mine.or(e.getValue());
            ntuples += mine.cardinality();
        }
    }

    /** tbm_intersect: only members also in {@code other} remain; pages left empty are dropped. */
    void intersect(TidBitmap other) {
        Iterator<Map.Entry<Integer, BitSet>> it = pages.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, BitSet> e = it.next();
            BitSet theirs = other.pages.get(e.getKey());
            ntuples -= e.getValue().cardinality();
            if (theirs == null) {
                it.remove();
                continue;
            }
            e.getValue().and(theirs);
            if (e.getValue().isEmpty()) it.remove();
            else ntuples += e.getValue().cardinality();
        }
    }

    /** tbm_is_empty. */
    boolean isEmpty() { return pages.isEmpty(); }

    /** The number of TIDs. */
    long size() { return ntuples; }

    /** The number of heap pages with members. */
    int pageCount() { return pages.size(); }

    /** One page of the iteration (TBMIterateResult): its block and offsets, ascending. */
    record PageResult(int block, int[] offsets) {}

    /** tbm_begin_iterate / tbm_iterate: the pages in block order. */
    Iterator<PageResult> iterator() {
        Iterator<Map.Entry<Integer, BitSet>> it = pages.entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() { return it.hasNext(); }

            @Override
            public PageResult next() {
                Map.Entry<Integer, BitSet> e = it.next();
                return new PageResult(e.getKey(), e.getValue().stream().toArray());
            }
        };
    }
}
