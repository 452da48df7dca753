package org.tusk.storage.lmgr;

import java.time.Instant;

/**
 * One row of pg_locks (lockfuncs.c pg_lock_status): one mode that one process holds or awaits on
 * one lockable object. Columns that do not apply to the lock type are null, as in PostgreSQL.
 * OIDs, xids and block numbers are unsigned 32-bit values held in {@code Long}s.
 *
 * @param virtualTransaction "backendId/localXid" of the holder or waiter
 * @param fastpath           true for a virtual-xid lock held on the fast path (not in the table)
 * @param waitStart          on a row with granted false: when the process began waiting (null until it
 *                           has recorded it, and on granted rows)
 */
public record LockStatusRow(String locktype, Long database, Long relation, Long page, Integer tuple,
                            String virtualxid, Long transactionid, Long classid, Long objid, Integer objsubid,
                            String virtualTransaction, int pid, String mode, boolean granted, boolean fastpath,
                            Instant waitStart) {

    /** The row for {@code tag}, filling the columns its type uses (pg_lock_status's switch). */
    static LockStatusRow of(LockTag tag, String virtualTransaction, int pid, LockMode mode, boolean granted,
                            Instant waitStart) {
        return of(tag, virtualTransaction, pid, mode, granted, waitStart, false);
    }

    static LockStatusRow of(LockTag tag, String virtualTransaction, int pid, LockMode mode, boolean granted,
                            Instant waitStart, boolean fastpath) {
        Long database = null, relation = null, page = null, transactionid = null, classid = null, objid = null;
        Integer tuple = null, objsubid = null;
        String virtualxid = null;
        long f1 = Integer.toUnsignedLong(tag.field1()), f2 = Integer.toUnsignedLong(tag.field2());
        long f3 = Integer.toUnsignedLong(tag.field3());
        switch (tag.type()) {
            case RELATION, RELATION_EXTEND -> { database = f1; relation = f2; }
            case DATABASE_FROZEN_IDS -> database = f1;
            case PAGE -> { database = f1; relation = f2; page = f3; }
            case TUPLE -> { database = f1; relation = f2; page = f3; tuple = tag.field4(); }
            case TRANSACTION -> transactionid = f1;
            case VIRTUALTRANSACTION -> virtualxid = tag.field1() + "/" + f2;
            case SPECULATIVE_TOKEN -> { transactionid = f1; objid = f2; }
            case OBJECT, USERLOCK, ADVISORY -> {
                database = f1; classid = f2; objid = f3; objsubid = tag.field4();
            }
        }
        return new LockStatusRow(tag.type().pgName(), database, relation, page, tuple, virtualxid, transactionid,
                classid, objid, objsubid, virtualTransaction, pid, mode.pgName(), granted, fastpath, waitStart);
    }
}
