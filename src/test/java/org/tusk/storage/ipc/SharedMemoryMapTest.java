package org.tusk.storage.ipc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.storage.lmgr.Proc;
import org.tusk.storage.shmem.ShmemRegion;
import org.tusk.utils.activity.BackendStatusArray;
import org.tusk.utils.init.BackendType;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The region's map, its structures, and two mappings of one file seeing each other's writes. */
class SharedMemoryMapTest {
    private Path file;
    private SharedMemoryMap creator;
    private SharedMemoryMap attacher;

    @BeforeEach
    void setUp() throws Exception {
        file = Files.createTempFile("tusk-shm", ".test");
        creator = SharedMemoryMap.create(file, new ShmemRegion.Sizing(8, 4, 256, 16, 8), 4242);
        attacher = SharedMemoryMap.attach(file);
    }

    @AfterEach
    void tearDown() throws Exception {
        attacher.close();
        creator.region().destroy();
    }

    @Test
    void attacherDerivesTheSameLayoutFromTheHeader() {
        assertEquals(new ShmemRegion.Sizing(8, 4, 256, 16, 8), attacher.region().sizing());
        assertEquals(4242, attacher.region().creatorPid());
        assertEquals(SharedMemoryMap.layout(attacher.region().sizing()).byteSize(), attacher.region().segment().byteSize());
    }

    @Test
    void aFileWithAnotherMagicIsRefused() throws Exception {
        Path bad = Files.createTempFile("tusk-shm", ".bad");
        Files.write(bad, new byte[4096]);
        try {
            assertThrows(IllegalStateException.class, () -> SharedMemoryMap.attach(bad));
        } finally {
            Files.delete(bad);
        }
    }

    @Test
    void childFlagsTellACleanExitFromACrash() {
        PMChildFlags pm = creator.pmChildFlags();
        PMChildFlags child = attacher.pmChildFlags();
        pm.markAssigned(3);
        child.markActive(3);
        child.markInactive(3);
        assertTrue(pm.release(3), "a child that marked itself inactive exited cleanly");
        pm.markAssigned(3);
        child.markActive(3);
        assertFalse(pm.release(3), "a child that died ACTIVE is a crash");
        pm.setQuitReason(PMChildFlags.QUIT_FOR_STOP);
        assertEquals(PMChildFlags.QUIT_FOR_STOP, child.quitReason());
    }

    @Test
    void procArrayKeepsDenseArraysInPgprocOrder() {
        var procs = attacher.procGlobal();
        for (int slot : new int[] {5, 2, 7}) {
            Proc p = procs.proc(slot);
            p.initialize(1000 + slot, BackendType.BACKEND, slot * 11);
            procs.add(p);
        }
        procs.procArrayLock().acquire(org.tusk.storage.lmgr.LWLock.Mode.SHARED);
        try {
            assertEquals(List.of(2, 5, 7), boxed(procs.memberSlots()));
        } finally {
            procs.procArrayLock().release(org.tusk.storage.lmgr.LWLock.Mode.SHARED);
        }
        procs.remove(procs.proc(5));
        assertEquals(List.of(2, 7), boxed(procs.memberSlots()));
        assertEquals(1007, creator.procGlobal().proc(7).pid(), "the creator's mapping sees the attacher's writes");
        assertEquals(77, SignalFuncs.findProc(creator.procGlobal(), 1007).cancelKey());
        assertNull(SignalFuncs.findProc(creator.procGlobal(), 999_999));
    }

    @Test
    void cancelNeedsTheRightKey() {
        Proc p = attacher.procGlobal().proc(1);
        p.initialize(Integer.MAX_VALUE - 1, BackendType.BACKEND, 1234);
        assertEquals(SignalFuncs.Result.WRONG_KEY, SignalFuncs.cancelWithKey(creator.procGlobal(), Integer.MAX_VALUE - 1, 99));
        assertEquals(0, p.takePendingInterrupts(), "a wrong key must not leave a reason behind");
        assertEquals(SignalFuncs.Result.NOT_A_BACKEND, SignalFuncs.cancelWithKey(creator.procGlobal(), 123_456_789, 1234));
    }

    @Test
    void statusEntriesAreReadConsistentlyWhileBeingWritten() throws Exception {
        BackendStatusArray.Writer w = attacher.backendStatus().writer(2);
        w.start(777, BackendType.BACKEND, 5, 10, "alice", "postgres", "app", InetAddress.getByName("127.0.0.1"), 5555, 1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger torn = new AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                // Query text and application name always change together; a torn read would mix them.
                String tag = Integer.toString(i % 1000);
                w.reportActivity(BackendStatusArray.State.RUNNING, "select " + tag, i);
                w.reportAppName("app" + tag);
            }
        });
        writer.start();
        for (int i = 0; i < 20_000; i++) {
            BackendStatusArray.Snapshot s = creator.backendStatus().read(2);
            if (!s.query().startsWith("select") && !s.query().isEmpty()) torn.incrementAndGet();
            if (s.pid() != 777 || !s.usename().equals("alice")) torn.incrementAndGet();
        }
        stop.set(true);
        writer.join();
        assertEquals(0, torn.get());
        w.clear();
        assertNull(creator.backendStatus().read(2));
    }

    private static List<Integer> boxed(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int v : a) out.add(v);
        return out;
    }
}
