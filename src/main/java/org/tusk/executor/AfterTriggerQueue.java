package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

/**
 * The after-trigger event queue of one statement (trigger.c's AfterTriggerEventList as
 * AfterTriggerSaveEvent fills it and afterTriggerInvokeEvents drains it): events are saved in
 * the order rows are changed and fired in that order, each through its own action, once the
 * statement's rows are all written (AfterTriggerEndQuery). Events a fired trigger queues (its
 * own statement's) belong to that statement's queue, not this one.
 *
 * <p>Constraint events that may be deferred are kept by {@link DeferredTriggers}, not here; a
 * deferrable user constraint trigger is still refused when it is created.
 */
final class AfterTriggerQueue {
    /** One saved event: what to run for it. */
    interface Event {
        void fire();
    }

    private final List<Event> events = new ArrayList<>();

    /** AfterTriggerSaveEvent. */
    void save(Event e) { events.add(e); }

    int size() { return events.size(); }

    /**
     * afterTriggerInvokeEvents: fires every saved event in order, events saved while firing
     * included (PostgreSQL fires those of the same query level too), then empties the queue.
     */
    void fireAll() {
        for (int i = 0; i < events.size(); i++) events.get(i).fire();
        events.clear();
    }
}
