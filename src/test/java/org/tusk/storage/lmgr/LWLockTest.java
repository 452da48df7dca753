package org.tusk.storage.lmgr;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LWLock semantics, with threads standing in for processes (the futex is the same). */
class LWLockTest {
    @Test
    void exclusiveExcludesEveryoneAndSharedAdmitsReaders() {
        try (Arena a = Arena.ofShared()) {
            LWLock lock = new LWLock("test", a.allocate(LWLock.LAYOUT));
            assertTrue(lock.tryAcquire(LWLock.Mode.SHARED));
            assertTrue(lock.tryAcquire(LWLock.Mode.SHARED));
            assertFalse(lock.tryAcquire(LWLock.Mode.EXCLUSIVE));
            lock.release(LWLock.Mode.SHARED);
            lock.release(LWLock.Mode.SHARED);
            assertTrue(lock.tryAcquire(LWLock.Mode.EXCLUSIVE));
            assertFalse(lock.tryAcquire(LWLock.Mode.SHARED));
            lock.release(LWLock.Mode.EXCLUSIVE);
            assertThrows(IllegalStateException.class, () -> lock.release(LWLock.Mode.EXCLUSIVE));
        }
    }

    @Test
    void contendedIncrementsUnderTheLockAreNeverLost() throws Exception {
        try (Arena a = Arena.ofShared()) {
            MemorySegment seg = a.allocate(LWLock.LAYOUT);
            LWLock lock = new LWLock("test", seg);
            int[] counter = new int[1];
            AtomicInteger readersSawOdd = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(new Thread(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        lock.acquire(LWLock.Mode.EXCLUSIVE);
                        try {
                            counter[0]++;      // made odd...
                            Thread.onSpinWait();
                            counter[0]++;      // ...and even again before anyone can look
                        } finally {
                            lock.release(LWLock.Mode.EXCLUSIVE);
                        }
                    }
                }));
                threads.add(new Thread(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        lock.acquire(LWLock.Mode.SHARED);
                        try {
                            if ((counter[0] & 1) != 0) readersSawOdd.incrementAndGet();
                        } finally {
                            lock.release(LWLock.Mode.SHARED);
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) t.join();
            assertEquals(4 * 20_000 * 2, counter[0]);
            assertEquals(0, readersSawOdd.get());
        }
    }

    @Test
    void acquireOrWaitReturnsFalseOnceTheHolderIsDoneWithoutTakingTheLock() throws Exception {
        try (Arena a = Arena.ofShared()) {
            MemorySegment seg = a.allocate(LWLock.LAYOUT);
            LWLock holder = new LWLock("test", seg);
            LWLock other = new LWLock("test", seg);
            assertTrue(other.acquireOrWait(LWLock.Mode.EXCLUSIVE), "a free lock is simply taken");
            other.release(LWLock.Mode.EXCLUSIVE);

            holder.acquire(LWLock.Mode.EXCLUSIVE);
            java.util.concurrent.atomic.AtomicReference<Boolean> got = new java.util.concurrent.atomic.AtomicReference<>();
            Thread t = Thread.ofPlatform().start(() -> {
                boolean r;
                do {
                    r = other.acquireOrWait(LWLock.Mode.EXCLUSIVE);
                } while (!r && holder.isLocked()); // a spurious wake-up re-checks, as callers do
                got.set(r);
            });
            Thread.sleep(100);
            assertTrue(t.isAlive(), "sleeps while the lock is held");
            holder.release(LWLock.Mode.EXCLUSIVE);
            t.join(5000);
            assertFalse(t.isAlive());
            assertFalse(got.get(), "woken by the release, it did not take the lock");
            assertFalse(holder.isLocked());
        }
    }
}
