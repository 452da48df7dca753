package org.tusk.utils.time;

import org.tusk.access.transam.TransactionId;
import org.tusk.storage.lmgr.Proc;
import org.tusk.storage.lmgr.ProcArray;

import java.util.ArrayList;
import java.util.List;

/**
 * One backend's snapshots (PostgreSQL's snapmgr.c, the subset without exported snapshots, the
 * active-snapshot stack and historic snapshots): which snapshot a statement uses, and the xmin the
 * backend publishes in its PGPROC so that nobody removes rows its snapshots may still see.
 *
 * <ul>
 * <li>{@link #getTransactionSnapshot}: in READ COMMITTED a new snapshot for every statement; in
 *     REPEATABLE READ and SERIALIZABLE the first one of the transaction, kept (registered) to its
 *     end.</li>
 * <li>The published xmin (MyProc->xmin) is set by GetSnapshotData when the backend has none; it is
 *     lowered never, raised or cleared by {@link #resetXmin} (SnapshotResetXmin) to the oldest
 *     registered snapshot's xmin when a statement's snapshot is given up, and cleared at the end of
 *     the transaction. So the published xmin is never newer than the xmin of a snapshot in use.</li>
 * <li>TransactionXmin is the published xmin as of the last snapshot taken (pg_subtrans and CLOG are
 *     kept at least back to it); RecentXmin the xmin of the last snapshot.</li>
 * </ul>
 * Not thread-safe: one per backend.
 */
public final class SnapshotManager {
    private final ProcArray procArray;
    private final Proc proc;
    private Snapshot currentSnapshot;
    private boolean firstSnapshotSet;
    private final List<Snapshot> registered = new ArrayList<>();
    private int transactionXmin;
    private int recentXmin;

    public SnapshotManager(ProcArray procArray, Proc proc) {
        this.procArray = procArray;
        this.proc = proc;
    }

    /**
     * GetTransactionSnapshot: the snapshot for the next statement. {@code usesXactSnapshot}:
     * the isolation level keeps one snapshot for the whole transaction (IsolationUsesXactSnapshot);
     * {@code curcid}: the command id the statement runs as.
     */
    public Snapshot getTransactionSnapshot(boolean usesXactSnapshot, int curcid) {
        if (!firstSnapshotSet) {
            currentSnapshot = take(curcid);
            if (usesXactSnapshot) registered.add(currentSnapshot);
            firstSnapshotSet = true;
            return currentSnapshot;
        }
        if (usesXactSnapshot) {
            currentSnapshot.setCurcid(curcid);
            return currentSnapshot;
        }
        // READ COMMITTED: the previous statement's snapshot is done with; stop holding back the
        // horizon for it (unless registered), then take a fresh one, which publishes a new xmin.
        resetXmin();
        currentSnapshot = take(curcid);
        return currentSnapshot;
    }

    /** GetLatestSnapshot: a fresh snapshot regardless of isolation level (for checks that must see the newest state). */
    public Snapshot getLatestSnapshot(int curcid) {
        if (!firstSnapshotSet) throw new IllegalStateException("no snapshot has been set");
        return take(curcid);
    }

    private Snapshot take(int curcid) {
        Snapshot s = procArray.getSnapshotData(proc, curcid);
        transactionXmin = proc.xmin();
        recentXmin = s.xmin();
        return s;
    }

    /** RegisterSnapshot: keeps {@code s}'s xmin published until {@link #unregisterSnapshot}. */
    public void registerSnapshot(Snapshot s) {
        registered.add(s);
    }

    /** Whether {@code s} is registered (registrations end with the transaction). */
    public boolean isRegistered(Snapshot s) {
        for (Snapshot r : registered) if (r == s) return true;
        return false;
    }

    /** UnregisterSnapshot: gives up one registration of {@code s}, and resets the xmin. */
    public void unregisterSnapshot(Snapshot s) {
        for (int i = 0; i < registered.size(); i++) {
            if (registered.get(i) == s) {
                registered.remove(i);
                resetXmin();
                return;
            }
        }
        throw new IllegalStateException("snapshot is not registered");
    }

    /**
     * SnapshotResetXmin: without registered snapshots the published xmin is cleared; otherwise it
     * moves up to the oldest registered snapshot's xmin (never down).
     */
    public void resetXmin() {
        if (registered.isEmpty()) {
            procArray.setOwnXmin(proc, 0);
            return;
        }
        int min = registered.getFirst().xmin();
        for (Snapshot s : registered) if (TransactionId.precedes(s.xmin(), min)) min = s.xmin();
        if (TransactionId.precedes(proc.xmin(), min)) procArray.setOwnXmin(proc, min);
    }

    /** SnapshotSetCommandId: CommandCounterIncrement's effect on the snapshot in use. */
    public void setCommandId(int curcid) {
        if (currentSnapshot != null) currentSnapshot.setCurcid(curcid);
    }

    /**
     * AtEOXact_Snapshot: forgets every snapshot of the transaction. The published xmin has been
     * cleared by ProcArrayEndTransaction (or is cleared here for a transaction without xid).
     */
    public void atEndOfTransaction() {
        registered.clear();
        currentSnapshot = null;
        firstSnapshotSet = false;
        transactionXmin = 0;
        if (proc.xmin() != 0) procArray.setOwnXmin(proc, 0);
    }

    /** TransactionXmin: 0 before the transaction's first snapshot. */
    public int transactionXmin() {
        return transactionXmin;
    }

    /** RecentXmin: the xmin of the latest snapshot taken (0 if none yet). */
    public int recentXmin() {
        return recentXmin;
    }

    /** Whether the transaction has taken its first snapshot (FirstSnapshotSet). */
    public boolean firstSnapshotSet() {
        return firstSnapshotSet;
    }
}
