package org.tusk.storage.lmgr;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fast-path relation locks: weak locks on the backend's own database's relations stay out of the
 * shared table, a strong request moves them in before it checks for conflicts, and the moved
 * locks are released from the table by their owners.
 */
class FastPathLockTest {
    private static final int DB = 5;
    private static final LockTag REL = LockTag.relation(DB, 16384);
    private final LockRig rig = new LockRig(8, 10);

    @AfterEach
    void tearDown() {
        rig.close();
    }

    private LockRig.Backend backendInDb(int slot) throws Exception {
        var b = rig.backend(slot, 60_000, 0);
        b.run(() -> { b.proc.setDatabaseAndRole(DB, 10); return null; });
        return b;
    }

    private LockStatusRow row(int pid, String mode) {
        return rig.pgLocks().stream().filter(r -> r.pid() == pid && r.mode().equals(mode) && "relation".equals(r.locktype()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + mode + " row for " + pid + ": " + rig.pgLocks()));
    }

    @Test
    void weakLocksOfTheOwnDatabaseStayOutOfTheTable() throws Exception {
        var a = backendInDb(1);
        assertEquals(LockAcquireResult.OK, a.acquire(REL, LockMode.ACCESS_SHARE));
        assertEquals(LockAcquireResult.OK, a.acquire(REL, LockMode.ROW_EXCLUSIVE));
        assertEquals(LockAcquireResult.ALREADY_HELD, a.acquire(REL, LockMode.ACCESS_SHARE));
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
        assertTrue(row(a.pid, "AccessShareLock").fastpath());
        assertTrue(row(a.pid, "RowExclusiveLock").fastpath());
        assertEquals(16384L, row(a.pid, "RowExclusiveLock").relation());

        // another database's relation, a shared catalog and a strong mode go to the table
        a.acquire(LockTag.relation(DB + 1, 16384), LockMode.ACCESS_SHARE);
        a.acquire(LockTag.relation(0, 1262), LockMode.ACCESS_SHARE);
        a.acquire(LockTag.relation(DB, 16390), LockMode.SHARE_UPDATE_EXCLUSIVE);
        assertEquals(3, rig.table.entriesInUse()[0]);

        a.releaseAll();
        assertTrue(rig.pgLocks().isEmpty(), rig.pgLocks().toString());
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
    }

    @Test
    void aStrongRequestMovesWeakHoldersIntoTheTableAndWaitsForThem() throws Exception {
        var a = backendInDb(1);
        var b = backendInDb(2);
        a.acquire(REL, LockMode.ROW_EXCLUSIVE);
        assertTrue(row(a.pid, "RowExclusiveLock").fastpath());

        // NOWAIT: the conflict is found only because the fast-path lock was moved into the table
        assertEquals(LockAcquireResult.NOT_AVAIL, b.tryAcquire(REL, LockMode.ACCESS_EXCLUSIVE));
        assertFalse(row(a.pid, "RowExclusiveLock").fastpath());

        Future<LockAcquireResult> fb = b.acquireAsync(REL, LockMode.ACCESS_EXCLUSIVE);
        rig.awaitWaiting(b);
        // a's moved lock is released from the table (it is no longer in a's slots)
        a.releaseAll();
        assertEquals(LockAcquireResult.OK, fb.get(20, TimeUnit.SECONDS));
        assertFalse(row(b.pid, "AccessExclusiveLock").fastpath());

        // while the strong lock is held, a weak request goes to the table and waits for it
        var c = backendInDb(3);
        Future<LockAcquireResult> fc = c.acquireAsync(REL, LockMode.ACCESS_SHARE);
        rig.awaitWaiting(c);
        b.releaseAll();
        assertEquals(LockAcquireResult.OK, fc.get(20, TimeUnit.SECONDS));
        assertFalse(row(c.pid, "AccessShareLock").fastpath());
        c.releaseAll();
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());

        // the strong lock is gone, so its count is down: the fast path is open again
        a.acquire(REL, LockMode.ACCESS_SHARE);
        assertTrue(row(a.pid, "AccessShareLock").fastpath());
        a.releaseAll();
        assertTrue(rig.pgLocks().isEmpty(), rig.pgLocks().toString());
    }

    @Test
    void waitForLockersSeesFastPathHolders() throws Exception {
        var a = backendInDb(1);
        var b = backendInDb(2);
        a.run(() -> { a.lm.setLocalTransactionId(7); return null; });
        a.acquire(REL, LockMode.ROW_EXCLUSIVE);
        VirtualTransactions vx = b.run(() -> new VirtualTransactions(b.lm, null, b.proc));
        List<VirtualTransactions.Vxid> conflicts = b.run(() -> vx.lockConflicts(REL, LockMode.SHARE));
        assertEquals(List.of(new VirtualTransactions.Vxid(1, 7)), conflicts);
        // AccessShareLock does not conflict with ShareLock
        a.releaseAll();
        a.acquire(REL, LockMode.ACCESS_SHARE);
        assertEquals(List.of(), b.run(() -> vx.lockConflicts(REL, LockMode.SHARE)));
        a.releaseAll();
    }

    @Test
    void sixteenRelationsFitAndMoreGoToTheTable() throws Exception {
        var a = backendInDb(1);
        for (int i = 0; i < FastPathLocks.SLOTS + 2; i++) a.acquire(LockTag.relation(DB, 20000 + i), LockMode.ACCESS_SHARE);
        long fast = rig.pgLocks().stream().filter(LockStatusRow::fastpath).count();
        assertEquals(FastPathLocks.SLOTS, fast);
        assertEquals(2, rig.table.entriesInUse()[0]);
        a.releaseAll();
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
        assertTrue(rig.pgLocks().isEmpty());
    }
}
