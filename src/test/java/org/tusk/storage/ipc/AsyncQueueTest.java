package org.tusk.storage.ipc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MappedFile;
import org.tusk.utils.error.PgException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AsyncQueueTest {
    private final MappedFile file = MappedFile.create(AsyncQueue.layout(4).byteSize());
    private final AsyncQueue q = new AsyncQueue(file.segment(), 4);
    /** Transaction states for the reader; absent means committed. */
    private final Map<Integer, AsyncQueue.XidState> xids = new HashMap<>();
    private final List<PgException> warnings = new ArrayList<>();

    @AfterEach
    void close() {
        file.close();
    }

    private AsyncQueue.XidState state(int xid) {
        return xids.getOrDefault(xid, AsyncQueue.XidState.COMMITTED);
    }

    private void add(int db, int xid, String... payloads) {
        List<AsyncQueue.Notification> ns = new ArrayList<>();
        for (String p : payloads) ns.add(new AsyncQueue.Notification("ch", p));
        q.add(ns, db, xid, 1000 + xid, warnings::add);
    }

    private List<String> read(int slot, int db) {
        List<String> out = new ArrayList<>();
        for (AsyncQueue.Delivered d : q.readAll(slot, db, this::state)) out.add(d.channel() + "/" + d.payload() + "/" + d.srcPid());
        return out;
    }

    @Test
    void aListenerReadsCommittedEntriesOfItsDatabaseInQueueOrder() {
        q.register(1, 501, 5);
        add(5, 10, "a", "b");
        add(6, 11, "other db");
        xids.put(12, AsyncQueue.XidState.ABORTED);
        add(5, 12, "aborted");
        add(5, 13, "c");
        assertEquals(List.of("ch/a/1010", "ch/b/1010", "ch/c/1013"), read(1, 5));
        assertEquals(List.of(), read(1, 5));
        assertFalse(q.hasUnread(1));
    }

    @Test
    void readingStopsAtATransactionStillInProgressAndResumesThere() {
        q.register(1, 501, 5);
        add(5, 20, "first");
        xids.put(21, AsyncQueue.XidState.IN_PROGRESS);
        add(5, 21, "pending");
        add(5, 22, "later");
        assertEquals(List.of("ch/first/1020"), read(1, 5));
        assertTrue(q.hasUnread(1));
        xids.remove(21);
        assertEquals(List.of("ch/pending/1021", "ch/later/1022"), read(1, 5));
    }

    @Test
    void aNewListenerStartsAtTheTailOrAtItsDatabasesFurthestListener() {
        add(5, 30, "before anyone listened");
        q.register(1, 501, 5);
        // no listener kept those entries: the tail had not moved yet, so the new one sees them
        assertEquals(List.of("ch/before anyone listened/1030"), read(1, 5));
        add(5, 31, "read by slot 1");
        assertEquals(1, read(1, 5).size());
        q.register(2, 502, 5);
        assertEquals(List.of(), read(2, 5), "starts where slot 1 has read to");
        assertFalse(q.register(2, 502, 5), "registered already");
    }

    @Test
    void theRingWrapsAroundAsTheSlowestListenerAdvances() {
        q.register(1, 501, 5);
        String big = "x".repeat(7000);
        int perRound = AsyncQueue.QUEUE_SIZE / 7040 / 2;
        for (int round = 0; round < 6; round++) {
            String[] ps = new String[perRound];
            for (int i = 0; i < perRound; i++) ps[i] = round + ":" + i + big;
            add(5, 100 + round, ps);
            List<String> got = read(1, 5);
            assertEquals(perRound, got.size());
            assertEquals("ch/" + round + ":0" + big + "/" + (1100 + round), got.get(0));
            assertEquals("ch/" + round + ":" + (perRound - 1) + big + "/" + (1100 + round), got.get(perRound - 1));
        }
        assertEquals(0.0, q.usage());
    }

    @Test
    void aFullQueueRefusesMoreAndAHalfFullOneWarns() {
        q.register(1, 501, 5);
        String big = "y".repeat(7900);
        int fill = AsyncQueue.QUEUE_SIZE / 7936 * 6 / 10;
        String[] ps = new String[fill];
        for (int i = 0; i < fill; i++) ps[i] = i + big;
        add(5, 200, ps);
        assertTrue(q.usage() > 0.5);
        assertEquals(List.of(), warnings);
        add(5, 201, "one more");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).getMessage().matches("NOTIFY queue is \\d+% full"), warnings.get(0).getMessage());
        assertTrue(warnings.get(0).detail().contains("PID 501"));
        PgException e = assertThrows(PgException.class, () -> add(5, 202, ps));
        assertEquals("54000", e.sqlState());
        assertEquals("too many notifications in the NOTIFY queue", e.getMessage());
        xids.put(202, AsyncQueue.XidState.ABORTED);
        assertEquals(fill + 1, read(1, 5).size(), "the failed transaction's entries are skipped");
        q.unregister(1);
        assertEquals(0.0, q.usage());
        add(5, 203, ps);   // room again once the slow listener has gone
    }
}
