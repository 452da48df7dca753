package org.tusk.storage.lmgr;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The virtual-xid lock on the fast path: a transaction's own lock never enters the shared table
 * unless someone waits for it; a waiter moves it there and waits until the owner's transaction ends.
 */
class VirtualTransactionsTest {
    private final LockRig rig = new LockRig(8, 10);

    @AfterEach
    void tearDown() {
        rig.close();
    }

    @Test
    void aTransactionsOwnLockStaysOutOfTheTableAndShowsAsFastPath() throws Exception {
        var a = rig.backend(1, 60_000, 0);
        VirtualTransactions va = new VirtualTransactions(a.lm, null, a.proc);
        a.run(() -> { va.startTransaction(); return null; });
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse(), "nothing in the shared table");
        List<LockStatusRow> rows = rig.pgLocks();
        assertEquals(1, rows.size());
        assertEquals("virtualxid", rows.get(0).locktype());
        assertEquals("1/1", rows.get(0).virtualxid());
        assertTrue(rows.get(0).fastpath());
        a.run(() -> { va.endTransaction(); return null; });
        assertEquals(List.of(), rig.pgLocks());
    }

    @Test
    void aWaiterMovesTheLockIntoTheTableAndIsWokenWhenTheOwnerEnds() throws Exception {
        var a = rig.backend(1, 60_000, 0);
        var b = rig.backend(2, 60_000, 0);
        VirtualTransactions va = new VirtualTransactions(a.lm, null, a.proc);
        VirtualTransactions vb = new VirtualTransactions(b.lm, null, b.proc);
        VirtualTransactions.Vxid owner = a.run(() -> { va.startTransaction(); return va.current(); });
        Future<Object> waiting = b.submit(() -> { vb.waitFor(owner); return null; });
        rig.awaitWaiting(b);
        assertThrows(TimeoutException.class, () -> waiting.get(150, TimeUnit.MILLISECONDS));
        assertTrue(rig.pgLocks().stream().anyMatch(r -> r.granted() && !r.fastpath() && r.pid() == a.pid),
                "the owner's lock is now in the table");
        a.run(() -> { va.endTransaction(); return null; });
        waiting.get(10, TimeUnit.SECONDS);
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
        // the owner's next transaction is on the fast path again
        a.run(() -> { va.startTransaction(); va.endTransaction(); return null; });
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
    }

    @Test
    void waitingForATransactionThatHasEndedReturnsAtOnce() throws Exception {
        var a = rig.backend(1, 60_000, 0);
        var b = rig.backend(2, 60_000, 0);
        VirtualTransactions va = new VirtualTransactions(a.lm, null, a.proc);
        VirtualTransactions vb = new VirtualTransactions(b.lm, null, b.proc);
        VirtualTransactions.Vxid owner = a.run(() -> { va.startTransaction(); return va.current(); });
        a.run(() -> { va.endTransaction(); return null; });
        b.run(() -> { vb.waitFor(owner); return null; });
        assertArrayEquals(new int[] {0, 0}, rig.table.entriesInUse());
    }
}
