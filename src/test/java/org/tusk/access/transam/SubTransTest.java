package org.tusk.access.transam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.testsupport.MappedFile;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pg_subtrans: parents, the topmost-parent walk, startup zeroing and truncation. */
class SubTransTest {
    @TempDir
    Path pgXact;

    @Test
    void parentsChainToTheTopmostTransaction() {
        try (MappedFile shm = MappedFile.create(TestTransam.layout(4).byteSize())) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            t.setCounters(new FullTransactionId(100), TransactionId.FIRST_NORMAL);
            SubTrans s = t.subtrans;
            s.setParent(101, 100);
            s.setParent(102, 101);
            s.setParent(102, 101);   // again: harmless
            assertEquals(101, s.getParent(102));
            assertEquals(0, s.getParent(100));
            assertEquals(0, s.getParent(TransactionId.BOOTSTRAP));
            assertEquals(100, s.getTopmostTransaction(102, 0));
            assertEquals(101, s.getTopmostTransaction(102, 102), "the walk stops before TransactionXmin");
            assertThrows(IllegalStateException.class, () -> s.setParent(102, 100), "a parent never changes");
            s.setParent(103, 104);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.getTopmostTransaction(103, 0));
            assertEquals("pg_subtrans contains invalid entry: xid 103 points to parent xid 104", e.getMessage());
        }
    }

    @Test
    void startupZeroesAndCheckpointsTruncate() throws Exception {
        try (MappedFile shm = MappedFile.create(TestTransam.layout(4).byteSize())) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            SubTrans s = t.subtrans;
            int perSegment = SubTrans.XACTS_PER_PAGE * 32;
            // Pages in three segments, written out.
            for (int seg = 0; seg < 3; seg++) {
                s.extend(seg * perSegment);
                s.setParent(seg * perSegment + 5, seg * perSegment + 4);
            }
            s.checkPoint();
            Path dir = pgXact.resolve("pg_subtrans");
            assertTrue(Files.exists(dir.resolve("0000")) && Files.exists(dir.resolve("0002")));

            // A restart: whatever the files say, pages from the oldest running id on are zero.
            s.startup(2 * perSegment, 2 * perSegment + 10);
            assertEquals(0, s.getParent(2 * perSegment + 5));

            s.truncate(2 * perSegment + 7);
            assertFalse(Files.exists(dir.resolve("0000")));
            assertFalse(Files.exists(dir.resolve("0001")));
            assertTrue(Files.exists(dir.resolve("0002")), "the segment of the oldest running id stays");
        }
    }
}
