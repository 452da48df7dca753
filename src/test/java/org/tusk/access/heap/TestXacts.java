package org.tusk.access.heap;

import org.tusk.access.transam.TransactionId;
import org.tusk.access.transam.Transam;
import org.tusk.access.transam.VarSup;
import org.tusk.utils.time.Snapshot;

import java.util.HashSet;
import java.util.Set;

/**
 * The test's ProcArray: which transactions are running, shared by the threads that stand in for
 * backends. Xids come from the real VarSup (XidGenLock, nextXid in mapped memory) and outcomes go
 * to the real CLOG; as in PostgreSQL a commit is in the CLOG before the xid leaves the running set.
 * The monitor stands in for ProcArrayLock (and the xact lock waited on by waitFor).
 */
final class TestXacts {
    private final Set<Integer> running = new HashSet<>();
    /** PGPROC->xmin: the xmin of the oldest snapshot each backend's transaction took. */
    private final java.util.Map<Object, Integer> xmins = new java.util.HashMap<>();

    synchronized int begin(VarSup varSup) {
        return varSup.getNewTransactionId(running::add).xid();
    }

    synchronized void end(Transam transam, int xid, boolean commit) {
        if (commit) transam.commitTree(xid, new int[0]); else transam.abortTree(xid, new int[0]);
        running.remove(xid);
        notifyAll();
    }

    synchronized boolean isRunning(int xid) {
        return running.contains(xid);
    }

    /** GetSnapshotData; the first snapshot of {@code owner}'s transaction sets its xmin. */
    synchronized Snapshot snapshot(Object owner, VarSup varSup, int curcid) {
        int xmax = varSup.readNextFullTransactionId().xid();
        int xmin = xmax;
        int[] xip = running.stream().mapToInt(Integer::intValue).toArray();
        for (int x : xip) if (TransactionId.precedes(x, xmin)) xmin = x;
        xmins.putIfAbsent(owner, xmin);
        return new Snapshot(xmin, xmax, xip, new int[0], false, curcid);
    }

    /** The end of {@code owner}'s transaction: its snapshots are gone. */
    synchronized void clearXmin(Object owner) {
        xmins.remove(owner);
    }

    /**
     * GetOldestNonRemovableTransactionId: the oldest running xid or snapshot xmin, or nextXid if
     * none: nothing older can be seen by anyone.
     */
    synchronized int oldestRunning(VarSup varSup) {
        int oldest = varSup.readNextFullTransactionId().xid();
        for (int x : running) if (TransactionId.precedes(x, oldest)) oldest = x;
        for (int x : xmins.values()) if (TransactionId.precedes(x, oldest)) oldest = x;
        return oldest;
    }

    /** XactLockTableWait. */
    synchronized void waitFor(int xid) {
        while (running.contains(xid)) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("canceled while waiting for transaction " + xid, e);
            }
        }
    }
}
