package org.tusk.access.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;

/**
 * The hash index's on-page structures against PostgreSQL 15's hash.h and hashutil.c: the
 * splitpoint arithmetic (one phase per group up to 512 buckets, four after), the metapage that
 * _hash_init_metabuffer writes and the block numbers it gives buckets and overflow pages, the
 * special space, and the entries kept in unsigned hash-code order on a page.
 */
class HashPageLayoutTest {
    private static MemorySegment page() {
        return Arena.ofAuto().allocate(Page.BLCKSZ, 8);
    }

    @Test
    void splitpointsAreAsHashutilComputesThem() {
        assertEquals(0, HashMetaPage.spareIndex(1));
        assertEquals(1, HashMetaPage.spareIndex(2));
        assertEquals(2, HashMetaPage.spareIndex(3));
        assertEquals(2, HashMetaPage.spareIndex(4));
        assertEquals(9, HashMetaPage.spareIndex(512));
        assertEquals(10, HashMetaPage.spareIndex(513));
        assertEquals(10, HashMetaPage.spareIndex(640));
        assertEquals(11, HashMetaPage.spareIndex(641));
        assertEquals(13, HashMetaPage.spareIndex(1024));
        assertEquals(14, HashMetaPage.spareIndex(1025));
        assertEquals(2, HashMetaPage.totalBuckets(1));
        assertEquals(512, HashMetaPage.totalBuckets(9));
        assertEquals(640, HashMetaPage.totalBuckets(10));
        assertEquals(768, HashMetaPage.totalBuckets(11));
        assertEquals(1024, HashMetaPage.totalBuckets(13));
        assertEquals(1280, HashMetaPage.totalBuckets(14));
        // _hash_init for tenk1 at fillfactor 10 (ffactor 40): 250 buckets wanted, a whole splitpoint of 256 made
        assertEquals(256, HashMetaPage.totalBuckets(HashMetaPage.spareIndex(250)));
        assertEquals(4, HashMetaPage.oldBucketOf(12));
        assertEquals(0, HashMetaPage.oldBucketOf(1));
    }

    @Test
    void metapageAsInitMetabufferWritesIt() {
        MemorySegment p = page();
        HashMetaPage.init(p, 4, 307, 0);
        assertTrue(HashMetaPage.isValid(p));
        assertEquals(3, HashMetaPage.maxbucket(p));
        assertEquals(7, HashMetaPage.highmask(p));
        assertEquals(3, HashMetaPage.lowmask(p));
        assertEquals(2, HashMetaPage.ovflpoint(p));
        assertEquals(1, HashMetaPage.spare(p, 2), "the first bitmap page counts as an overflow page of the splitpoint");
        assertEquals(4096, HashMetaPage.BMSIZE);
        assertEquals(15, HashMetaPage.BMSHIFT);
        assertEquals(8152, HashMetaPage.BSIZE);
        assertEquals(24 + 4540, PageHeader.lower(p));
        // buckets 0..3 at blocks 1..4; the bitmap page (overflow bit 0) at 5, the next overflow page at 6
        for (int b = 0; b < 4; b++) assertEquals(b + 1, HashMetaPage.bucketToBlkno(p, b));
        assertEquals(5, HashMetaPage.bitnoToBlkno(p, 0));
        assertEquals(6, HashMetaPage.bitnoToBlkno(p, 1));
        // a split to bucket 4 opens splitpoint 3 after the two overflow pages: its buckets start at block 7
        HashMetaPage.setSpare(p, 2, 2);
        HashMetaPage.setMaxbucket(p, 4);
        HashMetaPage.setSpare(p, 3, 2);
        HashMetaPage.setOvflpoint(p, 3);
        assertEquals(7, HashMetaPage.bucketToBlkno(p, 4));
        assertEquals(10, HashMetaPage.bucketToBlkno(p, 7));
        assertEquals(6, HashMetaPage.bitnoToBlkno(p, 1), "an overflow page keeps its block when later splitpoints open");
        assertEquals(11, HashMetaPage.bitnoToBlkno(p, 2));
        HashMetaPage.Masks m = new HashMetaPage.Masks(4, 7, 3);
        assertEquals(4, m.bucketOf(12));
        assertEquals(1, m.bucketOf(13), "bucket 5 does not exist yet: the lower mask applies");
        assertEquals(0, m.bucketOf(0x80000008));
    }

    @Test
    void entriesStayInUnsignedHashOrder() {
        MemorySegment p = page();
        HashPageOpaque.init(p, 3, HashPageOpaque.INVALID_BLOCK, 2, HashPageOpaque.LH_BUCKET_PAGE);
        assertEquals(16, Page.specialSize(p));
        assertTrue(HashPageOpaque.isHashPage(p));
        assertEquals(2, HashPageOpaque.bucket(p));
        assertFalse(HashPageOpaque.has(p, HashPageOpaque.LH_OVERFLOW_PAGE));
        int[] hashes = {5, -1, 0x7FFFFFFF, 0x80000000, 5, 0, 12};
        for (int i = 0; i < hashes.length; i++) {
            assertTrue(HashTuple.add(p, HashTuple.form(hashes[i], new ItemPointer(1, i + 1), i == 3), hashes[i]));
        }
        int[] want = {0, 5, 5, 12, 0x7FFFFFFF, 0x80000000, -1};
        for (int i = 0; i < want.length; i++) assertEquals(want[i], HashTuple.hash(p, i + 1));
        assertEquals(16, org.tusk.storage.page.ItemId.length(Page.itemId(p, 1)));
        assertEquals(2, HashTuple.binsearch(p, 5));
        assertEquals(4, HashTuple.binsearch(p, 6));
        assertEquals(8, HashTuple.binsearch(p, -1) + 1);
        assertTrue(HashTuple.movedBySplit(p, 6));
        assertEquals(new ItemPointer(1, 4), HashTuple.tid(p, 6));
        // a page holds (8192 - 24 - 16) / (16 + 4) entries
        MemorySegment q = page();
        HashPageOpaque.init(q, 0, HashPageOpaque.INVALID_BLOCK, 0, HashPageOpaque.LH_OVERFLOW_PAGE);
        int n = 0;
        while (HashTuple.add(q, HashTuple.form(n, new ItemPointer(0, 1), false), n)) n++;
        assertEquals((8192 - 24 - 16) / 20, n);
    }
}
