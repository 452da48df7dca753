package org.tusk.storage.lmgr;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lmgr.c's helpers: relation, extension and transaction locks. */
class LmgrTest {
    private static final int LONG = 60_000;
    private final LockRig rig = new LockRig(8, 10);

    @AfterEach
    void tearDown() {
        rig.close();
    }

    @Test
    void relationLocksUseTheBackendsDatabase() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        Lmgr la = new Lmgr(a.lm, 5);
        Lmgr lb = new Lmgr(b.lm, 5);
        Lmgr other = new Lmgr(rig.backend(3, LONG, 0).lm, 6);
        a.run(() -> { la.lockRelationOid(16384, LockMode.ACCESS_EXCLUSIVE); return null; });
        assertFalse(b.run(() -> lb.conditionalLockRelationOid(16384, LockMode.ACCESS_SHARE)));
        assertTrue(other.conditionalLockRelationOid(16384, LockMode.ACCESS_SHARE), "same OID, other database");
        assertTrue(a.run(() -> la.unlockRelationOid(16384, LockMode.ACCESS_EXCLUSIVE)));
        assertTrue(b.run(() -> lb.conditionalLockRelationOid(16384, LockMode.ACCESS_SHARE)));
        // Extension locks are separate from the relation's own lock.
        assertTrue(a.run(() -> la.conditionalLockRelationForExtension(5, 16384, LockMode.EXCLUSIVE)));
        assertFalse(b.run(() -> lb.conditionalLockRelationForExtension(5, 16384, LockMode.EXCLUSIVE)));
        assertTrue(a.run(() -> la.unlockRelationForExtension(5, 16384, LockMode.EXCLUSIVE)));
        assertTrue(b.run(() -> lb.conditionalLockRelationForExtension(5, 16384, LockMode.EXCLUSIVE)));
    }

    @Test
    void xactLockTableWaitReturnsWhenTheHolderEnds() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        Lmgr la = new Lmgr(a.lm, 5);
        Lmgr lb = new Lmgr(b.lm, 5);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong endedAt = new AtomicLong();
        a.run(() -> { la.xactLockTableInsert(100); return null; });
        Future<Long> waited = b.submit(() -> {
            lb.xactLockTableWait(100, Lmgr.XidOracle.of(x -> x == 100 && running.get(), x -> 0));
            return System.nanoTime();
        });
        rig.awaitWaiting(b);
        assertThrows(TimeoutException.class, () -> waited.get(200, TimeUnit.MILLISECONDS));
        var c = rig.backend(3, LONG, 0);
        Lmgr lc = new Lmgr(c.lm, 5);
        assertFalse(c.run(() -> lc.conditionalXactLockTableWait(100, Lmgr.XidOracle.of(x -> running.get(), x -> 0))),
                "not while it runs");
        assertEquals(0, c.run(() -> c.lm.numLocalLocks()));
        // Transaction end: leave the ProcArray, then release the locks (CommitTransaction's order).
        a.run(() -> {
            running.set(false);
            endedAt.set(System.nanoTime());
            a.lm.releaseAll(false);
            return null;
        });
        long returnedAt = waited.get(10, TimeUnit.SECONDS);
        assertTrue(returnedAt > endedAt.get());
        assertFalse(b.run(() -> b.lm.holds(LockTag.transaction(100), LockMode.SHARE)), "the ShareLock is given back");
        assertTrue(b.run(() -> lb.conditionalXactLockTableWait(100, Lmgr.XidOracle.of(x -> false, x -> 0))));
    }

    @Test
    void aRunningSubtransactionWithoutItsOwnLockIsWaitedForThroughItsTopParent() throws Exception {
        var a = rig.backend(1, LONG, 0);
        var b = rig.backend(2, LONG, 0);
        Lmgr la = new Lmgr(a.lm, 5);
        Lmgr lb = new Lmgr(b.lm, 5);
        AtomicBoolean running = new AtomicBoolean(true);
        // 102's parent is 101, whose parent is 100; only 100 is locked.
        Lmgr.XidOracle oracle = Lmgr.XidOracle.of(x -> running.get() && x >= 100 && x <= 102,
                x -> x == 102 ? 101 : x == 101 ? 100 : 0);
        a.run(() -> { la.xactLockTableInsert(100); return null; });
        Future<Object> waited = b.submit(() -> { lb.xactLockTableWait(102, oracle); return null; });
        rig.awaitWaiting(b);
        assertEquals(1, rig.pgLocks().stream()
                .filter(r -> !r.granted() && r.transactionid() == 100L && r.pid() == b.pid).count());
        a.run(() -> { running.set(false); a.lm.releaseAll(false); return null; });
        waited.get(10, TimeUnit.SECONDS);
    }
}
