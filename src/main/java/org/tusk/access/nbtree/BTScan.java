package org.tusk.access.nbtree;

import org.tusk.access.index.IndexScan;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * An index scan (nbtsearch.c _bt_first, _bt_next, _bt_readpage, _bt_steppage, _bt_walk_left,
 * _bt_endpoint). The scan works a page at a time: under the page's share lock it copies the heap
 * TIDs of all matching entries and remembers the page's right link as it was, then drops lock
 * and pin (PostgreSQL's behaviour for MVCC scans). Going right, that remembered link is followed:
 * entries that a concurrent split moved right after the page was read were already copied.
 * Going left, the current page is locked again and its left link followed; if the page found is
 * not the one whose right link is ours (it split meanwhile), the scan moves right from it until
 * it is (_bt_walk_left). Entries marked LP_DEAD are skipped.
 */
final class BTScan implements IndexScan {
    private final BTPages pages;
    private final BTSearch search;
    private final Relation rel;
    private final BTScanKeys keys;
    private final boolean backward;

    private final List<ItemPointer> items = new ArrayList<>();
    /** With wantItup: each copied entry's values, parallel to {@code items} (BTScanPosItem's tuple copy). */
    private final List<Object[]> itemValues = new ArrayList<>();
    private final boolean wantItup;
    private Object[] currentValues;
    private int itemIndex;
    private int currPage = BTPageOpaque.P_NONE;
    private int nextPage = BTPageOpaque.P_NONE;
    private boolean moreLeft;
    private boolean moreRight;
    private boolean started;
    private boolean done;

    BTScan(BTPages pages, BTSearch search, Relation rel, BTScanKeys keys, boolean backward, boolean wantItup) {
        this.wantItup = wantItup;
        this.pages = pages;
        this.search = search;
        this.rel = rel;
        this.keys = keys;
        this.backward = backward;
    }

    @Override
    public ItemPointer next() {
        if (done) return null;
        if (!started) {
            started = true;
            if (!first()) {
                done = true;
                return null;
            }
        } else if (itemIndex >= items.size()) {
            if (!stepPage()) {
                done = true;
                return null;
            }
        }
        if (wantItup) currentValues = itemValues.get(itemIndex);
        return items.get(itemIndex++);
    }

    @Override
    public Object[] indexValues() {
        if (!wantItup) throw new UnsupportedOperationException("the scan was not begun for index tuples");
        return currentValues;
    }

    /** Copies the entry's values while the page is still share-locked (the page may change once unlocked). */
    private void keepValues(MemorySegment itup) {
        if (wantItup) itemValues.add(org.tusk.access.common.IndexTuples.deform(rel.desc(), rel.desc().natts(), itup));
    }

    /** _bt_first: positions on the first page with a match; false if there is none. */
    private boolean first() {
        if (!keys.qualOk) return false;
        moreLeft = backward;
        moreRight = !backward;
        BTScanKeys.Start start = keys.start(backward);
        if (start.keys() == null) return endpoint();
        BTScanInsert key = new BTScanInsert(rel.desc(), BTScanInsert.options(rel), BTScanInsert.nkeyatts(rel), start.keys(), null, start.nextkey());
        BTSearch.Descent d = search.search(rel, key, LockMode.SHARE);
        if (d.buf == 0) return false;
        int offnum = key.binsrch(pages.page(d.buf));
        if (start.goback()) offnum--;
        if (readPage(d.buf, offnum)) return true;
        return stepPage();
    }

    /** _bt_endpoint: no start key, so the scan starts at the first or last leaf. */
    private boolean endpoint() {
        int buf = pages.getEndpoint(rel, 0, backward);
        if (buf == 0) return false;
        MemorySegment page = pages.page(buf);
        int start = backward ? Page.maxOffsetNumber(page) : BTPageOpaque.firstDataKey(page);
        if (readPage(buf, start)) return true;
        return stepPage();
    }

    /**
     * _bt_readpage: copies the matching TIDs of the share-locked page in {@code buf}, from
     * {@code offnum} in the scan's direction, then releases the buffer. True if any matched.
     */
    private boolean readPage(int buf, int offnum) {
        MemorySegment page = pages.page(buf);
        items.clear();
        itemValues.clear();
        itemIndex = 0;
        currPage = pages.blockNumber(buf);
        nextPage = BTPageOpaque.next(page);
        int minoff = BTPageOpaque.firstDataKey(page);
        int maxoff = Page.maxOffsetNumber(page);
        if (!backward) {
            for (int off = Math.max(offnum, minoff); off <= maxoff; off++) {
                int lp = ItemId.get(page, off);
                if (ItemId.isDead(lp)) continue;
                MemorySegment itup = Page.item(page, off);
                BTScanKeys.Check c = keys.check(itup, false);
                if (c.matches()) {
                    items.add(BTTuple.heapTid(itup));
                    keepValues(itup);
                }
                if (!c.continueScan()) {
                    moreRight = false;
                    break;
                }
            }
        } else {
            for (int off = Math.min(offnum, maxoff); off >= minoff; off--) {
                int lp = ItemId.get(page, off);
                if (ItemId.isDead(lp)) continue;
                MemorySegment itup = Page.item(page, off);
                BTScanKeys.Check c = keys.check(itup, true);
                if (c.matches()) {
                    items.add(BTTuple.heapTid(itup));
                    keepValues(itup);
                }
                if (!c.continueScan()) {
                    moreLeft = false;
                    break;
                }
            }
        }
        pages.relBuf(buf);
        return !items.isEmpty();
    }

    /** _bt_steppage / _bt_readnextpage: the next page in the scan's direction with a match. */
    private boolean stepPage() {
        if (!backward) {
            int blkno = nextPage;
            while (true) {
                if (blkno == BTPageOpaque.P_NONE || !moreRight) return false;
                int buf = pages.getBuf(rel, blkno, LockMode.SHARE);
                MemorySegment page = pages.page(buf);
                if (!BTPageOpaque.ignore(page)) {
                    if (readPage(buf, BTPageOpaque.firstDataKey(page))) return true;
                    blkno = nextPage;
                } else {
                    blkno = BTPageOpaque.next(page);
                    pages.relBuf(buf);
                }
            }
        }
        int buf = pages.getBuf(rel, currPage, LockMode.SHARE);
        while (true) {
            if (!moreLeft) {
                pages.relBuf(buf);
                return false;
            }
            buf = walkLeft(buf);
            if (buf == 0) return false;
            MemorySegment page = pages.page(buf);
            if (!BTPageOpaque.ignore(page)) {
                if (readPage(buf, Page.maxOffsetNumber(page))) return true;
                buf = pages.getBuf(rel, currPage, LockMode.SHARE);
            }
        }
    }

    /**
     * _bt_walk_left: the left sibling of the share-locked page in {@code buf}, share-locked (0 at
     * the left end, with buf released). If the page found through the left link no longer links
     * right to ours, it has split: walk right (at most four hops) to the page that does, or
     * retry from our page's new left link.
     */
    private int walkLeft(int buf) {
        MemorySegment page = pages.page(buf);
        while (true) {
            if (BTPageOpaque.isLeftmost(page)) {
                pages.relBuf(buf);
                return 0;
            }
            int obknum = pages.blockNumber(buf);
            int lblkno = BTPageOpaque.prev(page);
            buf = pages.relAndGetBuf(rel, buf, lblkno, LockMode.SHARE);
            page = pages.page(buf);
            int tries = 0;
            while (true) {
                if (!BTPageOpaque.isDeleted(page) && BTPageOpaque.next(page) == obknum) return buf;
                if (BTPageOpaque.isRightmost(page) || ++tries > 4) break;
                buf = pages.relAndGetBuf(rel, buf, BTPageOpaque.next(page), LockMode.SHARE);
                page = pages.page(buf);
            }
            buf = pages.relAndGetBuf(rel, buf, obknum, LockMode.SHARE);
            page = pages.page(buf);
            if (BTPageOpaque.isDeleted(page) || BTPageOpaque.prev(page) == lblkno) {
                pages.relBuf(buf);
                throw BTErrors.corrupted("could not find left sibling of block " + obknum + " in index \"" + rel.name() + "\"");
            }
        }
    }

    @Override
    public void close() {
        done = true;
        items.clear();
    }
}
