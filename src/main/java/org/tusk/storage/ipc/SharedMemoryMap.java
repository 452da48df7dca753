package org.tusk.storage.ipc;

import org.tusk.access.slru.SlruShared;
import org.tusk.access.transam.Clog;
import org.tusk.access.transam.SubTrans;
import org.tusk.access.transam.TransamVariables;
import org.tusk.access.transam.XLogCtl;
import org.tusk.storage.buffer.BufferPool;
import org.tusk.storage.lmgr.LockTable;
import org.tusk.storage.lmgr.ProcGlobal;
import org.tusk.storage.lmgr.RelationExtensionLocks;
import org.tusk.storage.sync.CheckpointerShmem;
import org.tusk.storage.sync.SyncRequestQueue;
import org.tusk.storage.shmem.ShmemRegion;
import org.tusk.utils.activity.BackendStatusArray;
import org.tusk.utils.activity.PgStatShared;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The map of the shared-memory region (PostgreSQL's ipci.c, CreateSharedMemoryAndSemaphores):
 * which structures it holds, in what order, and how large, declared once as a
 * {@link StructLayout}. Every process computes the same layout from the sizing in the region's
 * header, then reaches each structure through its subsystem's accessor class.
 *
 * <pre>
 *   header            ShmemRegion.HEADER: magic, layout version, creator pid, size, sizing
 *   pmChildFlags      int[numSlots + 1]              PMChildFlags     (no lock: atomics)
 *   procGlobal        ProcArrayLock, PGPROC[], dense xids[]/xmins[]   ProcGlobal
 *   backendStatus     PgBackendStatus[numSlots]      BackendStatusArray (changecount protocol)
 *   transamVariables  XidGenLock, OidGenLock, nextXid, nextOid, limits   TransamVariables
 *   clog              XactSLRU lock, Clog.numBuffers slots + 8 kB pages + group LSNs   Clog / Slru (SLRU protocol)
 *   subtrans          SubtransSLRU lock, 32 slots + 8 kB pages        SubTrans / Slru (SLRU protocol)
 *   bufferPool        clock hand, BufferDesc[], mapping table, pages       BufferPool (see storage.buffer)
 *   checkpointer      request flags and started/done counters              CheckpointerShmem (atomics)
 *   syncRequests      CheckpointerCommLock, fsync requests[]               SyncRequestQueue
 *   xlogCtl           insert position, insertion locks, WAL buffers, write/flush positions
 *                                                    XLogCtl (see access.transam)
 *   sinval            SInvalReadLock, SInvalWriteLock, min/maxMsgNum, messages[4096], per-slot read state
 *                                                    SinvalQueue (see storage.ipc)
 *   lockTable         LockMgrLock partitions, LOCK[], PROCLOCK[], per-PGPROC lock-wait state
 *                                                    LockTable (see storage.lmgr)
 *   relExtLocks       LWLock[RelationExtensionLocks.NUM_LOCKS]        RelationExtensionLocks
 *   asyncQueue        NotifyQueueLock, head, tail, per-slot listener state, 8 MB ring of notifications
 *                                                    AsyncQueue (see storage.ipc)
 *   pgStat            PgStatsHash lock, fixed counters, entries[8192] with their locks
 *                                                    PgStatShared (see utils.activity)
 *   pmSignal          int[4]: reasons a child signalled the postmaster    PMSignal (no lock: atomics)
 *   autoVacuum        AutovacuumLock, launcher slot, the requested worker, per-slot worker entries
 *                                                    AutoVacuumShmem (AutovacuumLock)
 * </pre>
 * Each structure starts on a 64-byte boundary. Structures added by later subsystems (lock
 * tables) are appended here. Like PostgreSQL's ipci.c, this is the one place in
 * {@code storage} that knows the {@code access} subsystems' structures.
 */
public final class SharedMemoryMap implements AutoCloseable {
    private static final long ALIGN = 64;

    /** The whole region's layout for the given sizing. */
    public static StructLayout layout(ShmemRegion.Sizing s) {
        return MemoryLayout.structLayout(
                padTo(ShmemRegion.HEADER).withName("header"),
                padTo(PMChildFlags.layout(s.numSlots())).withName("pmChildFlags"),
                padTo(ProcGlobal.layout(s.numSlots())).withName("procGlobal"),
                padTo(MemoryLayout.sequenceLayout(BackendStatusArray.size(s.numSlots(), s.querySize()), JAVA_BYTE))
                        .withName("backendStatus"),
                padTo(TransamVariables.LAYOUT).withName("transamVariables"),
                padTo(Clog.layout(Clog.numBuffers(s))).withName("clog"),
                padTo(SubTrans.layout()).withName("subtrans"),
                padTo(BufferPool.layout(s.nbuffers())).withName("bufferPool"),
                padTo(CheckpointerShmem.LAYOUT).withName("checkpointer"),
                padTo(SyncRequestQueue.layout(SyncRequestQueue.capacityFor(s.nbuffers()))).withName("syncRequests"),
                padTo(XLogCtl.layout(s.walBuffers())).withName("xlogCtl"),
                padTo(SinvalQueue.layout(s.numSlots())).withName("sinval"),
                padTo(LockTable.layout(s.numSlots(), s.maxLocksPerXact())).withName("lockTable"),
                padTo(RelationExtensionLocks.LAYOUT).withName("relExtLocks"),
                padTo(AsyncQueue.layout(s.numSlots())).withName("asyncQueue"),
                padTo(PgStatShared.layout()).withName("pgStat"),
                padTo(PMSignal.layout()).withName("pmSignal"),
                padTo(AutoVacuumShmem.layout(s.numSlots())).withName("autoVacuum"));
    }

    private static MemoryLayout padTo(MemoryLayout l) {
        long size = (l.byteSize() + ALIGN - 1) / ALIGN * ALIGN;
        return size == l.byteSize() ? l : MemoryLayout.structLayout(l, MemoryLayout.paddingLayout(size - l.byteSize()));
    }

    private final ShmemRegion region;
    private final PMChildFlags pmChildFlags;
    private final ProcGlobal procGlobal;
    private final BackendStatusArray backendStatus;
    private final TransamVariables transamVariables;
    private final SlruShared clogShared;
    private final SlruShared subtransShared;
    private final BufferPool bufferPool;
    private final CheckpointerShmem checkpointer;
    private final SyncRequestQueue syncRequests;
    private final XLogCtl xlogCtl;
    private final SinvalQueue sinval;
    private final LockTable lockTable;
    private final RelationExtensionLocks relExtLocks;
    private final AsyncQueue asyncQueue;
    private final PgStatShared pgStat;
    private final PMSignal pmSignal;
    private final AutoVacuumShmem autoVacuum;

    private SharedMemoryMap(ShmemRegion region) {
        this.region = region;
        ShmemRegion.Sizing s = region.sizing();
        StructLayout l = layout(s);
        this.pmChildFlags = new PMChildFlags(slice(l, "pmChildFlags"), s.numSlots());
        this.procGlobal = new ProcGlobal(slice(l, "procGlobal"), s.numSlots());
        this.backendStatus = new BackendStatusArray(slice(l, "backendStatus"), s.numSlots(), s.querySize());
        this.transamVariables = new TransamVariables(slice(l, "transamVariables"));
        this.clogShared = Clog.shared(slice(l, "clog"), Clog.numBuffers(s));
        this.subtransShared = SubTrans.shared(slice(l, "subtrans"));
        this.bufferPool = new BufferPool(slice(l, "bufferPool"), s.nbuffers());
        this.checkpointer = new CheckpointerShmem(slice(l, "checkpointer"));
        this.syncRequests = new SyncRequestQueue(slice(l, "syncRequests"), SyncRequestQueue.capacityFor(s.nbuffers()));
        this.xlogCtl = new XLogCtl(slice(l, "xlogCtl"), s.walBuffers());
        this.sinval = new SinvalQueue(slice(l, "sinval"), s.numSlots());
        this.lockTable = new LockTable(slice(l, "lockTable"), s.numSlots(), s.maxLocksPerXact(), procGlobal);
        this.relExtLocks = new RelationExtensionLocks(slice(l, "relExtLocks"));
        this.asyncQueue = new AsyncQueue(slice(l, "asyncQueue"), s.numSlots());
        this.pgStat = new PgStatShared(slice(l, "pgStat"));
        this.pmSignal = new PMSignal(slice(l, "pmSignal"));
        this.autoVacuum = new AutoVacuumShmem(slice(l, "autoVacuum"), s.numSlots());
    }

    private MemorySegment slice(StructLayout l, String name) {
        return ShmemRegion.member(region.segment(), l, name);
    }

    /** Postmaster: creates a fresh, zeroed region at {@code path}. */
    public static SharedMemoryMap create(Path path, ShmemRegion.Sizing sizing, int creatorPid) {
        return new SharedMemoryMap(ShmemRegion.create(path, layout(sizing).byteSize(), sizing, creatorPid));
    }

    /** Child: maps the region its postmaster created. */
    public static SharedMemoryMap attach(Path path) {
        return new SharedMemoryMap(ShmemRegion.attach(path));
    }

    public ShmemRegion region() { return region; }
    public PMChildFlags pmChildFlags() { return pmChildFlags; }
    public ProcGlobal procGlobal() { return procGlobal; }
    public BackendStatusArray backendStatus() { return backendStatus; }
    public TransamVariables transamVariables() { return transamVariables; }
    /** The CLOG's shared buffers; a process binds them to its pg_xact directory with {@code new Clog(...)}. */
    public SlruShared clogShared() { return clogShared; }
    /** pg_subtrans's shared buffers; a process binds them to its directory with {@code new SubTrans(...)}. */
    public SlruShared subtransShared() { return subtransShared; }
    public BufferPool bufferPool() { return bufferPool; }
    public CheckpointerShmem checkpointer() { return checkpointer; }
    public SyncRequestQueue syncRequests() { return syncRequests; }
    public XLogCtl xlogCtl() { return xlogCtl; }
    public SinvalQueue sinval() { return sinval; }
    /** The heavyweight lock table; a process binds to it with {@code new LockManager(...)}. */
    public LockTable lockTable() { return lockTable; }
    /** The relation extension locks (LockRelationForExtension), one chosen per relation by hash. */
    public RelationExtensionLocks relationExtensionLocks() { return relExtLocks; }
    /** The LISTEN/NOTIFY queue (async.c's AsyncQueueControl and its ring). */
    public AsyncQueue asyncQueue() { return asyncQueue; }
    /** The cumulative statistics (pgstat_shmem.c). */
    public PgStatShared pgStat() { return pgStat; }
    /** The postmaster's signal reasons (pmsignal.c's PMSignalFlags); the postmaster reads them. */
    public PMSignal pmSignal() { return pmSignal; }
    /** What the autovacuum launcher and its workers share (autovacuum.c's AutoVacuumShmem). */
    public AutoVacuumShmem autoVacuum() { return autoVacuum; }

    /** The number of WAL buffers for the {@code wal_buffers} setting (-1: automatic) and shared_buffers. */
    public static int walBuffers(int walBuffersSetting, int sharedBuffers) {
        return XLogCtl.chooseNumBuffers(walBuffersSetting, sharedBuffers);
    }

    @Override
    public void close() {
        region.close();
    }
}
