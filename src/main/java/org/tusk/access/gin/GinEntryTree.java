package org.tusk.access.gin;

import org.tusk.access.index.IndexAmContext;
import org.tusk.access.index.IndexPages;
import org.tusk.access.transam.FullPageImages;
import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.buffer.BufferTag;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The entry tree (ginbtree.c, ginentrypage.c): a B-tree of entry tuples in (column, category,
 * key, first heap TID) order, with Lehman and Yao's right links. The last item of a page that is
 * not the rightmost of its level is the page's upper bound (inclusive); the last downlink of the
 * rightmost internal page of a level is "infinity". A page splits to the right: the new page
 * takes the upper half and the old page's right link, the old page links to it, and the parent
 * gets a downlink for the left half while the old downlink moves to the right half
 * (entryPreparePage). The root stays at block 1: a root split moves both halves to new pages.
 *
 * <p>Locking: a descent holds one page lock at a time, moving right while the search key is
 * beyond a page's bound. An insertion keeps its leaf (and any page it split) exclusively locked
 * while it locks the parent, so a split and its downlink change at once, and logs every page it
 * changed in one WAL record (full-page images, as generic_xlog.c would). Locks are only ever
 * taken rightwards on a level or upwards while others are held.
 */
final class GinEntryTree {
    private final IndexAmContext ctx;
    /** During ginbuild: no WAL per change, the whole index is logged at the end (log_newpage_range). */
    private boolean building;

    GinEntryTree(IndexAmContext ctx) {
        this.ctx = ctx;
    }

    void setBuilding(boolean b) {
        building = b;
    }

    // ------------------------------------------------------------------ pages

    MemorySegment page(int buf) {
        return ctx.buffers().page(buf);
    }

    int blockNumber(int buf) {
        return ctx.buffers().tag(buf).blockNum();
    }

    static BufferTag tag(RelFileLocator rl, int blkno) {
        return IndexPages.tag(rl, blkno);
    }

    int getBuf(Relation rel, int blkno, LockMode mode) {
        int buf = org.tusk.access.index.IndexBufferReads.read(ctx.buffers(), rel, tag(rel.locator(), blkno));
        ctx.buffers().lockBuffer(buf, mode);
        MemorySegment p = page(buf);
        if (Page.isNew(p) || Page.specialSize(p) != GinPage.OPAQUE_SIZE) {
            relBuf(buf);
            throw PgException.error("XX002", "index \"" + rel.name() + "\" contains corrupted page at block " + blkno)
                    .withHint("Please REINDEX it.");
        }
        return buf;
    }

    void relBuf(int buf) {
        ctx.buffers().unlockBuffer(buf);
        ctx.buffers().releaseBuffer(buf);
    }

    /** GinNewBuffer: a block added at the end of the index, exclusively locked, uninitialized. */
    int newPage(Relation rel) {
        return IndexPages.extend(ctx.buffers(), ctx.smgr(), ctx.extensionLock(), rel);
    }

    int nblocks(Relation rel) {
        return ctx.smgr().nblocks(rel.locator(), ForkNumber.MAIN);
    }

    /** Logs the pages of {@code bufs} as one record of full-page images and stamps them with its end. */
    void log(Relation rel, List<Integer> bufs) {
        for (int b : bufs) ctx.buffers().markDirty(b);
        if (building || !rel.needsWal()) return;
        if (ctx.xlog() == null) throw new IllegalStateException("a WAL-logged index changed by a process without a WAL handle");
        XLogRecordBuilder b = new XLogRecordBuilder();
        for (int i = 0; i < bufs.size(); i++) {
            b.registerBuffer(i, rel.locator(), ForkNumber.MAIN, blockNumber(bufs.get(i)), page(bufs.get(i)),
                    XLogRecordBuilder.REGBUF_FORCE_IMAGE | XLogRecordBuilder.REGBUF_STANDARD);
        }
        try {
            long lsn = ctx.xlog().insert(b, RmgrId.XLOG, FullPageImages.XLOG_FPI, ctx.oracle().currentTransactionId()).endLsn();
            for (int buf : bufs) org.tusk.storage.page.PageHeader.setLsn(page(buf), lsn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ search

    private static int compare(GinState st, GinEntry.Key key, ItemPointer tid, GinEntry.Read item) {
        int c = st.compare(key, item.key());
        return c != 0 ? c : tid.compareTo(item.tid());
    }

    /** Index (0-based) of the first item at or after (key, tid); items.size() if none. */
    private static int firstGE(GinState st, List<byte[]> items, boolean leaf, GinEntry.Key key, ItemPointer tid) {
        int lo = 0, hi = items.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(st, key, tid, GinEntry.read(st, items.get(mid), leaf)) > 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** ginFindLeafPage: the leaf where (key, tid) belongs, locked in {@code mode}; parents pushed on {@code stack}. */
    private int findLeaf(Relation rel, GinState st, GinEntry.Key key, ItemPointer tid, LockMode mode, Deque<Integer> stack) {
        int buf = getBuf(rel, GinPage.ROOT_BLKNO, mode);
        while (true) {
            buf = moveRight(rel, st, buf, key, tid, mode);
            MemorySegment p = page(buf);
            if (GinPage.isLeaf(p)) return buf;
            List<byte[]> items = GinPage.items(p);
            // the last downlink of a rightmost page is infinity whatever key it holds: it is not
            // part of the ordered search (entryLocateEntry's GinPageRightMost test)
            boolean rightmost = GinPage.isRightmost(p);
            int i = firstGE(st, rightmost ? items.subList(0, items.size() - 1) : items, false, key, tid);
            if (i >= items.size()) i = items.size() - 1;
            int child = GinEntry.read(st, items.get(i), false).downlink();
            if (stack != null) stack.push(blockNumber(buf));
            relBuf(buf);
            buf = getBuf(rel, child, mode);
        }
    }

    /** ginStepRight while (key, tid) is beyond the page's bound. */
    private int moveRight(Relation rel, GinState st, int buf, GinEntry.Key key, ItemPointer tid, LockMode mode) {
        while (true) {
            MemorySegment p = page(buf);
            if (GinPage.isRightmost(p)) return buf;
            int n = Page.maxOffsetNumber(p);
            if (n > 0) {
                byte[] last = Page.item(p, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                if (compare(st, key, tid, GinEntry.read(st, last, GinPage.isLeaf(p))) <= 0) return buf;
            }
            int right = GinPage.rightlink(p);
            relBuf(buf);
            buf = getBuf(rel, right, mode);
        }
    }

    /** The heap TIDs of every entry tuple of {@code key}, handed to {@code out} (scanGetItem's entry scan). */
    void collect(Relation rel, GinState st, GinEntry.Key key, Consumer<ItemPointer> out) {
        int buf = findLeaf(rel, st, key, GinEntry.MIN_TID, LockMode.SHARE, null);
        try {
            while (true) {
                MemorySegment p = page(buf);
                List<byte[]> items = GinPage.items(p);
                for (int i = firstGE(st, items, true, key, GinEntry.MIN_TID); i < items.size(); i++) {
                    GinEntry.Read r = GinEntry.read(st, items.get(i), true);
                    if (st.compare(key, r.key()) != 0) return;
                    GinEntry.postings(items.get(i), r).forEach(out);
                }
                if (GinPage.isRightmost(p)) return;
                int right = GinPage.rightlink(p);
                relBuf(buf);
                buf = -1;
                buf = getBuf(rel, right, LockMode.SHARE);
            }
        } finally {
            if (buf != -1) relBuf(buf);
        }
    }

    /**
     * The heap TIDs of every entry of column {@code attnum} but its null items (the
     * GIN_SEARCH_MODE_ALL entry: rows whose column is not null, empty ones included).
     */
    void collectColumn(Relation rel, GinState st, int attnum, Consumer<ItemPointer> out) {
        GinEntry.Key start = new GinEntry.Key(attnum, GinEntry.EMPTY_QUERY, null);
        int buf = findLeaf(rel, st, start, GinEntry.MIN_TID, LockMode.SHARE, null);
        try {
            while (true) {
                MemorySegment p = page(buf);
                List<byte[]> items = GinPage.items(p);
                for (int i = firstGE(st, items, true, start, GinEntry.MIN_TID); i < items.size(); i++) {
                    GinEntry.Read r = GinEntry.read(st, items.get(i), true);
                    if (r.key().attnum() != attnum || r.key().category() == GinEntry.NULL_ITEM) return;
                    GinEntry.postings(items.get(i), r).forEach(out);
                }
                if (GinPage.isRightmost(p)) return;
                int right = GinPage.rightlink(p);
                relBuf(buf);
                buf = -1;
                buf = getBuf(rel, right, LockMode.SHARE);
            }
        } finally {
            if (buf != -1) relBuf(buf);
        }
    }

    // ------------------------------------------------------------------ insertion

    /** ginEntryInsert: adds {@code tids} (sorted, distinct) to the posting list of {@code key}. */
    void insert(Relation rel, GinState st, GinEntry.Key key, List<ItemPointer> tids) {
        List<ItemPointer> rest = tids;
        while (!rest.isEmpty()) rest = insertSome(rel, st, key, rest);
    }

    /**
     * One descent: the TIDs that go into the tuple of {@code key} at or before the first of
     * them (or a new tuple there), up to the next tuple of the same key; returns the rest.
     */
    private List<ItemPointer> insertSome(Relation rel, GinState st, GinEntry.Key key, List<ItemPointer> tids) {
        Deque<Integer> stack = new ArrayDeque<>();
        int buf = findLeaf(rel, st, key, tids.get(0), LockMode.EXCLUSIVE, stack);
        List<Integer> held = new ArrayList<>();
        held.add(buf);
        try {
            MemorySegment p = page(buf);
            List<byte[]> items = GinPage.items(p);
            int next = firstGE(st, items, true, key, tids.get(0));
            // the last tuple at or before (key, first TID): the one firstGE found if equal, else the one before
            int pos = next < items.size() && compare(st, key, tids.get(0), GinEntry.read(st, items.get(next), true)) == 0
                    ? next : next - 1;
            int after = pos + 1;
            // the tuples are ordered by (key, first TID), and a page's last one is its bound: the
            // TIDs taken here stop before the next tuple of the key, and on a page that is not the
            // rightmost they may not raise its bound (the others belong to pages to the right)
            int take = tids.size();
            if (after < items.size()) {
                GinEntry.Read r = GinEntry.read(st, items.get(after), true);
                if (st.compare(key, r.key()) == 0) take = countBelow(tids, r.tid(), false);
            } else if (!GinPage.isRightmost(p)) {
                take = countBelow(tids, GinEntry.read(st, items.get(items.size() - 1), true).tid(), true);
            }
            List<ItemPointer> mine = tids.subList(0, take);
            List<ItemPointer> rest = new ArrayList<>(tids.subList(take, tids.size()));
            int room = GinEntry.postingRoom(st, key);
            if (room < GinPostingList.HEADER_SIZE + 8) GinEntry.formLeaf(st, key, GinEntry.MIN_TID, new byte[GinPage.MAX_ITEM_SIZE], 0, rel.name());
            int[] written = new int[1];
            int replaceFrom = after, replaceCount = 0;
            List<ItemPointer> placed = mine;
            ItemPointer order = null;
            if (pos >= 0) {
                GinEntry.Read r = GinEntry.read(st, items.get(pos), true);
                if (st.compare(key, r.key()) == 0) {
                    List<ItemPointer> old = GinEntry.postings(items.get(pos), r);
                    List<ItemPointer> merged = GinPostingList.merge(old, mine);
                    if (merged.size() == old.size() && !old.isEmpty()) return rest;   // all there already
                    byte[] seg = GinPostingList.compress(merged, room, written);
                    if (written[0] == merged.size() || old.isEmpty()) {
                        // the tuple takes them all (its first TID stays, or an emptied one's rises within its place)
                        placed = merged;
                        order = r.tid();
                        replaceFrom = pos;
                        replaceCount = 1;
                    } else {
                        // a full tuple stays as it is; the new TIDs start a tuple after it
                        List<ItemPointer> fresh = new ArrayList<>(mine);
                        fresh.removeAll(new java.util.HashSet<>(old));
                        if (fresh.isEmpty()) return rest;
                        placed = fresh;
                    }
                }
            }
            byte[] seg = GinPostingList.compress(placed, room, written);
            byte[] tuple = GinEntry.formLeaf(st, key, order != null ? order : placed.get(0), seg, written[0], rel.name());
            List<byte[]> updated = new ArrayList<>(items.subList(0, replaceFrom));
            updated.add(tuple);
            updated.addAll(items.subList(replaceFrom + replaceCount, items.size()));
            placeOn(rel, st, buf, updated, stack, held);
            log(rel, held);
            // one tuple per descent, so a split always leaves two halves that fit; what did not fit
            // goes in by the next descent
            List<ItemPointer> out = new ArrayList<>(placed.subList(written[0], placed.size()));
            out.addAll(rest);
            return out;
        } finally {
            for (int b : held) relBuf(b);
        }
    }

    /** How many of the sorted {@code tids} are below {@code limit} (or at it, with {@code inclusive}). */
    private static int countBelow(List<ItemPointer> tids, ItemPointer limit, boolean inclusive) {
        int n = 0;
        while (n < tids.size() && (inclusive ? tids.get(n).compareTo(limit) <= 0 : tids.get(n).compareTo(limit) < 0)) n++;
        return n;
    }

    /**
     * ginPlaceToPage: puts {@code items} on the locked page {@code buf}, splitting it (and its
     * parents, as far as needed) when they do not fit. Every page changed ends up in {@code held}.
     */
    private void placeOn(Relation rel, GinState st, int buf, List<byte[]> items, Deque<Integer> stack, List<Integer> held) {
        MemorySegment p = page(buf);
        int flags = GinPage.flags(p), right = GinPage.rightlink(p);
        boolean leaf = GinPage.isLeaf(p);
        if (GinPage.fits(items)) {
            GinPage.rewrite(p, items, flags, right);
            return;
        }
        int split = splitPoint(items);
        List<byte[]> left = items.subList(0, split), rightItems = items.subList(split, items.size());
        int blk = blockNumber(buf);
        if (blk == GinPage.ROOT_BLKNO) {
            // ginSplitPage for the root: both halves go to new pages, the root keeps the downlinks
            int lbuf = newPage(rel);
            held.add(lbuf);
            int rbuf = newPage(rel);
            held.add(rbuf);
            int lblk = blockNumber(lbuf), rblk = blockNumber(rbuf);
            GinPage.rewrite(page(lbuf), left, flags, rblk);
            GinPage.rewrite(page(rbuf), rightItems, flags, GinPage.INVALID_BLOCK);
            GinEntry.Read lb = GinEntry.read(st, left.get(left.size() - 1), leaf);
            GinEntry.Read rb = GinEntry.read(st, rightItems.get(rightItems.size() - 1), leaf);
            List<byte[]> root = List.of(GinEntry.formInternal(st, lb.key(), lb.tid(), lblk),
                    GinEntry.formInternal(st, rb.key(), rb.tid(), rblk));
            GinPage.rewrite(p, root, flags & ~GinPage.GIN_LEAF, GinPage.INVALID_BLOCK);
            return;
        }
        int rbuf = newPage(rel);
        held.add(rbuf);
        int rblk = blockNumber(rbuf);
        GinPage.rewrite(page(rbuf), rightItems, flags, right);
        GinPage.rewrite(p, left, flags, rblk);
        GinEntry.Read lb = GinEntry.read(st, left.get(left.size() - 1), leaf);
        byte[] toLeft = GinEntry.formInternal(st, lb.key(), lb.tid(), blk);
        int pbuf = findParent(rel, st, blk, stack);
        held.add(pbuf);
        List<byte[]> parentItems = GinPage.items(page(pbuf));
        int idx = downlinkIndex(st, parentItems, blk);
        parentItems.set(idx, GinEntry.withDownlink(parentItems.get(idx), rblk));
        parentItems.add(idx, toLeft);
        placeOn(rel, st, pbuf, parentItems, stack, held);
    }

    /** The split point: the halves as equal in bytes as can be, neither empty. */
    private static int splitPoint(List<byte[]> items) {
        int total = GinPage.spaceFor(items, 0, items.size());
        int acc = 0, i = 0;
        while (i < items.size() - 1 && acc + GinPage.spaceFor(items, i, i + 1) <= total / 2) {
            acc += GinPage.spaceFor(items, i, i + 1);
            i++;
        }
        return Math.max(1, i);
    }

    private static int downlinkIndex(GinState st, List<byte[]> items, int child) {
        for (int i = 0; i < items.size(); i++) if (GinEntry.read(st, items.get(i), false).downlink() == child) return i;
        return -1;
    }

    /**
     * ginFindParents: the page holding the downlink to {@code child}, exclusively locked: the
     * parent the descent passed, or a page to its right (it split meanwhile); failing that (the
     * root split meanwhile), searched level by level from the root, one lock at a time.
     */
    private int findParent(Relation rel, GinState st, int child, Deque<Integer> stack) {
        Integer pblk = stack.poll();
        if (pblk != null) {
            int pbuf = getBuf(rel, pblk, LockMode.EXCLUSIVE);
            while (true) {
                if (downlinkIndex(st, GinPage.items(page(pbuf)), child) >= 0) return pbuf;
                int right = GinPage.rightlink(page(pbuf));
                relBuf(pbuf);
                if (right == GinPage.INVALID_BLOCK) break;
                pbuf = getBuf(rel, right, LockMode.EXCLUSIVE);
            }
        }
        int levelStart = GinPage.ROOT_BLKNO;
        while (true) {
            int blk = levelStart, firstChild = -1;
            while (blk != GinPage.INVALID_BLOCK) {
                int buf = getBuf(rel, blk, LockMode.EXCLUSIVE);
                MemorySegment p = page(buf);
                if (GinPage.isLeaf(p)) {
                    relBuf(buf);
                    throw PgException.error("XX002", "failed to re-find parent key in index \""
                            + rel.name() + "\" for split pages " + child);
                }
                List<byte[]> items = GinPage.items(p);
                if (downlinkIndex(st, items, child) >= 0) return buf;
                if (firstChild < 0) firstChild = GinEntry.read(st, items.get(0), false).downlink();
                blk = GinPage.rightlink(p);
                relBuf(buf);
            }
            levelStart = firstChild;
        }
    }

    // ------------------------------------------------------------------ vacuum

    /** The leftmost leaf's block number (descending along first downlinks). */
    int leftmostLeaf(Relation rel, GinState st) {
        int blk = GinPage.ROOT_BLKNO;
        while (true) {
            int buf = getBuf(rel, blk, LockMode.SHARE);
            try {
                MemorySegment p = page(buf);
                if (GinPage.isLeaf(p)) return blk;
                blk = GinEntry.read(st, Page.item(p, 1).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), false).downlink();
            } finally {
                relBuf(buf);
            }
        }
    }
}
