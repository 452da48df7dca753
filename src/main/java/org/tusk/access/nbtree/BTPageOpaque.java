package org.tusk.access.nbtree;

import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * BTPageOpaqueData (nbtree.h): the 16-byte special space at the end of every B-tree page, and the
 * page-level predicates built on it (P_LEFTMOST, P_ISLEAF, P_HIKEY, P_FIRSTDATAKEY ...).
 *
 * <pre>
 *  0 btpo_prev     uint32  left sibling, P_NONE (0) if leftmost
 *  4 btpo_next     uint32  right sibling, P_NONE if rightmost
 *  8 btpo_level    uint32  0 for leaf pages
 * 12 btpo_flags    uint16  BTP_*
 * 14 btpo_cycleid  uint16  vacuum cycle id of the latest split (always 0 here: no vacuum cycles)
 * </pre>
 * Accessors take the whole page and read the special space at its pd_special. Like the rest of
 * the page, the fields are read under the buffer's share content lock and changed only under its
 * exclusive lock (a split changes the left page's, the new page's and the old right sibling's
 * links while holding all three).
 */
public final class BTPageOpaque {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("btpo_prev"),
            JAVA_INT.withName("btpo_next"),
            JAVA_INT.withName("btpo_level"),
            JAVA_SHORT.withName("btpo_flags"),
            JAVA_SHORT.withName("btpo_cycleid"));
    public static final int SIZE = (int) LAYOUT.byteSize();

    public static final int BTP_LEAF = 1 << 0;
    public static final int BTP_ROOT = 1 << 1;
    public static final int BTP_DELETED = 1 << 2;
    public static final int BTP_META = 1 << 3;
    public static final int BTP_HALF_DEAD = 1 << 4;
    public static final int BTP_SPLIT_END = 1 << 5;
    public static final int BTP_HAS_GARBAGE = 1 << 6;
    public static final int BTP_INCOMPLETE_SPLIT = 1 << 7;
    public static final int BTP_HAS_FULLXID = 1 << 8;

    /** P_NONE: no sibling. Block 0 is the metapage, so it is never a sibling. */
    public static final int P_NONE = 0;
    /** P_HIKEY: the high key's offset number on a page that has one. */
    public static final int P_HIKEY = 1;
    /** P_FIRSTKEY: the first data item's offset number on a page with a high key. */
    public static final int P_FIRSTKEY = 2;

    private static final VarHandle PREV = LAYOUT.varHandle(groupElement("btpo_prev"));
    private static final VarHandle NEXT = LAYOUT.varHandle(groupElement("btpo_next"));
    private static final VarHandle LEVEL = LAYOUT.varHandle(groupElement("btpo_level"));
    private static final VarHandle FLAGS = LAYOUT.varHandle(groupElement("btpo_flags"));
    private static final VarHandle CYCLEID = LAYOUT.varHandle(groupElement("btpo_cycleid"));

    private BTPageOpaque() {}

    private static long base(MemorySegment page) {
        return PageHeader.special(page);
    }

    public static int prev(MemorySegment p) { return (int) PREV.get(p, base(p)); }
    public static void setPrev(MemorySegment p, int v) { PREV.set(p, base(p), v); }
    public static int next(MemorySegment p) { return (int) NEXT.get(p, base(p)); }
    public static void setNext(MemorySegment p, int v) { NEXT.set(p, base(p), v); }
    public static int level(MemorySegment p) { return (int) LEVEL.get(p, base(p)); }
    public static void setLevel(MemorySegment p, int v) { LEVEL.set(p, base(p), v); }
    public static int flags(MemorySegment p) { return Short.toUnsignedInt((short) FLAGS.get(p, base(p))); }
    public static void setFlags(MemorySegment p, int v) { FLAGS.set(p, base(p), (short) v); }
    public static int cycleId(MemorySegment p) { return Short.toUnsignedInt((short) CYCLEID.get(p, base(p))); }
    public static void setCycleId(MemorySegment p, int v) { CYCLEID.set(p, base(p), (short) v); }

    public static boolean isLeftmost(MemorySegment p) { return prev(p) == P_NONE; }
    public static boolean isRightmost(MemorySegment p) { return next(p) == P_NONE; }
    public static boolean isLeaf(MemorySegment p) { return (flags(p) & BTP_LEAF) != 0; }
    public static boolean isRoot(MemorySegment p) { return (flags(p) & BTP_ROOT) != 0; }
    public static boolean isDeleted(MemorySegment p) { return (flags(p) & BTP_DELETED) != 0; }
    public static boolean isMeta(MemorySegment p) { return (flags(p) & BTP_META) != 0; }
    /** P_IGNORE: deleted or half-dead (never true here, since pages are not deleted, but checked as PostgreSQL does). */
    public static boolean ignore(MemorySegment p) { return (flags(p) & (BTP_DELETED | BTP_HALF_DEAD)) != 0; }
    public static boolean incompleteSplit(MemorySegment p) { return (flags(p) & BTP_INCOMPLETE_SPLIT) != 0; }

    /** P_FIRSTDATAKEY: the rightmost page of a level has no high key, so its data starts at 1. */
    public static int firstDataKey(MemorySegment p) {
        return isRightmost(p) ? P_HIKEY : P_FIRSTKEY;
    }

    /** _bt_pageinit: PageInit with room for the opaque data. */
    public static void pageInit(MemorySegment page) {
        Page.init(page, SIZE);
    }

    /** Sets up a fresh B-tree page's special space (the fields _bt_split and _bt_newroot fill in). */
    public static void init(MemorySegment page, int prev, int next, int level, int flags) {
        setPrev(page, prev);
        setNext(page, next);
        setLevel(page, level);
        setFlags(page, flags);
        setCycleId(page, 0);
    }
}
