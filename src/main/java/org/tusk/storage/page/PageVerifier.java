package org.tusk.storage.page;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * PageIsVerifiedExtended (bufpage.c): the checks a page read from disk must pass before it may
 * enter the buffer pool. The caller (the buffer manager) decides what a failure means: "invalid
 * page in block %u of relation %s" as an ERROR, a zeroed page under zero_damaged_pages, or, for a
 * checksum failure on an otherwise sane page, acceptance under ignore_checksum_failure.
 */
public final class PageVerifier {
    public enum Result {
        /** A sane header and, if checked, a matching checksum. */
        VALID,
        /** Entirely zero: a block extended but never written before a crash. Valid as a new page. */
        ALL_ZEROES,
        /** The header's pointers or flags are impossible. */
        CORRUPT_HEADER,
        /** A sane header but a checksum that does not match the contents. */
        CHECKSUM_FAILURE;

        public boolean isValid() { return this == VALID || this == ALL_ZEROES; }
    }

    private PageVerifier() {}

    /**
     * Verifies {@code page}, read as block {@code blkno}. With {@code checksums} (the cluster
     * has data checksums) an initialised page's pd_checksum must equal {@link Checksum#compute}.
     */
    public static Result verify(MemorySegment page, int blkno, boolean checksums) {
        Page.checkSegment(page);
        boolean checksumFailure = false;
        if (!Page.isNew(page)) {
            if (checksums && PageHeader.checksum(page) != Checksum.compute(page, blkno)) checksumFailure = true;
            if (headerIsSane(page)) return checksumFailure ? Result.CHECKSUM_FAILURE : Result.VALID;
        }
        // A new page (pd_upper 0) is valid only if every byte is zero: anything else is garbage.
        return allZeroes(page) ? Result.ALL_ZEROES : Result.CORRUPT_HEADER;
    }

    /** The header checks of PageIsVerifiedExtended. */
    public static boolean headerIsSane(MemorySegment page) {
        int lower = PageHeader.lower(page);
        int upper = PageHeader.upper(page);
        int special = PageHeader.special(page);
        return (PageHeader.flags(page) & ~PageHeader.PD_VALID_FLAG_BITS) == 0
                && lower <= upper && upper <= special && special <= Page.BLCKSZ
                && Alignment.isMaxAligned(special);
    }

    private static boolean allZeroes(MemorySegment page) {
        for (long off = 0; off < page.byteSize(); off += Long.BYTES) {
            if (page.get(JAVA_LONG, off) != 0) return false;
        }
        return true;
    }
}
