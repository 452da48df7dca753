package org.tusk.storage.ipc;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatchTest {
    @Test
    void awaitTimesOutWhenNobodySetsIt() {
        try (Arena a = Arena.ofShared()) {
            Latch latch = new Latch(a.allocate(4, 4));
            long start = System.nanoTime();
            assertFalse(latch.await(50_000_000L));
            assertTrue(System.nanoTime() - start >= 45_000_000L, "slept for the timeout");
        }
    }

    @Test
    void setWakesASleeperPromptly() throws Exception {
        try (Arena a = Arena.ofShared()) {
            MemorySegment word = a.allocate(4, 4);
            Latch owner = new Latch(word);
            Latch other = new Latch(word);
            Thread setter = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                other.set();
            });
            long start = System.nanoTime();
            setter.start();
            assertTrue(owner.await(10_000_000_000L));
            long waited = System.nanoTime() - start;
            assertTrue(waited < 5_000_000_000L, "woken by set(), not by the 10 s timeout");
            owner.reset();
            assertFalse(owner.isSet());
            setter.join();
        }
    }

    @Test
    void aSetBeforeTheWaitIsNotLost() {
        try (Arena a = Arena.ofShared()) {
            Latch latch = new Latch(a.allocate(4, 4));
            latch.set();
            assertTrue(latch.await(-1), "returns at once: the latch was already set");
        }
    }
}
