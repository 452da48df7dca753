package org.tusk.access.gist;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;

import org.tusk.storage.page.Page;

/**
 * GISTPageOpaqueData (gist.h): the 16-byte special space of every GiST page.
 *
 * <pre>
 *  0  nsn        PageXLogRecPtr  LSN of the split that last moved entries off this page
 *  8  rightlink  BlockNumber     the next page of a split chain (InvalidBlockNumber at its end)
 * 12  flags      uint16          F_LEAF, F_DELETED, F_TUPLES_DELETED, F_FOLLOW_RIGHT, F_HAS_GARBAGE
 * 14  gist_page_id uint16        GIST_PAGE_ID (0xFF81)
 * </pre>
 */
final class GistPageOpaque {
    private GistPageOpaque() {}

    static final int SIZE = 16;
    static final int F_LEAF = 1, F_DELETED = 2, F_TUPLES_DELETED = 4, F_FOLLOW_RIGHT = 8, F_HAS_GARBAGE = 16;
    static final int GIST_PAGE_ID = 0xFF81;
    static final int INVALID_BLOCK = 0xFFFFFFFF;
    /** GIST_ROOT_BLKNO. */
    static final int ROOT = 0;

    private static MemorySegment special(MemorySegment page) {
        return Page.special(page);
    }

    /** gistinitpage: an empty page with the given flags and no right link. */
    static void init(MemorySegment page, int flags) {
        Page.init(page, SIZE);
        MemorySegment s = special(page);
        s.set(JAVA_INT, 0, 0);
        s.set(JAVA_INT, 4, 0);
        s.set(JAVA_INT, 8, INVALID_BLOCK);
        s.set(JAVA_SHORT, 12, (short) flags);
        s.set(JAVA_SHORT, 14, (short) GIST_PAGE_ID);
    }

    static long nsn(MemorySegment page) {
        MemorySegment s = special(page);
        return ((long) s.get(JAVA_INT, 0) << 32) | (s.get(JAVA_INT, 4) & 0xFFFFFFFFL);
    }

    static void setNsn(MemorySegment page, long nsn) {
        MemorySegment s = special(page);
        s.set(JAVA_INT, 0, (int) (nsn >>> 32));
        s.set(JAVA_INT, 4, (int) nsn);
    }

    static int rightlink(MemorySegment page) {
        return special(page).get(JAVA_INT, 8);
    }

    static void setRightlink(MemorySegment page, int blkno) {
        special(page).set(JAVA_INT, 8, blkno);
    }

    static int flags(MemorySegment page) {
        return special(page).get(JAVA_SHORT, 12) & 0xFFFF;
    }

    static void setFlags(MemorySegment page, int flags) {
        special(page).set(JAVA_SHORT, 12, (short) flags);
    }

    static boolean isLeaf(MemorySegment page) {
        return (flags(page) & F_LEAF) != 0;
    }

    static boolean followRight(MemorySegment page) {
        return (flags(page) & F_FOLLOW_RIGHT) != 0;
    }

    static boolean isGistPage(MemorySegment page) {
        return Page.specialSize(page) == SIZE && (special(page).get(JAVA_SHORT, 14) & 0xFFFF) == GIST_PAGE_ID;
    }
}
