package org.tusk.storage.freespace;

import org.tusk.storage.page.PageHeader;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * One page of the free space map (PostgreSQL 15's fsmpage.c): a standard page header, then
 * FSMPageData, {@code int fp_next_slot} followed by {@code uint8 fp_nodes[]}, a complete binary
 * tree stored as an array (node {@code n}'s children are {@code 2n+1} and {@code 2n+2}). The
 * leaves hold one category (free space / 32) per slot; every inner node holds the larger of its
 * children, so the root says at once whether any slot of the page has the space asked for.
 * Byte for byte PostgreSQL's layout.
 *
 * <p>The caller holds the buffer's content lock: share to read or search, exclusive to set. The
 * one exception, as in PostgreSQL, is {@code fp_next_slot}, written under a share lock as well: it
 * is only a hint where the next search starts (spreading concurrent inserters over the pages), an
 * aligned int whose torn or lost update does no harm. A tree found inconsistent (a crash can leave
 * one: FSM pages are not WAL-logged) is rebuilt from its leaves when the exclusive lock is held,
 * and otherwise reported so that the caller retries.
 */
public final class FsmPage {
    private FsmPage() {}

    static final int BLCKSZ = 8192;
    /** Where FSMPageData starts: MAXALIGN(SizeOfPageHeaderData). */
    static final int CONTENTS = PageHeader.SIZE;
    /** offsetof(FSMPageData, fp_nodes). */
    static final int NODES = CONTENTS + 4;
    /** NodesPerPage: every byte after fp_next_slot. */
    static final int NODES_PER_PAGE = BLCKSZ - NODES;
    /** NonLeafNodesPerPage: the inner nodes of the tree (the leaves are the rest). */
    static final int NON_LEAF_NODES_PER_PAGE = BLCKSZ / 2 - 1;
    /** LeafNodesPerPage = SlotsPerFSMPage: 4069 heap pages (or child FSM pages) per FSM page. */
    public static final int SLOTS_PER_PAGE = NODES_PER_PAGE - NON_LEAF_NODES_PER_PAGE;

    private static int leftChild(int x) { return 2 * x + 1; }
    private static int parentOf(int x) { return (x - 1) / 2; }

    /**
     * rightneighbor: the node to the right at the same level, wrapping to the leftmost node of the
     * level above when {@code x} is the rightmost of its level (the leftmost nodes are numbered
     * 2^level - 1, so x + 1 being a power of two means we stepped onto the next level).
     */
    private static int rightNeighbor(int x) {
        x++;
        if (((x + 1) & x) == 0) x = parentOf(x);
        return x;
    }

    static int node(MemorySegment page, int n) {
        return page.get(JAVA_BYTE, NODES + n) & 0xff;
    }

    private static void setNode(MemorySegment page, int n, int value) {
        page.set(JAVA_BYTE, NODES + n, (byte) value);
    }

    static int nextSlot(MemorySegment page) {
        return page.get(JAVA_INT, CONTENTS);
    }

    static void setNextSlot(MemorySegment page, int slot) {
        page.set(JAVA_INT, CONTENTS, slot);
    }

    /**
     * The larger of node {@code n}'s children; a missing child counts as 0 (the leaf level is not
     * full: the last inner nodes have one child or none).
     */
    private static int maxOfChildren(MemorySegment page, int n) {
        int l = leftChild(n), r = l + 1;
        int lv = l < NODES_PER_PAGE ? node(page, l) : 0;
        int rv = r < NODES_PER_PAGE ? node(page, r) : 0;
        return Math.max(lv, rv);
    }

    /**
     * fsm_set_avail: sets the slot's category and carries the change up the tree as far as it
     * changes anything. True if the page changed. Exclusive lock.
     */
    public static boolean setAvail(MemorySegment page, int slot, int value) {
        int nodeno = NON_LEAF_NODES_PER_PAGE + slot;
        if (node(page, nodeno) == value) return false;
        setNode(page, nodeno, value);
        while (nodeno > 0) {
            nodeno = parentOf(nodeno);
            int newValue = maxOfChildren(page, nodeno);
            if (node(page, nodeno) == newValue) break;
            setNode(page, nodeno, newValue);
        }
        // A root below the value just set means the upper nodes were wrong (a torn page): rebuild.
        if (value > node(page, 0)) rebuild(page);
        return true;
    }

    /** fsm_get_avail: the slot's category. */
    public static int getAvail(MemorySegment page, int slot) {
        return node(page, NON_LEAF_NODES_PER_PAGE + slot);
    }

    /** fsm_get_max_avail: the largest category on the page (the root). */
    public static int maxAvail(MemorySegment page) {
        return node(page, 0);
    }

    /** What {@link #search} found when the tree does not lead where its root promised. */
    static final int CORRUPT = -2;

    /**
     * fsm_search_avail: a slot whose category is at least {@code minValue}, -1 if none. The search
     * starts at fp_next_slot and moves right and up until a node has enough, then down to the
     * leftmost leaf below it that does, so consecutive searches walk the page from left to right
     * and concurrent ones spread out. With {@code advanceNext} the hint moves past the slot
     * returned (the bottom level, where the slot is a heap page about to be filled). If the tree is
     * inconsistent it is rebuilt and searched again when {@code exclusiveLockHeld}; otherwise
     * {@link #CORRUPT} tells the caller to retry under the exclusive lock.
     */
    public static int search(MemorySegment page, int minValue, boolean advanceNext, boolean exclusiveLockHeld) {
        while (true) {
            if (node(page, 0) < minValue) return -1;
            int target = nextSlot(page);
            if (target < 0 || target >= SLOTS_PER_PAGE) target = 0;
            int nodeno = target + NON_LEAF_NODES_PER_PAGE;
            // Up and right from the hint until a node (and so a leaf below it) has enough; the
            // root has, so this ends there at the latest.
            while (nodeno > 0) {
                if (node(page, nodeno) >= minValue) break;
                nodeno = parentOf(rightNeighbor(nodeno));
            }
            // Down to a leaf, preferring the left child.
            boolean consistent = true;
            while (nodeno < NON_LEAF_NODES_PER_PAGE) {
                int child = leftChild(nodeno);
                if (child < NODES_PER_PAGE && node(page, child) >= minValue) {
                    nodeno = child;
                    continue;
                }
                child++;
                if (child < NODES_PER_PAGE && node(page, child) >= minValue) {
                    nodeno = child;
                } else {
                    consistent = false;
                    break;
                }
            }
            if (!consistent) {
                if (!exclusiveLockHeld) return CORRUPT;
                rebuild(page);
                continue;
            }
            int slot = nodeno - NON_LEAF_NODES_PER_PAGE;
            setNextSlot(page, slot + (advanceNext ? 1 : 0));
            return slot;
        }
    }

    /** fsm_truncate_avail: clears every slot from {@code nslots} on. True if the page changed. */
    public static boolean truncateAvail(MemorySegment page, int nslots) {
        boolean changed = false;
        for (int n = NON_LEAF_NODES_PER_PAGE + nslots; n < NODES_PER_PAGE; n++) {
            if (node(page, n) != 0) {
                setNode(page, n, 0);
                changed = true;
            }
        }
        if (changed) rebuild(page);
        return changed;
    }

    /** fsm_rebuild_page: recomputes every inner node from the leaves. True if any changed. */
    public static boolean rebuild(MemorySegment page) {
        boolean changed = false;
        for (int n = NON_LEAF_NODES_PER_PAGE - 1; n >= 0; n--) {
            int v = maxOfChildren(page, n);
            if (node(page, n) != v) {
                setNode(page, n, v);
                changed = true;
            }
        }
        return changed;
    }
}
