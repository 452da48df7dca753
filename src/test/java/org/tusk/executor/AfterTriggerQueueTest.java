package org.tusk.executor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AfterTriggerQueueTest {
    @Test
    void firesSavedEventsInOrderAndEmpties() {
        AfterTriggerQueue q = new AfterTriggerQueue();
        List<String> fired = new ArrayList<>();
        q.save(() -> fired.add("row 1"));
        q.save(() -> fired.add("row 2"));
        q.save(() -> fired.add("statement"));
        assertEquals(3, q.size());
        q.fireAll();
        assertEquals(List.of("row 1", "row 2", "statement"), fired);
        assertEquals(0, q.size());
        q.fireAll();
        assertEquals(3, fired.size());
    }

    @Test
    void eventsSavedWhileFiringFireInTheSamePass() {
        AfterTriggerQueue q = new AfterTriggerQueue();
        List<String> fired = new ArrayList<>();
        q.save(() -> {
            fired.add("first");
            q.save(() -> fired.add("queued by first"));
        });
        q.save(() -> fired.add("second"));
        q.fireAll();
        assertEquals(List.of("first", "second", "queued by first"), fired);
    }

    @Test
    void anErrorStopsTheRest() {
        AfterTriggerQueue q = new AfterTriggerQueue();
        List<String> fired = new ArrayList<>();
        q.save(() -> { throw new IllegalStateException("boom"); });
        q.save(() -> fired.add("never"));
        assertThrows(IllegalStateException.class, q::fireAll);
        assertEquals(List.of(), fired);
    }
}
