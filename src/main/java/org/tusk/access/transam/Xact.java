package org.tusk.access.transam;

import org.tusk.storage.lmgr.Proc;
import org.tusk.storage.lmgr.ProcArray;
import org.tusk.storage.lmgr.ProcGlobal;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.time.Snapshot;
import org.tusk.utils.time.SnapshotManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One backend's transaction (PostgreSQL's xact.c): the stack of the top-level transaction and its
 * subtransactions (savepoints), lazy xid assignment, command ids, and the durable end of each
 * level (RecordTransactionCommit, RecordTransactionAbort).
 *
 * <h2>Xids</h2>
 * A level gets an xid only when it first needs one ({@link #getCurrentTransactionId}); a
 * subtransaction's parents get theirs first, so a parent's xid always precedes its children's.
 * A subtransaction xid is entered in pg_subtrans (its parent) and in the PGPROC subxid cache.
 *
 * <h2>Ending a level</h2>
 * <ul>
 * <li>Subtransaction commit (RELEASE): nothing is written; the subtransaction's xid and its
 *     committed children join the parent's list of committed children, and stay in the subxid
 *     cache: to others they are running until the top level ends.</li>
 * <li>Subtransaction abort (ROLLBACK TO): an abort record for its xid listing its committed
 *     children, the CLOG marks them all ABORTED, and they leave the subxid cache.</li>
 * <li>Top-level commit, in PostgreSQL's order: commit record (with the committed subxids and
 *     the relation files to drop), WAL flush (synchronous commit, or files to drop), CLOG
 *     (subxids SUB_COMMITTED, then the top COMMITTED, then the subxids COMMITTED; for an
 *     asynchronous commit with the record's LSN as group LSN), then the ProcArray, which advances
 *     latestCompletedXid. Whoever no longer sees the xid as running thus finds it committed in
 *     the CLOG, and a crash after the flush replays the commit.</li>
 * <li>Top-level abort: every open subtransaction is aborted first (its own record), then an abort
 *     record for the top (not flushed: an abort lost in a crash is an abort anyway), CLOG, ProcArray.</li>
 * </ul>
 * Files to drop are only recorded here: removing them after commit (smgrDoPendingDeletes) is the
 * caller's, and redo removes them ({@link #redo}).
 *
 * <p>Not thread-safe: one per backend.
 */
public final class Xact {
    /** XLOG_XACT_COMMIT and XLOG_XACT_ABORT, the TRANSACTION resource manager's operations. */
    public static final int XLOG_XACT_COMMIT = XactRecords.XLOG_XACT_COMMIT, XLOG_XACT_ABORT = XactRecords.XLOG_XACT_ABORT;
    /** FirstCommandId and InvalidCommandId. */
    public static final int FIRST_COMMAND_ID = 0, INVALID_COMMAND_ID = 0xFFFFFFFF;
    /** ERRCODE_S_E_INVALID_SPECIFICATION (savepoint exception). */
    private static final String INVALID_SAVEPOINT_SPECIFICATION = "3B001";
    private static final int[] NO_XIDS = new int[0];
    private static final RelFileLocator[] NO_RELS = new RelFileLocator[0];

    /** TransactionStateData: one level of the stack. */
    private static final class TransactionState {
        final TransactionState parent;
        final int nestingLevel;
        final String name;
        int xid;
        /** Committed children (and theirs), in xid order: subtransactions commit in the order their xids were assigned. */
        int[] childXids = NO_XIDS;

        TransactionState(TransactionState parent, String name) {
            this.parent = parent;
            this.nestingLevel = parent == null ? 1 : parent.nestingLevel + 1;
            this.name = name;
        }

        void addChildren(int xid, int[] grandchildren) {
            int[] n = Arrays.copyOf(childXids, childXids.length + 1 + grandchildren.length);
            n[childXids.length] = xid;
            System.arraycopy(grandchildren, 0, n, childXids.length + 1, grandchildren.length);
            childXids = n;
        }
    }

    private final VarSup varsup;
    private final Transam transam;
    private final SubTrans subtrans;
    private final XLogHandle xlog;
    private final ProcArray procArray;
    private final Proc proc;
    private final SnapshotManager snapshots;
    private IntConsumer xidAssigned = xid -> { };
    private TransactionState current = new TransactionState(null, null);
    private long topFullXid;
    private int currentCommandId = FIRST_COMMAND_ID;
    private boolean currentCommandIdUsed;
    private IsolationLevel isolationLevel = IsolationLevel.READ_COMMITTED;

    /**
     * @param clog      a CLOG handle that WAL-logs page creation through {@code xlog}
     * @param warnings  where WARNING reports go (the client and the log)
     */
    public Xact(TransamVariables vars, Clog clog, SubTrans subtrans, XLogHandle xlog, ProcGlobal procs, Proc proc,
                Consumer<PgException> warnings) {
        this.varsup = new VarSup(vars, clog, subtrans, warnings);
        this.procArray = new ProcArray(procs, vars);
        this.proc = proc;
        this.snapshots = new SnapshotManager(procArray, proc);
        this.transam = new Transam(clog, subtrans, snapshots::transactionXmin);
        this.subtrans = subtrans;
        this.xlog = xlog;
    }

    /**
     * Registers what happens right after a level gets an xid: the lock manager's
     * XactLockTableInsert, so that others can wait for the xid to end.
     */
    public void onXidAssigned(IntConsumer xactLockTableInsert) {
        this.xidAssigned = xactLockTableInsert;
    }

    public ProcArray procArray() { return procArray; }
    Proc proc() { return proc; }
    Transam transam() { return transam; }
    SubTrans subtrans() { return subtrans; }
    XLogHandle xlog() { return xlog; }

    public SnapshotManager snapshots() {
        return snapshots;
    }

    // ---- xids ----

    /** GetTopFullTransactionId: the top-level transaction's id, assigned now if it has none. */
    public FullTransactionId topFullTransactionId() {
        TransactionState top = current;
        while (top.parent != null) top = top.parent;
        if (top.xid == 0) assignTransactionId(top);
        return new FullTransactionId(topFullXid);
    }

    /** GetTopFullTransactionIdIfAny: the top-level transaction's full id, INVALID if it has none yet. */
    public FullTransactionId topFullTransactionIdIfAny() {
        return hasXid() ? new FullTransactionId(topFullXid) : FullTransactionId.INVALID;
    }

    /** ReadNextFullTransactionId: the id the next transaction will get (under XidGenLock, shared). */
    public FullTransactionId readNextFullTransactionId() {
        return varsup.readNextFullTransactionId();
    }

    /** GetCurrentTransactionId: the current (sub)transaction's xid, assigned now if it has none. */
    public int getCurrentTransactionId() {
        if (current.xid == 0) assignTransactionId(current);
        return current.xid;
    }

    /** GetCurrentTransactionIdIfAny. */
    public int currentTransactionIdIfAny() {
        return current.xid;
    }

    /** GetTopTransactionIdIfAny. */
    public int topTransactionIdIfAny() {
        TransactionState top = current;
        while (top.parent != null) top = top.parent;
        return top.xid;
    }

    /** Whether the top-level transaction has an xid. */
    public boolean hasXid() {
        return topTransactionIdIfAny() != 0;
    }

    /**
     * AssignTransactionId: parents without an xid get theirs first, outermost first; a
     * subtransaction's xid goes into the subxid cache (under XidGenLock) and pg_subtrans.
     */
    private void assignTransactionId(TransactionState s) {
        if (s.parent != null && s.parent.xid == 0) assignTransactionId(s.parent);
        boolean isSubXact = s.parent != null;
        FullTransactionId full = varsup.getNewTransactionId(
                isSubXact ? x -> procArray.publishSubxid(proc, x) : x -> procArray.publishXid(proc, x));
        s.xid = full.xid();
        if (!isSubXact) topFullXid = full.value();
        else subtrans.setParent(s.xid, s.parent.xid);
        xidAssigned.accept(s.xid);
    }

    /**
     * TransactionIdIsCurrentTransactionId: {@code xid} is the top-level xid, or that of an open
     * subtransaction, or of a committed child of one. Aborted subtransactions are gone from the
     * stack and do not count.
     */
    public boolean isCurrentTransactionId(int xid) {
        if (!TransactionId.isNormal(xid)) return false;
        for (TransactionState s = current; s != null; s = s.parent) {
            if (s.xid == 0) continue;
            if (s.xid == xid) return true;
            if (contains(s.childXids, xid)) return true;
        }
        return false;
    }

    private static boolean contains(int[] xids, int xid) {
        for (int x : xids) if (x == xid) return true;
        return false;
    }

    // ---- command ids ----

    /**
     * GetCurrentCommandId: the command id for what the current command does; {@code used}: the
     * command is writing with it, so the next CommandCounterIncrement must move on.
     */
    public int getCurrentCommandId(boolean used) {
        if (used) currentCommandIdUsed = true;
        return currentCommandId;
    }

    /**
     * CommandCounterIncrement: makes what the current command wrote visible to the next one. A
     * no-op if the command id was not used; at 2^32-1 commands fails with PostgreSQL's error.
     */
    public void commandCounterIncrement() {
        if (!currentCommandIdUsed) return;
        if (currentCommandId + 1 == INVALID_COMMAND_ID) {
            throw new PgException(Severity.ERROR, SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "cannot have more than 2^32-2 commands in a transaction", null, null, 0);
        }
        currentCommandId++;
        currentCommandIdUsed = false;
        snapshots.setCommandId(currentCommandId);
    }

    // ---- isolation and snapshots ----

    /**
     * Sets XactIsoLevel. The SQL layer does so before the transaction's first snapshot (and
     * refuses later changes, as check_XactIsoLevel does); it lasts until changed.
     */
    public void setIsolationLevel(IsolationLevel level) {
        this.isolationLevel = level;
    }

    public IsolationLevel isolationLevel() {
        return isolationLevel;
    }

    /** GetTransactionSnapshot for the next statement, with the current command id. */
    public Snapshot getTransactionSnapshot() {
        return snapshots.getTransactionSnapshot(isolationLevel.usesXactSnapshot(), getCurrentCommandId(false));
    }

    /** GetLatestSnapshot with the current command id. */
    public Snapshot getLatestSnapshot() {
        return snapshots.getLatestSnapshot(getCurrentCommandId(false));
    }

    // ---- subtransactions ----

    /** Subtransaction depth: 1 at top level. */
    public int nestingLevel() {
        return current.nestingLevel;
    }

    /** DefineSavepoint + StartSubTransaction: opens a subtransaction named {@code name} (may be null). */
    public void beginSubTransaction(String name) {
        current = new TransactionState(current, name);
    }

    /**
     * What the layers above keep per subtransaction and settle when one ends (the AtSubCommit_* and
     * AtSubAbort_* calls of CommitSubTransaction and AbortSubTransaction that live above
     * access/transam: the pending file deletions of catalog/storage.c). Called while the ending
     * subtransaction is still the current one, so nestingLevel() is its level.
     */
    public interface SubXactResources {
        /** AtSubCommit_smgr and the like: the subtransaction's state passes to its parent. */
        void atSubCommit();

        /** The files the subtransaction created, listed in its abort record (smgrGetPendingDeletes). */
        RelFileLocator[] filesCreated();

        /** AtSubAbort_smgr and the like: undoes what the subtransaction did, after its abort record. */
        void atSubAbort();
    }

    private SubXactResources subXactResources;

    /** Installs the layers above's per-subtransaction resources (once per backend). */
    public void onSubXactEnd(SubXactResources r) {
        this.subXactResources = r;
    }

    /** CommitSubTransaction of the innermost subtransaction (AtSubCommit_childXids). */
    public void commitSubTransaction() {
        TransactionState s = requireSub();
        if (s.xid != 0) s.parent.addChildren(s.xid, s.childXids);
        if (subXactResources != null) subXactResources.atSubCommit();
        current = s.parent;
    }

    /** AbortSubTransaction + CleanupSubTransaction of the innermost subtransaction. */
    public void abortSubTransaction() {
        abortSubTransaction(NO_RELS);
    }

    /**
     * As above; {@code relsToDrop}: files created in the subtransaction, to be removed (listed in
     * its abort record for redo).
     */
    public void abortSubTransaction(RelFileLocator[] relsToDrop) {
        TransactionState s = requireSub();
        try {
            if (relsToDrop.length == 0 && subXactResources != null) relsToDrop = subXactResources.filesCreated();
            if (s.xid != 0) recordSubTransactionAbort(s, relsToDrop);
        } finally {
            try {
                if (subXactResources != null) subXactResources.atSubAbort();
            } finally {
                current = s.parent;
            }
        }
    }

    /** RELEASE SAVEPOINT {@code name}: commits the subtransactions up to and including the named one. */
    public void releaseSavepoint(String name) {
        TransactionState target = findSavepoint(name);
        while (current != target) commitSubTransaction();
        commitSubTransaction();
    }

    /**
     * ROLLBACK TO SAVEPOINT {@code name}: aborts the subtransactions up to and including the named
     * one, then starts it again under the same name (the savepoint stays defined).
     */
    public void rollbackToSavepoint(String name) {
        TransactionState target = findSavepoint(name);
        while (current != target) abortSubTransaction();
        abortSubTransaction();
        beginSubTransaction(target.name);
    }

    private TransactionState findSavepoint(String name) {
        for (TransactionState s = current; s.parent != null; s = s.parent) {
            if (name.equals(s.name)) return s;
        }
        throw new PgException(Severity.ERROR, INVALID_SAVEPOINT_SPECIFICATION,
                "savepoint \"" + name + "\" does not exist", null, null, 0);
    }

    private TransactionState requireSub() {
        if (current.parent == null) throw new IllegalStateException("no subtransaction is open");
        return current;
    }

    /** RecordTransactionAbort(isSubXact = true) and XidCacheRemoveRunningXids. */
    private void recordSubTransactionAbort(TransactionState s, RelFileLocator[] rels) {
        int[] children = s.childXids;
        try {
            insert(XLOG_XACT_ABORT, children, rels, s.xid);
        } finally {
            transam.abortTree(s.xid, children);
            procArray.removeSubxids(proc, s.xid, children, Transam.latest(s.xid, children));
        }
    }

    // ---- top level ----

    /** CommitTransaction with no files to drop; {@code synchronous}: synchronous_commit is not off. */
    public void commit(boolean synchronous) {
        commit(synchronous, NO_RELS);
    }

    /**
     * CommitTransaction: open subtransactions are committed into the top level, then
     * RecordTransactionCommit and ProcArrayEndTransaction. {@code relsToDrop}: files to remove
     * once committed (PostgreSQL's pending deletes), written in the commit record; their presence
     * forces the WAL flush, as in PostgreSQL.
     */
    public void commit(boolean synchronous, RelFileLocator[] relsToDrop) {
        while (current.parent != null) commitSubTransaction();
        TransactionState top = current;
        int latestXid = 0;
        if (top.xid != 0) {
            int[] children = top.childXids;
            XLogInsertedRecord rec = insert(XLOG_XACT_COMMIT, children, relsToDrop, top.xid);
            if (synchronous || relsToDrop.length > 0) {
                xlog.flush(rec.endLsn());
                transam.commitTree(top.xid, children);
            } else {
                // Asynchronous commit: the CLOG page must not reach disk before this record does.
                transam.asyncCommitTree(top.xid, children, rec.endLsn());
            }
            latestXid = Transam.latest(top.xid, children);
        } else if (relsToDrop.length > 0) {
            throw new IllegalStateException("cannot commit a transaction that deleted files but has no xid");
        }
        end(latestXid);
    }

    /** AbortOutOfAnyTransaction with no files to drop. */
    public void abort() {
        abort(NO_RELS);
    }

    /**
     * AbortOutOfAnyTransaction: every open subtransaction is aborted (each with its own record),
     * then RecordTransactionAbort for the top level, listing {@code relsToDrop} (files the
     * transaction created), and ProcArrayEndTransaction. Safe to call with no transaction.
     */
    public void abort(RelFileLocator[] relsToDrop) {
        try {
            while (current.parent != null) abortSubTransaction();
        } finally {
            TransactionState top = current;
            int latestXid = 0;
            try {
                if (top.xid != 0) {
                    int[] children = top.childXids;
                    latestXid = Transam.latest(top.xid, children);
                    try {
                        insert(XLOG_XACT_ABORT, children, relsToDrop, top.xid);
                    } finally {
                        transam.abortTree(top.xid, children);
                    }
                }
            } finally {
                end(latestXid);
            }
        }
    }

    private void end(int latestXid) {
        procArray.endTransaction(proc, latestXid);
        snapshots.atEndOfTransaction();
        current = new TransactionState(null, null);
        topFullXid = 0;
        currentCommandId = FIRST_COMMAND_ID;
        currentCommandIdUsed = false;
    }

    /** XactLogCommitRecord / XactLogAbortRecord, with {@code xid} in the record header. */
    private XLogInsertedRecord insert(int op, int[] subxacts, RelFileLocator[] rels, int xid) {
        XactRecords.Encoded e = XactRecords.encode(op, XactRecords.now(), subxacts, rels);
        try {
            return xlog.get().insert(new XLogRecordBuilder().registerData(e.data()), RmgrId.XACT, e.info(), xid);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // ---- redo ----

    /**
     * xact_redo: a commit record marks the transaction and its subtransactions committed (the CLOG
     * pages exist: their creation was WAL-logged before), an abort record marks them aborted; nextXid
     * moves past the newest of them; files listed are dropped, buffers first
     * (DropRelationFiles). {@code ctx} may be null only when no record lists files.
     */
    static void redo(DecodedXLogRecord rec, Clog clog, TransamVariables vars, RedoContext ctx) {
        int info = rec.info() & XLogRecord.XLR_RMGR_INFO_MASK;
        int op = info & XactRecords.XLOG_XACT_OPMASK;
        if (op != XLOG_XACT_COMMIT && op != XLOG_XACT_ABORT) {
            throw new IllegalStateException("xact_redo: unknown op code " + op);
        }
        XactRecords.Parsed p = XactRecords.parse(info, rec.mainData());
        int xid = rec.xid();
        int latest = Transam.latest(xid, p.subxacts());
        if (TransactionId.isNormal(latest) && !TransactionId.precedes(latest, vars.nextXid().xid())) {
            FullTransactionId next = vars.nextXid();
            vars.setCounters(FullTransactionId.of(next.epoch(), latest).next(), vars.nextOid());
        }
        clog.setTreeStatus(xid, p.subxacts(), op == XLOG_XACT_COMMIT ? XidStatus.COMMITTED : XidStatus.ABORTED, 0L);
        if (p.rels().length > 0) {
            if (ctx == null) throw new IllegalStateException("xact_redo: relation files to drop, but no storage to drop them from");
            for (RelFileLocator rl : p.rels()) {
                ctx.buffers().dropRelationBuffers(rl);
                ctx.smgr().unlinkAll(rl, true);
            }
        }
    }
}
