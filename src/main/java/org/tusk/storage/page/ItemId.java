package org.tusk.storage.page;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Line pointers (itemid.h): ItemIdData is one uint32 holding three C bit-fields, which GCC on a
 * little-endian machine allocates from the least significant bit:
 *
 * <pre>
 *  bits  0-14  lp_off    offset of the item from the start of the page (MAXALIGNed)
 *  bits 15-16  lp_flags  LP_UNUSED, LP_NORMAL, LP_REDIRECT or LP_DEAD
 *  bits 17-31  lp_len    byte length of the item (not aligned)
 * </pre>
 * A line pointer is handled here as that {@code int} word; {@link #get}/{@link #set} read and
 * write the word for an offset number (1-based) in the page's pd_linp array. The meaning of the
 * flags: UNUSED (lp_len = 0, free for reuse), NORMAL (lp_len &gt; 0, points at an item), REDIRECT
 * (lp_off is the offset number of the next tuple of a HOT chain, lp_len = 0), DEAD (the item is
 * gone or may be removed; it may still have storage).
 */
public final class ItemId {
    public static final ValueLayout.OfInt LAYOUT = JAVA_INT.withName("ItemIdData");
    /** sizeof(ItemIdData). */
    public static final int SIZE = 4;

    public static final int LP_UNUSED = 0;
    public static final int LP_NORMAL = 1;
    public static final int LP_REDIRECT = 2;
    public static final int LP_DEAD = 3;

    /** The largest lp_off / lp_len a 15-bit field holds. */
    public static final int MAX_FIELD = (1 << 15) - 1;

    private ItemId() {}

    /** Byte offset of line pointer {@code offnum} (1-based) from the start of the page. */
    public static int byteOffset(int offnum) {
        return PageHeader.SIZE + (offnum - 1) * SIZE;
    }

    /** PageGetItemId: the line pointer word for {@code offnum}. */
    public static int get(MemorySegment page, int offnum) {
        return page.get(LAYOUT, byteOffset(offnum));
    }

    public static void set(MemorySegment page, int offnum, int word) {
        page.set(LAYOUT, byteOffset(offnum), word);
    }

    public static int make(int off, int flags, int len) {
        if (off < 0 || off > MAX_FIELD || len < 0 || len > MAX_FIELD || (flags & ~3) != 0) {
            throw new IllegalArgumentException("line pointer out of range: off " + off + ", flags " + flags + ", len " + len);
        }
        return off | (flags << 15) | (len << 17);
    }

    /** ItemIdSetNormal. */
    public static int normal(int off, int len) { return make(off, LP_NORMAL, len); }
    /** ItemIdSetUnused: all zero. */
    public static int unused() { return 0; }
    /** ItemIdSetRedirect: lp_off names the offset number of the target. */
    public static int redirect(int targetOffnum) { return make(targetOffnum, LP_REDIRECT, 0); }
    /** ItemIdSetDead: dead without storage. */
    public static int dead() { return make(0, LP_DEAD, 0); }
    /** ItemIdMarkDead: dead but keeping its storage (index "killed" items). */
    public static int markDead(int word) { return (word & ~(3 << 15)) | (LP_DEAD << 15); }

    public static int offset(int word) { return word & MAX_FIELD; }
    public static int flags(int word) { return (word >>> 15) & 3; }
    public static int length(int word) { return word >>> 17; }

    /** ItemIdIsUsed: anything but LP_UNUSED. */
    public static boolean isUsed(int word) { return flags(word) != LP_UNUSED; }
    public static boolean isNormal(int word) { return flags(word) == LP_NORMAL; }
    public static boolean isRedirect(int word) { return flags(word) == LP_REDIRECT; }
    public static boolean isDead(int word) { return flags(word) == LP_DEAD; }
    /** ItemIdHasStorage: lp_len != 0. */
    public static boolean hasStorage(int word) { return length(word) != 0; }
    /** ItemIdGetRedirect. */
    public static int redirectTarget(int word) { return offset(word); }

    public static String toString(int word) {
        String[] names = {"UNUSED", "NORMAL", "REDIRECT", "DEAD"};
        return names[flags(word)] + "(off=" + offset(word) + ", len=" + length(word) + ")";
    }
}
