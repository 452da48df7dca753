package org.tusk.storage.buffer;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.*;

/** ConditionalLockBufferForCleanup and MarkBufferDirtyHint, two "processes" on one pool. */
class BufferCleanupLockTest {
    @Test
    void cleanupLockOnlyForTheSolePinHolder() {
        try (Arena a = Arena.ofShared()) {
            BufferPool pool = new BufferPool(a.allocate(BufferPool.layout(8).byteSize(), 4096), 8);
            BufferManagerTest.MemoryDisk disk = new BufferManagerTest.MemoryDisk();
            BufferManager p1 = new BufferManager(pool, disk), p2 = new BufferManager(pool, disk);
            BufferTag tag = new BufferTag(1663, 5, 16384, 0, 0);
            int b1 = p1.readBuffer(tag, null);
            int b2 = p2.readBuffer(tag, null);
            assertFalse(p1.conditionalLockBufferForCleanup(b1), "another process holds a pin");
            p2.releaseBuffer(b2);
            p1.incrRefCount(b1);
            assertFalse(p1.conditionalLockBufferForCleanup(b1), "two pins of our own are not a cleanup lock either");
            p1.releaseBuffer(b1);
            assertTrue(p1.conditionalLockBufferForCleanup(b1));
            int b2again = p2.readBuffer(tag, null);
            assertFalse(p2.conditionalLockBufferForCleanup(b2again), "not while p1 holds the content lock");
            p1.unlockBuffer(b1);
            p2.releaseBuffer(b2again);
            p1.releaseBuffer(b1);
        }
    }

    @Test
    void hintDirtiesUnderAShareLock() {
        try (Arena a = Arena.ofShared()) {
            BufferPool pool = new BufferPool(a.allocate(BufferPool.layout(8).byteSize(), 4096), 8);
            BufferManager p = new BufferManager(pool, new BufferManagerTest.MemoryDisk());
            int b = p.readBuffer(new BufferTag(1663, 5, 16384, 0, 0), null);
            assertThrows(IllegalStateException.class, () -> p.markDirtyHint(b), "needs a content lock");
            p.lockBuffer(b, BufferManager.LockMode.SHARE);
            assertFalse(p.isDirty(b));
            MemorySegment page = p.page(b);
            page.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 100, (byte) 1);
            p.markDirtyHint(b);
            assertTrue(p.isDirty(b));
            p.unlockBuffer(b);
            p.releaseBuffer(b);
        }
    }
}
