package org.tusk.commands;

import org.tusk.storage.ipc.AsyncQueue;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;

/**
 * LISTEN, UNLISTEN and NOTIFY of one backend (PostgreSQL's async.c; the shared queue is
 * {@link AsyncQueue}).
 *
 * <p>Nothing happens until the transaction ends. LISTEN and UNLISTEN are queued as actions and
 * applied to {@code listenChannels} at commit (a first LISTEN registers the backend in the queue at
 * pre-commit, so that no notification committed after ours is missed). NOTIFY is queued with its
 * (sub)transaction's nesting level; a duplicate of a notification already queued at the same level
 * is dropped, and a subtransaction's notifications pass to its parent at its commit without the
 * parent's duplicates, as AtSubCommit_Notify does. At pre-commit they are added to the shared queue
 * under the transaction's xid, holding the lock PostgreSQL takes on database 0 (so queue order is
 * commit order); after the commit the listeners are woken (SignalBackends), this backend included,
 * and each reads and delivers them when it is next idle outside a transaction block.
 */
public final class Async {
    /** NAMEDATALEN: a channel name is shorter than this. */
    public static final int NAMEDATALEN = 64;
    /** NOTIFY_PAYLOAD_MAX_LENGTH: BLCKSZ - NAMEDATALEN - 128, including the terminating NUL. */
    public static final int NOTIFY_PAYLOAD_MAX_LENGTH = 8192 - NAMEDATALEN - 128;

    /** What async.c takes from the rest of the backend. */
    public interface Host {
        /** GetCurrentTransactionId of the top-level transaction, assigned now if it has none. */
        int topTransactionId();

        /** LockSharedObject(DatabaseRelationId, InvalidOid, 0, AccessExclusiveLock), held to transaction end. */
        void lockNotifyQueueOrder();

        /** The current (sub)transaction's nesting level, 1 at top level. */
        int nestingLevel();

        /** The state of a notifying transaction, for the reader. */
        AsyncQueue.XidState xidState(int xid);

        /** Sends a WARNING to the client (the queue filling up). */
        void warning(PgException w);

        /** SendProcSignal(PROCSIG_NOTIFY_INTERRUPT) to the listener in {@code slot}. */
        void signal(int slot, int pid);
    }

    private enum ListenAction { LISTEN, UNLISTEN, UNLISTEN_ALL }

    private record Action(ListenAction kind, String channel, int level) {}

    private final AsyncQueue queue;
    private final int slot, pid, dboid;
    private final Host host;
    /** The channels a committed LISTEN added, in that order (pg_listening_channels). */
    private final List<String> listenChannels = new ArrayList<>();
    private final List<Action> pendingActions = new ArrayList<>();
    /** Queued notifications by nesting level; each level keeps its first occurrences in order. */
    private final TreeMap<Integer, LinkedHashSet<AsyncQueue.Notification>> pendingNotifies = new TreeMap<>();
    /** amRegisteredListener: this backend has a position in the shared queue. */
    private boolean registered;
    /** unlistenExitRegistered: this session has done LISTEN at least once (UNLISTEN is a no-op before). */
    private boolean everListened;
    /** notifyInterruptPending: there may be notifications to read (our own commit or a signal). */
    private boolean notifyInterruptPending;

    public Async(AsyncQueue queue, int slot, int pid, int dboid, Host host) {
        this.queue = queue;
        this.slot = slot;
        this.pid = pid;
        this.dboid = dboid;
        this.host = host;
    }

    // ---- the commands ----

    /** Async_Notify: NOTIFY channel [, payload] and pg_notify(); {@code payload} may be null (empty). */
    public void notify(String channel, String payload) {
        if (channel == null || channel.isEmpty()) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "channel name cannot be empty");
        }
        if (channel.getBytes(StandardCharsets.UTF_8).length >= NAMEDATALEN) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "channel name too long");
        }
        if (payload == null) payload = "";
        if (payload.getBytes(StandardCharsets.UTF_8).length >= NOTIFY_PAYLOAD_MAX_LENGTH) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "payload string too long");
        }
        // A duplicate of one queued at this level is dropped; parent levels are not looked at.
        pendingNotifies.computeIfAbsent(host.nestingLevel(), l -> new LinkedHashSet<>())
                .add(new AsyncQueue.Notification(channel, payload));
    }

    /** Async_Listen. */
    public void listen(String channel) {
        pendingActions.add(new Action(ListenAction.LISTEN, channel, host.nestingLevel()));
    }

    /** Async_Unlisten: nothing to do if this session never listened. */
    public void unlisten(String channel) {
        if (pendingActions.isEmpty() && !everListened) return;
        pendingActions.add(new Action(ListenAction.UNLISTEN, channel, host.nestingLevel()));
    }

    /** Async_UnlistenAll. */
    public void unlistenAll() {
        if (pendingActions.isEmpty() && !everListened) return;
        pendingActions.add(new Action(ListenAction.UNLISTEN_ALL, null, host.nestingLevel()));
    }

    /** pg_listening_channels(). */
    public List<String> listeningChannels() {
        return List.copyOf(listenChannels);
    }

    /** pg_notification_queue_usage(). */
    public double queueUsage() {
        return queue.usage();
    }

    /** Whether this transaction has done LISTEN, UNLISTEN or NOTIFY (PREPARE TRANSACTION refuses it). */
    public boolean hasPendingWork() {
        return !pendingActions.isEmpty() || !pendingNotifies.isEmpty();
    }

    // ---- transaction end ----

    /**
     * PreCommit_Notify: a first LISTEN joins the queue (and moves past what is committed already);
     * then the notifications go into the queue under our xid, in queue order = commit order. An
     * error here (the queue is full) aborts the transaction.
     */
    public void preCommit() {
        for (Action a : pendingActions) {
            if (a.kind() == ListenAction.LISTEN) {
                everListened = true;
                if (!registered) {
                    registered = true;
                    queue.register(slot, pid, dboid);
                    // listenChannels is not changed yet, so this only advances over committed entries.
                    if (queue.hasUnread(slot)) readAndDeliver(null);
                }
            }
        }
        if (pendingNotifies.isEmpty()) return;
        int xid = host.topTransactionId();
        host.lockNotifyQueueOrder();
        queue.add(flattenNotifies(), dboid, xid, pid, host::warning);
    }

    /** The transaction's notifications in order, each subtransaction's merged into its parent's (AtSubCommit_Notify). */
    private List<AsyncQueue.Notification> flattenNotifies() {
        LinkedHashSet<AsyncQueue.Notification> all = new LinkedHashSet<>();
        for (LinkedHashSet<AsyncQueue.Notification> level : pendingNotifies.values()) all.addAll(level);
        return new ArrayList<>(all);
    }

    /**
     * AtCommit_Notify: applies LISTEN/UNLISTEN in order, leaves the queue if nothing is listened to
     * any more, and wakes the listeners if we notified.
     */
    public void atCommit() {
        for (Action a : pendingActions) {
            switch (a.kind()) {
                case LISTEN -> { if (!listenChannels.contains(a.channel())) listenChannels.add(a.channel()); }
                case UNLISTEN -> listenChannels.remove(a.channel());
                case UNLISTEN_ALL -> listenChannels.clear();
            }
        }
        if (registered && listenChannels.isEmpty()) unregister();
        boolean notified = !pendingNotifies.isEmpty();
        clearPending();
        if (notified) signalBackends();
    }

    /**
     * AtAbort_Notify: a LISTEN that registered at pre-commit and then aborted leaves the queue
     * again; everything queued is dropped.
     */
    public void atAbort() {
        if (registered && listenChannels.isEmpty()) unregister();
        clearPending();
    }

    /** AtSubCommit_Notify: the ending subtransaction's ({@code level}) actions and notifications pass to its parent. */
    public void atSubCommit(int level) {
        pendingActions.replaceAll(a -> a.level() >= level ? new Action(a.kind(), a.channel(), level - 1) : a);
        LinkedHashSet<AsyncQueue.Notification> child = pendingNotifies.remove(level);
        if (child != null) pendingNotifies.computeIfAbsent(level - 1, l -> new LinkedHashSet<>()).addAll(child);
    }

    /** AtSubAbort_Notify: the aborted subtransaction's ({@code level}) actions and notifications are dropped. */
    public void atSubAbort(int level) {
        pendingActions.removeIf(a -> a.level() >= level);
        pendingNotifies.tailMap(level, true).clear();
    }

    private void clearPending() {
        pendingActions.clear();
        pendingNotifies.clear();
    }

    private void unregister() {
        queue.unregister(slot);
        registered = false;
    }

    /**
     * SignalBackends: wakes the listeners that have something to read; for ourselves (a backend
     * that notifies a channel it listens to gets its own notification) only a flag is set.
     */
    private void signalBackends() {
        for (AsyncQueue.Listener l : queue.listenersToSignal(dboid)) {
            if (l.slot() == slot) notifyInterruptPending = true;
            else host.signal(l.slot(), l.pid());
        }
    }

    // ---- incoming ----

    /** HandleNotifyInterrupt: a signal said there may be something to read. */
    public void notifyInterrupt() {
        notifyInterruptPending = true;
    }

    /** Whether incoming notifications may be waiting to be read. */
    public boolean interruptPending() {
        return notifyInterruptPending;
    }

    /** What a notification delivered to this backend's client looks like (NotifyMyFrontEnd). */
    public interface Frontend {
        void notification(int srcPid, String channel, String payload);
    }

    /**
     * ProcessNotifyInterrupt, for a backend that is idle outside any transaction: reads the queue
     * and sends the notifications of the channels it listens to, in queue order.
     */
    public void processInterrupt(Frontend frontend) {
        while (notifyInterruptPending) {
            notifyInterruptPending = false;
            if (listenChannels.isEmpty() || !registered) return;
            readAndDeliver(frontend);
        }
    }

    private void readAndDeliver(Frontend frontend) {
        List<AsyncQueue.Delivered> got = queue.readAll(slot, dboid, host::xidState);
        if (frontend == null) return;
        for (AsyncQueue.Delivered d : got) {
            if (listenChannels.contains(d.channel())) frontend.notification(d.srcPid(), d.channel(), d.payload());
        }
    }

    /**
     * Async_UnlistenOnExit: a backend that exits, or ends its session to serve another, stops
     * listening and leaves the queue.
     */
    public void atExit() {
        clearPending();
        listenChannels.clear();
        if (registered) unregister();
    }
}
