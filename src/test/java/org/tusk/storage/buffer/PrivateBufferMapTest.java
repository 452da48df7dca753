package org.tusk.storage.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The primitive map behaves as a HashMap of the same operations, through growth and backward-shift deletions. */
class PrivateBufferMapTest {
    @Test
    void matchesHashMap() {
        Random r = new Random(7);
        PrivateBufferMap m = new PrivateBufferMap();
        Map<Integer, Integer> ref = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // a small key space makes probe runs collide and wrap; occasionally a wide one makes it grow
            int id = step % 1000 < 900 ? r.nextInt(40) : r.nextInt(100_000);
            switch (r.nextInt(4)) {
                case 0, 1 -> {
                    int v = 1 + r.nextInt(5);
                    Integer old = ref.put(id, v);
                    assertEquals(old == null ? 0 : old, m.put(id, v));
                }
                case 2 -> {
                    Integer old = ref.remove(id);
                    assertEquals(old == null ? 0 : old, m.remove(id));
                }
                default -> assertEquals(ref.getOrDefault(id, 0), m.get(id));
            }
            assertEquals(ref.size(), m.size());
        }
        Map<Integer, Integer> seen = new HashMap<>();
        m.forEach(seen::put);
        assertEquals(ref, seen);
        m.clear();
        assertEquals(0, m.size());
        assertEquals(0, m.get(3));
    }
}
