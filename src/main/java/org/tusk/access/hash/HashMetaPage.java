package org.tusk.access.hash;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;

import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;

/**
 * HashMetaPageData (hash.h), the contents of block 0, and the arithmetic over it (hashutil.c
 * _hash_spareindex, _hash_get_totalbuckets, _hash_hashkey2bucket, the BUCKET_TO_BLKNO macro;
 * hashovfl.c bitno_to_blkno).
 *
 * <pre>
 *    0 hashm_magic      uint32  HASH_MAGIC 0x6440640
 *    4 hashm_version    uint32  HASH_VERSION 4
 *    8 hashm_ntuples    double  entries in the index (the split trigger)
 *   16 hashm_ffactor    uint16  target entries per bucket
 *   18 hashm_bsize      uint16  page size less header and special space
 *   20 hashm_bmsize     uint16  bitmap bytes per bitmap page (a power of 2)
 *   22 hashm_bmshift    uint16  log2(bitmap bits per page)
 *   24 hashm_maxbucket  uint32  the highest bucket number in use
 *   28 hashm_highmask   uint32  mask to modulo into the entire table
 *   32 hashm_lowmask    uint32  mask to modulo into the lower half of the table
 *   36 hashm_ovflpoint  uint32  the splitpoint overflow pages are allocated from
 *   40 hashm_firstfree  uint32  lowest-numbered free overflow bit
 *   44 hashm_nmaps      uint32  bitmap pages
 *   48 hashm_procid     Oid     the hash support function of the key column
 *   52 hashm_spares[98] uint32  overflow pages (bitmap pages included) allocated before each splitpoint ends
 *  444 hashm_mapp[1024] BlockNumber the bitmap pages
 * </pre>
 *
 * <p>Buckets are allocated a splitpoint at a time: the first ten splitpoints double the table
 * (1, 2, 4, ... 512 buckets), later ones in four phases each, so that a large index does not
 * double its size at once. The overflow pages allocated during a splitpoint lie after its
 * buckets, so bucket B's primary page is B + 1 (the metapage) + the overflow pages before its
 * splitpoint.
 */
final class HashMetaPage {
    private HashMetaPage() {}

    static final int HASH_MAGIC = 0x6440640, HASH_VERSION = 4;
    static final int HASH_MAX_SPLITPOINTS = 98, HASH_MAX_BITMAPS = 1024;
    static final int SPLITPOINT_PHASE_BITS = 2, SPLITPOINT_PHASE_MASK = (1 << SPLITPOINT_PHASE_BITS) - 1,
            SPLITPOINT_GROUPS_WITH_ONE_PHASE = 10;
    static final int METAPAGE = 0;
    /** HashGetMaxBitmapSize: BLCKSZ less the page header and the special space. */
    static final int BSIZE = Page.BLCKSZ - (PageHeader.SIZE + HashPageOpaque.SIZE);
    /** The largest power of 2 bytes that fits (_hash_init_metabuffer's lshift). */
    static final int BMSIZE = Integer.highestOneBit(BSIZE);
    static final int BMSHIFT = Integer.numberOfTrailingZeros(BMSIZE) + 3;
    /** BMPGSZ_BIT - 1. */
    static final int BMPG_MASK = (BMSIZE << 3) - 1;
    /** The metadata's size: pd_lower is set after it, so a full-page image leaves the rest out. */
    static final int SIZE = 444 + 4 * HASH_MAX_BITMAPS;

    private static final int MAGIC = 0, VERSION = 4, NTUPLES = 8, FFACTOR = 16, BSIZE_OFF = 18, BMSIZE_OFF = 20,
            BMSHIFT_OFF = 22, MAXBUCKET = 24, HIGHMASK = 28, LOWMASK = 32, OVFLPOINT = 36, FIRSTFREE = 40, NMAPS = 44,
            PROCID = 48, SPARES = 52, MAPP = 444;

    private static MemorySegment m(MemorySegment page) {
        return page.asSlice(PageHeader.SIZE, SIZE);
    }

    /**
     * _hash_init_metabuffer: block 0 for an index of {@code numBuckets} initial buckets (their
     * splitpoint's spare count set to 1 for the first bitmap page, which follows them) aiming at
     * {@code ffactor} entries per bucket.
     */
    static void init(MemorySegment page, int numBuckets, int ffactor, int procid) {
        HashPageOpaque.init(page, HashPageOpaque.INVALID_BLOCK, HashPageOpaque.INVALID_BLOCK, -1, HashPageOpaque.LH_META_PAGE);
        MemorySegment s = m(page);
        s.fill((byte) 0);
        s.set(JAVA_INT, MAGIC, HASH_MAGIC);
        s.set(JAVA_INT, VERSION, HASH_VERSION);
        s.set(JAVA_DOUBLE, NTUPLES, 0.0);
        s.set(JAVA_SHORT, FFACTOR, (short) ffactor);
        s.set(JAVA_SHORT, BSIZE_OFF, (short) BSIZE);
        s.set(JAVA_SHORT, BMSIZE_OFF, (short) BMSIZE);
        s.set(JAVA_SHORT, BMSHIFT_OFF, (short) BMSHIFT);
        int spareIndex = spareIndex(numBuckets);
        s.set(JAVA_INT, MAXBUCKET, numBuckets - 1);
        int highmask = nextPowerOf2(numBuckets + 1) - 1;
        s.set(JAVA_INT, HIGHMASK, highmask);
        s.set(JAVA_INT, LOWMASK, highmask >>> 1);
        s.set(JAVA_INT, PROCID, procid);
        s.set(JAVA_INT, SPARES + 4 * spareIndex, 1);
        s.set(JAVA_INT, OVFLPOINT, spareIndex);
        s.set(JAVA_INT, FIRSTFREE, 0);
        s.set(JAVA_INT, NMAPS, 0);
        PageHeader.setLower(page, PageHeader.SIZE + SIZE);
    }

    static boolean isValid(MemorySegment page) {
        return HashPageOpaque.isHashPage(page) && HashPageOpaque.has(page, HashPageOpaque.LH_META_PAGE)
                && m(page).get(JAVA_INT, MAGIC) == HASH_MAGIC && m(page).get(JAVA_INT, VERSION) == HASH_VERSION;
    }

    static double ntuples(MemorySegment p) { return m(p).get(JAVA_DOUBLE, NTUPLES); }

    static void setNtuples(MemorySegment p, double v) { m(p).set(JAVA_DOUBLE, NTUPLES, v); }

    static int ffactor(MemorySegment p) { return m(p).get(JAVA_SHORT, FFACTOR) & 0xFFFF; }

    static int maxbucket(MemorySegment p) { return m(p).get(JAVA_INT, MAXBUCKET); }

    static void setMaxbucket(MemorySegment p, int v) { m(p).set(JAVA_INT, MAXBUCKET, v); }

    static int highmask(MemorySegment p) { return m(p).get(JAVA_INT, HIGHMASK); }

    static void setHighmask(MemorySegment p, int v) { m(p).set(JAVA_INT, HIGHMASK, v); }

    static int lowmask(MemorySegment p) { return m(p).get(JAVA_INT, LOWMASK); }

    static void setLowmask(MemorySegment p, int v) { m(p).set(JAVA_INT, LOWMASK, v); }

    static int ovflpoint(MemorySegment p) { return m(p).get(JAVA_INT, OVFLPOINT); }

    static void setOvflpoint(MemorySegment p, int v) { m(p).set(JAVA_INT, OVFLPOINT, v); }

    static int firstfree(MemorySegment p) { return m(p).get(JAVA_INT, FIRSTFREE); }

    static void setFirstfree(MemorySegment p, int v) { m(p).set(JAVA_INT, FIRSTFREE, v); }

    static int nmaps(MemorySegment p) { return m(p).get(JAVA_INT, NMAPS); }

    static void setNmaps(MemorySegment p, int v) { m(p).set(JAVA_INT, NMAPS, v); }

    static int procid(MemorySegment p) { return m(p).get(JAVA_INT, PROCID); }

    static int spare(MemorySegment p, int i) { return m(p).get(JAVA_INT, SPARES + 4L * i); }

    static void setSpare(MemorySegment p, int i, int v) { m(p).set(JAVA_INT, SPARES + 4L * i, v); }

    static int mapp(MemorySegment p, int i) { return m(p).get(JAVA_INT, MAPP + 4L * i); }

    static void setMapp(MemorySegment p, int i, int v) { m(p).set(JAVA_INT, MAPP + 4L * i, v); }

    /** The masks and top bucket a caller computed its bucket with: a snapshot of the metapage taken under its lock. */
    record Masks(int maxbucket, int highmask, int lowmask) {
        /** _hash_hashkey2bucket. */
        int bucketOf(int hashkey) {
            int bucket = hashkey & highmask;
            if (Integer.compareUnsigned(bucket, maxbucket) > 0) bucket &= lowmask;
            return bucket;
        }
    }

    static Masks masks(MemorySegment p) {
        return new Masks(maxbucket(p), highmask(p), lowmask(p));
    }

    /** BUCKET_TO_BLKNO: the primary page of bucket {@code b}. */
    static int bucketToBlkno(MemorySegment p, int b) {
        return b + (b != 0 ? spare(p, spareIndex(b + 1) - 1) : 0) + 1;
    }

    /** bitno_to_blkno: the block of overflow bit {@code ovflbitnum} (0-based). */
    static int bitnoToBlkno(MemorySegment p, int ovflbitnum) {
        int splitnum = ovflpoint(p);
        int n = ovflbitnum + 1;
        int i;
        for (i = 1; i < splitnum && Integer.compareUnsigned(n, spare(p, i)) > 0; i++) { }
        return totalBuckets(i) + n;
    }

    /** pg_ceil_log2_32. */
    static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    /** pg_nextpower2_32. */
    static int nextPowerOf2(int n) {
        return n <= 1 ? 1 : 1 << ceilLog2(n);
    }

    /** _hash_spareindex: the splitpoint phase at which the table reaches {@code numBucket} buckets. */
    static int spareIndex(int numBucket) {
        int group = ceilLog2(numBucket);
        if (group < SPLITPOINT_GROUPS_WITH_ONE_PHASE) return group;
        int phases = SPLITPOINT_GROUPS_WITH_ONE_PHASE;
        phases += (group - SPLITPOINT_GROUPS_WITH_ONE_PHASE) << SPLITPOINT_PHASE_BITS;
        phases += ((numBucket - 1) >>> (group - (SPLITPOINT_PHASE_BITS + 1))) & SPLITPOINT_PHASE_MASK;
        return phases;
    }

    /** _hash_get_totalbuckets: the buckets the table has once splitpoint phase {@code phase} is allocated. */
    static int totalBuckets(int phase) {
        if (phase < SPLITPOINT_GROUPS_WITH_ONE_PHASE) return 1 << phase;
        int group = SPLITPOINT_GROUPS_WITH_ONE_PHASE + ((phase - SPLITPOINT_GROUPS_WITH_ONE_PHASE) >>> SPLITPOINT_PHASE_BITS);
        int total = 1 << (group - 1);
        int within = ((phase - SPLITPOINT_GROUPS_WITH_ONE_PHASE) & SPLITPOINT_PHASE_MASK) + 1;
        total += ((1 << (group - 1)) >>> SPLITPOINT_PHASE_BITS) * within;
        return total;
    }

    /** _hash_get_oldblock_from_newbucket's bucket: the one {@code newBucket} was split from (its top bit cleared). */
    static int oldBucketOf(int newBucket) {
        return newBucket & (Integer.highestOneBit(newBucket) - 1);
    }
}
