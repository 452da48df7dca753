package org.tusk.access.heap;

import org.tusk.access.common.Attribute;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.transam.Clog;
import org.tusk.access.transam.FullTransactionId;
import org.tusk.access.transam.TransamVariables;
import org.tusk.access.transam.VarSup;
import org.tusk.access.transam.WalSegmentSize;
import org.tusk.access.transam.WalSyncMethod;
import org.tusk.access.transam.WalSyncSettings;
import org.tusk.access.transam.XLog;
import org.tusk.access.transam.XLogCtl;
import org.tusk.access.transam.XLogFiles;
import org.tusk.access.transam.XLogPageHeader;
import org.tusk.access.transam.XLogRecPtr;
import org.tusk.storage.buffer.BufferPool;
import org.tusk.storage.lmgr.RelationExtensionLocks;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.smgr.SyncRequestHook;
import org.tusk.testsupport.MappedFile;
import org.tusk.utils.cache.Relation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A data directory and the shared memory of a small cluster for heap tests: transaction
 * counters and CLOG, the buffer pool, the relation extension locks and (optionally) WAL
 * insertion, each in a mapped file as in the real region. {@link #backend()} makes one
 * "process": its own buffer manager, storage manager, CLOG accessor and WAL handle on the shared
 * structures.
 */
final class TestCluster implements AutoCloseable {
    static final long SYSID = 7_300_000_000_000_000_123L;
    static final int TLI = 1;
    static final WalSegmentSize SEG = new WalSegmentSize(1024 * 1024);
    static final int CLOG_BUFFERS = 8;
    static final int WAL_BUFFERS = 16;

    final Path dataDir;
    final int nbuffers;
    private final MappedFile varsShm, clogShm, poolShm, extShm, walShm;
    final BufferPool pool;
    final RelationExtensionLocks extLocks;
    final XLogCtl xlogCtl;
    final TestXacts xacts = new TestXacts();
    private MappedFile subtransShm;
    private org.tusk.access.transam.SubTrans subtrans;
    private final AtomicInteger procNumbers = new AtomicInteger(1);
    private final List<TestBackend> backends = new ArrayList<>();

    TestCluster(Path dataDir, int nbuffers, boolean wal) throws IOException {
        this.dataDir = dataDir;
        this.nbuffers = nbuffers;
        Files.createDirectories(dataDir.resolve("pg_xact"));
        Files.createDirectories(dataDir.resolve("pg_wal"));
        varsShm = MappedFile.create(TransamVariables.LAYOUT.byteSize());
        clogShm = MappedFile.create(Clog.layout(CLOG_BUFFERS).byteSize());
        poolShm = MappedFile.create(BufferPool.layout(nbuffers).byteSize());
        extShm = MappedFile.create(RelationExtensionLocks.LAYOUT.byteSize());
        subtransShm = MappedFile.create(org.tusk.access.transam.SubTrans.layout().byteSize());
        Files.createDirectories(dataDir.resolve("pg_subtrans"));
        pool = new BufferPool(poolShm.segment(), nbuffers);
        subtrans = new org.tusk.access.transam.SubTrans(org.tusk.access.transam.SubTrans.shared(subtransShm.segment()),
                dataDir.resolve("pg_subtrans"));
        extLocks = new RelationExtensionLocks(extShm.segment());
        // What initdb and the startup process do: first CLOG page, counters, limits.
        Clog clog = newClog();
        VarSup varSup = newVarSup(clog);
        clog.bootstrap();
        new TransamVariables(varsShm.segment()).setCounters(FullTransactionId.FIRST_NORMAL, VarSup.FIRST_NORMAL_OBJECT_ID);
        varSup.setTransactionIdLimit(3, 5, VarSup.DEFAULT_AUTOVACUUM_FREEZE_MAX_AGE);
        clog.startup(FullTransactionId.FIRST_NORMAL.xid());
        subtrans.startup(FullTransactionId.FIRST_NORMAL.xid(), FullTransactionId.FIRST_NORMAL.xid());
        if (wal) {
            walShm = MappedFile.create(XLogCtl.layout(WAL_BUFFERS).byteSize());
            xlogCtl = new XLogCtl(walShm.segment(), WAL_BUFFERS);
            xlogCtl.initialize(SEG, firstRecord(), XLogRecPtr.INVALID, null, TLI, SYSID);
        } else {
            walShm = null;
            xlogCtl = null;
        }
    }

    static long firstRecord() {
        return SEG.segmentStart(1) + XLogPageHeader.SIZE_OF_LONG_PHD;
    }

    Clog newClog() {
        return new Clog(Clog.shared(clogShm.segment(), CLOG_BUFFERS), dataDir.resolve("pg_xact"));
    }

    VarSup newVarSup(Clog clog) {
        return new VarSup(new TransamVariables(varsShm.segment()), clog, subtrans, w -> {});
    }

    /** Accepts every fsync request and forgets it: tests do not crash the machine. */
    static final SyncRequestHook NO_FSYNC = (rl, fork, segno) -> true;

    StorageManager newSmgr() {
        return new StorageManager(dataDir, NO_FSYNC);
    }

    XLog newXLog() {
        return new XLog(new XLogCtl(walShm.segment(), WAL_BUFFERS), new XLogFiles(dataDir.resolve("pg_wal"), SEG),
                WalSyncSettings.of(false, WalSyncMethod.FDATASYNC), procNumbers.getAndIncrement());
    }

    /** A new table (its main fork created, empty) of (id int4, val text). */
    Relation createTable(int relNumber) {
        RelFileLocator rl = RelFileLocator.inDefaultTablespace(5, relNumber);
        try (StorageManager smgr = newSmgr()) {
            smgr.create(rl, ForkNumber.MAIN, false);
        }
        return relation(rl);
    }

    static Relation relation(RelFileLocator rl) {
        TupleDesc desc = TupleDesc.of(Attribute.of("id", DatumType.INT4), Attribute.of("val", DatumType.TEXT));
        return new Relation(rl.relNumber(), "t" + rl.relNumber(), 2200, 'r', 'p', rl, desc, null);
    }

    synchronized TestBackend backend() {
        TestBackend b = new TestBackend(this);
        backends.add(b);
        return b;
    }

    /** Writes every dirty buffer out (a checkpoint's BufferSync), through one backend. */
    void flushAll() {
        try (TestBackend b = new TestBackend(this)) {
            b.bm.flushAllDirty();
        }
    }

    @Override
    public void close() {
        for (TestBackend b : backends) b.close();
        varsShm.close();
        clogShm.close();
        subtransShm.close();
        poolShm.close();
        extShm.close();
        if (walShm != null) walShm.close();
    }

}
