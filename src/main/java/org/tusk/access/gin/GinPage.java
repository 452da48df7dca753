package org.tusk.access.gin;

import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * GIN pages (ginblock.h): every page but the metapage is a slotted page whose 8-byte special
 * space is GinPageOpaqueData {uint32 rightlink; uint16 maxoff; uint16 flags}; the metapage
 * (block 0) holds GinMetaPageData at PageGetContents:
 *
 * <pre>
 *  0 head, 4 tail, 8 tailFreeSize, 12 nPendingPages   (pending list: always empty here)
 * 16 nPendingHeapTuples int64
 * 24 nTotalPages, 28 nEntryPages, 32 nDataPages       (statistics for gincostestimate)
 * 40 nEntries int64, 48 ginVersion int32 (2)
 * </pre>
 * The entry tree's root is always block 1 (GIN_ROOT_BLKNO): a root split moves the root's
 * items to two new pages and leaves the root with the two downlinks, as ginbtree.c does.
 */
final class GinPage {
    private GinPage() {}

    static final int METAPAGE_BLKNO = 0, ROOT_BLKNO = 1;
    static final int OPAQUE_SIZE = 8;
    static final int GIN_DATA = 1, GIN_LEAF = 2, GIN_DELETED = 4, GIN_META = 8, GIN_COMPRESSED = 128;
    static final int INVALID_BLOCK = 0xFFFFFFFF;
    static final int GIN_CURRENT_VERSION = 2;
    /** InvalidBlockNumber in head/tail: no pending list. */
    private static final int CONTENTS = Alignment.maxAlign(PageHeader.SIZE);
    static final int META_SIZE = 56;

    /** GinMaxItemSize: at least three entry tuples fit a page. */
    static final int MAX_ITEM_SIZE = Alignment.maxAlignDown(
            (Page.BLCKSZ - Alignment.maxAlign(PageHeader.SIZE + 3 * ItemId.SIZE) - Alignment.maxAlign(OPAQUE_SIZE)) / 3);

    /** The room for items and their line pointers on an empty entry page. */
    static final int ITEM_SPACE = Page.BLCKSZ - PageHeader.SIZE - Alignment.maxAlign(OPAQUE_SIZE);

    /** GinInitPage. */
    static void init(MemorySegment page, int flags) {
        Page.init(page, OPAQUE_SIZE);
        setRightlink(page, INVALID_BLOCK);
        setFlags(page, flags);
    }

    private static long special(MemorySegment page) {
        return PageHeader.special(page);
    }

    static int rightlink(MemorySegment page) { return page.get(JAVA_INT_UNALIGNED, special(page)); }
    static void setRightlink(MemorySegment page, int blk) { page.set(JAVA_INT_UNALIGNED, special(page), blk); }
    static int flags(MemorySegment page) { return Short.toUnsignedInt(page.get(JAVA_SHORT_UNALIGNED, special(page) + 6)); }
    static void setFlags(MemorySegment page, int f) { page.set(JAVA_SHORT_UNALIGNED, special(page) + 6, (short) f); }
    static boolean isLeaf(MemorySegment page) { return (flags(page) & GIN_LEAF) != 0; }
    static boolean isRightmost(MemorySegment page) { return rightlink(page) == INVALID_BLOCK; }

    /** Whether {@code items} (whole tuples) fit one empty entry page. */
    static boolean fits(List<byte[]> items) {
        return spaceFor(items, 0, items.size()) <= ITEM_SPACE;
    }

    /** The bytes items [from, to) take on a page: MAXALIGNed tuples and a line pointer each. */
    static int spaceFor(List<byte[]> items, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) n += Alignment.maxAlign(items.get(i).length) + ItemId.SIZE;
        return n;
    }

    /**
     * Replaces the items of {@code page} with {@code items} in order, keeping its flags and
     * right link (ginPlaceToPage's rewrite through a temporary page).
     */
    static void rewrite(MemorySegment page, List<byte[]> items, int flags, int rightlink) {
        MemorySegment tmp = MemorySegment.ofArray(new long[Page.BLCKSZ / 8]);
        init(tmp, flags);
        setRightlink(tmp, rightlink);
        for (byte[] it : items) {
            if (Page.addItem(tmp, MemorySegment.ofArray(it), Page.INVALID_OFFSET_NUMBER, 0) == Page.INVALID_OFFSET_NUMBER)
                throw new IllegalStateException("GIN entry page overflow");
        }
        long lsn = PageHeader.lsn(page);
        MemorySegment.copy(tmp, 0, page, 0, Page.BLCKSZ);
        PageHeader.setLsn(page, lsn);
    }

    /** The items of {@code page}, copied. */
    static List<byte[]> items(MemorySegment page) {
        int n = Page.maxOffsetNumber(page);
        List<byte[]> out = new java.util.ArrayList<>(n + 1);
        for (int i = 1; i <= n; i++) out.add(Page.item(page, i).toArray(JAVA_BYTE));
        return out;
    }

    // ---------------------------------------------------------------- metapage

    /** The statistics the metapage keeps (GinStatsData). */
    record Stats(int nTotalPages, int nEntryPages, int nDataPages, long nEntries) {}

    /** GinInitMetabuffer. */
    static void initMeta(MemorySegment page) {
        init(page, GIN_META);
        long o = CONTENTS;
        page.set(JAVA_INT_UNALIGNED, o, INVALID_BLOCK);
        page.set(JAVA_INT_UNALIGNED, o + 4, INVALID_BLOCK);
        page.set(JAVA_INT_UNALIGNED, o + 8, 0);
        page.set(JAVA_INT_UNALIGNED, o + 12, 0);
        page.set(JAVA_LONG_UNALIGNED, o + 16, 0L);
        page.set(JAVA_INT_UNALIGNED, o + 48, GIN_CURRENT_VERSION);
        setStats(page, new Stats(0, 0, 0, 0));
        // pd_lower past the struct, so a full-page image keeps it
        PageHeader.setLower(page, CONTENTS + META_SIZE);
    }

    static boolean isMeta(MemorySegment page) {
        return (flags(page) & GIN_META) != 0 && page.get(JAVA_INT_UNALIGNED, CONTENTS + 48) == GIN_CURRENT_VERSION;
    }

    static Stats stats(MemorySegment page) {
        long o = CONTENTS;
        return new Stats(page.get(JAVA_INT_UNALIGNED, o + 24), page.get(JAVA_INT_UNALIGNED, o + 28),
                page.get(JAVA_INT_UNALIGNED, o + 32), page.get(JAVA_LONG_UNALIGNED, o + 40));
    }

    /** ginUpdateStats. */
    static void setStats(MemorySegment page, Stats s) {
        long o = CONTENTS;
        page.set(JAVA_INT_UNALIGNED, o + 24, s.nTotalPages());
        page.set(JAVA_INT_UNALIGNED, o + 28, s.nEntryPages());
        page.set(JAVA_INT_UNALIGNED, o + 32, s.nDataPages());
        page.set(JAVA_LONG_UNALIGNED, o + 40, s.nEntries());
    }
}
