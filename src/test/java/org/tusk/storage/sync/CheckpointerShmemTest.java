package org.tusk.storage.sync;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointerShmemTest {
    @Test
    void aRequesterWaitsForACheckpointThatStartedAfterItsRequest() throws Exception {
        try (Arena a = Arena.ofShared()) {
            CheckpointerShmem c = new CheckpointerShmem(a.allocate(CheckpointerShmem.LAYOUT));
            // A checkpoint already under way when the request is made does not count.
            c.start();
            int startedBefore = c.request(CheckpointerShmem.CHECKPOINT_FORCE | CheckpointerShmem.CHECKPOINT_WAIT);
            AtomicBoolean returned = new AtomicBoolean();
            Thread requester = new Thread(() -> returned.set(c.awaitCompletion(startedBefore, c.failedCount(), () -> { })));
            requester.start();
            c.finish(true);                 // the old one ends...
            Thread.sleep(200);
            assertTrue(requester.isAlive(), "...which is not the requested checkpoint");
            assertTrue(c.requested());
            int flags = c.start();          // the checkpointer takes the request
            assertEquals(CheckpointerShmem.CHECKPOINT_FORCE | CheckpointerShmem.CHECKPOINT_WAIT, flags);
            assertFalse(c.requested());
            c.finish(true);
            requester.join(5000);
            assertFalse(requester.isAlive());
            assertTrue(returned.get());
        }
    }

    @Test
    void aFailedCheckpointIsReported() {
        try (Arena a = Arena.ofShared()) {
            CheckpointerShmem c = new CheckpointerShmem(a.allocate(CheckpointerShmem.LAYOUT));
            int failed = c.failedCount();
            int started = c.request(CheckpointerShmem.CHECKPOINT_WAIT);
            c.start();
            c.finish(false);
            assertFalse(c.awaitCompletion(started, failed, () -> { }));
        }
    }
}
