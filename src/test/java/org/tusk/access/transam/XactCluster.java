package org.tusk.access.transam;

import org.tusk.storage.ipc.SharedMemoryMap;
import org.tusk.storage.lmgr.Proc;
import org.tusk.storage.shmem.ShmemRegion;
import org.tusk.utils.error.PgException;
import org.tusk.utils.init.BackendType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real shared-memory region (SharedMemoryMap) and data directory for transaction tests:
 * counters started at {@code nextXid}, CLOG and pg_subtrans started, WAL insertion initialised at
 * the start of segment 1. {@link #backend} gives a "process": its own PGPROC in the ProcArray,
 * its own XLog, CLOG and pg_subtrans handles, Xact and oracle, as a backend builds them.
 */
final class XactCluster implements AutoCloseable {
    static final long SYSID = 7_300_000_000_000_000_001L;
    static final int TLI = 1;
    static final WalSegmentSize SEG = new WalSegmentSize(1024 * 1024);
    static final long FIRST_RECORD = SEG.segmentStart(1) + XLogPageHeader.SIZE_OF_LONG_PHD;

    final Path dataDir;
    final SharedMemoryMap shmem;
    final List<PgException> warnings = new CopyOnWriteArrayList<>();
    private final List<Backend> backends = new ArrayList<>();

    /** One "process": what BackendMain makes for a session. */
    record Backend(Proc proc, XLogHandle xlog, Clog clog, SubTrans subtrans, Xact xact, BackendTransactionOracle oracle) {}

    XactCluster(Path dataDir, FullTransactionId nextXid) {
        this.dataDir = dataDir;
        try {
            for (String d : List.of("pg_wal", "pg_xact", "pg_subtrans", "base/5")) Files.createDirectories(dataDir.resolve(d));
            Path shm = Files.createTempFile(Path.of("/dev/shm"), "tusk-xact-test.", ".shm");
            Files.delete(shm);
            shmem = SharedMemoryMap.create(shm, new ShmemRegion.Sizing(12, 6, 1024, 64, 8), 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        shmem.xlogCtl().initialize(SEG, FIRST_RECORD, XLogRecPtr.INVALID, null, TLI, SYSID);
        Clog clog = new Clog(shmem.clogShared(), dataDir.resolve("pg_xact"));
        clog.bootstrap();
        if (Clog.pageOf(nextXid.xid()) != 0) {
            // A cluster that has run up to nextXid: that page exists on disk.
            var slru = clog.slru();
            slru.controlLock().acquire(org.tusk.storage.lmgr.LWLock.Mode.EXCLUSIVE);
            try {
                slru.writePage(slru.zeroPage(Clog.pageOf(nextXid.xid())));
            } finally {
                slru.controlLock().release(org.tusk.storage.lmgr.LWLock.Mode.EXCLUSIVE);
            }
        }
        TransamVariables vars = shmem.transamVariables();
        vars.setCounters(nextXid, VarSup.FIRST_NORMAL_OBJECT_ID);
        new VarSup(vars, clog, null, warnings::add).setTransactionIdLimit(TransactionId.FIRST_NORMAL, 5,
                VarSup.DEFAULT_AUTOVACUUM_FREEZE_MAX_AGE);
        clog.startup(nextXid.xid());
        new SubTrans(shmem.subtransShared(), dataDir.resolve("pg_subtrans")).startup(nextXid.xid(), nextXid.xid());
    }

    XactCluster(Path dataDir) {
        this(dataDir, FullTransactionId.FIRST_NORMAL);
    }

    /** A backend in slot {@code slot} connected to database {@code dbOid}, in the ProcArray. */
    Backend backend(int slot, int dbOid) {
        Proc proc = shmem.procGlobal().proc(slot);
        proc.initialize(10_000 + slot, BackendType.BACKEND, slot * 7);
        proc.setDatabaseAndRole(dbOid, 10);
        shmem.procGlobal().add(proc);
        XLogHandle xlog = new XLogHandle(shmem.xlogCtl(), dataDir, false, "fdatasync", slot);
        Clog clog = new Clog(shmem.clogShared(), dataDir.resolve("pg_xact"), xlog);
        SubTrans subtrans = new SubTrans(shmem.subtransShared(), dataDir.resolve("pg_subtrans"));
        Xact xact = new Xact(shmem.transamVariables(), clog, subtrans, xlog, shmem.procGlobal(), proc, warnings::add);
        Backend b = new Backend(proc, xlog, clog, subtrans, xact,
                new BackendTransactionOracle(xact, xid -> { throw new AssertionError("no lock waits in this test"); }));
        backends.add(b);
        return b;
    }

    Backend backend(int slot) {
        return backend(slot, 5);
    }

    @Override
    public void close() throws IOException {
        for (Backend b : backends) b.xlog().get().close();
        shmem.region().destroy();
    }
}
