package org.tusk.storage.freespace;

import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferTag;
import org.tusk.storage.lmgr.RelationExtensionLocks;
import org.tusk.storage.page.Page;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.StorageManager;

import java.lang.foreign.MemorySegment;

import static org.tusk.storage.buffer.BufferManager.LockMode.EXCLUSIVE;
import static org.tusk.storage.buffer.BufferManager.LockMode.SHARE;

/**
 * The free space map of a relation (PostgreSQL 15's freespace.c): how much room each page of its
 * main fork has, kept in the {@code _fsm} fork so that an insert finds a page with room without
 * reading the heap, and space that VACUUM frees is used again instead of the relation growing.
 *
 * <p>Space is recorded as a category of one byte, free space / 32 (255: room for the largest
 * tuple), in the leaves of a three-level tree of {@link FsmPage}s: a bottom-level page covers
 * 4069 heap pages, each upper-level slot holds the largest category of one child page, so a search
 * walks down from the root to a page with at least the category asked for. The logical address of
 * an FSM page (level, page number within the level) maps to its block in the fork in depth-first
 * order ({@link #logicalToPhysical}), the same file PostgreSQL writes.
 *
 * <p>Locking and consistency: each FSM page is read under its buffer's share content lock and
 * changed under the exclusive one, and no two FSM pages are locked at a time, so there is no lock
 * order to keep; pages are changed without WAL and marked dirty as hints. The map is therefore
 * only a hint: an upper level may claim more than the level below holds (a search that finds so
 * corrects the parent and starts again), and a heap page may have less room than recorded, which
 * is why the inserter checks the page itself under its lock and reports what it found
 * ({@link #recordAndGetPageWithFreeSpace}). After a crash the map may be stale; VACUUM writes it
 * again. The fork is created and extended lazily under the relation extension lock; new pages are
 * zero, an empty map, and initialised when first locked.
 */
public final class FreeSpaceMap {
    /** FSM_CATEGORIES / FSM_CAT_STEP: 256 categories of 32 bytes. */
    private static final int CAT_STEP = FsmPage.BLCKSZ / 256;
    /** FSM_TREE_DEPTH: three levels cover 4069^3 pages, more than a relation can have. */
    private static final int TREE_DEPTH = 3;
    private static final int ROOT_LEVEL = TREE_DEPTH - 1;
    private static final int BOTTOM_LEVEL = 0;
    private static final long INVALID_BLOCK = 0xFFFF_FFFFL;
    /** fsm_search's bound on restarts after correcting an inconsistent parent. */
    private static final int MAX_RESTARTS = 10000;

    /** An FSM page's logical address (FSMAddress). */
    record Address(int level, long logPageNo) {
        static final Address ROOT = new Address(ROOT_LEVEL, 0);
    }

    private final BufferManager buffers;
    private final StorageManager smgr;
    private final RelationExtensionLocks extensionLocks;
    /** MaxFSMRequestSize: the largest request, MaxHeapTupleSize; category 255 means at least this. */
    private final int maxRequestSize;

    public FreeSpaceMap(BufferManager buffers, StorageManager smgr, RelationExtensionLocks extensionLocks, int maxRequestSize) {
        this.buffers = buffers;
        this.smgr = smgr;
        this.extensionLocks = extensionLocks;
        this.maxRequestSize = maxRequestSize;
    }

    // ---- the public interface (freespace.c's exported functions)

    /** GetPageWithFreeSpace: a page recorded with at least {@code spaceNeeded} bytes free, or -1. */
    public int getPageWithFreeSpace(RelFileLocator rel, int spaceNeeded) {
        return search(rel, spaceNeededToCategory(spaceNeeded));
    }

    /**
     * RecordAndGetPageWithFreeSpace: records that {@code oldPage} has {@code oldSpaceAvail} bytes
     * (it turned out too full) and returns another page with at least {@code spaceNeeded}, or -1,
     * looking first on the same FSM page, which is already locked.
     */
    public int recordAndGetPageWithFreeSpace(RelFileLocator rel, int oldPage, int oldSpaceAvail, int spaceNeeded) {
        int oldCat = spaceAvailToCategory(oldSpaceAvail);
        int searchCat = spaceNeededToCategory(spaceNeeded);
        Address addr = location(oldPage);
        int slot = slotOf(oldPage);
        int found = setAndSearch(rel, addr, slot, oldCat, searchCat);
        if (found >= 0) return (int) heapBlock(addr, found);
        return search(rel, searchCat);
    }

    /** RecordPageWithFreeSpace: {@code heapBlk} has {@code spaceAvail} bytes free. */
    public void recordPageWithFreeSpace(RelFileLocator rel, int heapBlk, int spaceAvail) {
        setAndSearch(rel, location(heapBlk), slotOf(heapBlk), spaceAvailToCategory(spaceAvail), 0);
    }

    /** GetRecordedFreeSpace: the bytes recorded for {@code heapBlk} (the category's lower bound). */
    public int getRecordedFreeSpace(RelFileLocator rel, int heapBlk) {
        int buf = readBuffer(rel, location(heapBlk), false);
        if (buf == 0) return 0;
        buffers.lockBuffer(buf, SHARE);
        try {
            return categoryToSpaceAvail(FsmPage.getAvail(buffers.page(buf), slotOf(heapBlk)));
        } finally {
            buffers.unlockBuffer(buf);
            buffers.releaseBuffer(buf);
        }
    }

    /**
     * FreeSpaceMapVacuum: the upper levels made to agree with the bottom level again, after VACUUM
     * recorded the free space of the heap pages (RecordPageWithFreeSpace changes only the bottom
     * page, so searches would not find the new room until then).
     */
    public void vacuum(RelFileLocator rel) {
        vacuumPage(rel, Address.ROOT, 0, INVALID_BLOCK, new boolean[1]);
    }

    /** FreeSpaceMapVacuumRange: the same for heap blocks [start, end) only. */
    public void vacuumRange(RelFileLocator rel, int start, int end) {
        if (Integer.compareUnsigned(end, start) > 0) {
            vacuumPage(rel, Address.ROOT, Integer.toUnsignedLong(start), Integer.toUnsignedLong(end), new boolean[1]);
        }
    }

    // ---- categories

    /** fsm_space_avail_to_cat. */
    int spaceAvailToCategory(int avail) {
        if (avail >= maxRequestSize) return 255;
        return Math.min(avail / CAT_STEP, 254);
    }

    /** fsm_space_cat_to_avail. */
    int categoryToSpaceAvail(int cat) {
        return cat == 255 ? maxRequestSize : cat * CAT_STEP;
    }

    /** fsm_space_needed_to_cat: rounded up, so that any page of the category has enough. */
    int spaceNeededToCategory(int needed) {
        if (needed > maxRequestSize) throw new IllegalArgumentException("invalid FSM request size " + needed);
        if (needed == 0) return 1;
        return Math.min((needed + CAT_STEP - 1) / CAT_STEP, 255);
    }

    // ---- addressing

    /** fsm_get_location: the bottom-level page of a heap block. */
    static Address location(int heapBlk) {
        return new Address(BOTTOM_LEVEL, Integer.toUnsignedLong(heapBlk) / FsmPage.SLOTS_PER_PAGE);
    }

    static int slotOf(int heapBlk) {
        return (int) (Integer.toUnsignedLong(heapBlk) % FsmPage.SLOTS_PER_PAGE);
    }

    /** fsm_get_heap_blk. */
    static long heapBlock(Address addr, int slot) {
        return addr.logPageNo() * FsmPage.SLOTS_PER_PAGE + slot;
    }

    /** fsm_get_parent: the parent page, the child's slot in it being {@code logPageNo % SLOTS}. */
    static Address parent(Address child) {
        return new Address(child.level() + 1, child.logPageNo() / FsmPage.SLOTS_PER_PAGE);
    }

    static int slotInParent(Address child) {
        return (int) (child.logPageNo() % FsmPage.SLOTS_PER_PAGE);
    }

    /** fsm_get_child. */
    static Address child(Address parent, int slot) {
        return new Address(parent.level() - 1, parent.logPageNo() * FsmPage.SLOTS_PER_PAGE + slot);
    }

    /**
     * fsm_logical_to_physical: the fork's block of an FSM page. Pages are laid out depth-first,
     * each upper page before its first child, so the number of pages before a page is the number
     * of bottom pages up to its first leaf plus the upper pages met on the way.
     */
    static long logicalToPhysical(Address addr) {
        long leafNo = addr.logPageNo();
        for (int l = 0; l < addr.level(); l++) leafNo *= FsmPage.SLOTS_PER_PAGE;
        long pages = 0;
        for (int l = 0; l < TREE_DEPTH; l++) {
            pages += leafNo + 1;
            leafNo /= FsmPage.SLOTS_PER_PAGE;
        }
        pages -= addr.level();
        return pages - 1;
    }

    // ---- pages

    private static BufferTag tag(RelFileLocator rel, int block) {
        return new BufferTag(rel.spcOid(), rel.dbOid(), rel.relNumber(), ForkNumber.FSM.number(), block);
    }

    /**
     * fsm_readbuf: the FSM page, pinned (not locked), initialised if it was new; 0 if the fork
     * does not reach it and {@code extend} is false (a missing page is an empty map).
     */
    private int readBuffer(RelFileLocator rel, Address addr, boolean extend) {
        long blkno = logicalToPhysical(addr);
        long nblocks = smgr.exists(rel, ForkNumber.FSM) ? smgr.nblocks(rel, ForkNumber.FSM) : 0;
        if (blkno >= nblocks) {
            if (!extend) return 0;
            extendFork(rel, (int) (blkno + 1));
        }
        int buf = buffers.readBuffer(tag(rel, (int) blkno), null);
        // A page added by fsm_extend is all zeroes; initialise it under the exclusive lock so that
        // two processes do not both do it (one would lose the other's first change).
        if (Page.isNew(buffers.page(buf))) {
            buffers.lockBuffer(buf, EXCLUSIVE);
            try {
                MemorySegment page = buffers.page(buf);
                if (Page.isNew(page)) {
                    Page.init(page, 0);
                    buffers.markDirtyHint(buf);
                }
            } finally {
                buffers.unlockBuffer(buf);
            }
        }
        return buf;
    }

    /** fsm_extend: the fork created if missing and zero pages appended up to {@code nblocks}. */
    private void extendFork(RelFileLocator rel, int nblocks) {
        extensionLocks.lock(rel);
        try {
            if (!smgr.exists(rel, ForkNumber.FSM)) smgr.create(rel, ForkNumber.FSM, false);
            int now = smgr.nblocks(rel, ForkNumber.FSM);
            if (now < nblocks) smgr.zeroExtend(rel, ForkNumber.FSM, now, nblocks - now, false);
        } finally {
            extensionLocks.unlock(rel);
        }
    }

    /**
     * fsm_set_and_search: sets the slot's category on the page at {@code addr} and, when
     * {@code minValue} is not 0, searches the same page, still locked, for a slot with at least
     * {@code minValue}. The slot found, or -1.
     */
    private int setAndSearch(RelFileLocator rel, Address addr, int slot, int newValue, int minValue) {
        int buf = readBuffer(rel, addr, true);
        buffers.lockBuffer(buf, EXCLUSIVE);
        try {
            MemorySegment page = buffers.page(buf);
            if (FsmPage.setAvail(page, slot, newValue)) buffers.markDirtyHint(buf);
            if (minValue == 0) return -1;
            return FsmPage.search(page, minValue, addr.level() == BOTTOM_LEVEL, true);
        } finally {
            buffers.unlockBuffer(buf);
            buffers.releaseBuffer(buf);
        }
    }

    /**
     * fsm_search: from the root down to a heap page with at least {@code minCat}, or -1. A page
     * that has less than its parent promised makes the parent right and the search start over.
     */
    private int search(RelFileLocator rel, int minCat) {
        Address addr = Address.ROOT;
        for (int restarts = 0; ; ) {
            int slot = -1;
            int maxAvail = 0;
            int buf = readBuffer(rel, addr, false);
            if (buf != 0) {
                try {
                    slot = searchPage(buf, minCat, addr.level() == BOTTOM_LEVEL);
                    if (slot == -1) maxAvail = maxAvail(buf);
                } finally {
                    buffers.releaseBuffer(buf);
                }
            }
            if (slot >= 0) {
                if (addr.level() == BOTTOM_LEVEL) return (int) heapBlock(addr, slot);
                addr = child(addr, slot);
            } else if (addr.level() == ROOT_LEVEL) {
                return -1;
            } else {
                // The parent said this page had room: correct it, and search again from the top.
                setAndSearch(rel, parent(addr), slotInParent(addr), maxAvail, 0);
                if (++restarts > MAX_RESTARTS) return -1;
                addr = Address.ROOT;
            }
        }
    }

    /** fsm_search_avail on a pinned page: under the share lock, or the exclusive one to repair it. */
    private int searchPage(int buf, int minCat, boolean advanceNext) {
        buffers.lockBuffer(buf, SHARE);
        int slot;
        try {
            slot = FsmPage.search(buffers.page(buf), minCat, advanceNext, false);
        } finally {
            buffers.unlockBuffer(buf);
        }
        if (slot != FsmPage.CORRUPT) return slot;
        buffers.lockBuffer(buf, EXCLUSIVE);
        try {
            MemorySegment page = buffers.page(buf);
            slot = FsmPage.search(page, minCat, advanceNext, true);
            buffers.markDirtyHint(buf);
            return slot;
        } finally {
            buffers.unlockBuffer(buf);
        }
    }

    private int maxAvail(int buf) {
        buffers.lockBuffer(buf, SHARE);
        try {
            return FsmPage.maxAvail(buffers.page(buf));
        } finally {
            buffers.unlockBuffer(buf);
        }
    }

    /**
     * fsm_vacuum_page: brings the slots of an upper page for heap blocks [start, end) up to date
     * from its children, recursively, and returns the page's largest category. Resets the search
     * hint, so that searches start at the beginning again, where VACUUM likely freed space.
     */
    private int vacuumPage(RelFileLocator rel, Address addr, long start, long end, boolean[] eof) {
        int buf = readBuffer(rel, addr, false);
        if (buf == 0) {
            eof[0] = true;
            return 0;
        }
        eof[0] = false;
        try {
            if (addr.level() > BOTTOM_LEVEL) {
                Address first = location((int) start);
                int firstSlot = slotOf((int) start);
                Address last = location((int) (end - 1));
                int lastSlot = slotOf((int) (end - 1));
                while (first.level() < addr.level()) {
                    firstSlot = slotInParent(first);
                    first = parent(first);
                    lastSlot = slotInParent(last);
                    last = parent(last);
                }
                int startSlot = first.logPageNo() == addr.logPageNo() ? firstSlot
                        : first.logPageNo() > addr.logPageNo() ? FsmPage.SLOTS_PER_PAGE : 0;
                int endSlot = last.logPageNo() == addr.logPageNo() ? lastSlot
                        : last.logPageNo() > addr.logPageNo() ? FsmPage.SLOTS_PER_PAGE - 1 : -1;
                boolean[] childEof = new boolean[1];
                for (int slot = startSlot; slot <= endSlot; slot++) {
                    int childAvail = childEof[0] ? 0 : vacuumPage(rel, child(addr, slot), start, end, childEof);
                    if (childAvail != currentAvail(buf, slot)) {
                        buffers.lockBuffer(buf, EXCLUSIVE);
                        try {
                            FsmPage.setAvail(buffers.page(buf), slot, childAvail);
                            buffers.markDirtyHint(buf);
                        } finally {
                            buffers.unlockBuffer(buf);
                        }
                    }
                }
            }
            buffers.lockBuffer(buf, SHARE);
            try {
                MemorySegment page = buffers.page(buf);
                FsmPage.setNextSlot(page, 0);
                return FsmPage.maxAvail(page);
            } finally {
                buffers.unlockBuffer(buf);
            }
        } finally {
            buffers.releaseBuffer(buf);
        }
    }

    private int currentAvail(int buf, int slot) {
        buffers.lockBuffer(buf, SHARE);
        try {
            return FsmPage.getAvail(buffers.page(buf), slot);
        } finally {
            buffers.unlockBuffer(buf);
        }
    }
}
