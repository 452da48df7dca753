package org.tusk.storage.ipc;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoVacuumShmemTest {
    private static AutoVacuumShmem make(Arena a, int numSlots) {
        var layout = AutoVacuumShmem.layout(numSlots);
        return new AutoVacuumShmem(a.allocate(layout.byteSize(), 64), numSlots);
    }

    @Test
    void aRequestGoesToTheWorkerThatStartsAndIsCountedUntilItExits() {
        try (Arena a = Arena.ofShared()) {
            AutoVacuumShmem av = make(a, 10);
            assertEquals(new AutoVacuumShmem.WorkerCount(0, 0, 0), av.workers());
            av.requestWorker(5, 1000);
            assertEquals(new AutoVacuumShmem.WorkerCount(0, 5, 1000), av.workers());
            assertEquals(5, av.takeRequest(9, 1200));
            assertEquals(0, av.takeRequest(10, 1300), "a second worker finds no request");
            assertEquals(1, av.workers().running(), "the worker that found no request is not counted");
            assertEquals(0, av.workers().startingDb());
            av.workerExited(9);
            av.workerExited(10);
            assertEquals(0, av.workers().running());
        }
    }

    @Test
    void twoWorkersOfADatabaseNeverProcessTheSameTable() {
        try (Arena a = Arena.ofShared()) {
            AutoVacuumShmem av = make(a, 10);
            av.requestWorker(5, 1);
            av.takeRequest(8, 2);
            av.requestWorker(5, 3);
            av.takeRequest(9, 4);
            av.requestWorker(6, 5);
            av.takeRequest(10, 6);
            assertTrue(av.claimTable(8, 16384));
            assertFalse(av.claimTable(9, 16384), "the other worker of database 5 has it");
            assertTrue(av.claimTable(10, 16384), "same OID in another database");
            assertTrue(av.claimTable(8, 0));
            assertTrue(av.claimTable(9, 16384), "released");
        }
    }

    @Test
    void anUntakenRequestIsCanceledOnlyIfItIsStillTheSame() {
        try (Arena a = Arena.ofShared()) {
            AutoVacuumShmem av = make(a, 4);
            av.requestWorker(5, 100);
            av.requestWorker(6, 200);
            av.cancelRequest(100);
            assertEquals(6, av.workers().startingDb(), "a newer request stays");
            av.cancelRequest(200);
            assertEquals(0, av.workers().startingDb());
        }
    }

    @Test
    void theLauncherSlotIsPublished() {
        try (Arena a = Arena.ofShared()) {
            AutoVacuumShmem av = make(a, 4);
            av.setLauncherSlot(3);
            assertEquals(3, av.launcherSlot());
        }
    }
}
