package org.tusk.access.transam;

import org.tusk.storage.lmgr.LWLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * New object ids from the shared counter (PostgreSQL's GetNewObjectId in varsup.c, with
 * XLogPutNextOid).
 *
 * <p>OIDs are handed out in prefetched ranges of {@link #VAR_OID_PREFETCH}: before the first OID of
 * a range is used, an XLOG_NEXTOID record saying "OIDs below N may be in use" is inserted. It need
 * not be flushed: an OID can only reach disk inside a catalog row whose own WAL record follows it.
 * Recovery therefore never hands out an OID that a committed (or even an uncommitted) row holds.
 * A checkpoint records {@code nextOid + oidCount}, the end of the current range, for the same reason.
 *
 * <p>Below {@link #FIRST_NORMAL_OBJECT_ID} OIDs belong to initdb; the counter wraps back to it.
 * Uniqueness of an OID within a catalog is the caller's to check (GetNewOidWithIndex).
 */
public final class OidGenerator {
    /** FirstNormalObjectId (transam.h): OIDs below this are assigned by initdb. */
    public static final int FIRST_NORMAL_OBJECT_ID = 16384;
    /**
     * The OIDs of Tusk's built-in functions that have no PostgreSQL OID of their own
     * (catalog.BuiltinRegistry numbers them from here). They are not in pg_proc, so the counter
     * skips the range rather than rely on a catalog uniqueness check: a user object with one of
     * these OIDs would be taken for the built-in wherever an OID is looked up.
     */
    public static final int FIRST_BUILTIN_AUTO_OID = 100_000, BUILTIN_AUTO_OIDS = 10_000;
    /** VAR_OID_PREFETCH: OIDs per XLOG_NEXTOID record. */
    public static final int VAR_OID_PREFETCH = 8192;
    /** XLOG_NEXTOID, an XLOG resource manager info value. */
    public static final int XLOG_NEXTOID = 0x30;

    private final TransamVariables vars;
    private final XLogHandle xlog;

    public OidGenerator(TransamVariables vars, XLogHandle xlog) {
        this.vars = vars;
        this.xlog = xlog;
    }

    /** GetNewObjectId. */
    public int getNewObjectId() {
        LWLock lock = vars.oidGenLock();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int next = vars.nextOid();
            if (Integer.compareUnsigned(next, FIRST_NORMAL_OBJECT_ID) < 0) {
                // Wraparound (or a fresh cluster): skip the OIDs initdb owns.
                next = FIRST_NORMAL_OBJECT_ID;
                vars.setNextOid(next);
                vars.setOidCount(0);
            }
            if (next >= FIRST_BUILTIN_AUTO_OID && next < FIRST_BUILTIN_AUTO_OID + BUILTIN_AUTO_OIDS) {
                next = FIRST_BUILTIN_AUTO_OID + BUILTIN_AUTO_OIDS;
                vars.setNextOid(next);
                vars.setOidCount(0);
            }
            if (vars.oidCount() == 0) {
                putNextOid(next + VAR_OID_PREFETCH);
                vars.setOidCount(VAR_OID_PREFETCH);
            }
            vars.setNextOid(next + 1);
            vars.setOidCount(vars.oidCount() - 1);
            return next;
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    private void putNextOid(int nextOid) {
        byte[] data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(nextOid).array();
        try {
            xlog.get().insert(new XLogRecordBuilder().registerData(data), RmgrId.XLOG, XLOG_NEXTOID, TransactionId.INVALID);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** xlog_redo of XLOG_NEXTOID: the counter moves to the end of the logged range. */
    static void redo(DecodedXLogRecord rec, TransamVariables vars) {
        int nextOid = rec.mainData().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 0);
        vars.oidGenLock().acquire(LWLock.Mode.EXCLUSIVE);
        try {
            vars.setNextOid(nextOid);
            vars.setOidCount(0);
        } finally {
            vars.oidGenLock().release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** The nextOid a checkpoint records: the end of the range handed out so far. */
    static int checkpointNextOid(TransamVariables vars) {
        vars.oidGenLock().acquire(LWLock.Mode.SHARED);
        try {
            return vars.nextOid() + vars.oidCount();
        } finally {
            vars.oidGenLock().release(LWLock.Mode.SHARED);
        }
    }
}
