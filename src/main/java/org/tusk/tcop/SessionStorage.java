package org.tusk.tcop;

import org.tusk.access.heap.ComboCids;
import org.tusk.access.heap.HeapAm;
import org.tusk.access.index.IndexAm;
import org.tusk.access.nbtree.BTreeAm;
import org.tusk.access.index.IndexAmContext;
import org.tusk.access.nbtree.BTreeVerifier;
import org.tusk.access.table.TableAm;
import org.tusk.access.transam.BackendTransactionOracle;
import org.tusk.access.transam.OidGenerator;
import org.tusk.access.transam.Xact;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.CatalogEnv;
import org.tusk.catalog.HeapCatalog;
import org.tusk.catalog.RelationStorage;
import org.tusk.executor.ExecEnvironment;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.SmgrBlockIO;
import org.tusk.storage.ipc.SinvalQueue;
import org.tusk.storage.lmgr.Lmgr;
import org.tusk.storage.lmgr.LockMode;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.sync.SyncRequestForwarder;
import org.tusk.utils.cache.Inval;
import org.tusk.utils.cache.RelCache;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.time.Snapshot;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * A session's handles on the shared storage and the catalogs (what PostgreSQL's InitPostgres and
 * the backend's resource owners set up): storage manager, buffer manager, heavyweight locks,
 * the transaction and its oracle, the heap and B-tree access methods, relcache, invalidation and
 * the catalog. Built once per session. A reused backend builds a new one; only the relcache's
 * entries may come from its previous session, if that used the same database and the
 * invalidations sent since can still be read (see SessionCarryOver).
 *
 * <p>It also runs the parts of a transaction's start and end that touch storage, in PostgreSQL's
 * order. At commit: the commit record (with the files to drop) and the CLOG and ProcArray update;
 * then the invalidation messages are sent, before the locks go, so that whoever next locks a
 * changed relation also sees the message; then the locks are released and the dropped files
 * removed. At abort the same, with pins released first (an error can leave buffers pinned).
 */
final class SessionStorage {
    private final BackendContext ctx;
    final StorageManager smgr;
    final BufferManager buffers;
    final Lmgr lmgr;
    final Xact xact;
    final BackendTransactionOracle oracle;
    final ComboCids comboCids = new ComboCids();
    final HeapAm heap;
    final BTreeAm btree;
    /** Every index access method of this backend (btree, gin, gist), each index's by its relam. */
    final org.tusk.access.index.IndexAmDispatch indexAms;
    final IndexAmContext btreeContext;
    final RelCache relcache;
    final Inval inval;
    final RelationStorage relationStorage;
    final HeapCatalog catalog;
    /** The session's transactional view of the flat-file catalogs pg_authid and pg_database. */
    final org.tusk.catalog.SharedCatalog sharedCatalog;
    /** ForceSyncCommit: the commit record of this transaction is flushed whatever synchronous_commit says. */
    boolean forceSyncCommit;
    final org.tusk.access.sequence.Sequences sequences;
    private final OidGenerator oids;
    /** SPI for constraint checks: each query gets a statement environment of its own. */
    private final Spi spi = new Spi(this::statementEnvironment);
    /** The transaction's deferred constraint events and SET CONSTRAINTS state (emptied at its end). */
    final org.tusk.executor.DeferredTriggers deferredTriggers = new org.tusk.executor.DeferredTriggers();
    /** This backend's virtual transaction ids and the waits on others' (CREATE INDEX CONCURRENTLY). */
    final org.tusk.storage.lmgr.VirtualTransactions vxids;
    /** LISTEN/NOTIFY of this session (async.c); leaves the shared queue when the session ends. */
    final org.tusk.commands.Async async;
    /** This session's cumulative statistics counts not yet in shared memory (pgstat.c's pending entries). */
    final org.tusk.utils.activity.PgStatPending pgstat;

    SessionStorage(BackendContext ctx) {
        this.ctx = ctx;
        var shmem = ctx.env.shmem();
        var gucs = ctx.env.gucs();
        int dbOid = ctx.database.oid();
        this.smgr = new StorageManager(ctx.env.dataDir(), new SyncRequestForwarder(shmem.syncRequests()));
        this.buffers = new BufferManager(shmem.bufferPool(), new SmgrBlockIO(smgr, ctx.xlog::flush));
        // An ERROR or FATAL exit gives back every pin (AtEOXact_Buffers / AtProcExit_Buffers).
        ctx.env.procExit().onShmemExit(buffers::releaseAll);
        this.lmgr = new Lmgr(ctx.locks, dbOid);
        this.xact = ctx.transaction;
        this.vxids = new org.tusk.storage.lmgr.VirtualTransactions(ctx.locks, xact.procArray(), ctx.proc);
        TransactionCharacteristics.installCheckHooks(gucs, xact.snapshots()::firstSnapshotSet, () -> xact.nestingLevel() > 1);
        xact.onXidAssigned(lmgr::xactLockTableInsert);
        this.oracle = new BackendTransactionOracle(xact, xid -> lmgr.xactLockTableWait(xid,
                Lmgr.XidOracle.of(oracleRef()::isInProgress, this::parentOf)));
        boolean checksums = false;
        this.heap = new HeapAm(buffers, smgr, ctx.xlog::get, oracle, shmem.relationExtensionLocks(), comboCids,
                shmem.bufferPool().nbuffers(), checksums, new org.tusk.access.heap.HeapLockWaits() {
                    @Override public void lockTuple(org.tusk.utils.cache.Relation rel, org.tusk.storage.page.ItemPointer tid,
                                                    LockMode mode) {
                        lmgr.lockTuple(dbOid, rel.oid(), tid.block(), tid.offset(), mode);
                    }
                    @Override public boolean conditionalLockTuple(org.tusk.utils.cache.Relation rel,
                                                                  org.tusk.storage.page.ItemPointer tid, LockMode mode) {
                        return lmgr.conditionalLockTuple(dbOid, rel.oid(), tid.block(), tid.offset(), mode);
                    }
                    @Override public void unlockTuple(org.tusk.utils.cache.Relation rel, org.tusk.storage.page.ItemPointer tid,
                                                      LockMode mode) {
                        lmgr.unlockTuple(dbOid, rel.oid(), tid.block(), tid.offset(), mode);
                    }
                    @Override public boolean conditionalXactLockTableWait(int xid) {
                        return lmgr.conditionalXactLockTableWait(xid,
                                Lmgr.XidOracle.of(oracleRef()::isInProgress, SessionStorage.this::parentOf));
                    }
                });
        this.btreeContext = new IndexAmContext(buffers, smgr, ctx.xlog.get(), oracle,
                new org.tusk.access.index.RelationExtensionLock() {
                    @Override public void lock(RelFileLocator rel) { shmem.relationExtensionLocks().lock(rel); }
                    @Override public void unlock(RelFileLocator rel) { shmem.relationExtensionLocks().unlock(rel); }
                }, xact::getLatestSnapshot);
        this.btree = new BTreeAm(btreeContext);
        this.indexAms = new org.tusk.access.index.IndexAmDispatch(btree, java.util.Map.of(
                org.tusk.catalog.GinOpclassCatalog.GIN_AM_OID, new org.tusk.access.gin.GinAm(new org.tusk.access.index.IndexAmContext(
                        buffers, smgr, btreeContext.xlog(), oracle, btreeContext.extensionLock(), xact::getLatestSnapshot)),
                org.tusk.catalog.SystemCatalogs.GIST_AM_OID, new org.tusk.access.gist.GistAm(new org.tusk.access.index.IndexAmContext(
                        buffers, smgr, btreeContext.xlog(), oracle, btreeContext.extensionLock(), xact::getLatestSnapshot)),
                org.tusk.catalog.SystemCatalogs.HASH_AM_OID, new org.tusk.access.hash.HashAm(new org.tusk.access.index.IndexAmContext(
                        buffers, smgr, btreeContext.xlog(), oracle, btreeContext.extensionLock(), xact::getLatestSnapshot))));
        this.relcache = new RelCache(dbOid, heap, this::catalogSnapshot);
        SinvalQueue queue = shmem.sinval();
        SessionCarryOver carry = ctx.carryOver;
        RelCache previous = carry == null ? null : carry.relcacheFor(dbOid);
        if (previous != null && queue.backendRejoin(ctx.slot, ctx.pid, carry.sinvalStoppedAt())) {
            relcache.adopt(previous);   // the first AcceptInvalidationMessages reads what it missed
        } else {
            queue.backendInit(ctx.slot, ctx.pid);
        }
        if (carry != null) carry.clear();
        this.pgstat = new org.tusk.utils.activity.PgStatPending(shmem.pgStat(), dbOid, xact::nestingLevel,
                () -> {
                    java.time.Instant now = java.time.Instant.now();
                    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
                });
        pgstat.backendCounter(db -> {
            int n = 0;
            for (var st : shmem.backendStatus().readAll()) if (st.datid() == db && st.backendType() == org.tusk.utils.init.BackendType.BACKEND) n++;
            return n;
        });
        pgstatSettings();
        pgstat.reportConnect();   // pgstat_report_connect: one session more for the database
        relcache.setStats(pgstat);
        // pgstat_shutdown_hook: what is still pending is flushed when the session ends
        ctx.env.procExit().onShmemExit(() -> pgstat.reportStat(true, System.currentTimeMillis()));
        ctx.env.procExit().onShmemExit(() -> {
            long stoppedAt = queue.backendExit(ctx.slot);
            if (carry != null) carry.sessionLeft(relcache, stoppedAt);
        });
        this.inval = new Inval(dbOid, relcache, queue, ctx.slot, xact::nestingLevel);
        this.relationStorage = new RelationStorage(smgr, buffers::dropRelationBuffers,
                (builder, rmgr, info) -> ctx.xlog.get().insert(builder, rmgr, info, xact.getCurrentTransactionId()),
                xact::nestingLevel);
        this.async = new org.tusk.commands.Async(shmem.asyncQueue(), ctx.slot, ctx.pid, dbOid, asyncHost());
        // Async_UnlistenOnExit; registered before the transaction's abort callback, so it runs after it
        ctx.env.procExit().onShmemExit(async::atExit);
        xact.onSubXactEnd(new org.tusk.access.transam.Xact.SubXactResources() {
            @Override public void atSubCommit() {
                pgstat.atEOSubXact(xact.nestingLevel(), true);
                relationStorage.atSubCommit();
                inval.atSubCommit();
                async.atSubCommit(xact.nestingLevel());
            }
            @Override public RelFileLocator[] filesCreated() { return relationStorage.subTransactionCreated().toArray(new RelFileLocator[0]); }
            @Override public void atSubAbort() {
                pgstat.atEOSubXact(xact.nestingLevel(), false);
                relationStorage.atSubAbort();
                inval.atSubAbort();
                async.atSubAbort(xact.nestingLevel());
            }
        });
        this.oids = new OidGenerator(shmem.transamVariables(), ctx.xlog);
        heap.setToastAccess(new org.tusk.access.heap.ToastAccess() {
            @Override public Relation relation(int oid) { return relcache.byOid(oid); }
            @Override public Relation toastIndex(Relation toastRel) {
                for (int oid : relcache.indexOids(toastRel.oid())) {
                    Relation ix = relcache.byOid(oid);
                    if (ix != null && ix.indexIsValid()) return ix;
                }
                throw PgException.error(SqlState.INTERNAL_ERROR, "no valid index found for toast relation with Oid "
                        + Integer.toUnsignedString(toastRel.oid()));
            }
            @Override public List<Relation> readyToastIndexes(Relation toastRel) {
                List<Relation> out = new java.util.ArrayList<>();
                for (int oid : relcache.indexOids(toastRel.oid())) {
                    Relation ix = relcache.byOid(oid);
                    if (ix != null && ix.indexIsReady()) out.add(ix);
                }
                return out;
            }
            @Override public IndexAm indexAm() { return indexAms; }
            @Override public int newOid() { return oids.getNewObjectId(); }
        });
        this.sequences = new org.tusk.access.sequence.Sequences(buffers, smgr, ctx.xlog::get,
                () -> (int) xact.topFullTransactionId().value());
        this.catalog = new HeapCatalog(new CatalogEnv(dbOid, () -> ctx.role().oid(), () -> ctx.role().name(),
                () -> gucs.getString("search_path"), ctx.slot, heap, indexAms, this::catalogSnapshot,
                () -> xact.getCurrentCommandId(true), this::commandCounterIncrement, oids::getNewObjectId,
                relationLocks(), relationStorage, relcache, inval, this::notice), sequences);
        this.sharedCatalog = new org.tusk.catalog.SharedCatalog(ctx.env.dataDir(), new org.tusk.catalog.SharedCatalog.TransactionHooks() {
            @Override public int currentXid() { return xact.getCurrentTransactionId(); }
            @Override public int topXid() { return xact.topFullTransactionId().xid(); }
            @Override public boolean isCurrentXid(int xid) { return xact.isCurrentTransactionId(xid); }
            @Override public void lockCatalog(int relationId) {
                ctx.locks.acquire(org.tusk.storage.lmgr.LockTag.relation(0, relationId), LockMode.EXCLUSIVE, false);
            }
        });
        // The reg* types' I/O functions and the catalog functions look names up through this.
        org.tusk.catalog.ObjectNames.install(catalog.objectNames(sharedCatalog::current, ctx.scanSettings));
        // Key expressions are analysed against this session's catalog, so that the user-defined
        // functions they call are found; parse analysis reads nothing but the catalog.
        ExecEnvironment analysis = environment(null, -1);
        catalog.partitions().setKeyExpressionTyper((rel, partexprs) -> {
            List<org.tusk.catalog.ColumnDef> types = new java.util.ArrayList<>();
            for (var e : org.tusk.parser.PartitionKeyAnalysis.stored(rel, partexprs, analysis))
                types.add(new org.tusk.catalog.ColumnDef(null, e.type(), e.typmod()));
            return types;
        });
    }

    /** What async.c needs from this backend: its transaction, its locks, its client, and signals to others. */
    private org.tusk.commands.Async.Host asyncHost() {
        var procs = ctx.env.shmem().procGlobal();
        return new org.tusk.commands.Async.Host() {
            @Override public int topTransactionId() { return xact.topFullTransactionId().xid(); }
            @Override public void lockNotifyQueueOrder() {
                ctx.locks.acquire(org.tusk.storage.lmgr.LockTag.object(0, org.tusk.catalog.BootstrapCatalog.DATABASE_RELATION_ID, 0, 0),
                        LockMode.ACCESS_EXCLUSIVE, false);
            }
            @Override public int nestingLevel() { return xact.nestingLevel(); }
            @Override public org.tusk.storage.ipc.AsyncQueue.XidState xidState(int xid) {
                if (oracle.isInProgress(xid)) return org.tusk.storage.ipc.AsyncQueue.XidState.IN_PROGRESS;
                return oracle.didCommit(xid) ? org.tusk.storage.ipc.AsyncQueue.XidState.COMMITTED
                        : org.tusk.storage.ipc.AsyncQueue.XidState.ABORTED;
            }
            @Override public void warning(PgException w) { ctx.messages.report(w); }
            @Override public void signal(int slot, int pid) { org.tusk.storage.ipc.SignalFuncs.sendNotifyInterrupt(procs, slot, pid); }
        };
    }

    /** GetNewObjectId. */
    int newObjectId() {
        return oids.getNewObjectId();
    }

    private BackendTransactionOracle oracleRef() {
        return oracle;
    }

    /** SubTransGetParent, for XactLockTableWait on a subtransaction's xid: 0 for a top-level xid. */
    private int parentOf(int xid) {
        return oracle.parentOf(xid);
    }

    /**
     * The catalog snapshot: catalogs are read with a fresh snapshot (GetCatalogSnapshot), so that
     * DDL committed by others is seen as soon as the invalidation message that announces it.
     */
    private Snapshot catalogSnapshot() {
        return xact.getLatestSnapshot();
    }

    /** LockRelationOid, then AcceptInvalidationMessages (what the catalog's RelationLocks asks). */
    private void lockRelation(int relOid, int mode) {
        lmgr.lockRelationOid(relOid, LockMode.of(mode));
        if (relationLockLog != null) relationLockLog.add(relOid, mode);
        inval.accept();
    }

    /**
     * The relation locks taken while one statement is analysed and planned, kept with its cached
     * plan: a plan is only valid while its relations cannot change under it, so each reuse takes
     * them again before it checks for invalidations (plancache.c's AcquireExecutorLocks over the
     * plan's range table, which records what parse analysis locked).
     */
    static final class RelationLockLog {
        private final java.util.LinkedHashSet<Long> locks = new java.util.LinkedHashSet<>();

        void add(int relOid, int mode) { locks.add(((long) relOid << 8) | mode); }

        void addAll(RelationLockLog other) { locks.addAll(other.locks); }

        /** (relation OID, lock mode) pairs in the order first taken, as longs: OID above, mode in the low byte. */
        long[] locks() { return locks.stream().mapToLong(Long::longValue).toArray(); }
    }

    private RelationLockLog relationLockLog;

    /** Starts recording relation locks into {@code log} (null stops); returns the log it replaces. */
    RelationLockLog recordRelationLocks(RelationLockLog log) {
        RelationLockLog previous = relationLockLog;
        relationLockLog = log;
        return previous;
    }

    /**
     * AcquireExecutorLocks: takes the relation locks a cached plan was made under (from
     * {@link RelationLockLog#locks}), then accepts the invalidation messages that waiting for them
     * may have let in, so the caller's validity check sees every change committed before the locks.
     */
    void acquireExecutorLocks(long[] locks) {
        for (long l : locks) lmgr.lockRelationOid((int) (l >>> 8), LockMode.of((int) (l & 0xFF)));
        inval.accept();
    }

    /** The lock manager as the catalog takes relation locks: each granted lock is followed by AcceptInvalidationMessages. */
    private org.tusk.catalog.RelationLocks relationLocks() {
        return new org.tusk.catalog.RelationLocks() {
            public void lockRelation(int relOid, int mode) { SessionStorage.this.lockRelation(relOid, mode); }
            public boolean conditionalLockRelation(int relOid, int mode) {
                if (!lmgr.conditionalLockRelationOid(relOid, LockMode.of(mode))) return false;
                inval.accept();
                return true;
            }
        };
    }

    private void notice(PgException e) {
        ctx.messages.report(e);
    }

    /** CommandCounterIncrement: the next command sees this one's changes, catalog caches included. */
    void commandCounterIncrement() {
        xact.commandCounterIncrement();
        inval.commandEnded();
    }

    /** StartTransaction's storage part: catch up with other sessions' catalog changes. */
    void atTransactionStart() {
        vxids.startTransaction();
        inval.accept();
    }

    /**
     * The environment of one statement: its snapshot (new per statement in READ COMMITTED, the
     * transaction's first one kept in REPEATABLE READ and SERIALIZABLE) and command id. The
     * isolation level is fixed when the first snapshot is taken: after that the check hook of
     * transaction_isolation refuses changes (check_XactIsoLevel), so the GUC and XactIsoLevel agree.
     */
    ExecEnvironment statementEnvironment() {
        return environment(transactionSnapshot(), -1);
    }

    /** A cursor's environment and the end of its snapshot's registration (idempotent). */
    record PortalEnvironment(ExecEnvironment env, Runnable releaseSnapshot) {}

    /**
     * The environment of a cursor's query (PortalStart): a copy of the statement's snapshot,
     * registered so that this backend's published xmin stays at or behind it, and the DECLARE's
     * command id as the one it runs and locks rows as (es_output_cid). Commands between DECLARE and
     * FETCH then neither show in its rows (in REPEATABLE READ the transaction's snapshot is one
     * object whose curcid moves on) nor make its FOR UPDATE see its own later updates as earlier
     * ones. The registration ends when released or with the transaction.
     */
    PortalEnvironment portalEnvironment() {
        Snapshot snapshot = transactionSnapshot().copy();
        org.tusk.utils.time.SnapshotManager snapshots = xact.snapshots();
        snapshots.registerSnapshot(snapshot);
        Runnable release = () -> {
            if (snapshots.isRegistered(snapshot)) snapshots.unregisterSnapshot(snapshot);
        };
        return new PortalEnvironment(environment(snapshot, xact.getCurrentCommandId(false)), release);
    }

    private Snapshot transactionSnapshot() {
        inval.accept();
        if (!xact.snapshots().firstSnapshotSet()) {
            xact.setIsolationLevel(org.tusk.access.transam.IsolationLevel.fromSetting(
                    ctx.env.gucs().getEnum(TransactionCharacteristics.ISOLATION)));
        }
        return xact.getTransactionSnapshot();
    }

    /** {@code portalCid}: the command id a cursor's query keeps, or -1 for a statement's (the current one). */
    private ExecEnvironment environment(Snapshot snapshot, int portalCid) {
        return new ExecEnvironment() {
            /** Whether a volatile function call has fixed the command id this statement writes with (es_output_cid). */
            private boolean outputCidPinned;
            private int outputCid;
            private java.util.Map<Object, Integer> relationBlocks;

            @Override public java.util.Map<Object, Integer> plannedRelationBlocks() {
                if (relationBlocks == null) relationBlocks = new java.util.HashMap<>();
                return relationBlocks;
            }

            @Override public Catalog catalog() { return catalog; }
            @Override public TableAm tableAm() { return heap; }
            @Override public IndexAm indexAm() { return indexAms; }
            @Override public Snapshot snapshot() { return snapshot; }
            @Override public Snapshot latestSnapshot() { return xact.getLatestSnapshot(); }
            @Override public int commandId() {
                // Once pinned, the statement keeps writing with that id; it is marked used only
                // while it is still the current one (a later id is past it already, so the rows
                // are seen by the next command whether or not it counts as used).
                if (outputCidPinned && outputCid != xact.getCurrentCommandId(false)) return outputCid;
                if (portalCid >= 0 && portalCid != xact.getCurrentCommandId(false)) return portalCid;
                return xact.getCurrentCommandId(true);
            }
            @Override public void commandCounterIncrement() {
                outputCidPinned = false;
                SessionStorage.this.commandCounterIncrement();
                snapshot.setCurcid(xact.getCurrentCommandId(false));
            }
            @Override public CallerPin pinForVolatileCall() {
                if (!outputCidPinned) {
                    outputCid = xact.getCurrentCommandId(false);
                    outputCidPinned = true;
                }
                int curcid = snapshot.curcid();
                return () -> snapshot.setCurcid(curcid);
            }
            @Override public boolean isolationUsesXactSnapshot() { return xact.isolationLevel().usesXactSnapshot(); }
            @Override public void waitForTransaction(int xid) { oracle.waitForTransaction(xid); }
            @Override public int atttypmod(Relation rel, int attnum) { return rel.atttypmod(attnum); }
            @Override public int currentUserId() { return ctx.role().oid(); }
            @Override public org.tusk.executor.ConstraintSupport constraintSupport() { return spi; }
            @Override public org.tusk.executor.SqlFunctionRunner sqlFunctionRunner() { return ctx.sqlFunctions; }
            @Override public org.tusk.executor.ExecCurrent.PortalLookup portals() { return ctx.portals; }
            @Override public org.tusk.executor.TriggerFunctions.Depth triggerDepth() { return ctx.triggerDepth; }
            @Override public org.tusk.utils.misc.ScanSettings scanSettings() { return ctx.scanSettings; }
            @Override public org.tusk.utils.activity.CommandProgress progress() {
                return ctx.status != null ? ctx.status : org.tusk.utils.activity.CommandProgress.NONE;
            }
            @Override public org.tusk.executor.DeferredTriggers deferredTriggers() { return deferredTriggers; }
            @Override public boolean currentUserIsSuperuser() {
                return sharedCatalog.current().role(ctx.role().oid()).map(r -> r.superuser()).orElse(false);
            }
            @Override public boolean roleIsSuperuser(int roleOid) {
                return sharedCatalog.current().role(roleOid).map(r -> r.superuser()).orElse(false);
            }
            @Override public java.util.Set<Integer> privilegeRoles(int roleOid) {
                return org.tusk.catalog.RoleMembership.rolesMemberOf(sharedCatalog.current(), roleOid, true);
            }
        };
    }

    /** GucSettings.valueChanges when {@link #pgstatSettings} last read the settings (-1: never). */
    private long pgstatSettingsVersion = -1;

    /** track_counts and stats_fetch_consistency for the next transaction (read again only when a setting changed). */
    private void pgstatSettings() {
        var gucs = ctx.env.gucs();
        long version = gucs.valueChanges();
        if (version == pgstatSettingsVersion) return;
        pgstatSettingsVersion = version;
        pgstat.settings(gucs.getBool("track_counts"), switch (gucs.getEnum("stats_fetch_consistency")) {
            case "none" -> org.tusk.utils.activity.PgStatPending.FetchConsistency.NONE;
            case "snapshot" -> org.tusk.utils.activity.PgStatPending.FetchConsistency.SNAPSHOT;
            default -> org.tusk.utils.activity.PgStatPending.FetchConsistency.CACHE;
        });
    }

    /** pgstat_report_stat: flushes pending statistics; returns the milliseconds until it wants to run again (0: never). */
    long reportStat(boolean force) {
        return pgstat.reportStat(force, System.currentTimeMillis());
    }

    /** CommitTransaction's storage part. */
    void commit(boolean synchronous) {
        List<RelFileLocator> drop = relationStorage.pendingDeletes(true);
        // Shared catalog changes are written (as pending files) before the commit record decides them.
        sharedCatalog.preCommit();
        boolean sync = synchronous || forceSyncCommit;
        forceSyncCommit = false;
        xact.commit(sync, drop.toArray(new RelFileLocator[0]));
        try {
            sharedCatalog.atCommit();
        } catch (UncheckedIOException e) {
            // Committed: the startup process installs the pending file after a restart.
            ctx.messages.report(new PgException(Severity.WARNING, SqlState.IO_ERROR,
                    "could not install shared catalog file: " + e.getMessage(), null, null, 0));
        }
        inval.atCommit();
        endOfTransaction(true);
    }

    /** AbortTransaction's storage part; safe to call with no transaction open. */
    void abort() {
        buffers.releaseAll();
        // pgstat_progress_end_command: a command that failed reports no progress any more
        if (ctx.status != null) ctx.status.end();
        List<RelFileLocator> drop = relationStorage.pendingDeletes(false);
        forceSyncCommit = false;
        try {
            xact.abort(drop.toArray(new RelFileLocator[0]));
            sharedCatalog.atAbort();
        } finally {
            inval.atAbort();
            endOfTransaction(false);
        }
    }

    private void endOfTransaction(boolean committed) {
        pgstat.atEOXact(committed);
        pgstatSettings();
        deferredTriggers.reset();
        comboCids.atEndOfTransaction();
        catalog.types().atEndOfTransaction();
        ctx.locks.releaseAll(false);
        vxids.endTransaction();
        try {
            relationStorage.doPendingDeletes(committed);
        } catch (UncheckedIOException e) {
            // The transaction's outcome is decided; a file left behind is only wasted space.
            ctx.messages.report(new PgException(Severity.WARNING, SqlState.IO_ERROR,
                    "could not remove relation files: " + e.getMessage(), null, null, 0));
        }
    }

    /**
     * The sequence named {@code name}, locked RowExclusiveLock as nextval/setval lock it (a
     * concurrent DROP waits); 42P01 if there is none, 42809 if it is not a sequence.
     */
    private Relation openSequence(String name) {
        // regclassin's name parsing: [schema.]name, unquoted parts folded to lower case.
        List<String> parts = new java.util.ArrayList<>();
        for (String part : name.split("\\.", -1)) {
            String t = part.trim();
            parts.add(t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1).replace("\"\"", "\"")
                    : t.toLowerCase(java.util.Locale.ROOT));
        }
        if (parts.size() > 2) throw PgException.error("42601", "invalid name syntax");
        String schema = parts.size() == 2 ? parts.get(0) : null, rel = parts.get(parts.size() - 1);
        Relation seq = catalog.openRelation(schema, rel, LockMode.ROW_EXCLUSIVE.number());
        if (seq == null) throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        if (seq.relkind() != 'S') throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + seq.name() + "\" is not a sequence");
        return seq;
    }

    /**
     * sequence.c's pg_class_aclcheck with ACLMASK_ANY: the current user needs one of
     * {@code anyOf} on the sequence (a superuser needs none), else 42501.
     */
    private void checkSequencePrivilege(Relation seq, int anyOf) {
        int user = ctx.role().oid();
        int[] acl = seq.acl() != null ? seq.acl() : org.tusk.catalog.Acl.defaultAcl(seq.owner(),
                org.tusk.catalog.Acl.ACL_ALL_RIGHTS_SEQUENCE, 0);
        if ((org.tusk.catalog.Acl.mask(acl, user) & anyOf) != 0) return;
        org.tusk.catalog.BootstrapCatalog shared = sharedCatalog.current();
        if (shared.role(user).map(r -> r.superuser()).orElse(false)) return;
        if ((org.tusk.catalog.Acl.mask(acl, org.tusk.catalog.RoleMembership.rolesMemberOf(shared, user, true)) & anyOf) != 0) return;
        throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for sequence " + seq.name());
    }

    long nextval(String name) {
        Relation seq = openSequence(name);
        checkSequencePrivilege(seq, org.tusk.catalog.Acl.ACL_USAGE | org.tusk.catalog.Acl.ACL_UPDATE);
        preventIfReadOnly(seq, "nextval()");
        return sequences.nextval(seq, catalog.sequenceParams(seq));
    }

    /** nextval_internal / do_setval: a read-only transaction may only change temporary sequences. */
    private void preventIfReadOnly(Relation seq, String what) {
        if (seq.persistence() != 't' && TransactionCharacteristics.readOnly(ctx.env.gucs())) throw ReadOnlyCheck.error(what);
    }

    long currval(String name) {
        Relation seq = openSequence(name);
        checkSequencePrivilege(seq, org.tusk.catalog.Acl.ACL_SELECT | org.tusk.catalog.Acl.ACL_USAGE);
        return sequences.currval(seq);
    }

    /**
     * pg_sequence_last_value: the last value stored in the sequence's page, whoever took it, or
     * null while it has not been called (what pg_sequences.last_value shows).
     */
    Long sequenceLastValue(String name) {
        Relation seq = openSequence(name);
        checkSequencePrivilege(seq, org.tusk.catalog.Acl.ACL_SELECT | org.tusk.catalog.Acl.ACL_USAGE);
        org.tusk.access.sequence.SequencePage.SeqTuple t = sequences.read(seq);
        return t.isCalled() ? t.lastValue() : null;
    }

    long setval(String name, long value, boolean isCalled) {
        Relation seq = openSequence(name);
        checkSequencePrivilege(seq, org.tusk.catalog.Acl.ACL_UPDATE);
        preventIfReadOnly(seq, "setval()");
        sequences.setval(seq, catalog.sequenceParams(seq), value, isCalled);
        return value;
    }

    /** bt_index_check (amcheck): the structure check of a B-tree index; XX002 names the first problem. */
    void btIndexCheck(String indexName) {
        Relation index = catalog.openRelation(null, indexName);
        if (index == null) {
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + indexName + "\" does not exist");
        }
        if (index.relkind() != 'i') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + indexName + "\" is not an index");
        }
        lockRelation(index.oid(), LockMode.ACCESS_SHARE.number());
        List<String> problems = new BTreeVerifier(btreeContext).check(index);
        if (!problems.isEmpty()) {
            throw PgException.error("XX002", problems.get(0))
                    .withDetail(problems.size() > 1 ? (problems.size() - 1) + " more problems found" : null);
        }
    }
}
