package org.tusk.access.heap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.HeapTupleHeader;
import org.tusk.access.table.DirtyCheck;
import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TMResult;
import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.time.Snapshot;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/** The heap through its TableAm interface, one or two backends. */
class HeapAmTest {
    @TempDir
    Path dir;
    TestCluster cluster;
    Relation rel;

    @BeforeEach
    void setUp() throws Exception {
        cluster = new TestCluster(dir, 64, true);
        rel = TestCluster.relation(cluster.createTable(16384).locator());
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    static Object[] row(int id, String val) {
        return new Object[] {id, val};
    }

    static List<Object[]> scan(TestBackend b, Relation rel, Snapshot s) {
        List<Object[]> out = new ArrayList<>();
        try (TableScan scan = b.am.beginScan(rel, s)) {
            for (TupleSlot slot; (slot = scan.next()) != null; ) out.add(slot.values());
        }
        return out;
    }

    static BitSet attrs(int... attnums) {
        BitSet b = new BitSet();
        for (int a : attnums) b.set(a);
        return b;
    }

    /** Looks at the raw page of {@code tid}'s block under a share lock. */
    static void onPage(TestBackend b, Relation rel, int block, Consumer<MemorySegment> f) {
        int buf = b.bm.readBuffer(HeapEnv.tag(rel, block), null);
        b.bm.lockBuffer(buf, BufferManager.LockMode.SHARE);
        try {
            f.accept(b.bm.page(buf));
        } finally {
            b.bm.unlockBuffer(buf);
            b.bm.releaseBuffer(buf);
        }
    }

    @Test
    void insertFetchAndScan() {
        TestBackend b = cluster.backend();
        List<ItemPointer> tids = new ArrayList<>();
        for (int i = 0; i < 500; i++) tids.add(b.am.insert(rel, row(i, "value " + i), b.cid));
        b.commit();
        assertTrue(b.am.numberOfBlocks(rel) > 1, "500 rows take several pages");
        Snapshot s = b.snapshot();
        for (int i = 0; i < 500; i += 37) {
            TupleSlot slot = b.am.fetch(rel, tids.get(i), s);
            assertEquals(tids.get(i), slot.tid());
            assertArrayEquals(row(i, "value " + i), slot.values());
        }
        List<Object[]> rows = scan(b, rel, s);
        assertEquals(500, rows.size());
        for (int i = 0; i < 500; i++) assertArrayEquals(row(i, "value " + i), rows.get(i));
        assertNull(b.am.fetch(rel, new ItemPointer(0, 999), s), "no such line pointer");
        assertEquals(0, b.bm.pinnedCount(), "scans and fetches give their pins back");
    }

    /** A value pglz cannot shrink: pseudo-random hex digits. */
    static String incompressible(int n) {
        java.util.Random r = new java.util.Random(7);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < n) sb.append(Long.toHexString(r.nextLong()));
        return sb.substring(0, n);
    }

    /**
     * heap_toast_insert_or_update's compression pass: a 100 kB text that pglz shrinks is stored
     * compressed inline (VARATT_IS_COMPRESSED), reads back whole, and an update recompresses.
     */
    @Test
    void wideCompressibleRowIsStoredCompressed() {
        TestBackend b = cluster.backend();
        String big = "1234567890".repeat(10000);
        ItemPointer tid = b.am.insert(rel, row(1, big), b.cid);
        b.commit();
        onPage(b, rel, tid.block(), page -> {
            MemorySegment t = Page.item(page, tid.offset());
            assertTrue(t.byteSize() < HeapToast.TOAST_TUPLE_THRESHOLD, "compressed to " + t.byteSize());
            long off = org.tusk.access.common.HeapTupleHeader.hoff(t) + 4;
            assertEquals(0x02, t.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off) & 0x03, "a 4B_C header");
        });
        Snapshot s = b.snapshot();
        assertEquals(big, b.am.fetch(rel, tid, s).values()[1]);
        String big2 = "abc".repeat(20000);
        assertTrue(b.am.update(rel, tid, row(1, big2), b.cid, s, true, null).isOk());
        b.commit();
        assertEquals(List.of(big2), scan(b, rel, b.snapshot()).stream().map(r -> r[1]).toList());
        String small = "x".repeat(1500);
        ItemPointer plain = b.am.insert(rel, row(2, small), b.cid);
        onPage(b, rel, plain.block(), page -> assertTrue(Page.item(page, plain.offset()).byteSize() > 1500,
                "under TOAST_TUPLE_THRESHOLD nothing is compressed"));
    }

    @Test
    void rowTooBigIsRefused() {
        TestBackend b = cluster.backend();
        PgException e = assertThrows(PgException.class, () -> b.am.insert(rel, row(1, incompressible(9000)), 0));
        assertEquals("54000", e.sqlState());
        assertTrue(e.getMessage().startsWith("row is too big: size "), e.getMessage());
    }

    @Test
    void ownChangesAreSeenByLaterCommandsOnly() {
        TestBackend b = cluster.backend();
        ItemPointer t1 = b.am.insert(rel, row(1, "a"), b.cid);
        Snapshot sameCommand = b.snapshot();
        assertNull(b.am.fetch(rel, t1, sameCommand), "inserted by this command: not yet visible");
        b.cci();
        assertNotNull(b.am.fetch(rel, t1, b.snapshot()), "visible to the next command");
        Snapshot beforeDelete = b.snapshot();
        assertTrue(b.am.delete(rel, t1, b.cid, beforeDelete, true).isOk());
        assertEquals(1, b.combo.size(), "inserted and deleted by one transaction: a combo cid");
        assertNotNull(b.am.fetch(rel, t1, beforeDelete), "deleted by this command: still visible to it");
        b.cci();
        assertNull(b.am.fetch(rel, t1, b.snapshot()), "deleted by an earlier command");
        // The same command cannot change the row again; an earlier command's deletion hides it.
        assertEquals(TMResult.SELF_MODIFIED, b.am.delete(rel, t1, b.cid - 1, beforeDelete, true).result());
        assertEquals(TMResult.INVISIBLE, b.am.delete(rel, t1, b.cid, b.snapshot(), true).result());
        b.commit();
    }

    @Test
    void otherTransactionsSeeOnlyCommittedRows() {
        TestBackend a = cluster.backend(), c = cluster.backend();
        ItemPointer committed = a.am.insert(rel, row(1, "committed"), 0);
        a.commit();
        ItemPointer aborted = a.am.insert(rel, row(2, "aborted"), 0);
        a.abort();
        ItemPointer running = a.am.insert(rel, row(3, "running"), 0);
        Snapshot s = c.snapshot();
        assertNotNull(c.am.fetch(rel, committed, s));
        assertNull(c.am.fetch(rel, aborted, s), "aborted inserter");
        assertNull(c.am.fetch(rel, running, s), "inserter still running");
        a.commit();
        assertNull(c.am.fetch(rel, running, s), "committed after the snapshot was taken");
        assertNotNull(c.am.fetch(rel, running, c.snapshot()), "a new snapshot sees it");
        // Hint bits: the aborted row got XMIN_INVALID, the committed one XMIN_COMMITTED.
        onPage(c, rel, 0, p -> {
            assertTrue((HeapTupleHeader.infomask(Page.item(p, committed.offset())) & HeapTupleHeader.HEAP_XMIN_COMMITTED) != 0);
            assertTrue((HeapTupleHeader.infomask(Page.item(p, aborted.offset())) & HeapTupleHeader.HEAP_XMIN_INVALID) != 0);
        });
    }

    @Test
    void hotUpdateStaysOnThePageAndIndexFetchFollowsTheChain() {
        TestBackend b = cluster.backend();
        ItemPointer root = b.am.insert(rel, row(1, "v0"), 0);
        b.commit();
        ItemPointer cur = root;
        for (int i = 1; i <= 3; i++) {
            ModifyResult r = b.am.update(rel, cur, row(1, "v" + i), 0, b.snapshot(), true, attrs(1));
            assertTrue(r.isOk());
            assertFalse(r.updateIndexes(), "only a non-indexed column changed: HOT");
            assertEquals(root.block(), r.newTid().block());
            cur = r.newTid();
            b.commit();
        }
        ItemPointer last = cur;
        Snapshot s = b.snapshot();
        TupleSlot viaIndex = b.am.indexFetch(rel, root, s);
        assertEquals(last, viaIndex.tid(), "the index entry of the root reaches the newest version");
        assertArrayEquals(row(1, "v3"), viaIndex.values());
        assertNull(b.am.fetch(rel, root, s), "the root version itself is dead to a new snapshot");
        onPage(b, rel, 0, p -> {
            MemorySegment r0 = Page.item(p, root.offset());
            assertTrue((HeapTupleHeader.infomask2(r0) & HeapTupleHeader.HEAP_HOT_UPDATED) != 0);
            assertFalse(HeapTuples.isHeapOnly(r0));
            MemorySegment n = Page.item(p, last.offset());
            assertTrue(HeapTuples.isHeapOnly(n));
            assertTrue((HeapTupleHeader.infomask(n) & HeapTupleHeader.HEAP_UPDATED) != 0);
        });
        assertEquals(1, scan(b, rel, s).size());
    }

    @Test
    void updateOfAnIndexedColumnIsNotHot() {
        TestBackend b = cluster.backend();
        ItemPointer t = b.am.insert(rel, row(1, "a"), 0);
        b.commit();
        ModifyResult r = b.am.update(rel, t, row(2, "a"), 0, b.snapshot(), true, attrs(1));
        assertTrue(r.isOk());
        assertTrue(r.updateIndexes());
        b.commit();
        onPage(b, rel, 0, p -> {
            MemorySegment old = Page.item(p, t.offset());
            assertEquals(r.newTid(), HeapTupleHeader.ctid(old), "t_ctid points at the new version");
            assertEquals(0, HeapTupleHeader.infomask2(old) & HeapTupleHeader.HEAP_HOT_UPDATED);
            assertTrue((HeapTupleHeader.infomask2(old) & HeapTupleHeader.HEAP_KEYS_UPDATED) != 0);
            assertFalse(HeapTuples.isHeapOnly(Page.item(p, r.newTid().offset())));
        });
        assertNull(b.am.indexFetch(rel, t, b.snapshot()), "a non-HOT successor is not reached from the old index entry");
        assertNotNull(b.am.indexFetch(rel, r.newTid(), b.snapshot()));
    }

    @Test
    void updateThatDoesNotFitGoesToAnotherPage() {
        TestBackend b = cluster.backend();
        String big = "x".repeat(2000);
        ItemPointer first = null;
        for (int i = 0; i < 4; i++) {
            ItemPointer t = b.am.insert(rel, row(i, big), 0);
            if (first == null) first = t;
        }
        b.commit();
        assertEquals(1, b.am.numberOfBlocks(rel));
        ModifyResult r = b.am.update(rel, first, row(0, big + "y"), 0, b.snapshot(), true, new BitSet());
        assertTrue(r.isOk());
        assertEquals(1, r.newTid().block(), "no room on page 0: the relation was extended");
        assertTrue(r.updateIndexes(), "a version on another page needs index entries");
        b.commit();
        onPage(b, rel, 0, p -> assertTrue(PageHeader.hasFlag(p, PageHeader.PD_PAGE_FULL)));
        TupleSlot slot = b.am.fetch(rel, r.newTid(), b.snapshot());
        assertEquals(big + "y", slot.values()[1]);
        assertEquals(4, scan(b, rel, b.snapshot()).size());
    }

    @Test
    void deleteHidesTheRowFromLaterSnapshotsOnly() {
        TestBackend a = cluster.backend(), c = cluster.backend();
        ItemPointer t = a.am.insert(rel, row(1, "a"), 0);
        a.commit();
        Snapshot before = c.snapshot();
        assertTrue(a.am.delete(rel, t, 0, a.snapshot(), true).isOk());
        assertNotNull(c.am.fetch(rel, t, c.snapshot()), "deleter still running");
        a.commit();
        assertNotNull(c.am.fetch(rel, t, before), "snapshot older than the delete");
        assertNull(c.am.fetch(rel, t, c.snapshot()));
        ModifyResult again = c.am.delete(rel, t, 0, c.snapshot(), true);
        assertEquals(TMResult.DELETED, again.result());
        assertEquals(t, again.ctid());
    }

    @Test
    void concurrentUpdateWaitsThenReportsUpdated() throws Exception {
        TestBackend a = cluster.backend(), c = cluster.backend();
        ItemPointer t = a.am.insert(rel, row(1, "a"), 0);
        a.commit();
        ModifyResult ra = a.am.update(rel, t, row(1, "by a"), 0, a.snapshot(), true, new BitSet());
        assertTrue(ra.isOk());
        // Without waiting: the row is being modified.
        ModifyResult nowait = c.am.update(rel, t, row(1, "by c"), 0, c.snapshot(), false, new BitSet());
        assertEquals(TMResult.BEING_MODIFIED, nowait.result());
        assertEquals(a.oracle.xidIfAny(), nowait.xmax());
        // Waiting: c sleeps until a commits, then learns the row was updated and where to.
        Snapshot cs = c.snapshot();
        ModifyResult[] rc = new ModifyResult[1];
        Thread th = Thread.ofPlatform().start(() -> rc[0] = c.am.update(rel, t, row(1, "by c"), 0, cs, true, new BitSet()));
        while (c.oracle.waits == 0) Thread.sleep(1);
        Thread.sleep(20);
        assertTrue(th.isAlive(), "c waits for a");
        a.commit();
        th.join(10_000);
        assertEquals(TMResult.UPDATED, rc[0].result());
        assertEquals(ra.newTid(), rc[0].ctid());
        c.commit();
    }

    @Test
    void waiterProceedsWhenTheOtherTransactionAborts() throws Exception {
        TestBackend a = cluster.backend(), c = cluster.backend();
        ItemPointer t = a.am.insert(rel, row(1, "a"), 0);
        a.commit();
        assertTrue(a.am.delete(rel, t, 0, a.snapshot(), true).isOk());
        ModifyResult[] rc = new ModifyResult[1];
        Thread th = Thread.ofPlatform().start(() -> rc[0] = c.am.delete(rel, t, 0, c.snapshot(), true));
        while (c.oracle.waits == 0) Thread.sleep(1);
        a.abort();
        th.join(10_000);
        assertTrue(rc[0].isOk(), "the aborted delete does not count");
        c.commit();
        assertNull(a.am.fetch(rel, t, a.snapshot()));
    }

    @Test
    void checkDirtySeesRunningInsertersAndDeleters() {
        TestBackend a = cluster.backend(), c = cluster.backend();
        ItemPointer t = a.am.insert(rel, row(1, "a"), 0);
        int ax = a.oracle.xidIfAny();
        assertEquals(new DirtyCheck(true, ax), c.am.checkDirty(rel, t), "insert in progress: wait for it");
        a.commit();
        assertEquals(new DirtyCheck(true, 0), c.am.checkDirty(rel, t));
        a.am.delete(rel, t, 0, a.snapshot(), true);
        int ax2 = a.oracle.xidIfAny();
        assertEquals(new DirtyCheck(true, ax2), c.am.checkDirty(rel, t), "delete in progress: wait for it");
        a.commit();
        assertEquals(DirtyCheck.DEAD, c.am.checkDirty(rel, t));
    }

    @Test
    void pruningRemovesDeadVersionsAndFreesSpace() {
        TestBackend b = cluster.backend();
        String val = "y".repeat(200);
        ItemPointer root = b.am.insert(rel, row(1, val), 0);
        ItemPointer gone = b.am.insert(rel, row(2, val), 0);
        b.commit();
        // A transaction older than the updates and the delete keeps them visible (RECENTLY_DEAD).
        TestBackend reader = cluster.backend();
        reader.oracle.currentTransactionId();
        ItemPointer cur = root;
        for (int i = 0; i < 10; i++) {
            cur = b.am.update(rel, cur, row(1, val + i), 0, b.snapshot(), true, attrs(1)).newTid();
            b.commit();
        }
        assertTrue(b.am.delete(rel, gone, 0, b.snapshot(), true).isOk());
        b.commit();
        int[] freeBefore = new int[1];
        onPage(b, rel, 0, p -> freeBefore[0] = Page.heapFreeSpace(p));
        assertEquals(0, b.am.prunePage(rel, 0));
        reader.commit();
        int removed = b.am.prunePage(rel, 0);
        assertEquals(11, removed, "ten old versions of row 1 and the deleted row 2");
        ItemPointer last = cur;
        onPage(b, rel, 0, p -> {
            assertTrue(Page.heapFreeSpace(p) > freeBefore[0] + 10 * 200, "space was reclaimed");
            assertTrue(ItemId.isRedirect(ItemId.get(p, root.offset())), "root redirects to the live version");
            assertEquals(last.offset(), ItemId.redirectTarget(ItemId.get(p, root.offset())));
            assertTrue(ItemId.isDead(ItemId.get(p, gone.offset())), "a deleted root stays as LP_DEAD for its index entries");
        });
        TupleSlot s = b.am.indexFetch(rel, root, b.snapshot());
        assertEquals(last, s.tid());
        assertEquals(val + 9, s.values()[1]);
        assertEquals(1, scan(b, rel, b.snapshot()).size());
        // New rows reuse the freed line pointers.
        ItemPointer reuse = b.am.insert(rel, row(3, "r"), 0);
        assertEquals(0, reuse.block());
        b.commit();
    }

    @Test
    void scansPruneFullPagesOpportunistically() {
        TestBackend b = cluster.backend();
        String val = "z".repeat(500);
        List<ItemPointer> tids = new ArrayList<>();
        for (int i = 0; i < 15; i++) tids.add(b.am.insert(rel, row(i, val), 0));
        b.commit();
        for (ItemPointer t : tids.subList(0, 14)) b.am.delete(rel, t, 0, b.snapshot(), true);
        b.commit();
        onPage(b, rel, 0, p -> assertTrue(Page.heapFreeSpace(p) < Page.BLCKSZ / 10, "page is nearly full"));
        assertEquals(1, scan(b, rel, b.snapshot()).size());
        onPage(b, rel, 0, p -> {
            assertTrue(Page.heapFreeSpace(p) > Page.BLCKSZ / 2, "the scan pruned the page");
            assertEquals(0, PageHeader.pruneXid(p), "nothing left to prune");
        });
    }

    @Test
    void bigRelationsAreScannedThroughARing() {
        TestBackend b = cluster.backend();
        String val = "w".repeat(1000);
        for (int i = 0; i < 200; i++) b.am.insert(rel, row(i, val), 0);
        b.commit();
        assertTrue(b.am.numberOfBlocks(rel) > cluster.nbuffers / 4);
        try (HeapScan s = (HeapScan) b.am.beginScan(rel, b.snapshot())) {
            assertTrue(s.usesBulkRead());
            int n = 0;
            while (s.next() != null) n++;
            assertEquals(200, n);
        }
    }
}
