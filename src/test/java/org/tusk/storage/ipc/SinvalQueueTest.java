package org.tusk.storage.ipc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MappedFile;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SinvalQueueTest {
    private final MappedFile file = MappedFile.create(SinvalQueue.layout(4).byteSize());
    private final SinvalQueue q = new SinvalQueue(file.segment(), 4);

    @AfterEach
    void close() {
        file.close();
    }

    private static List<SharedInvalidationMessage> msgs(int from, int n) {
        List<SharedInvalidationMessage> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(SharedInvalidationMessage.relcache(5, from + i));
        return l;
    }

    @Test
    void everyBackendReadsEveryMessageOnceFromWhereItJoined() {
        q.backendInit(1, 101);
        q.insert(msgs(1, 3));
        q.backendInit(2, 102);
        q.insert(msgs(10, 2));
        assertEquals(msgs(1, 3).subList(0, 2), q.read(1, 2).messages());
        SinvalQueue.ReadResult r1 = q.read(1, 32);
        assertFalse(r1.reset());
        assertEquals(List.of(msgs(1, 3).get(2), msgs(10, 2).get(0), msgs(10, 2).get(1)), r1.messages());
        assertEquals(msgs(10, 2), q.read(2, 32).messages());
        assertEquals(List.of(), q.read(1, 32).messages());
        assertEquals(List.of(), q.read(2, 32).messages());
        assertTrue(SharedInvalidationMessage.relcache(5, 0).isRelcacheAll());
    }

    @Test
    void cleanupKeepsOnlyWhatTheSlowestBackendNeedsAndResetsLaggards() {
        q.backendInit(1, 101);
        q.backendInit(2, 102);
        q.insert(msgs(0, 1000));
        assertEquals(1000, q.read(1, 5000).messages().size());
        // backend 2 reads nothing; once the queue would overflow, it is reset rather than waited for.
        q.insert(msgs(1000, SinvalQueue.MAXNUMMESSAGES));
        assertTrue(q.numMessages() <= SinvalQueue.MAXNUMMESSAGES);
        assertEquals(SinvalQueue.MAXNUMMESSAGES, drain(1));
        SinvalQueue.ReadResult r = q.read(2, 32);
        assertTrue(r.reset());
        assertEquals(List.of(), q.read(2, 32).messages(), "after a reset it starts at the end");
        q.insert(msgs(7, 1));
        assertEquals(msgs(7, 1), q.read(2, 32).messages());
        assertEquals(msgs(7, 1), q.read(1, 32).messages());
    }

    @Test
    void aBackendThatLeftIsNotWaitedFor() {
        q.backendInit(1, 101);
        q.backendInit(2, 102);
        q.backendExit(2);
        q.insert(msgs(0, SinvalQueue.MAXNUMMESSAGES));
        assertEquals(SinvalQueue.MAXNUMMESSAGES, drain(1));
        q.insert(msgs(0, 10));
        assertEquals(10, drain(1));
        q.backendInit(2, 103);
        assertEquals(List.of(), q.read(2, 32).messages());
    }

    /**
     * A reused process leaves the queue after its session and rejoins in another slot: it reads
     * the messages it had not read yet and those sent while it was away, each once.
     */
    @Test
    void aProcessThatRejoinsReadsWhatItMissedFromAnotherSlot() {
        q.backendInit(1, 101);
        q.backendInit(2, 102);
        q.insert(msgs(0, 3));
        assertEquals(3, drain(1));
        q.insert(msgs(3, 2));             // sent before it leaves, never read
        long stoppedAt = q.backendExit(1);
        q.insert(msgs(5, 4));             // sent while it is away
        assertTrue(q.backendRejoin(3, 101, stoppedAt));
        List<SharedInvalidationMessage> got = new ArrayList<>();
        for (SinvalQueue.ReadResult r = q.read(3, 32); !r.messages().isEmpty(); r = q.read(3, 32)) got.addAll(r.messages());
        assertEquals(msgs(3, 6), got);
    }

    @Test
    void aProcessAwayTooLongRejoinsAtTheEndAndIsToldItsCachesAreStale() {
        q.backendInit(1, 101);
        q.backendInit(2, 102);
        long stoppedAt = q.backendExit(1);
        for (int i = 0; i < 3; i++) {     // more than the buffer holds; backend 2 keeps up
            q.insert(msgs(0, SinvalQueue.MAXNUMMESSAGES / 2));
            drain(2);
        }
        assertFalse(q.backendRejoin(1, 101, stoppedAt));
        assertEquals(List.of(), q.read(1, 32).messages());
        q.insert(msgs(9, 1));
        assertEquals(msgs(9, 1), q.read(1, 32).messages());
    }

    @Test
    void aBackendThatWasResetLeavesNothingToResumeFrom() {
        q.backendInit(1, 101);
        q.backendInit(2, 102);
        q.insert(msgs(0, SinvalQueue.MAXNUMMESSAGES));
        drain(1);
        q.insert(msgs(0, SinvalQueue.MAXNUMMESSAGES));   // backend 2 never reads: reset
        drain(1);
        assertEquals(-1, q.backendExit(2));
        assertFalse(q.backendRejoin(2, 102, -1));
    }

    @Test
    void twoMappingsOfOneRegionShareTheQueue() {
        try (MappedFile other = MappedFile.attach(file.path())) {
            SinvalQueue q2 = new SinvalQueue(other.segment(), 4);
            q.backendInit(1, 101);
            q2.backendInit(2, 102);
            q2.insert(msgs(42, 1));
            assertEquals(msgs(42, 1), q.read(1, 32).messages());
            assertEquals(msgs(42, 1), q2.read(2, 32).messages());
        }
    }

    private int drain(int slot) {
        int n = 0;
        while (true) {
            SinvalQueue.ReadResult r = q.read(slot, 32);
            assertFalse(r.reset());
            if (r.messages().isEmpty()) return n;
            n += r.messages().size();
        }
    }
}
