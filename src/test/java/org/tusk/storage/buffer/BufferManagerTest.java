package org.tusk.storage.buffer;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The buffer manager with a pool much smaller than the data, several threads standing in for
 * processes (each with its own BufferManager, as each process has), and an in-memory "disk".
 */
class BufferManagerTest {
    /** A disk that remembers written blocks and counts I/O; unwritten blocks read as zeroes. */
    static final class MemoryDisk implements BlockIO {
        final Map<BufferTag, byte[]> blocks = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger(), writes = new AtomicInteger();
        final Map<BufferTag, AtomicInteger> concurrentIO = new ConcurrentHashMap<>();
        final AtomicInteger overlaps = new AtomicInteger();

        @Override
        public void read(BufferTag tag, MemorySegment page) {
            enter(tag);
            try {
                reads.incrementAndGet();
                byte[] b = blocks.get(tag);
                if (b == null) page.fill((byte) 0); else MemorySegment.copy(b, 0, page, JAVA_BYTE, 0, b.length);
            } finally {
                leave(tag);
            }
        }

        @Override
        public void write(BufferTag tag, MemorySegment page) {
            enter(tag);
            try {
                writes.incrementAndGet();
                blocks.put(tag, page.toArray(JAVA_BYTE));
            } finally {
                leave(tag);
            }
        }

        private void enter(BufferTag tag) {
            if (concurrentIO.computeIfAbsent(tag, t -> new AtomicInteger()).incrementAndGet() > 1) overlaps.incrementAndGet();
        }

        private void leave(BufferTag tag) {
            concurrentIO.get(tag).decrementAndGet();
        }
    }

    private static BufferTag block(int n) {
        return new BufferTag(1663, 5, 16384, 0, n);
    }

    @Test
    void concurrentIncrementsSurviveEvictionToASmallPool() throws Exception {
        int nbuffers = 16, nblocks = 100, threads = 4, perThread = 5_000;
        MemoryDisk disk = new MemoryDisk();
        try (Arena a = Arena.ofShared()) {
            MemorySegment seg = a.allocate(BufferPool.layout(nbuffers).byteSize(), 4096);
            BufferPool pool = new BufferPool(seg, nbuffers);
            AtomicLong done = new AtomicLong();
            List<Thread> ts = new ArrayList<>();
            List<Throwable> errors = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ts.add(new Thread(() -> {
                    BufferManager bm = new BufferManager(pool, disk);
                    try {
                        for (int i = 0; i < perThread; i++) {
                            int b = bm.readBuffer(block(ThreadLocalRandom.current().nextInt(nblocks)), null);
                            bm.lockBuffer(b, BufferManager.LockMode.EXCLUSIVE);
                            MemorySegment page = bm.page(b);
                            page.set(JAVA_LONG, 104, page.get(JAVA_LONG, 104) + 1);
                            bm.markDirty(b);
                            bm.unlockBuffer(b);
                            bm.releaseBuffer(b);
                            done.incrementAndGet();
                        }
                        assertEquals(0, bm.pinnedCount());
                    } catch (Throwable e) {
                        synchronized (errors) { errors.add(e); }
                    }
                }));
            }
            ts.forEach(Thread::start);
            for (Thread t : ts) t.join();
            assertEquals(List.of(), errors);
            BufferManager bm = new BufferManager(pool, disk);
            bm.flushAllDirty();
            long total = 0;
            for (int n = 0; n < nblocks; n++) {
                byte[] b = disk.blocks.get(block(n));
                if (b != null) total += MemorySegment.ofArray(b).get(JAVA_LONG.withByteAlignment(1), 104);
            }
            assertEquals((long) threads * perThread, total, "every increment reached the disk exactly once");
            assertTrue(disk.reads.get() > nblocks, "the pool was too small: blocks were evicted and re-read");
            assertEquals(0, disk.overlaps.get(), "never two I/Os on one block at once");
        }
    }

    @Test
    void aBlockIsReadOnceWhileItStaysCached() {
        MemoryDisk disk = new MemoryDisk();
        try (Arena a = Arena.ofShared()) {
            BufferPool pool = new BufferPool(a.allocate(BufferPool.layout(8).byteSize(), 4096), 8);
            BufferManager bm = new BufferManager(pool, disk);
            for (int i = 0; i < 10; i++) bm.releaseBuffer(bm.readBuffer(block(1), null));
            assertEquals(1, disk.reads.get());
        }
    }

    @Test
    void pinnedBuffersAreNeverEvictedAndAFullPoolSaysSo() {
        MemoryDisk disk = new MemoryDisk();
        try (Arena a = Arena.ofShared()) {
            BufferPool pool = new BufferPool(a.allocate(BufferPool.layout(4).byteSize(), 4096), 4);
            BufferManager bm = new BufferManager(pool, disk);
            List<Integer> pinned = new ArrayList<>();
            for (int i = 0; i < 4; i++) pinned.add(bm.readBuffer(block(i), null));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> bm.readBuffer(block(99), null));
            assertEquals("no unpinned buffers available", e.getMessage());
            for (int i = 0; i < 4; i++) assertEquals(block(i), bm.tag(pinned.get(i)), "pinned buffers keep their blocks");
            bm.releaseAll();
            assertEquals(0, bm.pinnedCount());
            bm.releaseBuffer(bm.readBuffer(block(99), null));
        }
    }

    @Test
    void aBulkReadStaysInItsRing() {
        MemoryDisk disk = new MemoryDisk();
        try (Arena a = Arena.ofShared()) {
            BufferPool pool = new BufferPool(a.allocate(BufferPool.layout(64).byteSize(), 4096), 64);
            BufferManager bm = new BufferManager(pool, disk);
            for (int i = 0; i < 8; i++) bm.releaseBuffer(bm.readBuffer(block(1000 + i), null)); // the "hot" set
            BufferAccessStrategy ring = new BufferAccessStrategy(4);
            for (int i = 0; i < 500; i++) bm.releaseBuffer(bm.readBuffer(block(i), ring));
            int before = disk.reads.get();
            for (int i = 0; i < 8; i++) bm.releaseBuffer(bm.readBuffer(block(1000 + i), null));
            assertEquals(before, disk.reads.get(), "the scan did not evict the hot blocks");
        }
    }
}
