package org.tusk.access.nbtree;

import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.Page;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;

/**
 * Descending the tree (nbtsearch.c _bt_search and _bt_moveright): from the root to the leaf
 * where a key belongs, with Lehman and Yao's "move right": a page read through a downlink may
 * have split after the downlink was read, so while the key is beyond the page's high key the
 * descent follows the right link. Only one page is locked at a time on the way down (a lock is
 * released before the next is taken), so a descent never deadlocks with an inserter holding a
 * lock and going up.
 */
final class BTSearch {
    private final BTPages pages;
    private BTInsert splitFinisher;

    BTSearch(BTPages pages) {
        this.pages = pages;
    }

    void setSplitFinisher(BTInsert insert) {
        this.splitFinisher = insert;
    }

    /** Where a descent ended: the leaf buffer (pinned and locked; 0 if the index is empty) and the path. */
    static final class Descent {
        int buf;
        BTStack stack;

        Descent(int buf, BTStack stack) {
            this.buf = buf;
            this.stack = stack;
        }
    }

    /**
     * _bt_search: the leaf page for {@code key}, locked in {@code access} (share locks on the way
     * down; with EXCLUSIVE, the leaf is write-locked, and incomplete splits met on the way are
     * finished).
     */
    Descent search(Relation rel, BTScanInsert key, LockMode access) {
        int buf = pages.getRoot(rel, access);
        if (buf == 0) return new Descent(0, null);
        BTStack stack = null;
        // The root comes share-locked; only the leaf is write-locked, and only if asked.
        LockMode pageAccess = LockMode.SHARE;
        while (true) {
            buf = moveRight(rel, key, buf, access == LockMode.EXCLUSIVE, stack, pageAccess);
            MemorySegment page = pages.page(buf);
            if (BTPageOpaque.isLeaf(page)) break;
            int offnum = key.binsrch(page);
            int child = BTTuple.downlink(Page.item(page, offnum));
            stack = new BTStack(pages.blockNumber(buf), offnum, stack);
            if (BTPageOpaque.level(page) == 1 && access == LockMode.EXCLUSIVE) pageAccess = LockMode.EXCLUSIVE;
            buf = pages.relAndGetBuf(rel, buf, child, pageAccess);
        }
        if (access == LockMode.EXCLUSIVE && pageAccess == LockMode.SHARE) {
            // The root is the only leaf: trade the read lock for a write lock, then re-check for a split.
            pages.relock(buf, LockMode.EXCLUSIVE);
            buf = moveRight(rel, key, buf, true, stack, LockMode.EXCLUSIVE);
        }
        return new Descent(buf, stack);
    }

    /**
     * _bt_moveright: while the key is beyond this page's high key (at or beyond with nextkey),
     * step right, releasing this page before locking the next. With {@code forUpdate}, an
     * incompletely split page on the way gets its split finished first.
     */
    int moveRight(Relation rel, BTScanInsert key, int buf, boolean forUpdate, BTStack stack, LockMode access) {
        int cmpval = key.nextkey ? 0 : 1;
        while (true) {
            MemorySegment page = pages.page(buf);
            if (BTPageOpaque.isRightmost(page)) break;
            if (forUpdate && BTPageOpaque.incompleteSplit(page)) {
                int blkno = pages.blockNumber(buf);
                if (access == LockMode.SHARE) pages.relock(buf, LockMode.EXCLUSIVE);
                if (BTPageOpaque.incompleteSplit(page)) splitFinisher.finishSplit(rel, buf, stack);
                else pages.relBuf(buf);
                buf = pages.getBuf(rel, blkno, access);
                continue;
            }
            if (BTPageOpaque.ignore(page) || key.compare(page, BTPageOpaque.P_HIKEY) >= cmpval) {
                buf = pages.relAndGetBuf(rel, buf, BTPageOpaque.next(page), access);
                continue;
            }
            break;
        }
        return buf;
    }
}
