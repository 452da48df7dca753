package org.tusk.storage.freespace;

import org.junit.jupiter.api.Test;
import org.tusk.storage.page.Page;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FSM page's binary tree (fsmpage.c) and the map's addressing (freespace.c). */
class FsmPageTest {
    private static MemorySegment newPage() {
        MemorySegment page = Arena.ofAuto().allocate(Page.BLCKSZ, 8);
        Page.init(page, 0);
        return page;
    }

    @Test
    void sizesAreThoseOfPostgres() {
        // NodesPerPage 8164, NonLeafNodesPerPage 4095, SlotsPerFSMPage 4069 for 8 kB pages.
        assertEquals(8164, FsmPage.NODES_PER_PAGE);
        assertEquals(4095, FsmPage.NON_LEAF_NODES_PER_PAGE);
        assertEquals(4069, FsmPage.SLOTS_PER_PAGE);
    }

    @Test
    void settingASlotRaisesTheRootAndSearchFindsTheLeftmostSlotWithEnough() {
        MemorySegment page = newPage();
        assertEquals(0, FsmPage.maxAvail(page));
        assertEquals(-1, FsmPage.search(page, 1, false, false));
        assertTrue(FsmPage.setAvail(page, 10, 5));
        assertTrue(FsmPage.setAvail(page, 3000, 200));
        assertTrue(FsmPage.setAvail(page, 4068, 7));
        assertFalse(FsmPage.setAvail(page, 10, 5), "the same value changes nothing");
        assertEquals(200, FsmPage.maxAvail(page));
        assertEquals(10, FsmPage.search(page, 5, false, false));
        assertEquals(3000, FsmPage.search(page, 6, false, false));
        assertEquals(-1, FsmPage.search(page, 201, false, false));
        // Lowering the largest slot lowers the root again.
        FsmPage.setAvail(page, 3000, 1);
        assertEquals(7, FsmPage.maxAvail(page));
        assertEquals(4068, FsmPage.search(page, 6, false, false));
    }

    @Test
    void theSearchHintMovesRightAndWraps() {
        MemorySegment page = newPage();
        for (int slot : new int[] {2, 50, 700}) FsmPage.setAvail(page, slot, 100);
        // With advanceNext, consecutive searches go 2, 50, 700, then wrap back to 2.
        assertEquals(2, FsmPage.search(page, 10, true, false));
        assertEquals(50, FsmPage.search(page, 10, true, false));
        assertEquals(700, FsmPage.search(page, 10, true, false));
        assertEquals(2, FsmPage.search(page, 10, true, false));
        // Without it the hint stays on the slot found.
        assertEquals(50, FsmPage.search(page, 10, false, false));
        assertEquals(50, FsmPage.search(page, 10, false, false));
    }

    @Test
    void anInconsistentTreeIsRebuiltUnderTheExclusiveLockOnly() {
        MemorySegment page = newPage();
        FsmPage.setAvail(page, 100, 50);
        // A torn page: the leaf lost its value but the inner nodes still promise 50.
        page.set(java.lang.foreign.ValueLayout.JAVA_BYTE, FsmPage.NODES + FsmPage.NON_LEAF_NODES_PER_PAGE + 100, (byte) 0);
        assertEquals(FsmPage.CORRUPT, FsmPage.search(page, 10, false, false));
        assertEquals(-1, FsmPage.search(page, 10, false, true));
        assertEquals(0, FsmPage.maxAvail(page));
    }

    @Test
    void truncateClearsTheSlotsFromTheGivenOne() {
        MemorySegment page = newPage();
        FsmPage.setAvail(page, 5, 30);
        FsmPage.setAvail(page, 500, 90);
        assertTrue(FsmPage.truncateAvail(page, 400));
        assertEquals(30, FsmPage.maxAvail(page));
        assertEquals(0, FsmPage.getAvail(page, 500));
    }

    @Test
    void addressesAreLaidOutDepthFirstAsInPostgres() {
        // Root, then the first level-1 page, then its first bottom page: a small table's map has 3 blocks.
        assertEquals(0, FreeSpaceMap.logicalToPhysical(new FreeSpaceMap.Address(2, 0)));
        assertEquals(1, FreeSpaceMap.logicalToPhysical(new FreeSpaceMap.Address(1, 0)));
        assertEquals(2, FreeSpaceMap.logicalToPhysical(new FreeSpaceMap.Address(0, 0)));
        assertEquals(3, FreeSpaceMap.logicalToPhysical(new FreeSpaceMap.Address(0, 1)));
        // The second level-1 page follows all 4069 bottom pages of the first.
        assertEquals(2 + 4069, FreeSpaceMap.logicalToPhysical(new FreeSpaceMap.Address(1, 1)));
        assertEquals(2 + 4069 + 1, FreeSpaceMap.logicalToPhysical(new FreeSpaceMap.Address(0, 4069)));
        FreeSpaceMap.Address bottom = FreeSpaceMap.location(4069 * 3 + 7);
        assertEquals(new FreeSpaceMap.Address(0, 3), bottom);
        assertEquals(7, FreeSpaceMap.slotOf(4069 * 3 + 7));
        assertEquals(new FreeSpaceMap.Address(1, 0), FreeSpaceMap.parent(bottom));
        assertEquals(3, FreeSpaceMap.slotInParent(bottom));
        assertEquals(bottom, FreeSpaceMap.child(FreeSpaceMap.parent(bottom), 3));
        assertEquals(4069L * 3 + 7, FreeSpaceMap.heapBlock(bottom, 7));
    }

    @Test
    void categoriesRoundAsPostgresDoes() {
        FreeSpaceMap fsm = new FreeSpaceMap(null, null, null, 8160);
        assertEquals(0, fsm.spaceAvailToCategory(31));
        assertEquals(1, fsm.spaceAvailToCategory(32));
        assertEquals(254, fsm.spaceAvailToCategory(8159));
        assertEquals(255, fsm.spaceAvailToCategory(8160));
        assertEquals(1, fsm.spaceNeededToCategory(0));
        assertEquals(1, fsm.spaceNeededToCategory(32));
        assertEquals(2, fsm.spaceNeededToCategory(33));
        assertEquals(255, fsm.spaceNeededToCategory(8160));
        assertEquals(8160, fsm.categoryToSpaceAvail(255));
        assertEquals(64, fsm.categoryToSpaceAvail(2));
    }
}
