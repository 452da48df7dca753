package org.tusk.storage.page;

/**
 * PostgreSQL's alignment macros (c.h: TYPEALIGN, MAXALIGN, SHORTALIGN, INTALIGN, DOUBLEALIGN) for
 * the x86-64 / aarch64 platforms Tusk runs on, where MAXIMUM_ALIGNOF is 8.
 *
 * <p>Everything placed on a page by {@link Page} starts on a MAXALIGN boundary measured from the
 * start of the page, and pages themselves are MAXALIGNed in memory, so an 8-byte field at a
 * MAXALIGNed offset inside an item can be read with an aligned access.
 */
public final class Alignment {
    /** MAXIMUM_ALIGNOF: the strictest alignment any on-disk datum needs. */
    public static final int MAXIMUM_ALIGNOF = 8;

    private Alignment() {}

    /** TYPEALIGN(alignval, len): {@code len} rounded up to a multiple of {@code alignval} (a power of two). */
    public static int typeAlign(int alignval, int len) {
        return (len + alignval - 1) & ~(alignval - 1);
    }

    public static long typeAlign(int alignval, long len) {
        return (len + alignval - 1) & ~((long) alignval - 1);
    }

    /** MAXALIGN(len). */
    public static int maxAlign(int len) {
        return typeAlign(MAXIMUM_ALIGNOF, len);
    }

    /** MAXALIGN_DOWN(len). */
    public static int maxAlignDown(int len) {
        return len & ~(MAXIMUM_ALIGNOF - 1);
    }

    public static boolean isMaxAligned(long value) {
        return (value & (MAXIMUM_ALIGNOF - 1)) == 0;
    }
}
