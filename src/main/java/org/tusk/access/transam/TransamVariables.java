package org.tusk.access.transam;

import org.tusk.storage.lmgr.LWLock;
import org.tusk.storage.lmgr.ProcArray;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The shared transaction-id and OID counters (PostgreSQL's TransamVariablesData, called
 * VariableCacheData/ShmemVariableCache in PostgreSQL 15), with the two locks that guard them.
 *
 * <p>Locking: {@code xidGenLock} (XidGenLock) protects {@code nextXid}, {@code oldestXid},
 * {@code oldestXidDB} and the four limits derived from {@code oldestXid}; {@code oidGenLock}
 * (OidGenLock) protects {@code nextOid} and {@code oidCount}. {@code nextXid} is a 64-bit word
 * written atomically, but readers still take XidGenLock (shared) so that they see it together
 * with what it was assigned under.
 *
 * <p>{@code latestCompletedXid} (PostgreSQL 15's FullTransactionId of the newest xid known to
 * have ended) is protected by ProcArrayLock, not XidGenLock: it is advanced only under ProcArrayLock
 * held exclusively, together with the removal of the xids from the ProcArray
 * ({@link org.tusk.storage.lmgr.ProcArray}), and read under it shared by GetSnapshotData, whose
 * xmax is latestCompletedXid + 1. It starts as nextXid - 1 ({@link #setCounters}).
 *
 * <p>All-zero means "not yet started": nextXid is invalid and no id can be assigned until the
 * startup process has set the counters from the checkpoint ({@link #setCounters}) and the limits
 * ({@link VarSup#setTransactionIdLimit}).
 */
public final class TransamVariables implements ProcArray.LatestCompletedXid {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            LWLock.LAYOUT.withName("xidGenLock"),
            LWLock.LAYOUT.withName("oidGenLock"),
            JAVA_LONG.withName("nextXid"),
            JAVA_INT.withName("nextOid"),
            JAVA_INT.withName("oidCount"),
            JAVA_INT.withName("oldestXid"),
            JAVA_INT.withName("xidVacLimit"),
            JAVA_INT.withName("xidWarnLimit"),
            JAVA_INT.withName("xidStopLimit"),
            JAVA_INT.withName("xidWrapLimit"),
            JAVA_INT.withName("oldestXidDB"),
            JAVA_LONG.withName("latestCompletedXid"));

    private static final VarHandle NEXT_XID = LAYOUT.varHandle(groupElement("nextXid"));
    private static final VarHandle NEXT_OID = LAYOUT.varHandle(groupElement("nextOid"));
    private static final VarHandle OID_COUNT = LAYOUT.varHandle(groupElement("oidCount"));
    private static final VarHandle OLDEST_XID = LAYOUT.varHandle(groupElement("oldestXid"));
    private static final VarHandle VAC_LIMIT = LAYOUT.varHandle(groupElement("xidVacLimit"));
    private static final VarHandle WARN_LIMIT = LAYOUT.varHandle(groupElement("xidWarnLimit"));
    private static final VarHandle STOP_LIMIT = LAYOUT.varHandle(groupElement("xidStopLimit"));
    private static final VarHandle WRAP_LIMIT = LAYOUT.varHandle(groupElement("xidWrapLimit"));
    private static final VarHandle OLDEST_XID_DB = LAYOUT.varHandle(groupElement("oldestXidDB"));
    private static final VarHandle LATEST_COMPLETED = LAYOUT.varHandle(groupElement("latestCompletedXid"));

    private final MemorySegment seg;
    private final LWLock xidGenLock;
    private final LWLock oidGenLock;

    public TransamVariables(MemorySegment seg) {
        this.seg = seg;
        this.xidGenLock = new LWLock("XidGenLock",
                seg.asSlice(LAYOUT.byteOffset(groupElement("xidGenLock")), LWLock.LAYOUT.byteSize()));
        this.oidGenLock = new LWLock("OidGenLock",
                seg.asSlice(LAYOUT.byteOffset(groupElement("oidGenLock")), LWLock.LAYOUT.byteSize()));
    }

    public LWLock xidGenLock() { return xidGenLock; }
    public LWLock oidGenLock() { return oidGenLock; }

    /**
     * StartupXLOG's part: sets the counters from the checkpoint record (or initdb's values), and
     * latestCompletedXid to the id before nextXid, as StartupXLOG does once replay is over (every
     * id before nextXid has ended by then). Called by the startup process before any backend can
     * assign ids, and during replay as nextXid moves forward.
     */
    public void setCounters(FullTransactionId nextXid, int nextOid) {
        xidGenLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            setNextXid(nextXid);
            // No backend runs yet, so ProcArrayLock is not needed to set it.
            LATEST_COMPLETED.setVolatile(seg, 0L, nextXid.value() - 1);
        } finally {
            xidGenLock.release(LWLock.Mode.EXCLUSIVE);
        }
        oidGenLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            setNextOid(nextOid);
            setOidCount(0);
        } finally {
            oidGenLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** The full latestCompletedXid; caller holds ProcArrayLock. */
    public FullTransactionId latestCompletedFullXid() {
        return new FullTransactionId((long) LATEST_COMPLETED.getVolatile(seg, 0L));
    }

    @Override
    public int latestCompletedXid() {
        return latestCompletedFullXid().xid();
    }

    /**
     * MaintainLatestCompletedXid: {@code latestXid} is within 2^31 of the current value, so its
     * epoch is found relative to it (FullXidRelativeTo); the value only moves forward.
     */
    @Override
    public void advanceLatestCompletedXid(int latestXid) {
        long cur = (long) LATEST_COMPLETED.getVolatile(seg, 0L);
        long candidate = cur + (latestXid - (int) cur);
        if (candidate > cur) LATEST_COMPLETED.setVolatile(seg, 0L, candidate);
    }

    // The accessors below require the lock named in the class comment.

    public FullTransactionId nextXid() { return new FullTransactionId((long) NEXT_XID.getVolatile(seg, 0L)); }
    void setNextXid(FullTransactionId v) { NEXT_XID.setVolatile(seg, 0L, v.value()); }
    public int nextOid() { return (int) NEXT_OID.getVolatile(seg, 0L); }
    void setNextOid(int v) { NEXT_OID.setVolatile(seg, 0L, v); }
    int oidCount() { return (int) OID_COUNT.getVolatile(seg, 0L); }
    void setOidCount(int v) { OID_COUNT.setVolatile(seg, 0L, v); }
    public int oldestXid() { return (int) OLDEST_XID.getVolatile(seg, 0L); }
    public int xidVacLimit() { return (int) VAC_LIMIT.getVolatile(seg, 0L); }
    public int xidWarnLimit() { return (int) WARN_LIMIT.getVolatile(seg, 0L); }
    public int xidStopLimit() { return (int) STOP_LIMIT.getVolatile(seg, 0L); }
    public int xidWrapLimit() { return (int) WRAP_LIMIT.getVolatile(seg, 0L); }
    public int oldestXidDB() { return (int) OLDEST_XID_DB.getVolatile(seg, 0L); }

    void setLimits(int oldestXid, int vac, int warn, int stop, int wrap, int oldestXidDB) {
        OLDEST_XID.setVolatile(seg, 0L, oldestXid);
        VAC_LIMIT.setVolatile(seg, 0L, vac);
        WARN_LIMIT.setVolatile(seg, 0L, warn);
        STOP_LIMIT.setVolatile(seg, 0L, stop);
        WRAP_LIMIT.setVolatile(seg, 0L, wrap);
        OLDEST_XID_DB.setVolatile(seg, 0L, oldestXidDB);
    }
}
