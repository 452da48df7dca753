package org.tusk.utils.time;

import java.util.Arrays;

/**
 * An MVCC snapshot (PostgreSQL's SnapshotData, snapshot.h, for the MVCC kind): which transactions'
 * effects a scan sees. Every xid below {@code xmin} has ended; every xid at or above {@code xmax}
 * had not started when the snapshot was taken; in between, the ones in {@code xip} (and, for
 * subtransactions, {@code subxip}) were still running. {@code curcid} is the command id: changes
 * of the snapshot's own transaction made by an earlier command are seen, by this or a later one
 * are not. Immutable except for {@code curcid}, which a command counter increment moves forward
 * in the snapshots a transaction keeps (the way PostgreSQL updates curcid of the active snapshot).
 *
 * <p>Taken by {@code storage.lmgr.ProcArray.getSnapshotData} under ProcArrayLock; tested by
 * {@code access.transam.TransactionOracle.xidInMVCCSnapshot}.
 */
public final class Snapshot {
    private final int xmin;
    private final int xmax;
    private final int[] xip;
    private final int[] subxip;
    private final boolean suboverflowed;
    private int curcid;

    public Snapshot(int xmin, int xmax, int[] xip, int[] subxip, boolean suboverflowed, int curcid) {
        this.xmin = xmin;
        this.xmax = xmax;
        this.xip = xip.clone();
        this.subxip = subxip.clone();
        this.suboverflowed = suboverflowed;
        this.curcid = curcid;
    }

    /**
     * CopySnapshot: the same transactions in progress, with a command id of its own, for a holder
     * that must not see the curcid of the transaction's shared snapshot move on (a cursor).
     */
    public Snapshot copy() {
        return new Snapshot(xmin, xmax, xip, subxip, suboverflowed, curcid);
    }

    /** All xids below this have ended (committed or aborted). */
    public int xmin() { return xmin; }

    /** All xids at or above this had not been assigned when the snapshot was taken. */
    public int xmax() { return xmax; }

    /** Top-level xids in progress, xmin &lt;= xid &lt; xmax. */
    public int[] xip() { return xip.clone(); }

    public int xipCount() { return xip.length; }

    public int xip(int i) { return xip[i]; }

    /** Subtransaction xids in progress (meaningless when {@link #suboverflowed}). */
    public int[] subxip() { return subxip.clone(); }

    /** Some backend had more subtransactions than PGPROC caches: consult pg_subtrans. */
    public boolean suboverflowed() { return suboverflowed; }

    public int curcid() { return curcid; }

    /** CommandCounterIncrement's effect on a snapshot the transaction keeps using. */
    public void setCurcid(int cid) { this.curcid = cid; }

    /** Whether {@code xid} is one of the snapshot's in-progress top-level or cached subtransaction xids. */
    public boolean listsInProgress(int xid) {
        for (int x : xip) if (x == xid) return true;
        if (!suboverflowed) for (int x : subxip) if (x == xid) return true;
        return false;
    }

    @Override
    public String toString() {
        return "Snapshot[" + Integer.toUnsignedString(xmin) + ":" + Integer.toUnsignedString(xmax) + ":"
                + Arrays.toString(xip) + (suboverflowed ? " suboverflowed" : "") + " cid=" + curcid + "]";
    }
}
