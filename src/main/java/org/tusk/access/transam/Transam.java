package org.tusk.access.transam;

import java.util.function.IntSupplier;

/**
 * Transaction status questions and answers (PostgreSQL's transam.c) over the {@link Clog} and, for
 * subcommitted ids, {@link SubTrans}.
 *
 * <p>One instance per process (per backend: it knows the backend's TransactionXmin). Its only
 * state is the one-entry cache of the last final status looked up (PostgreSQL's cachedFetchXid
 * with cachedCommitLSN), held as one immutable triple so threads may share it. Only COMMITTED and
 * ABORTED are cached, because only they never change.
 */
public final class Transam {
    private record Fetched(int xid, XidStatus status, long lsn) {}

    private final Clog clog;
    private final SubTrans subtrans;
    private final IntSupplier transactionXmin;
    private volatile Fetched cached = new Fetched(TransactionId.INVALID, XidStatus.ABORTED, 0L);

    /**
     * For a process that never asks about subcommitted ids (the startup process replaying
     * commits and aborts, which only sets statuses): meeting SUB_COMMITTED in a question fails.
     */
    public Transam(Clog clog) {
        this(clog, null, () -> TransactionId.INVALID);
    }

    /**
     * For a backend: {@code transactionXmin} gives its TransactionXmin (0 before its first
     * snapshot), below which every subcommitted id's tree has ended and pg_subtrans may be gone.
     */
    public Transam(Clog clog, SubTrans subtrans, IntSupplier transactionXmin) {
        this.clog = clog;
        this.subtrans = subtrans;
        this.transactionXmin = transactionXmin;
    }

    /** TransactionLogFetch: special ids answer without the log (bootstrap and frozen committed, invalid aborted). */
    public XidStatus fetch(int xid) {
        return fetchWithLsn(xid).status();
    }

    private Fetched fetchWithLsn(int xid) {
        Fetched c = cached;
        if (c.xid() == xid && TransactionId.isValid(xid)) return c;
        if (!TransactionId.isNormal(xid)) {
            return new Fetched(xid, xid == TransactionId.BOOTSTRAP || xid == TransactionId.FROZEN
                    ? XidStatus.COMMITTED : XidStatus.ABORTED, 0L);
        }
        Clog.StatusAndLsn s = clog.getStatusAndLsn(xid);
        Fetched f = new Fetched(xid, s.status(), s.lsn());
        if (s.status() == XidStatus.COMMITTED || s.status() == XidStatus.ABORTED) cached = f;
        return f;
    }

    /**
     * TransactionIdDidCommit. A SUB_COMMITTED id (its parent's commit is being recorded right
     * now, or the parent crashed before finishing) committed iff its parent did, asked through
     * pg_subtrans; one older than TransactionXmin belongs to a tree that ended without marking it
     * COMMITTED, i.e. crashed: not committed.
     */
    public boolean didCommit(int xid) {
        XidStatus s = fetch(xid);
        if (s == XidStatus.COMMITTED) return true;
        if (s == XidStatus.SUB_COMMITTED) {
            if (TransactionId.precedes(xid, transactionXmin.getAsInt())) return false;
            int parent = parentOf(xid);
            return TransactionId.isValid(parent) && didCommit(parent);
        }
        return false;
    }

    /** TransactionIdDidAbort, with the same pg_subtrans rule for a SUB_COMMITTED id. */
    public boolean didAbort(int xid) {
        XidStatus s = fetch(xid);
        if (s == XidStatus.ABORTED) return true;
        if (s == XidStatus.SUB_COMMITTED) {
            if (TransactionId.precedes(xid, transactionXmin.getAsInt())) return true;
            int parent = parentOf(xid);
            return !TransactionId.isValid(parent) || didAbort(parent);
        }
        return false;
    }

    private int parentOf(int xid) {
        if (subtrans == null) {
            throw new IllegalStateException("transaction " + TransactionId.toString(xid)
                    + " is subcommitted, and this process has no pg_subtrans to look up its parent");
        }
        return subtrans.getParent(xid);
    }

    /**
     * TransactionIdGetCommitLSN: the group LSN of {@code xid}'s CLOG group (0 for special ids, or
     * when no asynchronous commit in the group is pending). WAL must be flushed that far before a
     * hint bit may say "committed".
     */
    public long getCommitLsn(int xid) {
        if (!TransactionId.isNormal(xid)) return 0L;
        return fetchWithLsn(xid).lsn();
    }

    /** TransactionIdCommitTree (synchronous commit, or redo). */
    public void commitTree(int xid, int[] subxids) {
        clog.setTreeStatus(xid, subxids, XidStatus.COMMITTED, 0L);
    }

    /** TransactionIdAsyncCommitTree: {@code lsn} is the end of the commit record, not yet flushed. */
    public void asyncCommitTree(int xid, int[] subxids, long lsn) {
        clog.setTreeStatus(xid, subxids, XidStatus.COMMITTED, lsn);
    }

    /** TransactionIdAbortTree. */
    public void abortTree(int xid, int[] subxids) {
        clog.setTreeStatus(xid, subxids, XidStatus.ABORTED, 0L);
    }

    /** TransactionIdLatest: the newest of a transaction and its subtransactions. */
    public static int latest(int xid, int[] subxids) {
        int result = xid;
        for (int x : subxids) if (TransactionId.precedes(result, x)) result = x;
        return result;
    }
}
