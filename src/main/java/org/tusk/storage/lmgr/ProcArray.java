package org.tusk.storage.lmgr;

import org.tusk.utils.time.Snapshot;

import java.util.Arrays;

/**
 * The ProcArray's transaction-visibility operations (PostgreSQL's procarray.c): snapshots,
 * "is this xid still running", the xmin horizons, and the changes of a backend's own xid, xmin
 * and subxid cache that those depend on.
 *
 * <p>Locking (PostgreSQL's rules): readers (GetSnapshotData, the in-progress scan, the horizons)
 * hold ProcArrayLock shared; ending a transaction or subtransaction, which removes xids and
 * advances latestCompletedXid together, holds it exclusively, so a snapshot sees either both or
 * neither. Adding one's own xid or subxid, or changing one's own xmin, needs it shared only: a
 * newly assigned xid is at or past every snapshot's xmax until latestCompletedXid passes it, which
 * cannot happen before the xid is published (it is published under XidGenLock, before any later
 * id can be handed out and completed).
 *
 * <p>latestCompletedXid lives with the xid counters (PostgreSQL's
 * ShmemVariableCache->latestCompletedXid, here {@code access.transam.TransamVariables}); storage
 * may not import access, so it is reached through {@link LatestCompletedXid}.
 *
 * <p>Xids are compared modulo 2^32 as TransactionIdPrecedes does; the few comparisons needed are
 * repeated here for the same reason.
 */
public final class ProcArray {
    /** Access to the shared latestCompletedXid; every method requires ProcArrayLock as stated. */
    public interface LatestCompletedXid {
        /** The newest xid known to have ended; caller holds ProcArrayLock (either mode). */
        int latestCompletedXid();

        /** MaintainLatestCompletedXid: raises it to {@code latestXid} if newer; caller holds ProcArrayLock exclusively. */
        void advanceLatestCompletedXid(int latestXid);
    }

    /**
     * The ProcArray part of TransactionIdIsInProgress: {@code running} if the xid was found (or is
     * past latestCompletedXid); otherwise the top-level xids, older than the one asked about, of
     * backends whose subxid cache overflowed, any of which may be its parent (pg_subtrans decides).
     */
    public record InProgressScan(boolean running, int[] overflowedTopXids) {}

    /**
     * ComputeXidHorizons' results: the oldest xid that may still be considered running by anyone,
     * the oldest xid whose effects may still be needed in shared catalogs (all databases), and in
     * the given database.
     */
    public record XidHorizons(int oldestConsideredRunning, int sharedOldestNonRemovable, int dataOldestNonRemovable) {}

    private static final int INVALID = 0, FIRST_NORMAL = 3;
    private static final int[] NO_XIDS = new int[0];

    private final ProcGlobal procs;
    private final LatestCompletedXid latest;
    private final LWLock lock;

    public ProcArray(ProcGlobal procs, LatestCompletedXid latest) {
        this.procs = procs;
        this.latest = latest;
        this.lock = procs.procArrayLock();
    }

    public ProcGlobal procGlobal() {
        return procs;
    }

    /**
     * GetSnapshotData: xmax is latestCompletedXid + 1; xip lists the running top-level xids below
     * it other than {@code me}'s own; subxip the cached subtransaction xids of those backends, unless
     * one of them overflowed (then {@code suboverflowed}); xmin is the oldest of xmax, the listed
     * xids and {@code me}'s own xid. If {@code me} has no xmin yet it is published as its xmin
     * (MyProc->xmin = TransactionXmin) before the lock is released, so that no horizon passes
     * what this snapshot may still need.
     */
    public Snapshot getSnapshotData(Proc me, int curcid) {
        // Room for one xid per process in the ProcArray, sized by an unlocked read of numProcs
        // (a hint; re-checked under the lock). Sizing by numSlots, as before, allocated and zeroed
        // numSlots * 65 ints at every snapshot: 64 KB with max_connections = 250, the largest
        // allocation of a select-only transaction. Subxids are rare: their array grows on demand.
        int[] xip = new int[procs.numProcs() + 4];
        int[] subxip = NO_XIDS;
        int count = 0, subcount = 0;
        boolean suboverflowed = false;
        int xmin, xmax;
        lock.acquire(LWLock.Mode.SHARED);
        try {
            int myoff = me.pgxactoff();
            int myxid = me.xid();
            xmax = advance(latest.latestCompletedXid());
            xmin = xmax;
            if (isNormal(myxid) && precedes(myxid, xmin)) xmin = myxid;
            int n = procs.numProcs();
            if (n > xip.length) xip = new int[n]; // processes joined since the hint
            for (int off = 0; off < n; off++) {
                int xid = procs.denseXid(off);
                // No xid: no subxids either.
                if (xid == INVALID) continue;
                // Our own xids are not in the snapshot (they count in xmin, done above).
                if (off == myoff) continue;
                // At or past xmax: treated as running anyway, and so are its subxids.
                if (!precedes(xid, xmax)) continue;
                if (precedes(xid, xmin)) xmin = xid;
                xip[count++] = xid;
                if (!suboverflowed) {
                    if (procs.denseSubxidOverflowed(off)) {
                        suboverflowed = true;
                    } else {
                        int nsub = procs.denseSubxidCount(off);
                        if (subcount + nsub > subxip.length) {
                            subxip = Arrays.copyOf(subxip, Math.max(subcount + nsub, 2 * subxip.length));
                        }
                        Proc p = procs.proc(procs.pgprocnoAt(off));
                        for (int j = 0; j < nsub; j++) subxip[subcount++] = p.subxid(j);
                    }
                }
            }
            if (me.xmin() == INVALID) setXminLocked(me, xmin);
        } finally {
            lock.release(LWLock.Mode.SHARED);
        }
        return new Snapshot(xmin, xmax, Arrays.copyOf(xip, count), Arrays.copyOf(subxip, subcount), suboverflowed,
                curcid);
    }

    /**
     * GetNewTransactionId's last step for a top-level xid: publishes it in {@code me}'s PGPROC and
     * the dense array. Called under XidGenLock.
     */
    public void publishXid(Proc me, int xid) {
        lock.acquire(LWLock.Mode.SHARED);
        try {
            me.setXid(xid);
            int off = me.pgxactoff();
            if (off >= 0) procs.setDenseXid(off, xid);
        } finally {
            lock.release(LWLock.Mode.SHARED);
        }
    }

    /**
     * GetNewTransactionId's last step for a subtransaction xid: appends it to {@code me}'s subxid
     * cache, or, when the cache is full, marks it overflowed (the xid is then found only through
     * pg_subtrans, whose entry the caller sets). The entry is stored before the count that makes it
     * visible. Called under XidGenLock.
     */
    public void publishSubxid(Proc me, int xid) {
        lock.acquire(LWLock.Mode.SHARED);
        try {
            int n = me.subxidCount();
            int off = me.pgxactoff();
            if (n < ProcGlobal.PGPROC_MAX_CACHED_SUBXIDS) {
                me.setSubxid(n, xid);
                me.setSubxidStatus(n + 1, me.subxidOverflowed());
            } else {
                me.setSubxidStatus(n, true);
            }
            if (off >= 0) procs.setDenseSubxidState(off, me.subxidCount(), me.subxidOverflowed());
        } finally {
            lock.release(LWLock.Mode.SHARED);
        }
    }

    /**
     * ProcArrayEndTransaction: {@code me}'s transaction has been recorded in the CLOG as committed
     * or aborted; its xid, subxid cache and xmin go, and latestCompletedXid advances to
     * {@code latestXid} (the newest xid of the tree), all under ProcArrayLock exclusively. A
     * transaction without an xid ({@code latestXid} 0) only drops its xmin.
     */
    public void endTransaction(Proc me, int latestXid) {
        if (latestXid == INVALID) {
            setOwnXmin(me, INVALID);
            return;
        }
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int off = me.pgxactoff();
            me.setXid(INVALID);
            me.setXmin(INVALID);
            me.setSubxidStatus(0, false);
            if (off >= 0) {
                procs.setDenseXid(off, INVALID);
                procs.setDenseXmin(off, INVALID);
                procs.setDenseSubxidState(off, 0, false);
            }
            latest.advanceLatestCompletedXid(latestXid);
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * XidCacheRemoveRunningXids: an aborted subtransaction {@code xid} and its committed children
     * {@code subxids} (already ABORTED in the CLOG) leave {@code me}'s subxid cache, and
     * latestCompletedXid advances to {@code latestXid}. An xid not found is one that never made it
     * into an overflowed cache. The overflowed flag stays: other uncached subxids may remain.
     */
    public void removeSubxids(Proc me, int xid, int[] subxids, int latestXid) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            // Xids are in increasing order and so is the cache: search from the end.
            for (int i = subxids.length - 1; i >= 0; i--) removeCached(me, subxids[i]);
            removeCached(me, xid);
            int off = me.pgxactoff();
            if (off >= 0) procs.setDenseSubxidState(off, me.subxidCount(), me.subxidOverflowed());
            latest.advanceLatestCompletedXid(latestXid);
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    private static void removeCached(Proc me, int xid) {
        int n = me.subxidCount();
        for (int j = n - 1; j >= 0; j--) {
            if (me.subxid(j) == xid) {
                me.setSubxid(j, me.subxid(n - 1));
                me.setSubxidStatus(n - 1, me.subxidOverflowed());
                return;
            }
        }
    }

    /**
     * Sets {@code me}'s published xmin (SnapshotResetXmin, or clearing it at the end of a
     * transaction without xid). Own xmin: ProcArrayLock shared suffices.
     */
    public void setOwnXmin(Proc me, int xmin) {
        lock.acquire(LWLock.Mode.SHARED);
        try {
            setXminLocked(me, xmin);
        } finally {
            lock.release(LWLock.Mode.SHARED);
        }
    }

    private void setXminLocked(Proc me, int xmin) {
        me.setXmin(xmin);
        int off = me.pgxactoff();
        if (off >= 0) procs.setDenseXmin(off, xmin);
    }

    /**
     * The ProcArray steps of TransactionIdIsInProgress (procarray.c), for an xid that is not
     * {@code me}'s own: past latestCompletedXid means running; then each backend's top-level xid
     * and cached subxids are compared. Backends whose cache overflowed and whose top-level xid
     * precedes {@code xid} are returned for the pg_subtrans step, which the caller does after the
     * lock is released.
     */
    public InProgressScan scanForXid(Proc me, int xid) {
        int[] overflowed = new int[procs.numSlots()];
        int noverflowed = 0;
        lock.acquire(LWLock.Mode.SHARED);
        try {
            if (precedes(latest.latestCompletedXid(), xid)) return new InProgressScan(true, new int[0]);
            int myoff = me.pgxactoff();
            int n = procs.numProcs();
            for (int off = 0; off < n; off++) {
                if (off == myoff) continue;
                int pxid = procs.denseXid(off);
                if (pxid == INVALID) continue;
                if (pxid == xid) return new InProgressScan(true, new int[0]);
                // A younger top-level xid cannot be the parent of xid.
                if (precedes(xid, pxid)) continue;
                int nsub = procs.denseSubxidCount(off);
                Proc p = procs.proc(procs.pgprocnoAt(off));
                for (int j = nsub - 1; j >= 0; j--) {
                    if (p.subxid(j) == xid) return new InProgressScan(true, new int[0]);
                }
                if (procs.denseSubxidOverflowed(off)) overflowed[noverflowed++] = pxid;
            }
        } finally {
            lock.release(LWLock.Mode.SHARED);
        }
        return new InProgressScan(false, Arrays.copyOf(overflowed, noverflowed));
    }

    /**
     * ComputeXidHorizons (without replication slots, vacuum flags or hot standby): starting from
     * latestCompletedXid + 1, the oldest of every backend's xid and xmin; for the data horizon only
     * backends connected to {@code databaseId} count (all of them if it is 0).
     */
    public XidHorizons computeXidHorizons(int databaseId) {
        lock.acquire(LWLock.Mode.SHARED);
        try {
            int initial = advance(latest.latestCompletedXid());
            int considered = initial, shared = initial, data = initial;
            int n = procs.numProcs();
            for (int off = 0; off < n; off++) {
                int xmin = older(procs.denseXmin(off), procs.denseXid(off));
                if (xmin == INVALID) continue;
                considered = older(considered, xmin);
                shared = older(shared, xmin);
                Proc p = procs.proc(procs.pgprocnoAt(off));
                if (databaseId == 0 || p.databaseId() == databaseId) data = older(data, xmin);
            }
            return new XidHorizons(considered, shared, data);
        } finally {
            lock.release(LWLock.Mode.SHARED);
        }
    }

    /**
     * The backend part of GetCurrentVirtualXIDs(limitXmin, excludeXmin0 = true, allDbs = false):
     * the slots of backends of {@code databaseId}, other than {@code me}, whose published xmin is
     * valid and precedes or equals {@code limitXmin} (all with a valid xmin if it is 0). Their
     * local transaction ids are the lock table's to give (see {@link VirtualTransactions}).
     */
    public int[] slotsWithXminAtOrBefore(Proc me, int limitXmin, int databaseId) {
        lock.acquire(LWLock.Mode.SHARED);
        try {
            int n = procs.numProcs();
            int[] out = new int[n];
            int count = 0;
            for (int off = 0; off < n; off++) {
                int slot = procs.pgprocnoAt(off);
                if (slot == me.slot()) continue;
                int pxmin = procs.denseXmin(off);
                if (pxmin == INVALID) continue;
                if (limitXmin != INVALID && !(precedes(pxmin, limitXmin) || pxmin == limitXmin)) continue;
                if (procs.proc(slot).databaseId() != databaseId) continue;
                out[count++] = slot;
            }
            return Arrays.copyOf(out, count);
        } finally {
            lock.release(LWLock.Mode.SHARED);
        }
    }

    // TransactionId arithmetic (access.transam.TransactionId, which storage may not import).

    private static boolean isNormal(int xid) {
        return Integer.compareUnsigned(xid, FIRST_NORMAL) >= 0;
    }

    private static boolean precedes(int a, int b) {
        if (!isNormal(a) || !isNormal(b)) return Integer.compareUnsigned(a, b) < 0;
        return a - b < 0;
    }

    private static int advance(int xid) {
        int next = xid + 1;
        return isNormal(next) ? next : FIRST_NORMAL;
    }

    /** TransactionIdOlder: the older of two xids, ignoring invalid ones. */
    private static int older(int a, int b) {
        if (a == INVALID) return b;
        if (b == INVALID) return a;
        return precedes(a, b) ? a : b;
    }
}
