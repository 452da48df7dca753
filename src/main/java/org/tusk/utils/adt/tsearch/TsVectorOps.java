package org.tusk.utils.adt.tsearch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.utils.error.PgException;

/** The SQL functions on tsvector (tsvector_op.c). Values are immutable; each returns a new one. */
public final class TsVectorOps {
    private TsVectorOps() {}

    /**
     * tsvector_cmp (silly_cmp_tsvector): stored size, number of lexemes, then per lexeme: one with
     * positions first, the lexeme, more positions first, then per position the greater position
     * and then the greater weight first. Not a natural order, but the one btree tsvector_ops uses.
     */
    public static int compare(TsVector a, TsVector b) {
        int sa = a.varsize(), sb = b.varsize();
        if (sa != sb) return sa < sb ? -1 : 1;
        if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
        for (int i = 0; i < a.size(); i++) {
            TsVector.Lexeme x = a.lexemes().get(i), y = b.lexemes().get(i);
            if (x.hasPositions() != y.hasPositions()) return x.hasPositions() ? -1 : 1;
            int c = TsVector.compareLexemes(x.word(), y.word());
            if (c != 0) return c;
            if (x.positions().length != y.positions().length) return x.positions().length > y.positions().length ? -1 : 1;
            for (int k = 0; k < x.positions().length; k++) {
                short p = x.positions()[k], q = y.positions()[k];
                if (TsVector.pos(p) != TsVector.pos(q)) return TsVector.pos(p) > TsVector.pos(q) ? -1 : 1;
                if (TsVector.weight(p) != TsVector.weight(q)) return TsVector.weight(p) > TsVector.weight(q) ? -1 : 1;
            }
        }
        return 0;
    }

    /** length(tsvector): the number of lexemes. */
    public static int length(TsVector v) { return v.size(); }

    /** strip(tsvector): the lexemes without positions. */
    public static TsVector strip(TsVector v) {
        List<TsVector.Lexeme> out = new ArrayList<>();
        for (TsVector.Lexeme l : v.lexemes()) out.add(new TsVector.Lexeme(l.word(), new short[0]));
        return new TsVector(out);
    }

    /** The weight number of a weight letter (tsvector_setweight's switch). */
    public static int weightOf(String w) {
        if (w.length() == 1) {
            switch (w.charAt(0)) {
                case 'A', 'a': return 3;
                case 'B', 'b': return 2;
                case 'C', 'c': return 1;
                case 'D', 'd': return 0;
                default: break;
            }
        }
        throw PgException.error("22023", "unrecognized weight: \"" + w + "\"");
    }

    /** setweight(tsvector, "char" [, text[]]): sets the weight of every position (of the listed lexemes). */
    public static TsVector setweight(TsVector v, String weight, Set<String> only) {
        int w = weightOf(weight);
        List<TsVector.Lexeme> out = new ArrayList<>();
        for (TsVector.Lexeme l : v.lexemes()) {
            if (only != null && !only.contains(l.word())) {
                out.add(l);
                continue;
            }
            short[] p = l.positions().clone();
            for (int k = 0; k < p.length; k++) p[k] = TsVector.wep(w, TsVector.pos(p[k]));
            out.add(new TsVector.Lexeme(l.word(), p));
        }
        return new TsVector(out);
    }

    /**
     * tsvector || tsvector (tsvector_concat): the right operand's positions are shifted by the
     * largest position of the left one; a lexeme in both keeps the left positions followed by
     * the shifted right ones.
     */
    public static TsVector concat(TsVector a, TsVector b) {
        int maxpos = 0;
        for (TsVector.Lexeme l : a.lexemes()) for (short p : l.positions()) maxpos = Math.max(maxpos, TsVector.pos(p));
        List<TsVector.Lexeme> out = new ArrayList<>();
        int i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            int c = i >= a.size() ? 1 : j >= b.size() ? -1
                    : TsVector.compareLexemes(a.lexemes().get(i).word(), b.lexemes().get(j).word());
            if (c < 0) {
                out.add(a.lexemes().get(i++));
            } else if (c > 0) {
                out.add(shift(b.lexemes().get(j++), maxpos));
            } else {
                TsVector.Lexeme x = a.lexemes().get(i++), y = shift(b.lexemes().get(j++), maxpos);
                if (!x.hasPositions() && !y.hasPositions()) {
                    out.add(x);
                } else {
                    short[] p = Arrays.copyOf(x.positions(), x.positions().length + y.positions().length);
                    System.arraycopy(y.positions(), 0, p, x.positions().length, y.positions().length);
                    List<Short> ps = new ArrayList<>();
                    for (short s : p) ps.add(s);
                    out.add(new TsVector.Lexeme(x.word(), TsVector.uniquePos(ps)));
                }
            }
        }
        return new TsVector(out);
    }

    private static TsVector.Lexeme shift(TsVector.Lexeme l, int by) {
        short[] p = l.positions().clone();
        for (int k = 0; k < p.length; k++) p[k] = TsVector.wep(TsVector.weight(p[k]), TsVector.pos(p[k]) + by);
        return new TsVector.Lexeme(l.word(), p);
    }

    /** ts_delete(tsvector, text / text[]): the vector without the given lexemes. */
    public static TsVector delete(TsVector v, Set<String> words) {
        List<TsVector.Lexeme> out = new ArrayList<>();
        for (TsVector.Lexeme l : v.lexemes()) if (!words.contains(l.word())) out.add(l);
        return new TsVector(out);
    }

    /** ts_filter(tsvector, "char"[]): only the positions of the given weights; lexemes left without any dropped. */
    public static TsVector filter(TsVector v, List<String> weights) {
        Set<Integer> keep = new HashSet<>();
        for (String w : weights) {
            if (w == null) throw PgException.error("22004", "weight array may not contain nulls");
            keep.add(weightOf(w));
        }
        List<TsVector.Lexeme> out = new ArrayList<>();
        for (TsVector.Lexeme l : v.lexemes()) {
            List<Short> ps = new ArrayList<>();
            for (short p : l.positions()) if (keep.contains(TsVector.weight(p))) ps.add(p);
            if (ps.isEmpty()) continue;
            short[] p = new short[ps.size()];
            for (int k = 0; k < p.length; k++) p[k] = ps.get(k);
            out.add(new TsVector.Lexeme(l.word(), p));
        }
        return new TsVector(out);
    }

    /** tsvector_to_array: the lexemes in order. */
    public static List<String> toArray(TsVector v) {
        List<String> out = new ArrayList<>();
        for (TsVector.Lexeme l : v.lexemes()) out.add(l.word());
        return out;
    }

    /** array_to_tsvector: lexemes without positions; nulls and empty strings are errors. */
    public static TsVector fromArray(List<?> words) {
        List<TsVector.Lexeme> out = new ArrayList<>();
        for (Object o : words) {
            if (o == null) throw PgException.error("22004", "lexeme array may not contain nulls");
            if (((String) o).isEmpty()) throw PgException.error("22023", "lexeme array may not contain empty strings");
            out.add(new TsVector.Lexeme((String) o, new short[0]));
        }
        return TsVector.normalize(out);
    }

    /** The weight letter of a weight number, as unnest(tsvector) reports it. */
    public static String weightLetter(int w) {
        return switch (w) {
            case 3 -> "A";
            case 2 -> "B";
            case 1 -> "C";
            default -> "D";
        };
    }
}
