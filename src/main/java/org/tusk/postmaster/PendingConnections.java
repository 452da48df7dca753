package org.tusk.postmaster;

import org.tusk.utils.init.ChildAssignment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepted connections that wait for a ready spare (Tusk's own: PostgreSQL forks a backend for
 * every connection at once, which a JVM cannot do).
 *
 * <p>Why wait instead of handing the socket to a spare that is still starting: with
 * {@code backend_reuse}, a backend whose client has just left is a ready spare again a few
 * milliseconds later, while a JVM start takes hundreds of milliseconds (seconds on a loaded
 * machine). Bound to a starting JVM, a connection waited for that start even when warm backends
 * became free meanwhile; under {@code pgbench -C -c 4} four warm backends sat idle while every
 * client waited for a new JVM. Waiting here, a connection goes to whichever spare is ready first,
 * reused or fresh, in arrival order.
 *
 * <p>Each entry owns its client descriptor and the child slot chosen at accept time (the
 * PMChildFlags word is only marked ASSIGNED at the hand-off). Used by the postmaster's main thread
 * only; no locking.
 */
final class PendingConnections {
    /**
     * With backend_reuse seen at work, how long the oldest waiting connection waits for a backend to
     * come back before a spare JVM is started for it: well above a reused backend's reset (a few ms
     * of CPU), far below a JVM start.
     */
    static final long REUSE_WAIT_MILLIS = 50;

    /** One accepted connection: its descriptor, what its backend will be told, when it arrived. */
    record Pending(int clientFd, ChildAssignment assignment, long acceptedMillis) {}

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();

    void add(Pending p) {
        queue.addLast(p);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    /** Waiting connections that will be refused (no slot): they count against the dead-end limit. */
    int deadEnds() {
        int n = 0;
        for (Pending p : queue) if (p.assignment().slot() == 0) n++;
        return n;
    }

    /** The connection that has waited longest, removed; null if none. */
    Pending takeOldest() {
        return queue.pollFirst();
    }

    /** Puts back a connection whose hand-off failed, ahead of the others. */
    void putBack(Pending p) {
        queue.addFirst(p);
    }

    /** When the oldest connection arrived (ms), or -1 if none waits. */
    long oldestAcceptedMillis() {
        Pending p = queue.peekFirst();
        return p == null ? -1 : p.acceptedMillis();
    }

    /** Removes and returns every waiting connection (the caller closes them and frees their slots). */
    List<Pending> drain() {
        List<Pending> all = new ArrayList<>(queue);
        queue.clear();
        return all;
    }

    /**
     * How many spares to start now for the waiting connections: one for each that has no starting
     * spare on its way. When reused backends are coming back ({@code backendsMayReturn}: backend_reuse
     * has been seen at work and sessions are running), none until the oldest connection has waited
     * {@link #REUSE_WAIT_MILLIS}, so that a backend finishing its session, not a new JVM, serves it.
     */
    static int startsNeeded(int pending, int starting, boolean backendsMayReturn, long oldestWaitedMillis) {
        int missing = pending - starting;
        if (missing <= 0) return 0;
        if (backendsMayReturn && oldestWaitedMillis < REUSE_WAIT_MILLIS) return 0;
        return missing;
    }

    /** Milliseconds until {@link #startsNeeded} may say yes because of the wait, 0 if it may now. */
    static long millisUntilStart(long oldestWaitedMillis) {
        return Math.max(0, REUSE_WAIT_MILLIS - oldestWaitedMillis);
    }
}
