package org.tusk.access.gist;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.tusk.access.common.IndexTuples;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.utils.cache.Relation;

/**
 * Insertion (gist.c gistdoinsert, gistplacetopage, gistSplit; gistutil.c gistchoose). One
 * insertion descends from the root to a leaf, at each inner page choosing the downlink whose
 * keys grow least (the operator classes' penalties, compared column by column), places the entry,
 * and walks back up: a page that has room takes the entry and its parent's downlink is widened to
 * the union (gistgetadjusted) only if it does not already cover the entry; a page without room
 * is split (the operator class's picksplit, repeated until every part fits), the parts after the
 * first going to new pages linked from it by right links, and the parent takes the first part's
 * new union and downlinks to the others, which may split the parent in turn. The root stays at
 * block 0: splitting it moves its entries to new pages and makes it an inner page one level up.
 *
 * <p>Locking: an insertion holds the root's exclusive lock from start to end, so insertions into
 * one index (and bulk deletes, which take it too) run one at a time; it also write-locks each
 * page on its path and keeps them until the change is logged, so the whole change, split pages
 * and parent downlinks included, is one WAL record. Scans never wait on it for long: they lock one
 * page at a time, and those that read a parent before a split find the moved entries through the
 * right links, because each split page but the last gets the change's LSN as its NSN (see
 * {@link GistScan}). PostgreSQL lets insertions run concurrently, repairing the parent later
 * (gistFindCorrectParent, F_FOLLOW_RIGHT); serializing them keeps that machinery out.
 */
final class GistInsert {
    private final GistPages pages;

    GistInsert(GistPages pages) {
        this.pages = pages;
    }

    /** A page on the insertion path and the offset of its downlink in its parent (0 for the root). */
    private record Step(int buf, int parentOffset) {}

    /** gistdoinsert. */
    void insert(Relation rel, GistState state, GistState.Entry entry) {
        List<Step> path = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        try {
            int buf = pages.getBuf(rel, GistPageOpaque.ROOT, LockMode.EXCLUSIVE);
            held.add(buf);
            path.add(new Step(buf, 0));
            while (!GistPageOpaque.isLeaf(pages.page(buf))) {
                MemorySegment page = pages.page(buf);
                int off = choose(state, page, entry.values());
                int child = IndexTuples.tid(Page.item(page, off)).block();
                buf = pages.getBuf(rel, child, LockMode.EXCLUSIVE);
                held.add(buf);
                path.add(new Step(buf, off));
            }
            List<Integer> changed = new ArrayList<>();
            List<Integer> splitLeft = new ArrayList<>();
            place(rel, state, path, path.size() - 1, List.of(entry), 0, changed, splitLeft, held);
            long lsn = pages.logChange(rel, changed);
            // the pages a split left entries behind on: scans that read the parent before must follow right
            for (int b : splitLeft) GistPageOpaque.setNsn(pages.page(b), lsn);
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) pages.relBuf(held.get(i));
        }
    }

    /**
     * gistplacetopage on level {@code level} of the path: {@code add} replaces the entry at
     * {@code replace} (the first of them; 0: none replaced) and the rest are added; then the
     * parent is adjusted or, after a split, given the new downlinks.
     */
    private void place(Relation rel, GistState state, List<Step> path, int level, List<GistState.Entry> add, int replace,
                       List<Integer> changed, List<Integer> splitLeft, List<Integer> held) {
        int buf = path.get(level).buf();
        MemorySegment page = pages.page(buf);
        boolean leaf = GistPageOpaque.isLeaf(page);
        List<GistState.Entry> entries = readAll(state, page, leaf);
        if (replace > 0) {
            entries.set(replace - 1, add.get(0));
            entries.addAll(add.subList(1, add.size()));
        } else {
            entries.addAll(add);
        }
        if (fits(entries)) {
            rewrite(page, entries, GistPageOpaque.flags(page));
            changed.add(buf);
            if (level == 0) return;
            // widen the parent's downlink to cover what was added, if it does not already
            MemorySegment parent = pages.page(path.get(level - 1).buf());
            int off = path.get(level).parentOffset();
            GistState.Entry downlink = state.read(Page.item(parent, off), false);
            Object[] u = downlink.values();
            boolean grew = false;
            for (GistState.Entry a : add) {
                Object[] adj = state.adjusted(u, a.values());
                if (adj != null) {
                    u = adj;
                    grew = true;
                }
            }
            if (!grew) return;
            place(rel, state, path, level - 1, List.of(state.downlink(u, pages.blockNumber(buf))), off, changed, splitLeft,
                    held);
            return;
        }
        List<List<GistState.Entry>> parts = split(state, entries);
        int flags = GistPageOpaque.flags(page) & (GistPageOpaque.F_LEAF);
        if (level == 0) {
            // a root split: every part to a new page, the root one level up with their downlinks
            List<GistState.Entry> downlinks = new ArrayList<>();
            int[] bufs = new int[parts.size()];
            for (int i = 0; i < parts.size(); i++) {
                bufs[i] = pages.newPage(rel, flags);
                held.add(bufs[i]);
                changed.add(bufs[i]);
            }
            for (int i = 0; i < parts.size(); i++) {
                MemorySegment p = pages.page(bufs[i]);
                rewrite(p, parts.get(i), flags);
                GistPageOpaque.setRightlink(p, i + 1 < parts.size() ? pages.blockNumber(bufs[i + 1]) : GistPageOpaque.INVALID_BLOCK);
                downlinks.add(state.downlink(state.union(parts.get(i)), pages.blockNumber(bufs[i])));
            }
            if (!fits(downlinks)) throw new IllegalStateException("GiST root split produced too many parts");
            rewrite(page, downlinks, 0);
            changed.add(buf);
            return;
        }
        // the first part stays here, the others go to new pages chained by right links
        long oldNsn = GistPageOpaque.nsn(page);
        int oldRight = GistPageOpaque.rightlink(page);
        int[] bufs = new int[parts.size()];
        bufs[0] = buf;
        for (int i = 1; i < parts.size(); i++) {
            bufs[i] = pages.newPage(rel, flags);
            held.add(bufs[i]);
        }
        List<GistState.Entry> downlinks = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            MemorySegment p = pages.page(bufs[i]);
            rewrite(p, parts.get(i), flags);
            GistPageOpaque.setRightlink(p, i + 1 < parts.size() ? pages.blockNumber(bufs[i + 1]) : oldRight);
            GistPageOpaque.setNsn(p, oldNsn);
            if (i + 1 < parts.size()) splitLeft.add(bufs[i]);
            changed.add(bufs[i]);
            downlinks.add(state.downlink(state.union(parts.get(i)), pages.blockNumber(bufs[i])));
        }
        place(rel, state, path, level - 1, downlinks, path.get(level).parentOffset(), changed, splitLeft, held);
    }

    /** Every entry of a page, in offset order. */
    static List<GistState.Entry> readAll(GistState state, MemorySegment page, boolean leaf) {
        List<GistState.Entry> out = new ArrayList<>();
        int max = Page.maxOffsetNumber(page);
        for (int off = Page.FIRST_OFFSET_NUMBER; off <= max; off++) out.add(state.read(Page.item(page, off), leaf));
        return out;
    }

    /** Whether the entries fit one empty page (gistnospace). */
    static boolean fits(List<GistState.Entry> entries) {
        int space = Page.BLCKSZ - PageHeader.SIZE - GistPageOpaque.SIZE;
        int need = 0;
        for (GistState.Entry e : entries) need += e.size() + org.tusk.storage.page.ItemId.SIZE;
        return need <= space;
    }

    /** The page emptied (keeping its NSN and right link) and refilled with {@code entries} in order. */
    static void rewrite(MemorySegment page, List<GistState.Entry> entries, int flags) {
        long nsn = GistPageOpaque.nsn(page);
        int right = GistPageOpaque.rightlink(page);
        long lsn = PageHeader.lsn(page);
        GistPageOpaque.init(page, flags);
        GistPageOpaque.setNsn(page, nsn);
        GistPageOpaque.setRightlink(page, right);
        PageHeader.setLsn(page, lsn);
        for (GistState.Entry e : entries) {
            if (Page.addItem(page, MemorySegment.ofArray(e.bytes()), 0) == Page.INVALID_OFFSET_NUMBER) {
                throw new IllegalStateException("GiST entry does not fit its page");
            }
        }
    }

    /**
     * gistchoose: the offset of the downlink whose keys grow least to take {@code keys}, compared
     * column by column (a later column only breaks ties of the earlier ones); a downlink needing
     * no growth in any column is taken at once. PostgreSQL breaks remaining ties at random to
     * spread insertions; this takes the first.
     */
    static int choose(GistState state, MemorySegment page, Object[] keys) {
        int max = Page.maxOffsetNumber(page);
        int best = Page.FIRST_OFFSET_NUMBER;
        double[] bestPenalty = null;
        for (int off = Page.FIRST_OFFSET_NUMBER; off <= max; off++) {
            Object[] v = IndexTuples.deform(state.desc, state.nkeys, Page.item(page, off));
            double[] p = new double[state.nkeys];
            boolean better = bestPenalty == null, zero = true;
            for (int c = 0; c < state.nkeys; c++) {
                p[c] = state.penalty(c, v[c], keys[c]);
                zero &= p[c] == 0;
            }
            if (!better) {
                for (int c = 0; c < state.nkeys; c++) {
                    if (p[c] < bestPenalty[c]) { better = true; break; }
                    if (p[c] > bestPenalty[c]) break;
                }
            }
            if (better) {
                best = off;
                bestPenalty = p;
            }
            if (zero) return off;
        }
        return best;
    }

    /**
     * gistSplit: the entries divided until every part fits a page. The first key column decides
     * (its operator class's picksplit); entries whose first key is null go apart from the
     * others, as gistSplitByKey keeps nulls together. PostgreSQL goes on to later columns where
     * the first leaves entries that could go either way; any division is correct.
     */
    static List<List<GistState.Entry>> split(GistState state, List<GistState.Entry> entries) {
        List<List<GistState.Entry>> out = new ArrayList<>();
        if (fits(entries)) {
            out.add(entries);
            return out;
        }
        int n = entries.size();
        boolean[] left = new boolean[n];
        List<Integer> nonNull = new ArrayList<>();
        for (int i = 0; i < n; i++) if (entries.get(i).values()[0] != null) nonNull.add(i);
        if (nonNull.size() == n) {
            List<Object> keys = new ArrayList<>();
            for (GistState.Entry e : entries) keys.add(e.values()[0]);
            left = state.classes[0].pickSplit(keys);
        } else if (nonNull.isEmpty()) {
            for (int i = 0; i < n / 2; i++) left[i] = true;
        } else {
            for (int i = 0; i < n; i++) left[i] = entries.get(i).values()[0] == null;
        }
        List<GistState.Entry> l = new ArrayList<>(), r = new ArrayList<>();
        for (int i = 0; i < n; i++) (left[i] ? l : r).add(entries.get(i));
        if (l.isEmpty() || r.isEmpty()) {
            // picksplit put everything on one side: halves in order (gistSplitHalf)
            l.clear();
            r.clear();
            for (int i = 0; i < n; i++) (i < n / 2 ? l : r).add(entries.get(i));
        }
        out.addAll(split(state, l));
        out.addAll(split(state, r));
        return out;
    }

    /** The heap TID a leaf entry points to. */
    static ItemPointer heapTid(MemorySegment item) {
        return IndexTuples.tid(item);
    }
}
