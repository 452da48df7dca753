package org.tusk.access.transam;

import org.tusk.storage.lmgr.LWLock;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.util.function.Consumer;

/**
 * Transaction id and OID assignment (PostgreSQL's varsup.c), over the shared
 * {@link TransamVariables}. One instance per process; it holds no mutable state.
 */
public final class VarSup {
    /** Number of OIDs handed out per (future) WAL record: VAR_OID_PREFETCH. */
    public static final int VAR_OID_PREFETCH = 8192;
    /** First OID for user objects: FirstNormalObjectId. */
    public static final int FIRST_NORMAL_OBJECT_ID = 16384;
    /** autovacuum_freeze_max_age's default. */
    public static final int DEFAULT_AUTOVACUUM_FREEZE_MAX_AGE = 200_000_000;

    private static final String WRAP_HINT_TAIL =
            "You might also need to commit or roll back old prepared transactions, or drop stale replication slots.";

    /**
     * Makes a newly assigned id visible in the caller's PGPROC (MyProc->xid and the ProcArray's
     * dense xids[]). Called while XidGenLock is held, as PostgreSQL stores it, so that every
     * assigned id below nextXid that is still running is in the ProcArray.
     */
    @FunctionalInterface
    public interface XidPublisher {
        void publish(int xid);
    }

    private final TransamVariables vars;
    private final Clog clog;
    private final SubTrans subtrans;
    private final Consumer<PgException> warnings;

    /**
     * @param subtrans  pg_subtrans, extended with every page of new ids; null in a process that
     *                  never assigns ids (the startup process sets limits only)
     * @param warnings  where WARNING reports go (the client and the log, in a backend)
     */
    public VarSup(TransamVariables vars, Clog clog, SubTrans subtrans, Consumer<PgException> warnings) {
        this.vars = vars;
        this.clog = clog;
        this.subtrans = subtrans;
        this.warnings = warnings;
    }

    /**
     * GetNewTransactionId: assigns the next id, making its CLOG page first if it is the first id
     * of a page, and publishes it through {@code publisher} before any other process can be given
     * a later id. Past the stop limit it refuses with PostgreSQL's error; past the warning limit
     * it warns. If anything fails, nextXid is not advanced, so the next caller tries again.
     */
    public FullTransactionId getNewTransactionId(XidPublisher publisher) {
        LWLock lock = vars.xidGenLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            FullTransactionId full = vars.nextXid();
            if (!full.isValid()) throw new IllegalStateException("transaction ids are not set up: nextXid is invalid");
            int xid = full.xid();
            // Cheap test first: below xidVacLimit nothing more need be checked.
            if (TransactionId.followsOrEquals(xid, vars.xidVacLimit())) {
                int warnLimit = vars.xidWarnLimit();
                int stopLimit = vars.xidStopLimit();
                int wrapLimit = vars.xidWrapLimit();
                int oldestDb = vars.oldestXidDB();
                // Report without holding the lock, then look at nextXid again.
                lock.release(LWLock.Mode.EXCLUSIVE);
                try {
                    if (TransactionId.followsOrEquals(xid, stopLimit)) {
                        // The catalogs cannot name the database yet: PostgreSQL's message for a database it cannot find.
                        throw new PgException(Severity.ERROR, SqlState.PROGRAM_LIMIT_EXCEEDED,
                                "database is not accepting commands to avoid wraparound data loss in database with OID "
                                        + Integer.toUnsignedString(oldestDb),
                                null, "Stop the postmaster and vacuum that database in single-user mode.\n" + WRAP_HINT_TAIL, 0);
                    }
                    if (TransactionId.followsOrEquals(xid, warnLimit)) {
                        warnings.accept(new PgException(Severity.WARNING, SqlState.WARNING,
                                "database with OID " + Integer.toUnsignedString(oldestDb) + " must be vacuumed within "
                                        + Integer.toUnsignedString(wrapLimit - xid) + " transactions",
                                null, "To avoid a database shutdown, execute a database-wide VACUUM in that database.\n"
                                        + WRAP_HINT_TAIL, 0));
                    }
                } finally {
                    lock.acquire(LWLock.Mode.EXCLUSIVE);
                }
                full = vars.nextXid();
                xid = full.xid();
            }
            // Before advancing: if this fails, the next caller retries the page.
            clog.extend(xid);
            if (subtrans == null) throw new IllegalStateException("this process cannot assign transaction ids: it has no pg_subtrans");
            subtrans.extend(xid);
            vars.setNextXid(full.next());
            publisher.publish(xid);
            return full;
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** ReadNextFullTransactionId: the id the next transaction will get. */
    public FullTransactionId readNextFullTransactionId() {
        LWLock lock = vars.xidGenLock();
        lock.acquire(LWLock.Mode.SHARED);
        try {
            return vars.nextXid();
        } finally {
            lock.release(LWLock.Mode.SHARED);
        }
    }

    /**
     * SetTransactionIdLimit: derives the limits from the oldest datfrozenxid of the cluster.
     * Wraparound is 2^31 ids past it; assignment stops 3 million ids before that, warnings start
     * 40 million before, and autovacuum is forced {@code autovacuumFreezeMaxAge} ids after it.
     */
    public void setTransactionIdLimit(int oldestDatfrozenxid, int oldestDatoid, int autovacuumFreezeMaxAge) {
        if (!TransactionId.isNormal(oldestDatfrozenxid)) {
            throw new IllegalArgumentException("oldest datfrozenxid must be normal, not " + TransactionId.toString(oldestDatfrozenxid));
        }
        int wrapLimit = oldestDatfrozenxid + (TransactionId.MAX >>> 1);
        if (!TransactionId.isNormal(wrapLimit)) wrapLimit += TransactionId.FIRST_NORMAL;
        int stopLimit = wrapLimit - 3_000_000;
        if (!TransactionId.isNormal(stopLimit)) stopLimit -= TransactionId.FIRST_NORMAL;
        int warnLimit = wrapLimit - 40_000_000;
        if (!TransactionId.isNormal(warnLimit)) warnLimit -= TransactionId.FIRST_NORMAL;
        int vacLimit = oldestDatfrozenxid + autovacuumFreezeMaxAge;
        if (!TransactionId.isNormal(vacLimit)) vacLimit += TransactionId.FIRST_NORMAL;

        LWLock lock = vars.xidGenLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            vars.setLimits(oldestDatfrozenxid, vacLimit, warnLimit, stopLimit, wrapLimit, oldestDatoid);
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * GetNewObjectId: the next OID, never below FirstNormalObjectId (the counter is forced up to
     * it the first time, and after a wrap). The prefetch count is kept for when nextOid is WAL-logged.
     */
    public int getNewObjectId() {
        LWLock lock = vars.oidGenLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if (Integer.compareUnsigned(vars.nextOid(), FIRST_NORMAL_OBJECT_ID) < 0) {
                vars.setNextOid(FIRST_NORMAL_OBJECT_ID);
                vars.setOidCount(0);
            }
            if (vars.oidCount() == 0) vars.setOidCount(VAR_OID_PREFETCH);   // XLogPutNextOid goes here
            int result = vars.nextOid();
            vars.setNextOid(result + 1);
            vars.setOidCount(vars.oidCount() - 1);
            return result;
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }
}
