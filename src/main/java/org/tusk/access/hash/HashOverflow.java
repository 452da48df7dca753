package org.tusk.access.hash;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.PageHeader;
import org.tusk.utils.cache.Relation;

/**
 * Overflow pages and the bitmap pages that track them (hashovfl.c _hash_addovflpage,
 * _hash_getovflpage, _hash_initbitmapbuffer). Bit n of the bitmaps stands for overflow page n
 * in allocation order (bitno_to_blkno maps it to a block: after the buckets of the splitpoint it
 * was allocated in); a set bit is a page in use. A new overflow page is a freed one found in the
 * bitmaps from hashm_firstfree on, or else a block added at the end of the index, which counts
 * in hashm_spares of the current splitpoint; when the bitmaps have no bit for it, a new bitmap
 * page (all bits set: in use) is added first. All of it happens under the metapage's exclusive
 * lock, which also serializes every extension of the index.
 */
final class HashOverflow {
    private final HashPages pages;

    HashOverflow(HashPages pages) {
        this.pages = pages;
    }

    /**
     * _hash_addovflpage: an empty overflow page chained after {@code tail} (the exclusively locked
     * last page of a bucket's chain), returned exclusively locked. {@code tail} stays locked; the
     * caller logs it with the rest of its change (its next link is already written and logged here).
     */
    int addOvflPage(Relation rel, int tail) {
        int meta = pages.getBuf(rel, HashMetaPage.METAPAGE, LockMode.EXCLUSIVE, HashPageOpaque.LH_META_PAGE);
        List<Integer> changed = new ArrayList<>();
        int map = -1, ovfl;
        try {
            MemorySegment mp = pages.page(meta);
            int origFirstfree = HashMetaPage.firstfree(mp);
            int found = -1;
            int splitnum = HashMetaPage.ovflpoint(mp);
            int maxOvflpg = HashMetaPage.spare(mp, splitnum) - 1;
            int lastPage = maxOvflpg >>> HashMetaPage.BMSHIFT;
            int lastBit = maxOvflpg & HashMetaPage.BMPG_MASK;
            int bit = origFirstfree & HashMetaPage.BMPG_MASK;
            for (int i = origFirstfree >>> HashMetaPage.BMSHIFT; i <= lastPage && found < 0; i++, bit = 0) {
                int lastInPage = i == lastPage ? lastBit : HashMetaPage.BMPG_MASK;
                int m = pages.getBuf(rel, HashMetaPage.mapp(mp, i), LockMode.EXCLUSIVE, HashPageOpaque.LH_BITMAP_PAGE);
                MemorySegment bits = bitmap(pages.page(m));
                for (int b = bit & ~31; b <= lastInPage; b += 32) {
                    int word = bits.get(JAVA_INT, (long) (b >>> 5) * 4);
                    if (word == -1) continue;
                    int free = b + Integer.numberOfTrailingZeros(~word);
                    if (free > lastInPage) break;
                    bits.set(JAVA_INT, (long) (b >>> 5) * 4, word | (1 << (free & 31)));
                    found = (i << HashMetaPage.BMSHIFT) + free;
                    break;
                }
                if (found >= 0) map = m;
                else pages.relBuf(m);
            }
            if (found >= 0) {
                // a freed overflow page, recycled
                changed.add(map);
                ovfl = pages.getNewBuf(rel, HashMetaPage.bitnoToBlkno(mp, found));
                if (HashMetaPage.firstfree(mp) == origFirstfree) HashMetaPage.setFirstfree(mp, found + 1);
            } else {
                if (lastBit == HashMetaPage.BMPG_MASK) {
                    // no bit for the next page: a new bitmap page first, itself the next overflow page
                    int b = HashMetaPage.spare(mp, splitnum);
                    map = pages.extend(rel, HashMetaPage.bitnoToBlkno(mp, b));
                    initBitmap(pages.page(map));
                    int nmaps = HashMetaPage.nmaps(mp);
                    if (nmaps >= HashMetaPage.HASH_MAX_BITMAPS) {
                        pages.relBuf(map);
                        map = -1;
                        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.PROGRAM_LIMIT_EXCEEDED,
                                "out of overflow pages in hash index \"" + rel.name() + "\"");
                    }
                    HashMetaPage.setMapp(mp, nmaps, pages.blockNumber(map));
                    HashMetaPage.setNmaps(mp, nmaps + 1);
                    HashMetaPage.setSpare(mp, splitnum, b + 1);
                    changed.add(map);
                }
                int b = HashMetaPage.spare(mp, splitnum);
                ovfl = pages.extend(rel, HashMetaPage.bitnoToBlkno(mp, b));
                HashMetaPage.setSpare(mp, splitnum, b + 1);
                if (HashMetaPage.firstfree(mp) == origFirstfree) HashMetaPage.setFirstfree(mp, b + 1);
            }
            MemorySegment tp = pages.page(tail);
            HashPageOpaque.init(pages.page(ovfl), pages.blockNumber(tail), HashPageOpaque.INVALID_BLOCK,
                    HashPageOpaque.bucket(tp), HashPageOpaque.LH_OVERFLOW_PAGE);
            HashPageOpaque.setNext(tp, pages.blockNumber(ovfl));
            changed.add(meta);
            changed.add(ovfl);
            changed.add(tail);
            pages.logChange(rel, changed);
        } finally {
            if (map >= 0) pages.relBuf(map);
            pages.relBuf(meta);
        }
        return ovfl;
    }

    /** The bitmap words of a bitmap page (HashPageGetBitmap). */
    static MemorySegment bitmap(MemorySegment page) {
        return page.asSlice(PageHeader.SIZE, HashMetaPage.BMSIZE);
    }

    /** _hash_initbitmapbuffer: every bit set (in use); pages past the last allocated one are marked so too. */
    static void initBitmap(MemorySegment page) {
        HashPageOpaque.init(page, HashPageOpaque.INVALID_BLOCK, HashPageOpaque.INVALID_BLOCK, -1, HashPageOpaque.LH_BITMAP_PAGE);
        bitmap(page).fill((byte) 0xFF);
        PageHeader.setLower(page, PageHeader.SIZE + HashMetaPage.BMSIZE);
    }
}
