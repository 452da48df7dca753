package org.tusk.access.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.HeapTupleHeader;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.utils.cache.Relation;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** SetHintBits' rules: not before the commit is durable, none with data checksums, dirty without WAL. */
class HintBitsTest {
    @TempDir
    Path dir;

    private static int infomask(TestBackend b, Relation rel, ItemPointer tid) {
        int buf = b.bm.readBuffer(HeapEnv.tag(rel, tid.block()), null);
        b.bm.lockBuffer(buf, BufferManager.LockMode.SHARE);
        try {
            return HeapTupleHeader.infomask(Page.item(b.bm.page(buf), tid.offset()));
        } finally {
            b.bm.unlockBuffer(buf);
            b.bm.releaseBuffer(buf);
        }
    }

    @Test
    void commitHintWaitsForTheCommitRecordToBeFlushed() throws Exception {
        try (TestCluster c = new TestCluster(dir, 16, true)) {
            Relation rel = c.createTable(16600);
            TestBackend a = c.backend(), r = c.backend();
            ItemPointer t = a.am.insert(rel, new Object[] {1, "a"}, 0);
            a.commit();
            c.flushAll();
            // An asynchronous commit whose record lies beyond both the flushed WAL and the page LSN.
            r.oracle.asyncCommitLsn = 0xFFFF_0000_0000L;
            r.oracle.flushedUpTo = 0;
            assertNotNull(r.am.fetch(rel, t, r.snapshot()), "visible: the CLOG says committed");
            assertEquals(0, infomask(r, rel, t) & HeapTupleHeader.HEAP_XMIN_COMMITTED, "but not hinted yet");
            r.oracle.flushedUpTo = Long.MAX_VALUE;
            assertNotNull(r.am.fetch(rel, t, r.snapshot()));
            assertNotEquals(0, infomask(r, rel, t) & HeapTupleHeader.HEAP_XMIN_COMMITTED, "hinted once durable");
            int buf = r.bm.readBuffer(HeapEnv.tag(rel, 0), null);
            assertTrue(r.bm.isDirty(buf), "a hint dirties the buffer");
            r.bm.releaseBuffer(buf);
        }
    }

    @Test
    void noHintsWithDataChecksums() throws Exception {
        try (TestCluster c = new TestCluster(dir, 16, true)) {
            Relation rel = c.createTable(16601);
            TestBackend a = c.backend();
            ItemPointer t = a.am.insert(rel, new Object[] {1, "a"}, 0);
            a.commit();
            try (TestBackend r = new TestBackend(c, true)) {
                assertNotNull(r.am.fetch(rel, t, r.snapshot()));
                assertEquals(0, infomask(r, rel, t) & (HeapTupleHeader.HEAP_XMIN_COMMITTED | HeapTupleHeader.HEAP_XMIN_INVALID));
            }
        }
    }

    @Test
    void comboCidsKeepBothCommandIds() {
        ComboCids cc = new ComboCids();
        int a = cc.comboCommandId(3, 7);
        int b = cc.comboCommandId(3, 9);
        assertNotEquals(a, b);
        assertEquals(a, cc.comboCommandId(3, 7), "the same pair reuses its id");
        assertEquals(3, cc.realCmin(b));
        assertEquals(9, cc.realCmax(b));
        cc.atEndOfTransaction();
        assertEquals(0, cc.size());
        assertThrows(IllegalStateException.class, () -> cc.realCmin(a));
    }
}
