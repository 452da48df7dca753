package org.tusk.access.gin;

import org.junit.jupiter.api.Test;
import org.tusk.storage.page.ItemPointer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ginpostinglist.c's segment format: the header, the varbyte deltas, and the size limit. */
class GinPostingListTest {
    @Test
    void segmentBytesAreGinpostinglistFormat() {
        // (0,1), (0,2), (1,1): deltas 1 and (1<<11 | 1) - 2 = 2047 -> 0x01, then 0xFF 0x0F
        byte[] seg = GinPostingList.compress(List.of(new ItemPointer(0, 1), new ItemPointer(0, 2), new ItemPointer(1, 1)),
                100, null);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 0, 3, 0, 0x01, (byte) 0xFF, 0x0F, 0}, seg);
        assertEquals(12, GinPostingList.sizeOf(seg, 0));
        assertEquals(List.of(new ItemPointer(0, 1), new ItemPointer(0, 2), new ItemPointer(1, 1)), GinPostingList.decode(seg, 0));
    }

    @Test
    void randomListsRoundTripWithinTheLimit() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            TreeSet<ItemPointer> set = new TreeSet<>();
            int n = 1 + r.nextInt(2000);
            while (set.size() < n) set.add(new ItemPointer(r.nextInt(round % 2 == 0 ? 100 : Integer.MAX_VALUE), 1 + r.nextInt(291)));
            List<ItemPointer> tids = new ArrayList<>(set);
            int max = 16 + r.nextInt(3000);
            int[] written = new int[1];
            List<ItemPointer> back = new ArrayList<>();
            for (int i = 0; i < tids.size(); ) {
                byte[] seg = GinPostingList.compress(tids.subList(i, tids.size()), max, written);
                assertTrue(seg.length <= max, "segment of " + seg.length + " bytes over " + max);
                assertTrue(written[0] >= 1);
                back.addAll(GinPostingList.decode(seg, 0));
                i += written[0];
            }
            assertEquals(tids, back);
        }
    }

    @Test
    void refusesUnsortedLists() {
        assertThrows(IllegalArgumentException.class,
                () -> GinPostingList.compress(List.of(new ItemPointer(3, 1), new ItemPointer(2, 1)), 100, null));
    }

    @Test
    void mergeIsTheSortedUnion() {
        List<ItemPointer> a = List.of(new ItemPointer(0, 1), new ItemPointer(2, 5)), b = List.of(new ItemPointer(0, 1), new ItemPointer(1, 9));
        assertEquals(List.of(new ItemPointer(0, 1), new ItemPointer(1, 9), new ItemPointer(2, 5)), GinPostingList.merge(a, b));
    }
}
