package org.tusk.access.transam;

/**
 * Transaction status questions and answers (PostgreSQL's transam.c) over the {@link Clog}.
 *
 * <p>One instance per process. Its only state is the one-entry cache of the last final status
 * looked up (PostgreSQL's cachedFetchXid), held as one immutable pair so threads may share it.
 * Only COMMITTED and ABORTED are cached, because only they never change.
 */
public final class Transam {
    private record Fetched(int xid, XidStatus status) {}

    private final Clog clog;
    private volatile Fetched cached = new Fetched(TransactionId.INVALID, XidStatus.ABORTED);

    public Transam(Clog clog) {
        this.clog = clog;
    }

    /** TransactionLogFetch: special ids answer without the log (bootstrap and frozen committed, invalid aborted). */
    public XidStatus fetch(int xid) {
        Fetched c = cached;
        if (c.xid() == xid && TransactionId.isValid(xid)) return c.status();
        if (!TransactionId.isNormal(xid)) {
            return xid == TransactionId.BOOTSTRAP || xid == TransactionId.FROZEN ? XidStatus.COMMITTED : XidStatus.ABORTED;
        }
        XidStatus s = clog.getStatus(xid);
        if (s == XidStatus.COMMITTED || s == XidStatus.ABORTED) cached = new Fetched(xid, s);
        return s;
    }

    /**
     * TransactionIdDidCommit. A SUB_COMMITTED id answers false: PostgreSQL would follow
     * pg_subtrans to the parent, which Tusk does not have yet; the state is transient while the
     * parent commits, so "not (yet) committed" is what a reader would see a moment earlier.
     */
    public boolean didCommit(int xid) {
        return fetch(xid) == XidStatus.COMMITTED;
    }

    /** TransactionIdDidAbort (a SUB_COMMITTED id answers false, as for {@link #didCommit}). */
    public boolean didAbort(int xid) {
        return fetch(xid) == XidStatus.ABORTED;
    }

    /** TransactionIdCommitTree. */
    public void commitTree(int xid, int[] subxids) {
        clog.setTreeStatus(xid, subxids, XidStatus.COMMITTED);
    }

    /** TransactionIdAbortTree. */
    public void abortTree(int xid, int[] subxids) {
        clog.setTreeStatus(xid, subxids, XidStatus.ABORTED);
    }
}
