package org.tusk.storage.lmgr;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data behind pg_locks. */
class LockStatusTest {
    private final LockRig rig = new LockRig(8, 10);

    @AfterEach
    void tearDown() {
        rig.close();
    }

    @Test
    void rowsShowHoldersAndWaitersWithPostgresqlsColumns() throws Exception {
        var a = rig.backend(1, 60_000, 0);
        var b = rig.backend(2, 60_000, 0);
        a.run(() -> { a.lm.setLocalTransactionId(3); return null; });
        a.acquire(LockTag.relation(5, 16384), LockMode.ROW_EXCLUSIVE);
        a.acquire(LockTag.relation(5, 16384), LockMode.ACCESS_SHARE);
        a.acquire(LockTag.transaction((int) 3_000_000_000L), LockMode.EXCLUSIVE);
        a.acquire(LockTag.advisory(5, 0x100000002L), LockMode.EXCLUSIVE);
        a.acquire(LockTag.tuple(5, 16384, 7, 3), LockMode.ACCESS_EXCLUSIVE);
        Instant before = Instant.now().minusMillis(1);
        Future<LockAcquireResult> fb = b.acquireAsync(LockTag.relation(5, 16384), LockMode.ACCESS_EXCLUSIVE);
        rig.awaitWaiting(b);
        // waitStart is written just after joining the queue; give it a moment.
        Thread.sleep(20);

        List<LockStatusRow> rows = rig.pgLocks();
        assertEquals(6, rows.size(), rows.toString());
        LockStatusRow rel = find(rows, "relation", a.pid, "RowExclusiveLock");
        assertEquals(new LockStatusRow("relation", 5L, 16384L, null, null, null, null, null, null, null, "1/3", a.pid,
                "RowExclusiveLock", true, false, null), rel);
        assertTrue(rows.contains(new LockStatusRow("relation", 5L, 16384L, null, null, null, null, null, null, null,
                "1/3", a.pid, "AccessShareLock", true, false, null)));
        assertEquals(new LockStatusRow("transactionid", null, null, null, null, null, 3_000_000_000L, null, null, null,
                "1/3", a.pid, "ExclusiveLock", true, false, null), find(rows, "transactionid", a.pid, "ExclusiveLock"));
        assertEquals(new LockStatusRow("advisory", 5L, null, null, null, null, null, 1L, 2L, 1, "1/3", a.pid,
                "ExclusiveLock", true, false, null), find(rows, "advisory", a.pid, "ExclusiveLock"));
        assertEquals(new LockStatusRow("tuple", 5L, 16384L, 7L, 3, null, null, null, null, null, "1/3", a.pid,
                "AccessExclusiveLock", true, false, null), find(rows, "tuple", a.pid, "AccessExclusiveLock"));
        LockStatusRow waiting = find(rows, "relation", b.pid, "AccessExclusiveLock");
        assertFalse(waiting.granted());
        assertFalse(waiting.fastpath());
        assertEquals("2/0", waiting.virtualTransaction());
        assertNotNull(waiting.waitStart());
        assertTrue(!waiting.waitStart().isBefore(before)
                && Duration.between(waiting.waitStart(), Instant.now()).toSeconds() < 10, waiting.waitStart().toString());

        a.releaseAll();
        assertEquals(LockAcquireResult.OK, fb.get(10, TimeUnit.SECONDS));
        rows = rig.pgLocks();
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).granted());
        assertEquals(null, rows.get(0).waitStart());
    }

    private static LockStatusRow find(List<LockStatusRow> rows, String type, int pid, String mode) {
        return rows.stream().filter(r -> r.locktype().equals(type) && r.pid() == pid && r.mode().equals(mode))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " " + mode + " row for " + pid));
    }
}
