package org.tusk.storage.ipc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.slru.SlruShared;
import org.tusk.access.transam.Clog;
import org.tusk.access.transam.FullTransactionId;
import org.tusk.access.transam.TransamVariables;
import org.tusk.access.transam.VarSup;
import org.tusk.access.transam.SubTrans;
import org.tusk.access.transam.XidStatus;
import org.tusk.storage.shmem.ShmemRegion;

import java.lang.foreign.StructLayout;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SharedMemoryTransamTest {
    @TempDir
    Path dataDir;

    @Test
    void transamStructuresFollowTheExistingOnes() {
        ShmemRegion.Sizing s = new ShmemRegion.Sizing(106, 100, 1024, 16384, 8);
        StructLayout l = SharedMemoryMap.layout(s);
        assertEquals(64, l.byteOffset(groupElement("pmChildFlags")));
        // The earlier structures keep their places; the new ones come after, 64-byte aligned.
        long afterStatus = l.byteOffset(groupElement("backendStatus")) + l.select(groupElement("backendStatus")).byteSize();
        assertEquals(afterStatus, l.byteOffset(groupElement("transamVariables")));
        assertEquals(64, l.select(groupElement("transamVariables")).byteSize());
        assertEquals(afterStatus + 64, l.byteOffset(groupElement("clog")));
        assertEquals(32, Clog.numBuffers(s));
        // 64 + 32 * 32 descriptors + 32 pages + 32 pages' 1024 group LSNs of 8 bytes.
        assertEquals(263_232 + 32 * 1024 * 8, l.select(groupElement("clog")).byteSize());
        assertEquals(l.byteOffset(groupElement("subtrans")), l.byteOffset(groupElement("clog")) + 263_232 + 32 * 1024 * 8);
        assertEquals(263_232, l.select(groupElement("subtrans")).byteSize());
        assertEquals(l.byteOffset(groupElement("bufferPool")), l.byteOffset(groupElement("subtrans")) + 263_232);
    }

    @Test
    void xlogCtlFollowsTheCheckpointerQueue() {
        ShmemRegion.Sizing s = new ShmemRegion.Sizing(106, 100, 1024, 16384, 512);
        StructLayout l = SharedMemoryMap.layout(s);
        long afterQueue = l.byteOffset(groupElement("syncRequests")) + l.select(groupElement("syncRequests")).byteSize();
        assertEquals(afterQueue, l.byteOffset(groupElement("xlogCtl")));
        assertEquals(640 + 512 * 8 + 512 * 8192, l.select(groupElement("xlogCtl")).byteSize());
    }

    @Test
    void twoMappingsOfTheRealRegionShareCounterAndClog() throws Exception {
        Path shm = Files.createTempFile(Path.of("/dev/shm"), "tusk-test-map.", ".shm");
        Path pgXact = Files.createDirectories(dataDir.resolve("pg_xact"));
        SharedMemoryMap creator = SharedMemoryMap.create(shm, new ShmemRegion.Sizing(16, 10, 1024, 64, 8), 1);
        try (SharedMemoryMap child = SharedMemoryMap.attach(shm)) {
            TransamVariables vars = creator.transamVariables();
            Clog clog = new Clog(creator.clogShared(), pgXact);
            clog.bootstrap();
            vars.setCounters(FullTransactionId.FIRST_NORMAL, VarSup.FIRST_NORMAL_OBJECT_ID);
            SubTrans subtrans = new SubTrans(creator.subtransShared(), Files.createDirectories(dataDir.resolve("pg_subtrans")));
            subtrans.startup(3, 3);
            VarSup varSup = new VarSup(vars, clog, subtrans, w -> {});
            varSup.setTransactionIdLimit(3, 1, VarSup.DEFAULT_AUTOVACUUM_FREEZE_MAX_AGE);
            clog.startup(3);
            int x = varSup.getNewTransactionId(id -> {}).xid();
            clog.setTreeStatus(x, new int[0], XidStatus.COMMITTED);

            SlruShared childClog = child.clogShared();
            Clog clog2 = new Clog(childClog, pgXact);
            assertEquals(XidStatus.COMMITTED, clog2.getStatus(x));
            VarSup varSup2 = new VarSup(child.transamVariables(), clog2,
                    new SubTrans(child.subtransShared(), dataDir.resolve("pg_subtrans")), w -> {});
            assertEquals(x + 1, varSup2.getNewTransactionId(id -> {}).xid());
        } finally {
            creator.region().destroy();
        }
    }
}
