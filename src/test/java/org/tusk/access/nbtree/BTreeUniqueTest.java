package org.tusk.access.nbtree;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.ScanKey;
import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.access.table.DirtyCheck;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** _bt_check_unique as a caller sees it: the 23505 report, NULLs, dead rows, and waiting for an in-progress inserter. */
class BTreeUniqueTest {
    @TempDir
    Path dir;
    BTreeCluster cluster;
    BTreeCluster.Backend b;
    final MemoryTable table = new MemoryTable();
    final TupleDesc desc = BTreeCluster.desc("id", DatumType.INT4, "name", DatumType.TEXT);
    final Relation heap = BTreeCluster.heap(16384, "people", desc);
    Relation index;

    @BeforeEach
    void setUp() throws Exception {
        cluster = new BTreeCluster(dir, 64);
        b = cluster.backend();
        index = BTreeCluster.index(20201, "people_id_name_key", desc, new int[] {1, 2}, true);
        b.am.build(heap, index, table);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private void insert(int id, String name, ItemPointer tid, DirtyCheck state) {
        table.put(tid, new Object[] {id, name}, state);
        b.am.insert(index, new Object[] {id, name}, tid, heap, table, true);
    }

    @Test
    void duplicateOfALiveRowIsRefusedWithPostgresMessage() {
        insert(1, "ann", new ItemPointer(0, 1), new DirtyCheck(true, 0));
        insert(1, "bob", new ItemPointer(0, 2), new DirtyCheck(true, 0));
        UniqueViolation e = assertThrows(UniqueViolation.class,
                () -> insert(1, "ann", new ItemPointer(0, 3), new DirtyCheck(true, 0)));
        assertEquals("23505", e.sqlState());
        assertEquals("duplicate key value violates unique constraint \"people_id_name_key\"", e.getMessage());
        assertEquals("Key (id, name)=(1, ann) already exists.", e.detail());
        assertEquals("people", e.tableName());
        assertEquals("people_id_name_key", e.constraintName());
        assertEquals(0, b.buffers.pinnedCount(), "no buffer left pinned after the error");
        assertEquals(List.of(new ItemPointer(0, 1)),
                BTreeTestSupport.scan(b.am, index, List.of(new ScanKey(2, Strategy.EQUAL, "ann")), false));
    }

    @Test
    void nullsNeverConflictAndDeadRowsDoNot() {
        insert(2, null, new ItemPointer(1, 1), new DirtyCheck(true, 0));
        insert(2, null, new ItemPointer(1, 2), new DirtyCheck(true, 0));
        insert(3, "cy", new ItemPointer(1, 3), DirtyCheck.DEAD);
        insert(3, "cy", new ItemPointer(1, 4), new DirtyCheck(true, 0));
        assertEquals(4, BTreeTestSupport.scan(b.am, index, List.of(), false).size());
        assertEquals(List.of(), b.verifier.check(index));
    }

    @Test
    void duplicatesSpanningManyPagesAreAllChecked() {
        // Many dead versions of one key (what updates leave behind) fill several leaf pages.
        String name = "n".repeat(400);
        for (int i = 0; i < 200; i++) insert(7, name, new ItemPointer(10 + i, 1), DirtyCheck.DEAD);
        insert(7, name, new ItemPointer(500, 1), new DirtyCheck(true, 0));
        table.dirtyChecks.clear();
        assertThrows(UniqueViolation.class, () -> insert(7, name, new ItemPointer(501, 1), new DirtyCheck(true, 0)));
        assertEquals(201, table.dirtyChecks.size(), "every equal entry, across pages, was checked");
        assertEquals(List.of(), b.verifier.check(index));
    }

    @Test
    void waitsForAnInProgressInserterWithoutHoldingLocksThenSucceedsIfItAborted() throws Exception {
        ItemPointer other = new ItemPointer(3, 1);
        insert(5, "eve", other, new DirtyCheck(true, 900));
        AtomicInteger waits = new AtomicInteger();
        AtomicReference<List<ItemPointer>> seenByOther = new AtomicReference<>();
        BTreeCluster.Backend reader = cluster.backend();
        cluster.oracle.onWait = xid -> {
            assertEquals(900, xid);
            waits.incrementAndGet();
            // Another process can read the leaf: the waiter holds no lock on it.
            Thread t = Thread.ofPlatform().start(() -> seenByOther.set(BTreeTestSupport.scan(reader.am, index,
                    List.of(new ScanKey(1, Strategy.EQUAL, 5)), false)));
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
            assertFalse(t.isAlive(), "the reader is blocked: the waiter still holds a lock");
            table.put(other, new Object[] {5, "eve"}, DirtyCheck.DEAD);   // the other transaction aborted
        };
        insert(5, "eve", new ItemPointer(3, 2), new DirtyCheck(true, 0));
        assertEquals(1, waits.get());
        assertEquals(List.of(other), seenByOther.get());
        assertEquals(2, BTreeTestSupport.scan(b.am, index, List.of(new ScanKey(1, Strategy.EQUAL, 5)), false).size());
    }

    @Test
    void waitsThenFailsIfTheOtherInserterCommitted() {
        ItemPointer other = new ItemPointer(4, 1);
        insert(6, "fay", other, new DirtyCheck(true, 901));
        cluster.oracle.onWait = xid -> table.put(other, new Object[] {6, "fay"}, new DirtyCheck(true, 0));
        UniqueViolation e = assertThrows(UniqueViolation.class,
                () -> insert(6, "fay", new ItemPointer(4, 2), new DirtyCheck(true, 0)));
        assertEquals("Key (id, name)=(6, fay) already exists.", e.detail());
    }
}
