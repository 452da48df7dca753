package org.tusk.access.nbtree;

import org.tusk.access.common.IndexTuples;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.IndexAmContext;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A structure check in the spirit of amcheck's bt_index_check (verify_nbtree.c): walks every
 * level from the root down, left to right along the sibling links, and reports each broken
 * invariant as a line of text (an empty list means the index is sound):
 *
 * <ul>
 * <li>the metapage is a version-4 B-tree metapage whose root is the root page of its level;</li>
 * <li>each level is one chain: left links mirror right links, levels and leaf flags agree, the
 *     chain ends at a rightmost page;</li>
 * <li>keys are strictly ascending within a page (heap TID included) and none is above the high
 *     key;</li>
 * <li>the downlinks of a level, in order, are exactly the pages of the level below (a right half
 *     of a split still incomplete excepted), and each child's entries are above the downlink's
 *     separator and not above the next separator;</li>
 * <li>leaf entries are non-pivot tuples with all key attributes and a valid heap TID; pivots
 *     carry no more than the key attributes.</li>
 * </ul>
 * Pages are read one at a time under a share lock, so the index must not be changing (amcheck
 * itself copes with concurrent splits in ways this does not); it reads what a user would.
 * Tuples are compared as amcheck does: truncated attributes and a missing heap TID are minus
 * infinity.
 */
public final class BTreeVerifier {
    /** Reports beyond this many are dropped: one broken invariant tends to show up everywhere. */
    static final int MAX_PROBLEMS = 20;

    private final BTPages pages;

    public BTreeVerifier(IndexAmContext ctx) {
        this.pages = new BTPages(ctx, new BTXLog(ctx));
    }

    /** A page as read: its block, opaque fields and a private copy of its contents. */
    private record PageCopy(int blkno, MemorySegment page) {
        int next() { return BTPageOpaque.next(page); }
        int prev() { return BTPageOpaque.prev(page); }
        int level() { return BTPageOpaque.level(page); }
        boolean leaf() { return BTPageOpaque.isLeaf(page); }
        boolean rightmost() { return BTPageOpaque.isRightmost(page); }
        int first() { return BTPageOpaque.firstDataKey(page); }
        int max() { return Page.maxOffsetNumber(page); }
        MemorySegment item(int off) { return Page.item(page, off); }
    }

    /** bt_index_check: the list of problems found, empty if none. */
    public List<String> check(Relation rel) {
        List<String> problems = new ArrayList<>() {
            @Override
            public boolean add(String s) {
                return size() < MAX_PROBLEMS && super.add(s);
            }
        };
        PageCopy meta = read(rel, BTMetaPage.BTREE_METAPAGE);
        if (!BTPageOpaque.isMeta(meta.page()) || BTMetaPage.magic(meta.page()) != BTMetaPage.BTREE_MAGIC) {
            problems.add("block 0 is not a btree metapage");
            return problems;
        }
        if (BTMetaPage.version(meta.page()) != BTMetaPage.BTREE_VERSION) {
            problems.add("metapage version " + BTMetaPage.version(meta.page()) + " is not " + BTMetaPage.BTREE_VERSION);
        }
        int root = BTMetaPage.root(meta.page());
        if (root == BTPageOpaque.P_NONE) {
            if (pages.nblocks(rel) > 1) problems.add("empty index (no root) has " + pages.nblocks(rel) + " blocks");
            return problems;
        }
        if (BTMetaPage.fastRoot(meta.page()) != root) problems.add("fast root " + BTMetaPage.fastRoot(meta.page()) + " is not root " + root);
        PageCopy rootPage = read(rel, root);
        int rootLevel = BTMetaPage.level(meta.page());
        // A root whose split is not finished (no new root yet) has lost BTP_ROOT and has a right sibling.
        boolean rootSplitting = BTPageOpaque.incompleteSplit(rootPage.page());
        if (!rootSplitting && !BTPageOpaque.isRoot(rootPage.page())) problems.add("metapage root " + root + " is not flagged BTP_ROOT");
        if (rootPage.level() != rootLevel) problems.add("root " + root + " has level " + rootPage.level() + ", metapage says " + rootLevel);
        if (rootPage.prev() != BTPageOpaque.P_NONE || !rootSplitting && !rootPage.rightmost()) problems.add("root " + root + " has siblings");

        TupleDesc desc = rel.desc();
        List<Integer> expected = List.of(root);
        for (int level = rootLevel; level >= 0; level--) {
            List<PageCopy> chain = walkLevel(rel, expected.getFirst(), level, problems);
            List<Integer> blocks = chain.stream().map(PageCopy::blkno).toList();
            List<Integer> withDownlinks = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                boolean rightHalfOfIncomplete = i > 0 && BTPageOpaque.incompleteSplit(chain.get(i - 1).page());
                if (!rightHalfOfIncomplete) withDownlinks.add(chain.get(i).blkno());
            }
            if (!withDownlinks.equals(expected)) {
                problems.add("level " + level + ": downlinks " + expected + " do not match the sibling chain " + blocks);
            }
            List<Integer> children = new ArrayList<>();
            for (PageCopy p : chain) {
                checkPage(rel, desc, p, level, problems);
                if (level > 0) checkChildren(rel, desc, p, problems, children);
            }
            expected = children;
            if (level > 0 && expected.isEmpty()) {
                problems.add("level " + level + " has no downlinks");
                break;
            }
        }
        return problems;
    }

    private List<PageCopy> walkLevel(Relation rel, int leftmost, int level, List<String> problems) {
        List<PageCopy> chain = new ArrayList<>();
        int prev = BTPageOpaque.P_NONE;
        int blkno = leftmost;
        int limit = pages.nblocks(rel);
        while (true) {
            PageCopy p = read(rel, blkno);
            chain.add(p);
            if (p.prev() != prev) {
                problems.add("block " + blkno + ": left link " + p.prev() + " but reached from " + prev);
            }
            if (p.level() != level) problems.add("block " + blkno + ": level " + p.level() + ", expected " + level);
            if (p.leaf() != (level == 0)) problems.add("block " + blkno + ": leaf flag wrong for level " + level);
            if (BTPageOpaque.ignore(p.page())) problems.add("block " + blkno + ": deleted or half-dead page in the chain");
            if (p.rightmost()) break;
            if (chain.size() > limit) {
                problems.add("level " + level + ": sibling chain loops");
                break;
            }
            prev = blkno;
            blkno = p.next();
        }
        return chain;
    }

    /** Order within the page, against the high key, and tuple shape. */
    private void checkPage(Relation rel, TupleDesc desc, PageCopy p, int level, List<String> problems) {
        int nkeyatts = BTScanInsert.nkeyatts(rel);
        MemorySegment hikey = p.rightmost() ? null : p.item(BTPageOpaque.P_HIKEY);
        if (hikey != null && !BTTuple.isPivot(hikey)) problems.add("block " + p.blkno() + ": high key is not a pivot tuple");
        MemorySegment prevItem = null;
        for (int off = p.first(); off <= p.max(); off++) {
            MemorySegment itup = p.item(off);
            String where = "block " + p.blkno() + " offset " + off;
            if (p.leaf()) {
                if (BTTuple.isPivot(itup)) problems.add(where + ": pivot tuple on a leaf page");
                ItemPointer tid = BTTuple.heapTid(itup);
                if (tid == null || !tid.isValid() || tid.block() == ItemPointer.INVALID_BLOCK_NUMBER) {
                    problems.add(where + ": invalid heap TID " + tid);
                }
            } else {
                if (!BTTuple.isPivot(itup)) problems.add(where + ": non-pivot tuple on an internal page");
                else if (BTTuple.natts(itup, nkeyatts) > nkeyatts) problems.add(where + ": pivot has too many attributes");
                if (off == p.first() && BTTuple.natts(itup, nkeyatts) != 0) problems.add(where + ": first downlink is not minus infinity");
            }
            if (prevItem != null && compare(desc, BTScanInsert.options(rel), BTScanInsert.nkeyatts(rel), prevItem, itup) >= 0) problems.add(where + ": key not above the previous one");
            if (hikey != null && compare(desc, BTScanInsert.options(rel), BTScanInsert.nkeyatts(rel), itup, hikey) > 0) problems.add(where + ": key above the high key");
            prevItem = itup;
        }
    }

    /** Each child's keys lie between its separator and the next (or the parent's high key). */
    private void checkChildren(Relation rel, TupleDesc desc, PageCopy parent, List<String> problems, List<Integer> children) {
        for (int off = parent.first(); off <= parent.max(); off++) {
            MemorySegment sep = parent.item(off);
            MemorySegment upper = off < parent.max() ? parent.item(off + 1)
                    : parent.rightmost() ? null : parent.item(BTPageOpaque.P_HIKEY);
            int childBlk = BTTuple.downlink(sep);
            children.add(childBlk);
            PageCopy child = read(rel, childBlk);
            String where = "downlink at block " + parent.blkno() + " offset " + off + " to block " + childBlk;
            if (child.level() != parent.level() - 1) {
                problems.add(where + ": child level " + child.level() + ", expected " + (parent.level() - 1));
                continue;
            }
            boolean minusInf = off == parent.first();
            for (int coff = child.rightmost() ? child.first() : BTPageOpaque.P_HIKEY; coff <= child.max(); coff++) {
                if (!child.leaf() && coff == child.first()) continue;   // the child's own minus infinity
                MemorySegment citem = child.item(coff);
                if (!minusInf && compare(desc, BTScanInsert.options(rel), BTScanInsert.nkeyatts(rel), citem, sep) <= 0) problems.add(where + ": child key at offset " + coff + " not above the separator");
                if (upper != null && compare(desc, BTScanInsert.options(rel), BTScanInsert.nkeyatts(rel), citem, upper) > 0) problems.add(where + ": child key at offset " + coff + " above the next separator");
            }
            if (upper == null && !child.rightmost() && !BTPageOpaque.incompleteSplit(child.page())) {
                problems.add(where + ": last child of a rightmost parent is not rightmost");
            }
        }
    }

    /** Orders two tuples of the index: attribute by attribute, truncated ones and a missing heap TID as minus infinity. */
    static int compare(TupleDesc desc, MemorySegment a, MemorySegment b) {
        return compare(desc, null, a, b);
    }

    /** {@link #compare(TupleDesc, MemorySegment, MemorySegment)} honouring each column's indoption. */
    static int compare(TupleDesc desc, short[] options, MemorySegment a, MemorySegment b) {
        return compare(desc, options, desc.natts(), a, b);
    }

    /** The same for an index whose first {@code nkeyatts} columns are its key columns. */
    static int compare(TupleDesc desc, short[] options, int nkeyatts, MemorySegment a, MemorySegment b) {
        int na = BTTuple.natts(a, nkeyatts), nb = BTTuple.natts(b, nkeyatts);
        Object[] va = IndexTuples.deform(desc, na, a);
        Object[] vb = IndexTuples.deform(desc, nb, b);
        for (int i = 0; i < nkeyatts; i++) {
            boolean ha = i < na, hb = i < nb;
            if (!ha || !hb) {
                if (ha != hb) return ha ? 1 : -1;
                return 0;   // both truncated here: equal, and so are the (absent) heap TIDs
            }
            int c = BTScanInsert.compareValue(desc.attr(i).type(), BTScanInsert.option(options, i), va[i], vb[i]);
            if (c != 0) return c;
        }
        ItemPointer ta = BTTuple.heapTid(a), tb = BTTuple.heapTid(b);
        if (ta == null || tb == null) return ta == tb ? 0 : ta == null ? -1 : 1;
        return BTScanInsert.compareTids(ta, tb);
    }

    private PageCopy read(Relation rel, int blkno) {
        int buf = pages.getBuf(rel, blkno, LockMode.SHARE);
        try {
            MemorySegment copy = java.lang.foreign.Arena.ofAuto().allocate(Page.BLCKSZ, 8);
            MemorySegment.copy(pages.page(buf), 0, copy, 0, Page.BLCKSZ);
            return new PageCopy(blkno, copy);
        } finally {
            pages.relBuf(buf);
        }
    }
}
