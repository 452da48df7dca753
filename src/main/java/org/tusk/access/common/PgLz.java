package org.tusk.access.common;

import java.util.Arrays;

/**
 * PostgreSQL's LZ compressor, pglz (common/pg_lzcompress.c), producing and reading exactly its
 * byte stream, so that a value compressed here decompresses in PostgreSQL and vice versa.
 *
 * <p>The stream is a sequence of groups: one control byte, then up to eight items, the control
 * byte's bits (least significant first) saying which item is a literal byte (0) or a back
 * reference (1). A back reference is two bytes, {@code OOOO LLLL, OOOOOOOO} (length - 3 in the low
 * nibble, a 12-bit offset), or three when the length nibble is 15: the third byte adds to a length
 * of 18, up to {@link #MAX_MATCH}. The compressor finds matches through a history of the last
 * {@link #HISTORY_SIZE} positions, hashed by the next four bytes; how hard it looks and when it
 * gives up is the strategy's (PGLZ_strategy_default: inputs of 32 bytes and more, at least 25%
 * saved, give up after 1 kB without a match, stop looking at a 128-byte match, lower the bar by
 * 10% per list entry). The hash is computed on signed bytes, as C's {@code char} is on x86-64,
 * so that equal inputs produce equal outputs.
 */
public final class PgLz {
    /** PGLZ_MAX_HISTORY_LISTS. */
    private static final int MAX_HISTORY_LISTS = 8192;
    /** PGLZ_HISTORY_SIZE. */
    static final int HISTORY_SIZE = 4096;
    /** PGLZ_MAX_MATCH. */
    static final int MAX_MATCH = 273;

    /** PGLZ_Strategy. */
    public record Strategy(int minInputSize, int maxInputSize, int minCompRate, int firstSuccessBy,
                           int matchSizeGood, int matchSizeDrop) {}

    /** PGLZ_strategy_default. */
    public static final Strategy DEFAULT = new Strategy(32, Integer.MAX_VALUE, 25, 1024, 128, 10);
    /** PGLZ_strategy_always. */
    public static final Strategy ALWAYS = new Strategy(0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE, 128, 6);

    private PgLz() {}

    /** PGLZ_MAX_OUTPUT: the output buffer pglz_compress may fill (4 bytes of slop). */
    public static int maxOutput(int slen) {
        return slen + 4;
    }

    /**
     * pglz_compress: the compressed form of {@code source}, or null when the strategy refuses
     * (input size out of range, not enough saved, nothing found early enough).
     */
    public static byte[] compress(byte[] source, Strategy strategy) {
        int slen = source.length;
        if (strategy.matchSizeGood() <= 0 || slen < strategy.minInputSize() || slen > strategy.maxInputSize()) return null;
        int goodMatchInit = Math.max(17, Math.min(MAX_MATCH, strategy.matchSizeGood()));
        int goodDrop = Math.max(0, Math.min(100, strategy.matchSizeDrop()));
        int needRate = Math.max(0, Math.min(99, strategy.minCompRate()));
        int resultMax = slen > Integer.MAX_VALUE / 100 ? (slen / 100) * (100 - needRate) : (slen * (100 - needRate)) / 100;
        int hashsz = slen < 128 ? 512 : slen < 256 ? 1024 : slen < 512 ? 2048 : slen < 1024 ? 4096 : MAX_HISTORY_LISTS;
        int mask = hashsz - 1;

        History h = new History(hashsz);
        byte[] out = new byte[maxOutput(slen)];
        int bp = 0;
        int ctrlp = -1;          // -1: ctrl_dummy, before the first control byte
        int ctrlb = 0;
        int ctrl = 0;
        boolean foundMatch = false;
        int dp = 0;
        int[] match = new int[2];
        while (dp < slen) {
            if (bp >= resultMax) return null;
            if (!foundMatch && bp >= strategy.firstSuccessBy()) return null;
            if (findMatch(h, source, dp, slen, match, goodMatchInit, goodDrop, mask)) {
                int len = match[0];
                int off = match[1];
                // pglz_out_ctrl
                if ((ctrl & 0xff) == 0) {
                    if (ctrlp >= 0) out[ctrlp] = (byte) ctrlb;
                    ctrlp = bp++;
                    ctrlb = 0;
                    ctrl = 1;
                }
                ctrlb |= ctrl;
                ctrl <<= 1;
                if (len > 17) {
                    out[bp] = (byte) (((off & 0xf00) >> 4) | 0x0f);
                    out[bp + 1] = (byte) (off & 0xff);
                    out[bp + 2] = (byte) (len - 18);
                    bp += 3;
                } else {
                    out[bp] = (byte) (((off & 0xf00) >> 4) | (len - 3));
                    out[bp + 1] = (byte) (off & 0xff);
                    bp += 2;
                }
                while (len-- > 0) {
                    h.add(source, dp, slen, mask);
                    dp++;
                }
                foundMatch = true;
            } else {
                if ((ctrl & 0xff) == 0) {
                    if (ctrlp >= 0) out[ctrlp] = (byte) ctrlb;
                    ctrlp = bp++;
                    ctrlb = 0;
                    ctrl = 1;
                }
                out[bp++] = source[dp];
                ctrl <<= 1;
                h.add(source, dp, slen, mask);
                dp++;
            }
        }
        if (ctrlp >= 0) out[ctrlp] = (byte) ctrlb;
        if (bp >= resultMax) return null;
        return Arrays.copyOf(out, bp);
    }

    /**
     * pglz_decompress: {@code rawsize} bytes from {@code source[off, off + slen)}. With
     * {@code checkComplete}, returns null unless both the input and the output were used up
     * exactly (a corrupt stream); otherwise the output may be shorter (a prefix was asked for).
     */
    public static byte[] decompress(byte[] source, int off, int slen, int rawsize, boolean checkComplete) {
        byte[] dest = new byte[rawsize];
        int sp = off;
        int srcend = off + slen;
        int dp = 0;
        while (sp < srcend && dp < rawsize) {
            int ctrl = source[sp++] & 0xff;
            for (int ctrlc = 0; ctrlc < 8 && sp < srcend && dp < rawsize; ctrlc++) {
                if ((ctrl & 1) != 0) {
                    if (sp + 1 >= srcend) return null;   // a tag cut short: corrupt, never read past the input
                    int b0 = source[sp] & 0xff;
                    int len = (b0 & 0x0f) + 3;
                    int moff = ((b0 & 0xf0) << 4) | (source[sp + 1] & 0xff);
                    sp += 2;
                    if (len == 18) {
                        if (sp >= srcend) return null;
                        len += source[sp++] & 0xff;
                    }
                    // PostgreSQL 15 checks the offset too (it would read before the output's start).
                    if (moff == 0 || moff > dp) return null;
                    len = Math.min(len, rawsize - dp);
                    // byte by byte: source and target overlap whenever moff < len
                    while (len-- > 0) {
                        dest[dp] = dest[dp - moff];
                        dp++;
                    }
                } else {
                    dest[dp++] = source[sp++];
                }
                ctrl >>= 1;
            }
        }
        if (checkComplete && (dp != rawsize || sp != srcend)) return null;
        return dp == rawsize ? dest : Arrays.copyOf(dest, dp);
    }

    /** pglz_find_match; on success match[0] = length, match[1] = offset. */
    private static boolean findMatch(History h, byte[] s, int input, int end, int[] match, int goodMatch, int goodDrop, int mask) {
        int len = 0;
        int off = 0;
        int hent = h.start[History.hashIndex(s, input, end, mask)];
        while (hent != 0) {
            int hp = h.pos[hent];
            int thisoff = input - hp;
            if (thisoff >= 0x0fff) break;
            int thislen = 0;
            int ip = input;
            if (len >= 16) {
                if (Arrays.equals(s, ip, ip + len, s, hp, hp + len)) {
                    thislen = len;
                    ip += len;
                    hp += len;
                    while (ip < end && s[ip] == s[hp] && thislen < MAX_MATCH) {
                        thislen++;
                        ip++;
                        hp++;
                    }
                }
            } else {
                while (ip < end && s[ip] == s[hp] && thislen < MAX_MATCH) {
                    thislen++;
                    ip++;
                    hp++;
                }
            }
            if (thislen > len) {
                len = thislen;
                off = thisoff;
            }
            hent = h.next[hent];
            if (hent != 0) {
                if (len >= goodMatch) break;
                goodMatch -= (goodMatch * goodDrop) / 100;
            }
        }
        if (len > 2) {
            match[0] = len;
            match[1] = off;
            return true;
        }
        return false;
    }

    /**
     * hist_start and hist_entries: per hash value a list of earlier input positions, newest
     * first; entry 0 means "none" (and, as in PostgreSQL, may be scribbled on harmlessly).
     * Entries are recycled round-robin once all {@link #HISTORY_SIZE} are used.
     */
    private static final class History {
        final int[] start;
        final int[] next = new int[HISTORY_SIZE + 1];
        final int[] prev = new int[HISTORY_SIZE + 1];   // -1: the list's head (C's NULL)
        final int[] hindex = new int[HISTORY_SIZE + 1];
        final int[] pos = new int[HISTORY_SIZE + 1];
        int histNext = 1;
        boolean recycle;

        History(int hashsz) {
            start = new int[hashsz];
        }

        /** pglz_hist_idx: on signed bytes, as C's char. */
        static int hashIndex(byte[] s, int p, int end, int mask) {
            if (end - p < 4) return s[p] & mask;
            return ((s[p] << 6) ^ (s[p + 1] << 4) ^ (s[p + 2] << 2) ^ s[p + 3]) & mask;
        }

        /** pglz_hist_add. */
        void add(byte[] s, int p, int end, int mask) {
            int hidx = hashIndex(s, p, end, mask);
            int me = histNext;
            if (recycle) {
                if (prev[me] == -1) start[hindex[me]] = next[me];
                else next[prev[me]] = next[me];
                prev[next[me]] = prev[me];
            }
            next[me] = start[hidx];
            prev[me] = -1;
            hindex[me] = hidx;
            pos[me] = p;
            prev[start[hidx]] = me;
            start[hidx] = me;
            if (++histNext >= HISTORY_SIZE + 1) {
                histNext = 1;
                recycle = true;
            }
        }
    }
}
