package org.tusk.storage.lmgr;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.storage.lmgr.LockMode.ACCESS_EXCLUSIVE;
import static org.tusk.storage.lmgr.LockMode.ACCESS_SHARE;
import static org.tusk.storage.lmgr.LockMode.EXCLUSIVE;
import static org.tusk.storage.lmgr.LockMode.SHARE;

/** Deadlocks are found by the process that closes the cycle, reported as PostgreSQL reports them. */
class DeadLockTest {
    private static final int LONG = 60_000;
    private static final LockTag R1 = LockTag.relation(5, 16401);
    private static final LockTag R2 = LockTag.relation(5, 16402);
    private static final LockTag R3 = LockTag.relation(5, 16403);

    private final LockRig rig = new LockRig(8, 10);

    @AfterEach
    void tearDown() {
        rig.close();
    }

    @Test
    void twoProcessesEachWaitingForTheOther() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, 50, 0);
        a.acquire(R1, ACCESS_EXCLUSIVE);
        b.acquire(R2, ACCESS_EXCLUSIVE);
        Future<LockAcquireResult> fa = a.acquireAsync(R2, ACCESS_EXCLUSIVE);
        rig.awaitWaiting(a);
        long start = System.nanoTime();
        PgException e = LockRig.failure(b.acquireAsync(R1, ACCESS_EXCLUSIVE));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(45), "checked after deadlock_timeout");
        assertEquals(SqlState.T_R_DEADLOCK_DETECTED, e.sqlState());
        assertEquals("deadlock detected", e.getMessage());
        assertEquals("Process 1002 waits for AccessExclusiveLock on relation 16401 of database 5; blocked by process 1001.\n"
                + "Process 1001 waits for AccessExclusiveLock on relation 16402 of database 5; blocked by process 1002.",
                e.detail());
        assertEquals("See server log for query details.", e.hint());
        assertThrows(TimeoutException.class, () -> fa.get(100, TimeUnit.MILLISECONDS), "A waits until B aborts");
        b.releaseAll();
        assertEquals(LockAcquireResult.OK, fa.get(10, TimeUnit.SECONDS));
        a.releaseAll();
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
    }

    @Test
    void threeProcessesInACycle() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        var c = rig.backend(3, 50, 0);
        a.acquire(R1, EXCLUSIVE);
        b.acquire(R2, EXCLUSIVE);
        c.acquire(R3, EXCLUSIVE);
        Future<LockAcquireResult> fa = a.acquireAsync(R2, SHARE);
        rig.awaitWaiting(a);
        Future<LockAcquireResult> fb = b.acquireAsync(R3, SHARE);
        rig.awaitWaiting(b);
        PgException e = LockRig.failure(c.acquireAsync(R1, SHARE));
        assertEquals(SqlState.T_R_DEADLOCK_DETECTED, e.sqlState());
        assertEquals("Process 1003 waits for ShareLock on relation 16401 of database 5; blocked by process 1001.\n"
                + "Process 1001 waits for ShareLock on relation 16402 of database 5; blocked by process 1002.\n"
                + "Process 1002 waits for ShareLock on relation 16403 of database 5; blocked by process 1003.",
                e.detail());
        c.releaseAll();
        assertEquals(LockAcquireResult.OK, fb.get(10, TimeUnit.SECONDS));
        b.releaseAll();
        assertEquals(LockAcquireResult.OK, fa.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aWaitForATransactionIsPartOfTheCycle() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, 50, 0);
        Lmgr la = new Lmgr(a.lm, 5);
        Lmgr lb = new Lmgr(b.lm, 5);
        a.run(() -> { la.xactLockTableInsert(500); return null; });
        b.acquire(R1, ACCESS_EXCLUSIVE);
        Future<LockAcquireResult> fa = a.acquireAsync(R1, ACCESS_SHARE);
        rig.awaitWaiting(a);
        Future<Object> fb = b.submit(() -> {
            lb.xactLockTableWait(500, Lmgr.XidOracle.of(x -> true, x -> 0));
            return null;
        });
        PgException e = LockRig.failure(fb);
        assertEquals("Process 1002 waits for ShareLock on transaction 500; blocked by process 1001.\n"
                + "Process 1001 waits for AccessShareLock on relation 16401 of database 5; blocked by process 1002.",
                e.detail());
        b.releaseAll();
        assertEquals(LockAcquireResult.OK, fa.get(10, TimeUnit.SECONDS));
    }

    @Test
    void twoHoldersUpgradingTheSameLockDeadlockAtOnce() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        a.acquire(R1, ACCESS_SHARE);
        b.acquire(R1, ACCESS_SHARE);
        Future<LockAcquireResult> fa = a.acquireAsync(R1, ACCESS_EXCLUSIVE);
        rig.awaitWaiting(a);
        // B would have to go ahead of A (A waits for B's AccessShareLock) but also waits for A's:
        // certain deadlock, reported without waiting for deadlock_timeout (a minute here).
        PgException e = LockRig.failure(b.acquireAsync(R1, ACCESS_EXCLUSIVE));
        assertEquals(SqlState.T_R_DEADLOCK_DETECTED, e.sqlState());
        assertEquals("Process 1002 waits for AccessExclusiveLock on relation 16401 of database 5; blocked by process 1001.\n"
                + "Process 1001 waits for AccessExclusiveLock on relation 16401 of database 5; blocked by process 1002.",
                e.detail());
        b.releaseAll();
        assertEquals(LockAcquireResult.OK, fa.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aPlainWaitSurvivesTheDeadlockCheck() throws Exception {
        var a = rig.backend(1, 20, 0);
        var b = rig.backend(2, 20, 0);
        a.acquire(R1, ACCESS_EXCLUSIVE);
        Future<LockAcquireResult> fb = b.acquireAsync(R1, ACCESS_SHARE);
        rig.awaitWaiting(b);
        assertThrows(TimeoutException.class, () -> fb.get(200, TimeUnit.MILLISECONDS));
        a.releaseAll();
        assertEquals(LockAcquireResult.OK, fb.get(10, TimeUnit.SECONDS));
    }

    /**
     * A cycle through a queue position (C waits behind B, who waits for A, who waits for C).
     * PostgreSQL would let C jump ahead of B (soft-edge rearrangement); Tusk reports the deadlock.
     */
    @Test
    void aCycleThroughAWaitQueueIsReportedRatherThanRearranged() throws Exception {
        var a = rig.backend(1, 50, 0);
        var b = rig.backend(2, LONG, 0);
        var c = rig.backend(3, LONG, 0);
        a.acquire(R1, ACCESS_SHARE);
        c.acquire(R2, ACCESS_EXCLUSIVE);
        Future<LockAcquireResult> fb = b.acquireAsync(R1, ACCESS_EXCLUSIVE);
        rig.awaitWaiting(b);
        Future<LockAcquireResult> fc = c.acquireAsync(R1, ACCESS_SHARE);
        rig.awaitWaiting(c);
        PgException e = LockRig.failure(a.acquireAsync(R2, ACCESS_SHARE));
        assertEquals("Process 1001 waits for AccessShareLock on relation 16402 of database 5; blocked by process 1003.\n"
                + "Process 1003 waits for AccessShareLock on relation 16401 of database 5; blocked by process 1002.\n"
                + "Process 1002 waits for AccessExclusiveLock on relation 16401 of database 5; blocked by process 1001.",
                e.detail());
        a.releaseAll();
        assertEquals(LockAcquireResult.OK, fb.get(10, TimeUnit.SECONDS));
        b.releaseAll();
        assertEquals(LockAcquireResult.OK, fc.get(10, TimeUnit.SECONDS));
    }
}
