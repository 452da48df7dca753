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
                MemoryLayout.structLayout(TransamVariables.LAYOUT,
                        MemoryLayout.paddingLayout(64 - TransamVariables.LAYOUT.byteSize())).withName("vars"),
                Clog.layout(clogBuffers).withName("clog"));
    }

    final TransamVariables vars;
    final Clog clog;
    final VarSup varSup;
    final Transam transam;
    final List<PgException> warnings = new CopyOnWriteArrayList<>();

    TestTransam(MappedFile shm, int clogBuffers, Path pgXact) {
        StructLayout l = layout(clogBuffers);
        vars = new TransamVariables(shm.segment().asSlice(l.byteOffset(groupElement("vars")), TransamVariables.LAYOUT.byteSize()));
        clog = new Clog(Clog.shared(shm.segment().asSlice(l.byteOffset(groupElement("clog")), Clog.layout(clogBuffers).byteSize()),
                clogBuffers), pgXact);
        varSup = new VarSup(vars, clog, warnings::add);
        transam = new Transam(clog);
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
    }

    /** Counters and limits only, for tests whose nextXid page was never made (no StartupCLOG). */
    void setCounters(FullTransactionId nextXid, int oldestXid) {
        vars.setCounters(nextXid, VarSup.FIRST_NORMAL_OBJECT_ID);
        varSup.setTransactionIdLimit(oldestXid, 5, VarSup.DEFAULT_AUTOVACUUM_FREEZE_MAX_AGE);
    }

    int newXid() {
        return varSup.getNewTransactionId(xid -> {}).xid();
    }
}
