package org.tusk.access.slru;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.lmgr.LWLock;
import org.tusk.testsupport.MappedFile;
import org.tusk.utils.error.PgException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlruTest {
    @TempDir
    Path dir;

    /** Plain page order: enough for tests that stay far from wraparound. */
    private static boolean precedes(int p1, int p2) {
        return p1 < p2;
    }

    private static Slru slru(MappedFile shm, int slots, Path dir) {
        return new Slru(new SlruShared("Test", shm.segment(), slots), dir, SlruTest::precedes);
    }

    /** Zeroes page p and stamps it with p at every int, under the control lock. */
    private static void stamp(Slru s, int pageno) {
        s.controlLock().acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int slot = s.zeroPage(pageno);
            for (int i = 0; i < SlruShared.BLCKSZ / 4; i++) s.page(slot).setAtIndex(JAVA_INT, i, pageno);
            s.markDirty(slot);
        } finally {
            s.controlLock().release(LWLock.Mode.EXCLUSIVE);
        }
    }

    private static int readStamp(Slru s, int pageno, int index) {
        return s.readPageReadOnly(pageno, 0, page -> page.getAtIndex(JAVA_INT, index));
    }

    @Test
    void layoutSizes() {
        assertEquals(32, SlruShared.SLOT.byteSize());
        assertEquals(64 + 32 * 32 + 32 * 8192, SlruShared.layout(32).byteSize());
        // 3 descriptors take 96 bytes: pages still start on a 64-byte boundary.
        assertEquals(64 + 128 + 3 * 8192, SlruShared.layout(3).byteSize());
        assertThrows(IllegalArgumentException.class, () -> SlruShared.layout(1));
    }

    @Test
    void zeroRegionIsEmptyAndSegmentNamesArePostgres() {
        try (MappedFile shm = MappedFile.create(SlruShared.layout(4).byteSize())) {
            Slru s = slru(shm, 4, dir);
            for (int i = 0; i < 4; i++) {
                assertEquals(SlruPageStatus.EMPTY, s.shared().status(i));
                assertFalse(s.shared().isDirty(i));
            }
            assertEquals(dir.resolve("0000"), s.segmentPath(31));
            assertEquals(dir.resolve("0001"), s.segmentPath(32));
            assertEquals(dir.resolve("001F"), s.segmentPath(31 * 32 + 5));
            assertEquals(dir.resolve("0FFF"), s.segmentPath(131071));
        }
    }

    @Test
    void evictionWritesDirtyPagesAndRereadsThem() throws Exception {
        try (MappedFile shm = MappedFile.create(SlruShared.layout(3).byteSize())) {
            Slru s = slru(shm, 3, dir);
            for (int p = 0; p < 40; p++) stamp(s, p);   // 40 pages through 3 buffers: 37+ evictions
            assertTrue(Files.exists(dir.resolve("0000")));
            assertTrue(Files.exists(dir.resolve("0001")));   // pages 32.. went to the second segment
            for (int p = 0; p < 40; p++) assertEquals(p, readStamp(s, p, 7 + p), "page " + p);
            // Page 5 was written at offset 5 * 8192 of segment 0000.
            byte[] seg0 = Files.readAllBytes(dir.resolve("0000"));
            assertEquals(32 * 8192, seg0.length);
            assertEquals(5, seg0[5 * 8192]);
        }
    }

    @Test
    void writeAllThenFreshRegionReadsFromDisk() {
        try (MappedFile shm = MappedFile.create(SlruShared.layout(4).byteSize())) {
            Slru s = slru(shm, 4, dir);
            stamp(s, 0);
            stamp(s, 1);
            stamp(s, 33);
            s.writeAll();
            for (int i = 0; i < 4; i++) assertFalse(s.shared().isDirty(i));
        }
        try (MappedFile shm = MappedFile.create(SlruShared.layout(4).byteSize())) {
            Slru s = slru(shm, 4, dir);
            assertEquals(0, readStamp(s, 0, 100));
            assertEquals(1, readStamp(s, 1, 2047));
            assertEquals(33, readStamp(s, 33, 0));
        }
    }

    @Test
    void missingSegmentIsPostgresErrorAndLeavesSlotEmpty() {
        try (MappedFile shm = MappedFile.create(SlruShared.layout(4).byteSize())) {
            Slru s = slru(shm, 4, dir);
            PgException e = assertThrows(PgException.class, () -> s.readPageReadOnly(64, 65536 * 2 + 7, p -> 0));
            assertEquals("could not access status of transaction 131079", e.getMessage());
            assertEquals("Could not open file \"" + dir.resolve("0002") + "\": No such file or directory.", e.detail());
            assertEquals("58P01", e.sqlState());
            for (int i = 0; i < 4; i++) assertEquals(SlruPageStatus.EMPTY, s.shared().status(i));
            // The control lock was released: the SLRU still works.
            stamp(s, 64);
            s.writeAll();
            assertEquals(64, readStamp(s, 64, 1));
        }
    }

    @Test
    void shortSegmentIsReadTooFewBytes() throws Exception {
        try (MappedFile shm = MappedFile.create(SlruShared.layout(4).byteSize())) {
            Slru s = slru(shm, 4, dir);
            Files.write(dir.resolve("0000"), new byte[8192]);
            assertEquals(0, readStamp(s, 0, 0));
            PgException e = assertThrows(PgException.class, () -> readStamp(s, 1, 0));
            assertEquals("Could not read from file \"" + dir.resolve("0000") + "\" at offset 8192: read too few bytes.", e.detail());
        }
    }

    @Test
    void truncateRemovesWholeSegmentsBeforeCutoff() throws Exception {
        try (MappedFile shm = MappedFile.create(SlruShared.layout(4).byteSize())) {
            Slru s = slru(shm, 4, dir);
            for (int p : new int[] {0, 31, 32, 63, 64, 70}) stamp(s, p);
            s.writeAll();
            Files.writeString(dir.resolve("README"), "not a segment");
            assertTrue(s.anySegmentBefore(64 + 5));
            assertTrue(s.truncate(64 + 5));
            assertFalse(Files.exists(dir.resolve("0000")));
            assertFalse(Files.exists(dir.resolve("0001")));
            assertTrue(Files.exists(dir.resolve("0002")));   // holds the cutoff page: stays
            assertTrue(Files.exists(dir.resolve("README")));
            assertFalse(s.anySegmentBefore(64 + 5));
            // Buffered pages before the cutoff were forgotten; reading one now fails.
            assertThrows(PgException.class, () -> readStamp(s, 63, 0));
            assertEquals(70, readStamp(s, 70, 0));
            // The latest page (70) preceding the cutoff is apparent wraparound: nothing happens.
            assertFalse(s.truncate(100));
            assertTrue(Files.exists(dir.resolve("0002")));
        }
    }

    /**
     * Threads (standing in for processes) read 24 pages through 3 buffers at random, so reads
     * constantly evict pages others are about to read and wait on each other's I/O.
     */
    @Test
    void concurrentReadersThroughFewBuffers() throws Exception {
        try (MappedFile shm = MappedFile.create(SlruShared.layout(3).byteSize())) {
            Slru s = slru(shm, 3, dir);
            for (int p = 0; p < 24; p++) stamp(s, p);
            s.writeAll();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        ThreadLocalRandom r = ThreadLocalRandom.current();
                        for (int i = 0; i < 3000; i++) {
                            int p = r.nextInt(24);
                            int got = readStamp(s, p, r.nextInt(2048));
                            if (got != p) throw new AssertionError("page " + p + " read as " + got);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread t : threads) t.join();
            assertNull(failure.get());
            for (int i = 0; i < 3; i++) {
                assertTrue(s.shared().bufferLock(i).tryAcquire(LWLock.Mode.EXCLUSIVE), "buffer lock " + i + " left held");
            }
            assertTrue(s.controlLock().tryAcquire(LWLock.Mode.EXCLUSIVE));
        }
    }
}
