package org.tusk.storage.lmgr;

import org.junit.jupiter.api.Test;
import org.tusk.storage.ipc.SharedMemoryMap;
import org.tusk.storage.shmem.ShmemRegion;
import org.tusk.utils.init.BackendType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The lock table in the real region, seen through two separate mappings of its file, as two processes see it. */
class LockTableMappingTest {
    @Test
    void aLockTakenThroughOneMappingBlocksAndWakesAWaiterInTheOther() throws Exception {
        Path file = Files.createTempFile("tusk-shm", ".locks");
        SharedMemoryMap creator = SharedMemoryMap.create(file, new ShmemRegion.Sizing(8, 4, 256, 16, 8, 12), 1);
        try (SharedMemoryMap one = SharedMemoryMap.attach(file); SharedMemoryMap two = SharedMemoryMap.attach(file)) {
            assertEquals(12, two.region().sizing().maxLocksPerXact());
            Proc p1 = one.procGlobal().proc(1);
            Proc p2 = two.procGlobal().proc(2);
            p1.initialize(4001, BackendType.BACKEND, 0);
            p2.initialize(4002, BackendType.BACKEND, 0);
            LockWaitContext ctx = LockWaitContext.of(60_000, 0, () -> { });
            LockManager lm1 = new LockManager(one.lockTable(), p1, ctx);
            LockManager lm2 = new LockManager(two.lockTable(), p2, ctx);
            LockTag t = LockTag.relation(5, 16384);
            lm1.acquire(t, LockMode.ACCESS_EXCLUSIVE, false);
            assertEquals(LockAcquireResult.NOT_AVAIL, lm2.acquire(t, LockMode.ACCESS_SHARE, true));
            CompletableFuture<LockAcquireResult> waiter =
                    CompletableFuture.supplyAsync(() -> lm2.acquire(t, LockMode.ACCESS_SHARE, false));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (new LockStatus(one.lockTable()).rows().stream().noneMatch(r -> !r.granted() && r.pid() == 4002)) {
                if (System.nanoTime() > deadline) throw new AssertionError("the waiter never queued");
                Thread.sleep(2);
            }
            assertFalse(waiter.isDone());
            lm1.releaseAll(false);
            assertEquals(LockAcquireResult.OK, waiter.get(10, TimeUnit.SECONDS));
            lm2.releaseAll(true);
            assertEquals(0, new LockStatus(creator.lockTable()).rows().size());
        } finally {
            creator.region().destroy();
        }
    }
}
