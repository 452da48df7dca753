package org.tusk.storage.page;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.MemorySegment;

/**
 * Slotted pages (bufpage.c): initialising a page, adding items, finding them through their line
 * pointers, free-space accounting and the special space. A page is a {@link MemorySegment} of
 * {@link #BLCKSZ} bytes, usually a buffer in shared memory; every method works on it in place.
 *
 * <pre>
 * +----------------+---------------------------------+
 * | PageHeaderData | linp1 linp2 linp3 ...           |
 * +-----------+----+---------------------------------+
 * | ... linpN |                                      |
 * +-----------+--------------------------------------+
 * |           ^ pd_lower                             |
 * |                                                  |
 * |             v pd_upper                           |
 * +-------------+------------------------------------+
 * |             | itemN ...                          |
 * +-------------+------------------+-----------------+
 * |       ... item3 item2 item1    | "special space" |
 * +--------------------------------+-----------------+
 *                                  ^ pd_special
 * </pre>
 * Line pointers grow up from the header, items grow down from the special space; an item's
 * offset number (1-based) is its line pointer's index and never changes while the item lives,
 * which is what lets index entries and ctid chains point at (block, offset number).
 */
public final class Page {
    /** BLCKSZ: the size of every page and every block of a relation file. */
    public static final int BLCKSZ = 8192;

    public static final int INVALID_OFFSET_NUMBER = 0;
    public static final int FIRST_OFFSET_NUMBER = 1;
    /** MaxOffsetNumber: BLCKSZ / sizeof(ItemIdData). */
    public static final int MAX_OFFSET_NUMBER = BLCKSZ / ItemId.SIZE;

    /**
     * MaxHeapTuplesPerPage (htup_details.h): how many zero-length tuples with their line pointers
     * fit: (BLCKSZ - SizeOfPageHeaderData) / (MAXALIGN(SizeofHeapTupleHeader = 23) + 4) = 291.
     * Heap code sizes its per-page arrays by it, so a heap page never holds more line pointers.
     */
    public static final int MAX_HEAP_TUPLES_PER_PAGE = (BLCKSZ - PageHeader.SIZE) / (Alignment.maxAlign(23) + ItemId.SIZE);

    /** PAI_OVERWRITE: put the item at the given offset number, which must be unused. */
    public static final int PAI_OVERWRITE = 1 << 0;
    /** PAI_IS_HEAP: a heap page, limited to {@link #MAX_HEAP_TUPLES_PER_PAGE} line pointers. */
    public static final int PAI_IS_HEAP = 1 << 1;

    private Page() {}

    /**
     * PageInit: zero the page and set up an empty one with {@code specialSize} bytes (rounded up
     * to MAXALIGN) of special space at its end.
     */
    public static void init(MemorySegment page, int specialSize) {
        checkSegment(page);
        int special = Alignment.maxAlign(specialSize);
        if (special < 0 || special > BLCKSZ - PageHeader.SIZE) {
            throw new IllegalArgumentException("special size " + specialSize + " does not fit a page");
        }
        page.fill((byte) 0);
        PageHeader.setLower(page, PageHeader.SIZE);
        PageHeader.setUpper(page, BLCKSZ - special);
        PageHeader.setSpecial(page, BLCKSZ - special);
        PageHeader.setPageSizeAndVersion(page, BLCKSZ, PageHeader.PG_PAGE_LAYOUT_VERSION);
    }

    /** PageIsNew: never initialised (pd_upper is zero), as a block fresh from zero-extension. */
    public static boolean isNew(MemorySegment page) {
        return PageHeader.upper(page) == 0;
    }

    /** PageIsEmpty: no line pointers. */
    public static boolean isEmpty(MemorySegment page) {
        return PageHeader.lower(page) <= PageHeader.SIZE;
    }

    /** PageGetMaxOffsetNumber: the number of line pointers, 0 for an empty page. */
    public static int maxOffsetNumber(MemorySegment page) {
        int lower = PageHeader.lower(page);
        return lower <= PageHeader.SIZE ? 0 : (lower - PageHeader.SIZE) / ItemId.SIZE;
    }

    /** PageGetItemId: the line pointer word of {@code offnum}, which must exist. */
    public static int itemId(MemorySegment page, int offnum) {
        checkOffnum(page, offnum);
        return ItemId.get(page, offnum);
    }

    /** PageGetItem: the item {@code offnum} points at, as a slice of the page (not a copy). */
    public static MemorySegment item(MemorySegment page, int offnum) {
        int lp = itemId(page, offnum);
        if (!ItemId.hasStorage(lp)) {
            throw new IllegalArgumentException("line pointer " + offnum + " has no storage: " + ItemId.toString(lp));
        }
        return page.asSlice(ItemId.offset(lp), ItemId.length(lp));
    }

    /** PageAddItem with no offset number: reuse an unused line pointer if the page says it has one, else append. */
    public static int addItem(MemorySegment page, MemorySegment item, int flags) {
        return addItem(page, item, INVALID_OFFSET_NUMBER, flags);
    }

    /**
     * PageAddItemExtended: copy {@code item} onto the page and point a line pointer at it.
     *
     * <p>With a valid {@code offsetNumber} the item goes there: with {@link #PAI_OVERWRITE} that
     * line pointer must be unused and without storage (heap redo); otherwise later line pointers
     * shift up one place (index pages). Without one, the first unused line pointer is reused if
     * the page's PD_HAS_FREE_LINES hint is set (and the hint cleared if none is found), else a
     * new line pointer is appended. The item is placed MAXALIGNed just below pd_upper.
     *
     * @return the offset number used, or {@link #INVALID_OFFSET_NUMBER} if the item does not fit
     *         (or a heap page already has {@link #MAX_HEAP_TUPLES_PER_PAGE} line pointers)
     * @throws IllegalArgumentException for what PostgreSQL reports as a WARNING caller bug: an
     *         offset number beyond the end plus one, or overwriting a used line pointer
     */
    public static int addItem(MemorySegment page, MemorySegment item, int offsetNumber, int flags) {
        checkSegment(page);
        long size = item.byteSize();
        if (size <= 0 || size > ItemId.MAX_FIELD) throw new IllegalArgumentException("invalid item size " + size);
        int lowerNow = PageHeader.lower(page);
        int upperNow = PageHeader.upper(page);
        int special = PageHeader.special(page);
        if (lowerNow < PageHeader.SIZE || lowerNow > upperNow || upperNow > special || special > BLCKSZ) {
            // PANIC as in PostgreSQL: a buffer whose pointers are wrong may already have spread damage.
            throw new PgException(Severity.PANIC, SqlState.DATA_CORRUPTED, corruptedPointers(lowerNow, upperNow, special),
                    null, null, 0);
        }
        int limit = maxOffsetNumber(page) + 1;
        boolean needShuffle = false;
        if (offsetNumber != INVALID_OFFSET_NUMBER) {
            if ((flags & PAI_OVERWRITE) != 0) {
                if (offsetNumber < limit) {
                    int lp = ItemId.get(page, offsetNumber);
                    if (ItemId.isUsed(lp) || ItemId.hasStorage(lp)) {
                        throw new IllegalArgumentException("will not overwrite a used ItemId");
                    }
                }
            } else if (offsetNumber < limit) {
                needShuffle = true;
            }
        } else if (PageHeader.hasFlag(page, PageHeader.PD_HAS_FREE_LINES)) {
            for (offsetNumber = FIRST_OFFSET_NUMBER; offsetNumber < limit; offsetNumber++) {
                int lp = ItemId.get(page, offsetNumber);
                if (!ItemId.isUsed(lp) && !ItemId.hasStorage(lp)) break;
            }
            // The hint was wrong: none was free. Clear it so the next insert does not search again.
            if (offsetNumber >= limit) PageHeader.clearFlag(page, PageHeader.PD_HAS_FREE_LINES);
        } else {
            offsetNumber = limit;
        }
        if (offsetNumber < FIRST_OFFSET_NUMBER || offsetNumber > limit) {
            throw new IllegalArgumentException("specified item offset is too large");
        }
        if ((flags & PAI_IS_HEAP) != 0 && offsetNumber > MAX_HEAP_TUPLES_PER_PAGE) {
            return INVALID_OFFSET_NUMBER;
        }
        int lower = offsetNumber == limit || needShuffle ? lowerNow + ItemId.SIZE : lowerNow;
        int upper = upperNow - Alignment.maxAlign((int) size);
        if (lower > upper) return INVALID_OFFSET_NUMBER;

        if (needShuffle) {
            int from = ItemId.byteOffset(offsetNumber);
            MemorySegment.copy(page, from, page, from + ItemId.SIZE, (long) (limit - offsetNumber) * ItemId.SIZE);
        }
        ItemId.set(page, offsetNumber, ItemId.normal(upper, (int) size));
        MemorySegment.copy(item, 0, page, upper, size);
        PageHeader.setLower(page, lower);
        PageHeader.setUpper(page, upper);
        return offsetNumber;
    }

    /** PageGetExactFreeSpace: the bytes between pd_lower and pd_upper. */
    public static int exactFreeSpace(MemorySegment page) {
        return Math.max(0, PageHeader.upper(page) - PageHeader.lower(page));
    }

    /** PageGetFreeSpace: free bytes less one line pointer, since a new item needs one. */
    public static int freeSpace(MemorySegment page) {
        int space = PageHeader.upper(page) - PageHeader.lower(page);
        return space < ItemId.SIZE ? 0 : space - ItemId.SIZE;
    }

    /**
     * PageGetHeapFreeSpace: {@link #freeSpace}, except 0 when a heap page already has
     * {@link #MAX_HEAP_TUPLES_PER_PAGE} line pointers and none of them is unused, because then no
     * tuple can be added however much room there is.
     */
    public static int heapFreeSpace(MemorySegment page) {
        int space = freeSpace(page);
        if (space > 0) {
            int nline = maxOffsetNumber(page);
            if (nline >= MAX_HEAP_TUPLES_PER_PAGE) {
                if (!PageHeader.hasFlag(page, PageHeader.PD_HAS_FREE_LINES)) return 0;
                for (int off = FIRST_OFFSET_NUMBER; off <= nline; off++) {
                    if (!ItemId.isUsed(ItemId.get(page, off))) return space;
                }
                return 0;
            }
        }
        return space;
    }

    /** PageGetSpecialSize. */
    public static int specialSize(MemorySegment page) {
        return PageHeader.pageSize(page) - PageHeader.special(page);
    }

    /** PageGetSpecialPointer: the special space as a slice of the page. */
    public static MemorySegment special(MemorySegment page) {
        int special = PageHeader.special(page);
        if (special > BLCKSZ || !Alignment.isMaxAligned(special)) {
            throw PgException.error(SqlState.DATA_CORRUPTED, "corrupted page pointers: special = " + special);
        }
        return page.asSlice(special, BLCKSZ - special);
    }

    static String corruptedPointers(int lower, int upper, int special) {
        return "corrupted page pointers: lower = " + lower + ", upper = " + upper + ", special = " + special;
    }

    /** A page must be one block and MAXALIGNed in memory, as PostgreSQL's buffers are. */
    static void checkSegment(MemorySegment page) {
        if (page.byteSize() != BLCKSZ) throw new IllegalArgumentException("a page is " + BLCKSZ + " bytes, not " + page.byteSize());
        if (page.maxByteAlignment() < Alignment.MAXIMUM_ALIGNOF) throw new IllegalArgumentException("page is not MAXALIGNed in memory");
    }

    private static void checkOffnum(MemorySegment page, int offnum) {
        if (offnum < FIRST_OFFSET_NUMBER || offnum > maxOffsetNumber(page)) {
            throw new IllegalArgumentException("offset number " + offnum + " out of range 1.." + maxOffsetNumber(page));
        }
    }
}
