package org.tusk.commands;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.storage.ipc.AsyncQueue;
import org.tusk.testsupport.MappedFile;
import org.tusk.utils.error.PgException;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** async.c's transactional rules for one backend, against a queue in a mapped file. */
class AsyncTest {
    private final MappedFile file = MappedFile.create(AsyncQueue.layout(4).byteSize());
    private final AsyncQueue queue = new AsyncQueue(file.segment(), 4);
    private int level = 1, nextXid = 100, lockCount;
    private final List<int[]> signals = new ArrayList<>();

    private final Async.Host host = new Async.Host() {
        @Override public int topTransactionId() { return nextXid; }
        @Override public void lockNotifyQueueOrder() { lockCount++; }
        @Override public int nestingLevel() { return level; }
        @Override public AsyncQueue.XidState xidState(int xid) { return AsyncQueue.XidState.COMMITTED; }
        @Override public void warning(PgException w) { }
        @Override public void signal(int slot, int pid) { signals.add(new int[] {slot, pid}); }
    };
    private final Async me = new Async(queue, 1, 501, 5, host);
    private final Async other = new Async(queue, 2, 502, 5, host);

    @AfterEach
    void close() {
        file.close();
    }

    private void commit(Async a) {
        a.preCommit();
        a.atCommit();
        nextXid++;
    }

    private static List<String> deliver(Async a) {
        List<String> out = new ArrayList<>();
        a.processInterrupt((pid, ch, payload) -> out.add(ch + ":" + payload + ":" + pid));
        return out;
    }

    @Test
    void duplicatesAreFoldedPerLevelAndIntoTheParentAtSubcommit() {
        other.listen("c");
        commit(other);
        me.notify("c", "a");
        me.notify("c", "a");
        level = 2;
        me.notify("c", "a");   // kept at level 2, folded into level 1 at subcommit
        me.notify("c", "b");
        me.atSubCommit(2);
        level = 2;
        me.notify("c", "gone");
        me.atSubAbort(2);
        level = 1;
        commit(me);
        assertEquals(1, lockCount, "the queue-order lock is taken once, at pre-commit");
        assertEquals(1, signals.size());
        assertArrayEquals(new int[] {2, 502}, signals.get(0));
        other.notifyInterrupt();
        assertEquals(List.of("c:a:501", "c:b:501"), deliver(other));
    }

    @Test
    void listenAppliesAtCommitAndAbortDropsEverything() {
        me.listen("x");
        assertEquals(List.of(), me.listeningChannels());
        me.atAbort();
        assertEquals(List.of(), me.listeningChannels());
        assertFalse(queue.isRegistered(1, 501));
        me.listen("x");
        me.listen("y");
        me.listen("x");
        commit(me);
        assertEquals(List.of("x", "y"), me.listeningChannels());
        assertTrue(queue.isRegistered(1, 501));
        me.notify("x", "self");
        commit(me);
        assertTrue(me.interruptPending(), "a backend signals itself with a flag only");
        assertEquals(List.of(), signals);
        assertEquals(List.of("x:self:501"), deliver(me));
        me.unlistenAll();
        commit(me);
        assertEquals(List.of(), me.listeningChannels());
        assertFalse(queue.isRegistered(1, 501), "no channel left: out of the queue");
    }

    @Test
    void unlistenBeforeAnyListenDoesNothingAndExitUnregisters() {
        me.unlisten("x");
        me.unlistenAll();
        assertFalse(me.hasPendingWork());
        me.listen("x");
        commit(me);
        me.atExit();
        assertFalse(queue.isRegistered(1, 501));
        assertEquals(List.of(), me.listeningChannels());
    }

    @Test
    void postgresErrorsForBadChannelsAndPayloads() {
        assertEquals("channel name cannot be empty", assertThrows(PgException.class, () -> me.notify("", "p")).getMessage());
        assertEquals("channel name cannot be empty", assertThrows(PgException.class, () -> me.notify(null, "p")).getMessage());
        assertEquals("channel name too long", assertThrows(PgException.class, () -> me.notify("c".repeat(64), "p")).getMessage());
        me.notify("c".repeat(63), "p".repeat(7999));
        PgException e = assertThrows(PgException.class, () -> me.notify("c", "p".repeat(8000)));
        assertEquals("payload string too long", e.getMessage());
        assertEquals("22023", e.sqlState());
    }
}
