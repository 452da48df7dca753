package org.tusk.storage.page;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The data checksum of a page (checksum_impl.h, pg_checksum_page), bit-compatible with
 * PostgreSQL's so that pages written by either verify in the other.
 *
 * <p>The page is read as 64 rows of 32 native-endian uint32 words. Thirty-two FNV-1a-like hashes
 * run in parallel, hash j consuming column j: {@code tmp = sum ^ value; sum = tmp * 16777619 ^
 * (tmp >>> 17)}, each starting from its own base offset. Two more rounds of zeroes mix the last
 * words, the 32 sums are XORed together, the block number is XORed in (so a page written to the
 * wrong block fails), and the result is reduced to 1..65535 by {@code % 65535 + 1} (never zero).
 * The pd_checksum field counts as zero. Unlike PostgreSQL, which zeroes pd_checksum in place for
 * the duration, this never writes the page, so a holder of only a shared content lock may use it.
 */
public final class Checksum {
    private static final int N_SUMS = 32;
    private static final int FNV_PRIME = 16777619;
    private static final int ROWS = Page.BLCKSZ / (Integer.BYTES * N_SUMS);
    /** The word holding pd_checksum (bytes 8-9) and pd_flags (bytes 10-11). */
    private static final int CHECKSUM_WORD = PageHeader.CHECKSUM_OFFSET / Integer.BYTES;
    /** Keeps pd_flags and zeroes pd_checksum in that word: pd_checksum is its low half on a little-endian machine. */
    private static final int CHECKSUM_WORD_MASK =
            ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0xFFFF0000 : 0x0000FFFF;

    /** checksumBaseOffsets: arbitrary starting points that make the 32 hashes differ. */
    private static final int[] BASE_OFFSETS = {
            0x5B1F36E9, 0xB8525960, 0x02AB50AA, 0x1DE66D2A,
            0x79FF467A, 0x9BB9F8A3, 0x217E7CD2, 0x83E13D2C,
            0xF8D4474F, 0xE39EB970, 0x42C6AE16, 0x993216FA,
            0x7B093B5D, 0x98DAFF3C, 0xF718902A, 0x0B1C9CDB,
            0xE58F764B, 0x187636BC, 0x5D7B3BB1, 0xE73DE7DE,
            0x92BEC979, 0xCCA6C0B2, 0x304A0979, 0x85AA43D4,
            0x783125BB, 0x6CA8EAA2, 0xE407EAC6, 0x4B5CFC3E,
            0x9FBF8C76, 0x15CA20BE, 0xF2CA9FD3, 0x959BD756
    };

    private Checksum() {}

    /** pg_checksum_page: the checksum of {@code page} stored as block {@code blkno}, in 1..65535. */
    public static int compute(MemorySegment page, int blkno) {
        Page.checkSegment(page);
        int[] sums = BASE_OFFSETS.clone();
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < N_SUMS; j++) {
                int word = i * N_SUMS + j;
                int value = page.getAtIndex(JAVA_INT, word);
                if (word == CHECKSUM_WORD) value &= CHECKSUM_WORD_MASK;
                sums[j] = mix(sums[j], value);
            }
        }
        for (int round = 0; round < 2; round++) {
            for (int j = 0; j < N_SUMS; j++) sums[j] = mix(sums[j], 0);
        }
        int result = 0;
        for (int s : sums) result ^= s;
        result ^= blkno;
        return Integer.remainderUnsigned(result, 65535) + 1;
    }

    /** CHECKSUM_COMP. */
    private static int mix(int sum, int value) {
        int tmp = sum ^ value;
        return tmp * FNV_PRIME ^ (tmp >>> 17);
    }

    /** PageSetChecksumInplace: store the checksum, except on a new (all-zero) page, which has none. */
    public static void setInPlace(MemorySegment page, int blkno) {
        if (Page.isNew(page)) return;
        PageHeader.setChecksum(page, compute(page, blkno));
    }
}
