package org.tusk.storage.sync;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncRequestQueueTest {
    private static SyncRequestQueue.FileTag file(int rel, int seg) {
        return new SyncRequestQueue.FileTag(1663, 5, rel, 0, seg);
    }

    @Test
    void requestsAreAbsorbedOnceInOrder() {
        try (Arena a = Arena.ofShared()) {
            SyncRequestQueue q = new SyncRequestQueue(a.allocate(SyncRequestQueue.layout(4)), 4);
            assertTrue(q.forward(file(1, 0)));
            assertTrue(q.forward(file(2, 0)));
            assertEquals(List.of(file(1, 0), file(2, 0)), q.absorb());
            assertEquals(List.of(), q.absorb());
        }
    }

    @Test
    void aFullQueueCompactsDuplicatesThenRefuses() {
        try (Arena a = Arena.ofShared()) {
            SyncRequestQueue q = new SyncRequestQueue(a.allocate(SyncRequestQueue.layout(4)), 4);
            for (int i = 0; i < 4; i++) assertTrue(q.forward(file(1, 0)));
            assertTrue(q.forward(file(2, 0)), "duplicates were compacted to make room");
            assertTrue(q.forward(file(3, 0)));
            assertTrue(q.forward(file(4, 0)));
            assertFalse(q.forward(file(5, 0)), "four distinct files fill it: the writer must fsync itself");
            assertEquals(List.of(file(1, 0), file(2, 0), file(3, 0), file(4, 0)), q.absorb());
        }
    }
}
