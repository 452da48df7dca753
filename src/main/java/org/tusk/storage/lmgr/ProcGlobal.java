package org.tusk.storage.lmgr;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * PROC_HDR and the PGPROC array (PostgreSQL's proc.h/proc.c and the dense arrays of procarray.c).
 *
 * <p>There is one PGPROC per child slot (client backends first, then auxiliary processes):
 * {@code procs[slot - 1]}. A process owns its PGPROC from the moment the postmaster hands it the
 * slot until it exits; the postmaster never touches it.
 *
 * <p>Locking: a PGPROC's own fields (pid, type, database, role, cancel key) are written only by
 * its owner, before it joins the ProcArray or while it is not in it, and read by anyone.
 * {@code xid} and {@code xmin} in a PGPROC, and the dense arrays {@code pgprocnos[]},
 * {@code xids[]}, {@code xmins[]} with {@code numProcs}, are protected by {@code procArrayLock}:
 * changing membership needs it exclusively; changing one's own xid or xmin needs it shared
 * (PostgreSQL's rule, so that GetSnapshotData, which takes it shared, sees a consistent set).
 * The same holds for the subxid cache ({@code subxidCount}, {@code subxidOverflowed},
 * {@code subxids[]}) and its dense mirror {@code subxidStates[]}: added to by the owner under
 * ProcArrayLock shared, removed from only under it exclusively (see {@link ProcArray}).
 * {@code xids[i]} mirrors {@code procs[pgprocnos[i]].xid}, {@code xmins[i]} its xmin and
 * {@code subxidStates[i]} its cache state, so that snapshots scan dense arrays.
 * The latch word is changed only by atomics (see {@code org.tusk.storage.ipc.Latch}).
 */
public final class ProcGlobal {
    /** PGPROC_MAX_CACHED_SUBXIDS: subtransaction xids a PGPROC lists before it overflows. */
    public static final int PGPROC_MAX_CACHED_SUBXIDS = 64;

    /** XidCacheStatus: the dense mirror of a PGPROC's subxid cache state. */
    public static final StructLayout XID_CACHE_STATUS = MemoryLayout.structLayout(
            JAVA_BYTE.withName("count"), JAVA_BYTE.withName("overflowed"));

    /**
     * One PGPROC, padded to a multiple of 64 bytes so that two processes' hot fields do not share a
     * cache line. {@code subxids} is the subxid cache (PostgreSQL's XidCache): the first
     * {@code subxidCount} entries are live; {@code subxidOverflowed} says some subtransaction xid of
     * the running transaction is not listed (consult pg_subtrans).
     */
    public static final StructLayout PGPROC = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"),
            JAVA_INT.withName("backendType"),
            JAVA_INT.withName("databaseId"),
            JAVA_INT.withName("roleId"),
            JAVA_INT.withName("latch"),
            JAVA_INT.withName("cancelKey"),
            JAVA_INT.withName("xid"),
            JAVA_INT.withName("xmin"),
            JAVA_INT.withName("pgxactoff"),
            JAVA_INT.withName("waitEventInfo"),
            JAVA_INT.withName("pendingInterrupts"),
            JAVA_INT.withName("subxidCount"),
            JAVA_INT.withName("subxidOverflowed"),
            MemoryLayout.sequenceLayout(PGPROC_MAX_CACHED_SUBXIDS, JAVA_INT).withName("subxids"),
            MemoryLayout.paddingLayout(12));

    /** The whole structure for {@code numSlots} processes. */
    public static StructLayout layout(int numSlots) {
        SequenceLayout ints = MemoryLayout.sequenceLayout(numSlots, JAVA_INT);
        return MemoryLayout.structLayout(
                LWLock.LAYOUT.withName("procArrayLock"),
                JAVA_INT.withName("numProcs"),
                JAVA_INT.withName("allProcCount"),
                MemoryLayout.sequenceLayout(numSlots, PGPROC).withName("procs"),
                ints.withName("pgprocnos"),
                ints.withName("xids"),
                ints.withName("xmins"),
                MemoryLayout.sequenceLayout(numSlots, XID_CACHE_STATUS).withName("subxidStates"));
    }

    private final MemorySegment seg;
    private final int numSlots;
    private final StructLayout layout;
    private final LWLock procArrayLock;
    private final VarHandle numProcs;
    private final long procsOffset;
    private final VarHandle pgprocnosVh, xidsVh, xminsVh, subCountVh, subOverflowVh;

    public ProcGlobal(MemorySegment seg, int numSlots) {
        this.seg = seg;
        this.numSlots = numSlots;
        this.layout = layout(numSlots);
        this.procArrayLock = new LWLock("ProcArrayLock",
                seg.asSlice(layout.byteOffset(groupElement("procArrayLock")), LWLock.LAYOUT.byteSize()));
        this.numProcs = layout.varHandle(groupElement("numProcs"));
        this.procsOffset = layout.byteOffset(groupElement("procs"));
        this.pgprocnosVh = layout.varHandle(groupElement("pgprocnos"), sequenceElement());
        this.xidsVh = layout.varHandle(groupElement("xids"), sequenceElement());
        this.xminsVh = layout.varHandle(groupElement("xmins"), sequenceElement());
        this.subCountVh = layout.varHandle(groupElement("subxidStates"), sequenceElement(), groupElement("count"));
        this.subOverflowVh = layout.varHandle(groupElement("subxidStates"), sequenceElement(), groupElement("overflowed"));
    }

    public int numSlots() {
        return numSlots;
    }

    public LWLock procArrayLock() {
        return procArrayLock;
    }

    /** The PGPROC of child slot {@code slot} (1-based). */
    public Proc proc(int slot) {
        if (slot < 1 || slot > numSlots) throw new IllegalArgumentException("no PGPROC for slot " + slot);
        return new Proc(seg.asSlice(procsOffset + (slot - 1) * PGPROC.byteSize(), PGPROC.byteSize()), slot);
    }

    /** Count of processes in the ProcArray; caller holds procArrayLock. */
    public int numProcs() {
        return (int) numProcs.get(seg, 0L);
    }

    void setNumProcs(int n) {
        numProcs.set(seg, 0L, n);
    }

    int pgprocno(int i) { return (int) pgprocnosVh.get(seg, 0L, (long) i); }
    void setPgprocno(int i, int v) { pgprocnosVh.set(seg, 0L, (long) i, v); }
    /** xids[i] of the dense array; caller holds procArrayLock. */
    public int denseXid(int i) { return (int) xidsVh.getVolatile(seg, 0L, (long) i); }
    void setDenseXid(int i, int v) { xidsVh.setVolatile(seg, 0L, (long) i, v); }
    /** xmins[i] of the dense array; caller holds procArrayLock. */
    public int denseXmin(int i) { return (int) xminsVh.getVolatile(seg, 0L, (long) i); }
    void setDenseXmin(int i, int v) { xminsVh.setVolatile(seg, 0L, (long) i, v); }
    /** subxidStates[i].count of the dense array; caller holds procArrayLock. */
    public int denseSubxidCount(int i) { return (byte) subCountVh.getVolatile(seg, 0L, (long) i) & 0xFF; }
    /** subxidStates[i].overflowed of the dense array; caller holds procArrayLock. */
    public boolean denseSubxidOverflowed(int i) { return (byte) subOverflowVh.getVolatile(seg, 0L, (long) i) != 0; }
    void setDenseSubxidState(int i, int count, boolean overflowed) {
        subCountVh.setVolatile(seg, 0L, (long) i, (byte) count);
        subOverflowVh.setVolatile(seg, 0L, (long) i, (byte) (overflowed ? 1 : 0));
    }
    /** PGPROC number at dense index {@code i}; caller holds procArrayLock. */
    public int pgprocnoAt(int i) { return pgprocno(i); }

    /**
     * ProcArrayAdd: makes {@code proc} visible to snapshots, keeping the dense arrays ordered by
     * PGPROC number as PostgreSQL does (so that scans touch memory in order).
     */
    public void add(Proc proc) {
        procArrayLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int n = numProcs();
            int at = 0;
            while (at < n && pgprocno(at) < proc.slot()) at++;
            for (int i = n; i > at; i--) {
                setPgprocno(i, pgprocno(i - 1));
                setDenseXid(i, denseXid(i - 1));
                setDenseXmin(i, denseXmin(i - 1));
                setDenseSubxidState(i, denseSubxidCount(i - 1), denseSubxidOverflowed(i - 1));
                proc(pgprocno(i)).setPgxactoff(i);
            }
            setPgprocno(at, proc.slot());
            setDenseXid(at, proc.xid());
            setDenseXmin(at, proc.xmin());
            setDenseSubxidState(at, proc.subxidCount(), proc.subxidOverflowed());
            proc.setPgxactoff(at);
            setNumProcs(n + 1);
        } finally {
            procArrayLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** ProcArrayRemove: the process is leaving; its xid (if any) must already be committed or aborted. */
    public void remove(Proc proc) {
        procArrayLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int n = numProcs();
            int at = proc.pgxactoff();
            if (at < 0 || at >= n || pgprocno(at) != proc.slot()) {
                throw new IllegalStateException("PGPROC " + proc.slot() + " is not in the ProcArray");
            }
            for (int i = at; i < n - 1; i++) {
                setPgprocno(i, pgprocno(i + 1));
                setDenseXid(i, denseXid(i + 1));
                setDenseXmin(i, denseXmin(i + 1));
                setDenseSubxidState(i, denseSubxidCount(i + 1), denseSubxidOverflowed(i + 1));
                proc(pgprocno(i)).setPgxactoff(i);
            }
            setNumProcs(n - 1);
            proc.setPgxactoff(-1);
        } finally {
            procArrayLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** PGPROC numbers (= child slots) of the processes now in the ProcArray; caller holds procArrayLock. */
    public int[] memberSlots() {
        int n = numProcs();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = pgprocno(i);
        return out;
    }
}
