package org.tusk.storage.lmgr;

import org.tusk.storage.ipc.Latch;
import org.tusk.utils.init.BackendType;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/**
 * Accessors for one PGPROC (see {@link ProcGlobal} for who may change what).
 *
 * <p>{@code pendingInterrupts} carries the reason that accompanies a signal: a process sending
 * SIGINT for a cancel first sets {@link #INTERRUPT_CANCEL} here, so that the target can tell a
 * genuine cancel request from a stray SIGINT, as PostgreSQL's procsignal slots do.
 */
public final class Proc {
    public static final int INTERRUPT_CANCEL = 1, INTERRUPT_TERMINATE = 2;
    /** PROCSIG_NOTIFY_INTERRUPT: a NOTIFY committed that this listener has not read yet (sent with SIGUSR1). */
    public static final int INTERRUPT_NOTIFY = 4;

    private static final VarHandle PID = ProcGlobal.PGPROC.varHandle(groupElement("pid"));
    private static final VarHandle TYPE = ProcGlobal.PGPROC.varHandle(groupElement("backendType"));
    private static final VarHandle DB = ProcGlobal.PGPROC.varHandle(groupElement("databaseId"));
    private static final VarHandle ROLE = ProcGlobal.PGPROC.varHandle(groupElement("roleId"));
    private static final VarHandle CANCEL_KEY = ProcGlobal.PGPROC.varHandle(groupElement("cancelKey"));
    private static final VarHandle XID = ProcGlobal.PGPROC.varHandle(groupElement("xid"));
    private static final VarHandle XMIN = ProcGlobal.PGPROC.varHandle(groupElement("xmin"));
    private static final VarHandle PGXACTOFF = ProcGlobal.PGPROC.varHandle(groupElement("pgxactoff"));
    private static final VarHandle WAIT_EVENT = ProcGlobal.PGPROC.varHandle(groupElement("waitEventInfo"));
    private static final VarHandle PENDING = ProcGlobal.PGPROC.varHandle(groupElement("pendingInterrupts"));
    private static final VarHandle SUBXID_COUNT = ProcGlobal.PGPROC.varHandle(groupElement("subxidCount"));
    private static final VarHandle SUBXID_OVERFLOWED = ProcGlobal.PGPROC.varHandle(groupElement("subxidOverflowed"));
    private static final VarHandle SUBXIDS = ProcGlobal.PGPROC.varHandle(groupElement("subxids"),
            java.lang.foreign.MemoryLayout.PathElement.sequenceElement());
    private static final long LATCH_OFFSET = ProcGlobal.PGPROC.byteOffset(groupElement("latch"));

    private final MemorySegment seg;
    private final int slot;

    Proc(MemorySegment seg, int slot) {
        this.seg = seg;
        this.slot = slot;
    }

    public int slot() { return slot; }
    public int pid() { return (int) PID.getVolatile(seg, 0L); }
    public BackendType backendType() { return BackendType.values()[(int) TYPE.getVolatile(seg, 0L)]; }
    public int databaseId() { return (int) DB.getVolatile(seg, 0L); }
    public int roleId() { return (int) ROLE.getVolatile(seg, 0L); }
    public int cancelKey() { return (int) CANCEL_KEY.getVolatile(seg, 0L); }
    public int xid() { return (int) XID.getVolatile(seg, 0L); }
    public int xmin() { return (int) XMIN.getVolatile(seg, 0L); }
    int pgxactoff() { return (int) PGXACTOFF.getVolatile(seg, 0L); }
    void setXid(int xid) { XID.setVolatile(seg, 0L, xid); }
    void setXmin(int xmin) { XMIN.setVolatile(seg, 0L, xmin); }
    /** Live entries of the subxid cache (subxidStatus.count). */
    public int subxidCount() { return (int) SUBXID_COUNT.getVolatile(seg, 0L); }
    /** Some subtransaction xid of the running transaction is not in the cache. */
    public boolean subxidOverflowed() { return (int) SUBXID_OVERFLOWED.getVolatile(seg, 0L) != 0; }
    /** Entry {@code i} of the subxid cache. */
    public int subxid(int i) { return (int) SUBXIDS.getVolatile(seg, 0L, (long) i); }
    void setSubxid(int i, int xid) { SUBXIDS.setVolatile(seg, 0L, (long) i, xid); }
    void setSubxidStatus(int count, boolean overflowed) {
        SUBXID_COUNT.setVolatile(seg, 0L, count);
        SUBXID_OVERFLOWED.setVolatile(seg, 0L, overflowed ? 1 : 0);
    }
    void setPgxactoff(int v) { PGXACTOFF.setVolatile(seg, 0L, v); }
    public int waitEventInfo() { return (int) WAIT_EVENT.getVolatile(seg, 0L); }
    public void setWaitEventInfo(int v) { WAIT_EVENT.setVolatile(seg, 0L, v); }

    /**
     * InitProcess: the owner claims this PGPROC. Everything is written before the pid, and the pid
     * with release semantics, so that whoever sees the pid sees the rest.
     */
    public void initialize(int pid, BackendType type, int cancelKey) {
        TYPE.setVolatile(seg, 0L, type.ordinal());
        DB.setVolatile(seg, 0L, 0);
        ROLE.setVolatile(seg, 0L, 0);
        CANCEL_KEY.setVolatile(seg, 0L, cancelKey);
        XID.setVolatile(seg, 0L, 0);
        XMIN.setVolatile(seg, 0L, 0);
        setSubxidStatus(0, false);
        PGXACTOFF.setVolatile(seg, 0L, -1);
        PENDING.setVolatile(seg, 0L, 0);
        WAIT_EVENT.setVolatile(seg, 0L, 0);
        PID.setRelease(seg, 0L, pid);
    }

    public void setDatabaseAndRole(int databaseId, int roleId) {
        DB.setVolatile(seg, 0L, databaseId);
        ROLE.setVolatile(seg, 0L, roleId);
    }

    /** ProcKill: the owner gives the PGPROC back at exit. */
    public void release() {
        PID.setRelease(seg, 0L, 0);
        CANCEL_KEY.setVolatile(seg, 0L, 0);
    }

    /** Records why a signal is about to be sent to the owner. */
    public void addPendingInterrupt(int bits) {
        PENDING.getAndBitwiseOr(seg, 0L, bits);
    }

    /** The owner takes (and clears) the pending reasons. */
    public int takePendingInterrupts() {
        return (int) PENDING.getAndSet(seg, 0L, 0);
    }

    /** The owner takes (and clears) one pending reason, leaving the others: whether it was set. */
    public boolean takePendingInterrupt(int bit) {
        // a plain read first: the caller asks before every ReadyForQuery, the bit is rarely set
        if (((int) PENDING.getVolatile(seg, 0L) & bit) == 0) return false;
        return ((int) PENDING.getAndBitwiseAnd(seg, 0L, ~bit) & bit) != 0;
    }

    /** A handle on this process's latch, for setting it (from anywhere) or waiting on it (owner only). */
    public Latch latch() {
        return new Latch(seg.asSlice(LATCH_OFFSET, 4));
    }
}
