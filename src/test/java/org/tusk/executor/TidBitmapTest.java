package org.tusk.executor;

import org.junit.jupiter.api.Test;
import org.tusk.storage.page.ItemPointer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The TID bitmap of bitmap scans: members by page, union, intersection, block-ordered iteration. */
class TidBitmapTest {
    private static TidBitmap of(int... blockOffsetPairs) {
        TidBitmap b = new TidBitmap();
        for (int i = 0; i < blockOffsetPairs.length; i += 2) b.add(new ItemPointer(blockOffsetPairs[i], blockOffsetPairs[i + 1]));
        return b;
    }

    private static List<String> members(TidBitmap b) {
        List<String> out = new ArrayList<>();
        for (Iterator<TidBitmap.PageResult> it = b.iterator(); it.hasNext(); ) {
            TidBitmap.PageResult p = it.next();
            for (int off : p.offsets()) out.add(p.block() + "/" + off);
        }
        return out;
    }

    @Test
    void iteratesPagesInBlockOrderAndOffsetsAscendingWithoutDuplicates() {
        TidBitmap b = of(7, 3, 2, 9, 7, 1, 2, 9, 0, 4);
        assertEquals(List.of("0/4", "2/9", "7/1", "7/3"), members(b));
        assertEquals(4, b.size());
        assertEquals(3, b.pageCount());
        assertFalse(b.isEmpty());
        assertTrue(new TidBitmap().isEmpty());
    }

    @Test
    void blockNumbersCompareUnsigned() {
        TidBitmap b = of(-2, 1, 5, 1);   // block 0xFFFFFFFE is the largest, not negative
        assertEquals(List.of("5/1", "-2/1"), members(b));
    }

    @Test
    void unionAndIntersectionArePageWise() {
        TidBitmap a = of(1, 1, 1, 2, 3, 5, 4, 1);
        TidBitmap b = of(1, 2, 1, 3, 4, 1, 9, 9);
        TidBitmap u = of(1, 1, 1, 2, 3, 5, 4, 1);
        u.union(b);
        assertEquals(List.of("1/1", "1/2", "1/3", "3/5", "4/1", "9/9"), members(u));
        assertEquals(6, u.size());
        a.intersect(b);
        assertEquals(List.of("1/2", "4/1"), members(a));
        assertEquals(2, a.size());
        assertEquals(2, a.pageCount(), "page 3, which only one side had, is gone");
        a.intersect(of(8, 8));
        assertTrue(a.isEmpty());
        assertEquals(0, a.size());
    }
}
