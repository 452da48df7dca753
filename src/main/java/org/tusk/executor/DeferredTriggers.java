package org.tusk.executor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transaction's deferred constraint events and its SET CONSTRAINTS state (the deferred
 * part of trigger.c's AfterTriggersData, with SetConstraintState). A constraint event (a
 * foreign key's check or NO ACTION test, a deferrable unique key's recheck) is fired at the end
 * of its statement unless its constraint is deferred now ({@link #isDeferred}); then it is kept
 * here and fired at COMMIT ({@link #fireAll}, AfterTriggerFireDeferred) or when SET CONSTRAINTS
 * makes its constraint immediate ({@link #setState}).
 *
 * <p>Whether a constraint is deferred: never if it is NOT DEFERRABLE; else as the transaction's
 * SET CONSTRAINTS said for it by name, else as SET CONSTRAINTS ALL said, else its INITIALLY
 * DEFERRED/IMMEDIATE. The state lives only until the transaction ends ({@link #reset}); a
 * savepoint rolled back drops the events and the state changes made since it
 * ({@link #mark}, {@link #rollbackTo}), as AfterTriggerEndSubXact does.
 *
 * <p>One per session, used only by the backend's own thread: no locking.
 */
public final class DeferredTriggers {
    /** One deferred event: the constraint it belongs to and how to run it in a later statement. */
    public interface Event {
        int constraintOid();

        /** Runs the check in the statement context {@code ctx} (the COMMIT's or SET CONSTRAINTS'). */
        void fire(ExecContext ctx);
    }

    private final List<Event> events = new ArrayList<>();
    /** SET CONSTRAINTS ALL: null if not said in this transaction, else whether DEFERRED. */
    private Boolean all;
    /** SET CONSTRAINTS name: constraint OID to whether DEFERRED. */
    private final Map<Integer, Boolean> byConstraint = new HashMap<>();

    /** Whether an event of the constraint {@code oid} (with its pg_constraint flags) waits for commit now. */
    public boolean isDeferred(int oid, boolean deferrable, boolean initdeferred) {
        if (!deferrable) return false;
        Boolean s = byConstraint.get(oid);
        if (s != null) return s;
        if (all != null) return all;
        return initdeferred;
    }

    /** Keeps an event until its constraint becomes immediate or the transaction commits. */
    public void save(Event e) { events.add(e); }

    public int pending() { return events.size(); }

    /**
     * SET CONSTRAINTS: {@code constraintOids} null for ALL. Setting IMMEDIATE fires at once the
     * kept events of the constraints concerned (AfterTriggerSetState), in the order they were saved.
     */
    public void setState(List<Integer> constraintOids, boolean deferred, ExecContext ctx) {
        if (constraintOids == null) {
            // ALL overrides every per-constraint setting made before it
            byConstraint.clear();
            all = deferred;
        } else {
            for (int oid : constraintOids) byConstraint.put(oid, deferred);
        }
        if (deferred) return;
        List<Event> now = new ArrayList<>();
        for (Event e : events) {
            if (constraintOids == null || constraintOids.contains(e.constraintOid())) now.add(e);
        }
        events.removeAll(now);
        fire(now, ctx);
    }

    /** AfterTriggerFireDeferred: fires every kept event; the first failure aborts the COMMIT. */
    public void fireAll(ExecContext ctx) {
        // events saved while firing (a cascade's own checks) are fired too
        while (!events.isEmpty()) {
            List<Event> now = new ArrayList<>(events);
            events.clear();
            fire(now, ctx);
        }
    }

    private static void fire(List<Event> list, ExecContext ctx) {
        if (list.isEmpty()) return;
        ctx.requireEnv().commandCounterIncrement();
        for (Event e : list) {
            ctx.session().checkForInterrupts();
            e.fire(ctx);
        }
    }

    /** The state to return to if a savepoint taken now is rolled back. */
    public Object mark() {
        return new Mark(events.size(), all, new HashMap<>(byConstraint));
    }

    private record Mark(int events, Boolean all, Map<Integer, Boolean> byConstraint) {}

    /** ROLLBACK TO: forgets what was deferred and set since {@code mark}. */
    public void rollbackTo(Object mark) {
        Mark m = (Mark) mark;
        while (events.size() > m.events()) events.remove(events.size() - 1);
        all = m.all();
        byConstraint.clear();
        byConstraint.putAll(m.byConstraint());
    }

    /** At transaction end: nothing survives it. */
    public void reset() {
        events.clear();
        all = null;
        byConstraint.clear();
    }
}
