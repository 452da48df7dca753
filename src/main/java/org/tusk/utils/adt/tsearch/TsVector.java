package org.tusk.utils.adt.tsearch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tsvector value (ts_type.h TSVectorData): lexemes in tsCompareString order (byte order of
 * their UTF-8 text, which is code point order), each unique, each with its positions sorted and
 * unique. A position is a WordEntryPos: weight in the top two bits (3 = A ... 0 = D), position
 * (1..16383) in the low fourteen. An empty positions array means the lexeme has none (stripped).
 * Immutable.
 */
public final class TsVector implements Comparable<TsVector> {
    public static final int MAXENTRYPOS = 1 << 14;
    public static final int MAXNUMPOS = 256;
    public static final int MAXSTRLEN = (1 << 11) - 1;

    /** One WordEntry with its positions. */
    public record Lexeme(String word, short[] positions) {
        public boolean hasPositions() { return positions.length > 0; }
    }

    private final List<Lexeme> lexemes;

    public TsVector(List<Lexeme> sortedUnique) { this.lexemes = List.copyOf(sortedUnique); }

    public List<Lexeme> lexemes() { return lexemes; }
    public int size() { return lexemes.size(); }

    /**
     * VARSIZE of the value as tsvectorin lays it out (CALCDATASIZE: header, size, WordEntry
     * array, then each lexeme's bytes followed, if it has positions, by SHORTALIGN padding, npos
     * and the positions); silly_cmp_tsvector compares it first.
     */
    public int varsize() {
        int len = 0;
        for (Lexeme l : lexemes) {
            len += l.word().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (l.hasPositions()) len = ((len + 1) & ~1) + 2 + 2 * l.positions().length;
        }
        return 8 + 4 * lexemes.size() + len;
    }

    public static int pos(short wep) { return wep & 0x3FFF; }
    public static int weight(short wep) { return (wep >> 14) & 3; }
    public static short wep(int weight, int pos) { return (short) ((weight << 14) | Math.min(pos, MAXENTRYPOS - 1)); }

    /** tsCompareString(a, b, false): byte-wise comparison, a prefix sorting first. */
    public static int compareLexemes(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return ca < cb ? -1 : 1;
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * uniqueentry/uniquePos: sorts entries by lexeme, merges the positions of equal lexemes,
     * sorts positions keeping for a repeated position the largest weight, and keeps at most
     * MAXNUMPOS - 1 positions per lexeme.
     */
    public static TsVector normalize(List<Lexeme> entries) {
        List<Lexeme> sorted = new ArrayList<>(entries);
        sorted.sort((x, y) -> compareLexemes(x.word(), y.word()));
        List<Lexeme> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            List<Short> pos = new ArrayList<>();
            while (j < sorted.size() && sorted.get(j).word().equals(sorted.get(i).word())) {
                for (short p : sorted.get(j).positions()) pos.add(p);
                j++;
            }
            out.add(new Lexeme(sorted.get(i).word(), uniquePos(pos)));
            i = j;
        }
        return new TsVector(out);
    }

    static short[] uniquePos(List<Short> in) {
        if (in.isEmpty()) return new short[0];
        List<Short> a = new ArrayList<>(in);
        a.sort((x, y) -> Integer.compare(pos(x), pos(y)));
        short[] res = new short[a.size()];
        int n = 0;
        res[n++] = a.get(0);
        for (int k = 1; k < a.size(); k++) {
            short p = a.get(k);
            if (pos(p) != pos(res[n - 1])) {
                if (n >= MAXNUMPOS - 1 || pos(res[n - 1]) == MAXENTRYPOS - 1) break;
                res[n++] = p;
            } else if (weight(p) > weight(res[n - 1])) {
                res[n - 1] = wep(weight(p), pos(res[n - 1]));
            }
        }
        return Arrays.copyOf(res, n);
    }

    /** Binary search for {@code word}; its index or -(insertion point) - 1. */
    public int find(String word) {
        int lo = 0, hi = lexemes.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareLexemes(lexemes.get(mid).word(), word);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return -lo - 1;
    }

    /** tsvector_cmp's order (silly_cmp_tsvector), what btree tsvector_ops sorts by. */
    @Override
    public int compareTo(TsVector o) { return TsVectorOps.compare(this, o); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TsVector v && TsVectorOps.compare(this, v) == 0;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Lexeme l : lexemes) h = h * 31 + l.word().hashCode() * 7 + Arrays.hashCode(l.positions());
        return h;
    }

    @Override
    public String toString() { return TsVectorIO.out(this); }
}
