package org.tusk.storage.lmgr;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.storage.ipc.ProcExit;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.storage.lmgr.LockMode.ACCESS_EXCLUSIVE;
import static org.tusk.storage.lmgr.LockMode.ACCESS_SHARE;
import static org.tusk.storage.lmgr.LockMode.EXCLUSIVE;
import static org.tusk.storage.lmgr.LockMode.ROW_EXCLUSIVE;
import static org.tusk.storage.lmgr.LockMode.ROW_SHARE;
import static org.tusk.storage.lmgr.LockMode.SHARE;

/** Acquire, release, waiting and waking, with threads standing in for processes. */
class LockManagerTest {
    private static final LockTag T = LockTag.relation(5, 16384);
    private static final int LONG = 60_000;

    private LockRig rig = new LockRig(8, 10);

    @AfterEach
    void tearDown() {
        rig.close();
    }

    private static void assertStillWaiting(Future<?> f) throws Exception {
        assertThrows(TimeoutException.class, () -> f.get(150, TimeUnit.MILLISECONDS));
    }

    @Test
    void compatibleModesAreGrantedTogetherAndAConflictingOneWaitsForTheirRelease() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        var c = rig.backend(3, LONG, 0);
        assertEquals(LockAcquireResult.OK, a.acquire(T, ACCESS_SHARE));
        assertEquals(LockAcquireResult.OK, b.acquire(T, ROW_EXCLUSIVE));
        Future<LockAcquireResult> cx = c.acquireAsync(T, ACCESS_EXCLUSIVE);
        rig.awaitWaiting(c);
        a.release(T, ACCESS_SHARE);
        assertStillWaiting(cx);
        b.releaseAll();
        assertEquals(LockAcquireResult.OK, cx.get(10, TimeUnit.SECONDS));
        assertEquals(LockAcquireResult.NOT_AVAIL, a.tryAcquire(T, ACCESS_SHARE));
    }

    @Test
    void aNewRequestQueuesBehindAnEarlierConflictingWaiterAndWaitersAreGrantedInOrder() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        var c = rig.backend(3, LONG, 0);
        a.acquire(T, SHARE);
        Future<LockAcquireResult> bx = b.acquireAsync(T, EXCLUSIVE);
        rig.awaitWaiting(b);
        // SHARE is compatible with A's SHARE, but B waits for EXCLUSIVE first: C queues behind B.
        Future<LockAcquireResult> cs = c.acquireAsync(T, SHARE);
        rig.awaitWaiting(c);
        assertEquals(List.of(b.pid, c.pid), waiters());
        a.releaseAll();
        assertEquals(LockAcquireResult.OK, bx.get(10, TimeUnit.SECONDS));
        assertStillWaiting(cs);
        b.releaseAll();
        assertEquals(LockAcquireResult.OK, cs.get(10, TimeUnit.SECONDS));
        c.releaseAll();
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
    }

    @Test
    void onRelease_everyCompatibleWaiterIsWokenNotJustTheFirst() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        var c = rig.backend(3, LONG, 0);
        a.acquire(T, ACCESS_EXCLUSIVE);
        Future<LockAcquireResult> bs = b.acquireAsync(T, ACCESS_SHARE);
        rig.awaitWaiting(b);
        Future<LockAcquireResult> cs = c.acquireAsync(T, ROW_EXCLUSIVE);
        rig.awaitWaiting(c);
        a.releaseAll();
        assertEquals(LockAcquireResult.OK, bs.get(10, TimeUnit.SECONDS));
        assertEquals(LockAcquireResult.OK, cs.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aHolderJumpsAheadOfAWaiterThatWaitsForIt() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        a.acquire(T, ACCESS_SHARE);
        Future<LockAcquireResult> bx = b.acquireAsync(T, ACCESS_EXCLUSIVE);
        rig.awaitWaiting(b);
        // ROW_EXCLUSIVE conflicts with B's awaited mode, but B waits for A anyway: A goes first
        // and, as nothing granted conflicts, gets the lock without waiting.
        assertEquals(LockAcquireResult.OK, a.acquire(T, ROW_EXCLUSIVE));
        assertStillWaiting(bx);
        a.releaseAll();
        assertEquals(LockAcquireResult.OK, bx.get(10, TimeUnit.SECONDS));
    }

    @Test
    void reentrantAcquisitionsAreCountedAndTheLockGoesWithTheLastRelease() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        assertEquals(LockAcquireResult.OK, a.acquire(T, EXCLUSIVE));
        assertEquals(LockAcquireResult.ALREADY_HELD, a.acquire(T, EXCLUSIVE));
        assertTrue(a.release(T, EXCLUSIVE));
        assertEquals(LockAcquireResult.NOT_AVAIL, b.tryAcquire(T, ROW_SHARE));
        assertEquals(LockAcquireResult.OK, b.tryAcquire(T, ACCESS_SHARE), "ExclusiveLock admits AccessShareLock");
        assertTrue(a.release(T, EXCLUSIVE));
        assertFalse(a.release(T, EXCLUSIVE), "a lock not held cannot be released");
        assertEquals(LockAcquireResult.OK, b.tryAcquire(T, ROW_SHARE));
        assertFalse(b.release(T, SHARE), "held in another mode only");
    }

    @Test
    void nowaitFailsAtOnceAndLeavesNothingBehind() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        a.acquire(T, ACCESS_EXCLUSIVE);
        LockTag other = LockTag.relation(5, 1);
        assertEquals(LockAcquireResult.OK, b.tryAcquire(other, ACCESS_SHARE));
        int[] before = rig.table.entriesInUse();
        assertEquals(LockAcquireResult.NOT_AVAIL, b.tryAcquire(T, ACCESS_SHARE));
        assertArrayEquals(before, rig.table.entriesInUse(), "no PROCLOCK left for the failed request");
        assertEquals(1, b.run(() -> b.lm.numLocalLocks()));
        assertEquals(List.of(), waiters());
        b.releaseAll();
        a.releaseAll();
        assertEquals(LockAcquireResult.OK, b.tryAcquire(T, ACCESS_EXCLUSIVE));
    }

    @Test
    void lockTimeoutEndsTheWaitWith55P03AndLeavesTheQueueClean() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 150);
        a.acquire(T, ACCESS_EXCLUSIVE);
        long start = System.nanoTime();
        PgException e = LockRig.failure(b.acquireAsync(T, ACCESS_SHARE));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(140));
        assertEquals(SqlState.LOCK_NOT_AVAILABLE, e.sqlState());
        assertEquals("canceling statement due to lock timeout", e.getMessage());
        assertEquals(List.of(), waiters());
        assertFalse(rig.table.isWaiting(b.slot));
        a.releaseAll();
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
    }

    @Test
    void aCanceledWaiterLeavesTheQueueAndThoseBehindItProceed() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        var c = rig.backend(3, LONG, 0);
        a.acquire(T, SHARE);
        Future<LockAcquireResult> bx = b.acquireAsync(T, EXCLUSIVE);
        rig.awaitWaiting(b);
        Future<LockAcquireResult> cs = c.acquireAsync(T, SHARE);
        rig.awaitWaiting(c);
        b.interrupt(PgException.error(SqlState.QUERY_CANCELED, "canceling statement due to user request"));
        PgException e = LockRig.failure(bx);
        assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
        // B's EXCLUSIVE request was all that kept C waiting.
        assertEquals(LockAcquireResult.OK, cs.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), waiters());
        assertFalse(b.run(() -> b.lm.holds(T, EXCLUSIVE)));
        a.releaseAll();
        c.releaseAll();
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
    }

    @Test
    void terminateWhileWaitingIsFatalAndExitReleasesEverything() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        LockTag other = LockTag.relation(5, 99);
        a.acquire(T, ACCESS_EXCLUSIVE);
        b.acquire(other, ACCESS_EXCLUSIVE);
        b.run(() -> b.lm.acquire(LockTag.advisory(5, 1L), EXCLUSIVE, true, false));
        Future<LockAcquireResult> bx = b.acquireAsync(T, ACCESS_SHARE);
        rig.awaitWaiting(b);
        b.interrupt(new PgException(Severity.FATAL, SqlState.ADMIN_SHUTDOWN,
                "terminating connection due to administrator command", null, null, 0));
        PgException e = LockRig.failure(bx);
        assertEquals(Severity.FATAL, e.severity());
        ProcExit exit = new ProcExit();
        b.lm.registerExit(exit);
        assertTrue(b.run(exit::releaseAll));
        assertTrue(rig.pgLocks().stream().allMatch(r -> r.pid() == a.pid));
        a.releaseAll();
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
    }

    @Test
    void releaseAllAtTransactionEndKeepsSessionLocks() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        LockTag adv = LockTag.advisory(5, 42L);
        a.acquire(T, ROW_EXCLUSIVE);
        a.acquire(LockTag.transaction(700), EXCLUSIVE);
        a.run(() -> a.lm.acquire(adv, EXCLUSIVE, true, false));
        a.run(() -> a.lm.acquire(adv, EXCLUSIVE, false, false));
        a.releaseAll();
        assertEquals(LockAcquireResult.OK, b.tryAcquire(T, ACCESS_EXCLUSIVE));
        assertEquals(LockAcquireResult.OK, b.tryAcquire(LockTag.transaction(700), SHARE));
        assertEquals(LockAcquireResult.NOT_AVAIL, b.tryAcquire(adv, SHARE), "the session lock stays");
        a.run(() -> { a.lm.releaseAll(true); return null; });
        assertEquals(LockAcquireResult.OK, b.tryAcquire(adv, SHARE));
    }

    @Test
    void runningOutOfSharedLockMemoryIs53200WithTheHint() throws Exception {
        rig.close();
        rig = new LockRig(2, 10);      // room for 20 LOCKs
        var a = rig.backend(1, LONG, 0);
        for (int i = 0; i < 20; i++) a.acquire(LockTag.relation(5, 20000 + i), ACCESS_SHARE);
        PgException e = assertThrows(PgException.class, () -> a.acquire(LockTag.relation(5, 1), ACCESS_SHARE));
        assertEquals(SqlState.OUT_OF_MEMORY, e.sqlState());
        assertEquals("out of shared memory", e.getMessage());
        assertEquals("You might need to increase max_locks_per_transaction.", e.hint());
        assertEquals(20, a.run(() -> a.lm.numLocalLocks()));
        assertEquals(LockAcquireResult.ALREADY_HELD, a.acquire(LockTag.relation(5, 20000), ACCESS_SHARE));
        a.releaseAll();
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
        assertEquals(LockAcquireResult.OK, a.acquire(LockTag.relation(5, 1), ACCESS_SHARE));
    }

    @Test
    void manyProcessesUnderAnExclusiveLockNeverOverlap() throws Exception {
        int n = 6;
        List<LockRig.Backend> bs = new ArrayList<>();
        for (int i = 1; i <= n; i++) bs.add(rig.backend(i, LONG, 0));
        int[] inside = new int[1];
        int[] maxInside = new int[1];
        int[] counter = new int[1];
        Object monitor = new Object();
        List<Future<?>> fs = new ArrayList<>();
        for (LockRig.Backend b : bs) {
            fs.add(b.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    LockMode mode = i % 3 == 0 ? ACCESS_SHARE : ACCESS_EXCLUSIVE;
                    b.lm.acquire(T, mode, false);
                    synchronized (monitor) {
                        if (mode == ACCESS_EXCLUSIVE) {
                            inside[0] += 1000;
                        } else {
                            inside[0] += 1;
                        }
                        maxInside[0] = Math.max(maxInside[0], inside[0] >= 1000 ? inside[0] : 0);
                        counter[0]++;
                    }
                    Thread.onSpinWait();
                    synchronized (monitor) {
                        inside[0] -= mode == ACCESS_EXCLUSIVE ? 1000 : 1;
                    }
                    b.lm.releaseAll(false);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get(60, TimeUnit.SECONDS);
        assertEquals(n * 300, counter[0]);
        assertEquals(1000, maxInside[0], "an exclusive holder was never alone");
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
    }

    private List<Integer> waiters() {
        return rig.pgLocks().stream().filter(r -> !r.granted()).map(LockStatusRow::pid).sorted().toList();
    }
}
