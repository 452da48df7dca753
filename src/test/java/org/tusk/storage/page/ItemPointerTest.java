package org.tusk.storage.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** ItemPointerCompare: tids order by block number (unsigned), then offset, so ORDER BY ctid sorts. */
class ItemPointerTest {

    @Test
    void ordersByUnsignedBlockThenOffset() {
        List<ItemPointer> l = new ArrayList<>(List.of(new ItemPointer(1, 1), new ItemPointer(0, 2), new ItemPointer(0xFFFFFFFE, 1),
                new ItemPointer(0, 1)));
        Collections.sort(l);
        assertEquals(List.of(new ItemPointer(0, 1), new ItemPointer(0, 2), new ItemPointer(1, 1), new ItemPointer(0xFFFFFFFE, 1)), l);
        assertEquals(0, new ItemPointer(3, 4).compareTo(new ItemPointer(3, 4)));
        assertTrue(new ItemPointer(0x80000000, 1).compareTo(new ItemPointer(1, 1)) > 0);
    }
}
