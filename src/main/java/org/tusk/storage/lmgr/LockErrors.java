package org.tusk.storage.lmgr;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.util.List;

/** The errors the lock manager raises, worded as lock.c, proc.c and deadlock.c word them. */
public final class LockErrors {
    private LockErrors() {}

    /** LockAcquireExtended when no LOCK or PROCLOCK entry is left. */
    public static PgException outOfSharedMemory() {
        return new PgException(Severity.ERROR, SqlState.OUT_OF_MEMORY, "out of shared memory", null,
                "You might need to increase max_locks_per_transaction.", 0);
    }

    /** ProcessInterrupts when lock_timeout expires during a lock wait. */
    public static PgException lockTimeout() {
        return PgException.error(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
    }

    /** A NOWAIT request for a relation lock that is not free (LOCK TABLE ... NOWAIT, 55P03). */
    public static PgException couldNotObtainLockOnRelation(String relationName) {
        return PgException.error(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"" + relationName + "\"");
    }

    /** A NOWAIT row lock that is not free (SELECT ... FOR UPDATE NOWAIT, 55P03). */
    public static PgException couldNotObtainLockOnRow(String relationName) {
        return PgException.error(SqlState.LOCK_NOT_AVAILABLE,
                "could not obtain lock on row in relation \"" + relationName + "\"");
    }

    /**
     * DeadLockReport: one DETAIL line per edge of the cycle, each process blocked by the next and
     * the last by the first. (PostgreSQL adds the processes' queries to the server log's copy only.)
     */
    public static PgException deadlockDetected(List<DeadlockInfo> cycle) {
        StringBuilder detail = new StringBuilder();
        for (int i = 0; i < cycle.size(); i++) {
            DeadlockInfo info = cycle.get(i);
            int nextPid = cycle.get((i + 1) % cycle.size()).pid();
            if (i > 0) detail.append('\n');
            detail.append("Process ").append(info.pid()).append(" waits for ").append(info.mode().pgName())
                    .append(" on ").append(info.tag().describe()).append("; blocked by process ").append(nextPid)
                    .append('.');
        }
        return new PgException(Severity.ERROR, SqlState.T_R_DEADLOCK_DETECTED, "deadlock detected", detail.toString(),
                "See server log for query details.", 0);
    }
}
