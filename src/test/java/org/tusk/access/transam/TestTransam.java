package org.tusk.access.transam;

import org.tusk.access.slru.Slru;
import org.tusk.storage.lmgr.LWLock;
import org.tusk.testsupport.MappedFile;
import org.tusk.utils.error.PgException;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

/**
 * One "process's" view of a test region holding TransamVariables and a CLOG with few buffers,
 * laid out as SharedMemoryMap lays them out (each on a 64-byte boundary).
 */
final class TestTransam {
    static StructLayout layout(int clogBuffers) {
        return MemoryLayout.structLayout(
                TransamVariables.LAYOUT.withName("vars"),
                Clog.layout(clogBuffers).withName("clog"),
                SubTrans.layout().withName("subtrans"));
    }

    final TransamVariables vars;
    final Clog clog;
    final SubTrans subtrans;
    final VarSup varSup;
    final Transam transam;
    final List<PgException> warnings = new CopyOnWriteArrayList<>();

    TestTransam(MappedFile shm, int clogBuffers, Path pgXact) {
        this(shm, clogBuffers, pgXact, null);
    }

    /**
     * With {@code xlog}, the CLOG WAL-logs page creation and flushes WAL before writing pages, as
     * a backend's does; pg_subtrans goes next to {@code pgXact}.
     */
    TestTransam(MappedFile shm, int clogBuffers, Path pgXact, XLogHandle xlog) {
        StructLayout l = layout(clogBuffers);
        vars = new TransamVariables(shm.segment().asSlice(l.byteOffset(groupElement("vars")), TransamVariables.LAYOUT.byteSize()));
        clog = new Clog(Clog.shared(shm.segment().asSlice(l.byteOffset(groupElement("clog")), Clog.layout(clogBuffers).byteSize()),
                clogBuffers), pgXact, xlog);
        // Inside the test's directory (the CLOG ignores names that are not segment numbers).
        Path pgSubtrans = pgXact.resolve("pg_subtrans");
        try {
            java.nio.file.Files.createDirectories(pgSubtrans);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        subtrans = new SubTrans(SubTrans.shared(shm.segment().asSlice(l.byteOffset(groupElement("subtrans")),
                SubTrans.layout().byteSize())), pgSubtrans);
        varSup = new VarSup(vars, clog, subtrans, warnings::add);
        transam = new Transam(clog, subtrans, () -> TransactionId.INVALID);
    }

    /**
     * What initdb and the startup process will do (first page, counters, limits), for a cluster
     * that has already run up to {@code nextXid}: the page of nextXid exists on disk.
     */
    void bootstrapAndStart(FullTransactionId nextXid, int oldestXid) {
        clog.bootstrap();
        Slru slru = clog.slru();
        slru.controlLock().acquire(LWLock.Mode.EXCLUSIVE);
        try {
            slru.writePage(slru.zeroPage(Clog.pageOf(nextXid.xid())));
        } finally {
            slru.controlLock().release(LWLock.Mode.EXCLUSIVE);
        }
        start(nextXid, oldestXid);
    }

    void start(FullTransactionId nextXid, int oldestXid) {
        setCounters(nextXid, oldestXid);
        clog.startup(nextXid.xid());
        subtrans.startup(nextXid.xid(), nextXid.xid());
    }

    /** Counters and limits only, for tests whose nextXid page was never made (no StartupCLOG). */
    void setCounters(FullTransactionId nextXid, int oldestXid) {
        vars.setCounters(nextXid, VarSup.FIRST_NORMAL_OBJECT_ID);
        varSup.setTransactionIdLimit(oldestXid, 5, VarSup.DEFAULT_AUTOVACUUM_FREEZE_MAX_AGE);
        // pg_subtrans is always zeroed at startup; tests without StartupCLOG still need its page.
        subtrans.startup(nextXid.xid(), nextXid.xid());
    }

    int newXid() {
        return varSup.getNewTransactionId(xid -> {}).xid();
    }
}
