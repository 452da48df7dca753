package org.tusk.utils.adt.tsearch;

import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.error.PgException;

/**
 * tsvectorin and tsvectorout (tsvector.c, with tsvector_parser.c's gettoken_tsvector): lexemes
 * separated by white space, optionally single-quoted (a quote inside doubled or backslash-escaped),
 * each optionally followed by ':' and a comma-separated list of positions carrying a weight
 * letter A-D. Output quotes every lexeme, doubling quotes and backslashes.
 */
public final class TsVectorIO {
    private TsVectorIO() {}

    public static TsVector in(String s) {
        List<TsVector.Lexeme> out = new ArrayList<>();
        int[] cp = s.codePoints().toArray();
        int i = 0;
        while (true) {
            while (i < cp.length && isSpace(cp[i])) i++;
            if (i >= cp.length) break;
            StringBuilder word = new StringBuilder();
            boolean quoted = cp[i] == '\'';
            if (quoted) {
                i++;
                while (true) {
                    if (i >= cp.length) throw syntax(s);
                    if (cp[i] == '\\') {
                        if (i + 1 >= cp.length) throw syntax(s);
                        word.appendCodePoint(cp[i + 1]);
                        i += 2;
                    } else if (cp[i] == '\'') {
                        if (i + 1 < cp.length && cp[i + 1] == '\'') {
                            word.append('\'');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        word.appendCodePoint(cp[i++]);
                    }
                }
            } else {
                while (i < cp.length && !isSpace(cp[i]) && cp[i] != ':') {
                    if (cp[i] == '\\') {
                        if (i + 1 >= cp.length) throw syntax(s);
                        word.appendCodePoint(cp[i + 1]);
                        i += 2;
                    } else {
                        word.appendCodePoint(cp[i++]);
                    }
                }
                if (word.isEmpty()) throw syntax(s);
            }
            List<Short> pos = new ArrayList<>();
            if (i < cp.length && cp[i] == ':') {
                i++;
                while (true) {
                    if (i >= cp.length || !isDigit(cp[i])) throw syntax(s);
                    long p = 0;
                    while (i < cp.length && isDigit(cp[i])) {
                        p = Math.min(p * 10 + (cp[i] - '0'), Integer.MAX_VALUE);
                        i++;
                    }
                    if (p == 0) throw PgException.error("22P02", "wrong position info in tsvector: \"" + s + "\"");
                    // WAITPOSDELIM: weight letters ('*' is A), each only while the weight is still 0;
                    // digits after the number are skipped, as atoi() already consumed the value
                    int w = 0;
                    while (i < cp.length && cp[i] != ',' && !isSpace(cp[i])) {
                        int nw = switch (cp[i]) {
                            case 'A', 'a', '*' -> 3;
                            case 'B', 'b' -> 2;
                            case 'C', 'c' -> 1;
                            case 'D', 'd' -> 0;
                            default -> -1;
                        };
                        if (nw >= 0) {
                            if (w != 0) throw syntax(s);
                            w = nw;
                        } else if (!isDigit(cp[i])) {
                            throw syntax(s);
                        }
                        i++;
                    }
                    pos.add(TsVector.wep(w, (int) Math.min(p, TsVector.MAXENTRYPOS - 1)));
                    if (i < cp.length && cp[i] == ',') {
                        i++;
                        continue;
                    }
                    break;
                }
            } else if (i < cp.length && !isSpace(cp[i]) && !quoted) {
                throw syntax(s);
            }
            String w = word.toString();
            int bytes = w.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > TsVector.MAXSTRLEN) {
                throw PgException.error("54000", "word is too long (" + bytes + " bytes, max " + TsVector.MAXSTRLEN + " bytes)");
            }
            short[] ps = new short[pos.size()];
            for (int k = 0; k < ps.length; k++) ps[k] = pos.get(k);
            out.add(new TsVector.Lexeme(w, ps));
        }
        return TsVector.normalize(out);
    }

    static boolean isSpace(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B; }

    static boolean isDigit(int c) { return c >= '0' && c <= '9'; }

    private static PgException syntax(String s) {
        return PgException.error("42601", "syntax error in tsvector: \"" + s + "\"");
    }

    public static String out(TsVector v) {
        StringBuilder sb = new StringBuilder();
        for (TsVector.Lexeme l : v.lexemes()) {
            if (!sb.isEmpty()) sb.append(' ');
            quote(sb, l.word());
            if (l.hasPositions()) {
                sb.append(':');
                for (int k = 0; k < l.positions().length; k++) {
                    if (k > 0) sb.append(',');
                    short p = l.positions()[k];
                    sb.append(TsVector.pos(p));
                    switch (TsVector.weight(p)) {
                        case 3 -> sb.append('A');
                        case 2 -> sb.append('B');
                        case 1 -> sb.append('C');
                        default -> { }
                    }
                }
            }
        }
        return sb.toString();
    }

    /** A lexeme in quotes, with quotes and backslashes doubled. */
    public static void quote(StringBuilder sb, String word) {
        sb.append('\'');
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (c == '\'' || c == '\\') sb.append(c);
            sb.append(c);
        }
        sb.append('\'');
    }
}
