package org.tusk.utils.adt.formatting;

import static org.tusk.utils.adt.formatting.DchKeywords.*;

import java.util.List;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * DCH_from_char of formatting.c (non-standard mode, as to_timestamp and to_date use it): reads
 * the input through a parsed date/time picture into a {@link TmFromChar}. Outside FX mode,
 * spaces before fields are skipped and a separator or space in the picture matches one
 * separator or space of the input, or nothing; literal characters consume one input character
 * without being compared. Numeric fields take exactly their width unless FM is given or the next
 * picture node cannot be a digit (from_char_parse_int_len).
 */
final class DchFromChar {
    private final List<FormatNode> nodes;
    private final String in;
    private int s;
    private final TmFromChar out = new TmFromChar();

    private DchFromChar(List<FormatNode> nodes, String in) {
        this.nodes = nodes;
        this.in = in;
    }

    static TmFromChar parse(List<FormatNode> nodes, String in) {
        DchFromChar p = new DchFromChar(nodes, in);
        p.run();
        return p.out;
    }

    private char at(int i) { return i < in.length() ? in.charAt(i) : '\0'; }

    private static boolean isSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

    private void run() {
        boolean fxMode = false;
        int extraSkip = 0;
        for (int ni = 0; ni < nodes.size() && s < in.length(); ni++) {
            FormatNode n = nodes.get(ni);
            if (!fxMode && (n.type() != FormatNode.Type.ACTION || n.id() != FX)
                    && (n.type() == FormatNode.Type.ACTION || ni == 0)) {
                while (s < in.length() && isSpace(in.charAt(s))) {
                    s++;
                    extraSkip++;
                }
            }
            if (n.type() == FormatNode.Type.SPACE || n.type() == FormatNode.Type.SEPARATOR) {
                if (!fxMode) {
                    extraSkip--;
                    if (isSpace(at(s)) || FormatParser.isSeparatorChar(at(s))) {
                        s++;
                        extraSkip++;
                    }
                } else {
                    s += Character.charCount(in.codePointAt(s));
                }
                continue;
            } else if (n.type() != FormatNode.Type.ACTION) {
                if (!fxMode) {
                    if (extraSkip > 0) extraSkip--;
                    else s += Character.charCount(in.codePointAt(s));
                } else {
                    s += Character.charCount(in.codePointAt(s));
                }
                continue;
            }
            out.setMode(n.key().dateMode());
            switch (n.id()) {
                case FX -> fxMode = true;
                case A_M, P_M, a_m, p_m -> {
                    out.pm = TmFromChar.set(out.pm, seqSearch(new String[] {"a.m.", "p.m.", "A.M.", "P.M."}, n) % 2, n);
                    out.clock12 = true;
                }
                case AM, PM, am, pm -> {
                    out.pm = TmFromChar.set(out.pm, seqSearch(new String[] {"am", "pm", "AM", "PM"}, n) % 2, n);
                    out.clock12 = true;
                }
                case HH, HH12 -> {
                    out.hh = TmFromChar.set(out.hh, parseInt(2, n, ni), n);
                    out.clock12 = true;
                    skipTh(n);
                }
                case HH24 -> {
                    out.hh = TmFromChar.set(out.hh, parseInt(2, n, ni), n);
                    skipTh(n);
                }
                case MI -> { out.mi = TmFromChar.set(out.mi, parseInt(n, ni), n); skipTh(n); }
                case SS -> { out.ss = TmFromChar.set(out.ss, parseInt(n, ni), n); skipTh(n); }
                case MS -> {
                    int v = parseInt(3, n, ni);
                    int len = lastLen;
                    out.ms = TmFromChar.set(out.ms, v, n);
                    out.ms *= len == 1 ? 100 : len == 2 ? 10 : 1;   // 25 is 0.25 s and 025 is 0.025 s
                    skipTh(n);
                }
                case FF1, FF2, FF3, FF4, FF5, FF6, US -> {
                    if (n.id() != US) out.ff = n.id() - FF1 + 1;
                    int v = parseInt(n.id() == US ? 6 : out.ff, n, ni);
                    int len = lastLen;
                    out.us = TmFromChar.set(out.us, v, n);
                    out.us *= len == 1 ? 100000 : len == 2 ? 10000 : len == 3 ? 1000 : len == 4 ? 100 : len == 5 ? 10 : 1;
                    skipTh(n);
                }
                case SSSS -> { out.ssss = TmFromChar.set(out.ssss, parseInt(n, ni), n); skipTh(n); }
                case tz, TZ, OF -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "formatting field \"" + n.key().name() + "\" is only supported in to_char");
                case TZH -> {
                    char c = at(s);
                    if (c == '+' || c == '-' || c == ' ') {
                        out.tzsign = c == '-' ? -1 : 1;
                        s++;
                    } else {
                        out.tzsign = extraSkip > 0 && s > 0 && in.charAt(s - 1) == '-' ? -1 : 1;
                    }
                    out.tzh = TmFromChar.set(out.tzh, parseInt(2, n, ni), n);
                }
                case TZM -> {
                    if (out.tzsign == 0) out.tzsign = 1;
                    out.tzm = TmFromChar.set(out.tzm, parseInt(2, n, ni), n);
                }
                case A_D, B_C, a_d, b_c -> out.bc = TmFromChar.set(out.bc,
                        seqSearch(new String[] {"a.d.", "b.c.", "A.D.", "B.C."}, n) % 2, n);
                case AD, BC, ad, bc -> out.bc = TmFromChar.set(out.bc, seqSearch(new String[] {"ad", "bc", "AD", "BC"}, n) % 2, n);
                case MONTH, Month, month -> out.mm = TmFromChar.set(out.mm, seqSearch(DchToChar.MONTHS_FULL, n) + 1, n);
                case MON, Mon, mon -> out.mm = TmFromChar.set(out.mm, seqSearch(DchToChar.MONTHS, n) + 1, n);
                case MM -> { out.mm = TmFromChar.set(out.mm, parseInt(n, ni), n); skipTh(n); }
                case DAY, Day, day -> out.d = TmFromChar.set(out.d, seqSearch(DchToChar.DAYS, n), n) + 1;
                case DY, Dy, dy -> out.d = TmFromChar.set(out.d, seqSearch(DchToChar.DAYS_SHORT, n), n) + 1;
                case DDD -> { out.ddd = TmFromChar.set(out.ddd, parseInt(n, ni), n); skipTh(n); }
                case IDDD -> { out.ddd = TmFromChar.set(out.ddd, parseInt(3, n, ni), n); skipTh(n); }
                case DD -> { out.dd = TmFromChar.set(out.dd, parseInt(n, ni), n); skipTh(n); }
                case D -> { out.d = TmFromChar.set(out.d, parseInt(n, ni), n); skipTh(n); }
                case ID -> {
                    out.d = TmFromChar.set(out.d, parseInt(1, n, ni), n);
                    if (++out.d > 7) out.d = 1;   // Sunday = 1, as the Gregorian D field
                    skipTh(n);
                }
                case WW, IW -> { out.ww = TmFromChar.set(out.ww, parseInt(n, ni), n); skipTh(n); }
                case Q -> { parseInt(n, ni); skipTh(n); }   // the quarter is read but not used
                case CC -> { out.cc = TmFromChar.set(out.cc, parseInt(n, ni), n); skipTh(n); }
                case Y_YYY -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d+),(\\d{1,3})").matcher(in.substring(s));
                    if (!m.find()) throw PgException.error(SqlState.INVALID_DATETIME_FORMAT, "invalid input string for \"Y,YYY\"");
                    long years = Long.parseLong(m.group(1)) * 1000 + Integer.parseInt(m.group(2));
                    if (years > Integer.MAX_VALUE || years < Integer.MIN_VALUE)
                        throw PgException.error("22008", "value for \"Y,YYY\" in source string is out of range");
                    out.year = TmFromChar.set(out.year, (int) years, n);
                    out.yysz = 4;
                    s += m.end();
                    skipTh(n);
                }
                case YYYY, IYYY -> { out.year = TmFromChar.set(out.year, parseInt(n, ni), n); out.yysz = 4; skipTh(n); }
                case YYY, IYY, YY, IY, Y, I -> {
                    int v = parseInt(n, ni);
                    out.year = TmFromChar.set(out.year, v, n);
                    if (lastLen < 4) out.year = adjustPartialYearTo2020(out.year);
                    out.yysz = n.id() == YYY || n.id() == IYY ? 3 : n.id() == YY || n.id() == IY ? 2 : 1;
                    skipTh(n);
                }
                case RM, rm -> out.mm = TmFromChar.set(out.mm, 12 - seqSearch(DchToChar.RM_MONTHS_LOWER, n), n);
                case W -> { out.w = TmFromChar.set(out.w, parseInt(n, ni), n); skipTh(n); }
                case J -> { out.j = TmFromChar.set(out.j, parseInt(n, ni), n); skipTh(n); }
                default -> { }
            }
            if (!fxMode) {
                extraSkip = 0;
                while (s < in.length() && isSpace(in.charAt(s))) {
                    s++;
                    extraSkip++;
                }
            }
        }
    }

    /** SKIP_THth: steps over two characters after a field with TH/th. */
    private void skipTh(FormatNode n) {
        if (!n.thth()) return;
        if (s < in.length()) s++;
        if (s < in.length()) s++;
    }

    /** The number of characters the last parseInt consumed, including skipped leading spaces. */
    private int lastLen;

    private int parseInt(FormatNode n, int ni) { return parseInt(n.key().name().length(), n, ni); }

    /** from_char_parse_int_len. */
    private int parseInt(int len, FormatNode n, int ni) {
        int init = s;
        while (s < in.length() && isSpace(in.charAt(s))) s++;
        String copy = in.substring(s, Math.min(in.length(), s + len));
        int used = copy.length();
        long result;
        if (n.fm() || isNextSeparator(ni)) {
            int[] end = new int[1];
            result = strtol(in, init, end);
            s = end[0];
        } else {
            if (used < len)
                throw PgException.error(SqlState.INVALID_DATETIME_FORMAT,
                        "source string too short for \"" + n.key().name() + "\" formatting field")
                        .withDetail("Field requires " + len + " characters, but only " + used + " remain.")
                        .withHint("If your source string is not fixed-width, try using the \"FM\" modifier.");
            int[] end = new int[1];
            result = strtol(copy, 0, end);
            used = end[0];
            if (used > 0 && used < len)
                throw PgException.error(SqlState.INVALID_DATETIME_FORMAT,
                        "invalid value \"" + copy + "\" for \"" + n.key().name() + "\"")
                        .withDetail("Field requires " + len + " characters, but only " + used + " could be parsed.")
                        .withHint("If your source string is not fixed-width, try using the \"FM\" modifier.");
            s += used;
        }
        if (s == init)
            throw PgException.error(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid value \"" + copy + "\" for \"" + n.key().name() + "\"").withDetail("Value must be an integer.");
        if (result < Integer.MIN_VALUE || result > Integer.MAX_VALUE)
            throw PgException.error("22008", "value for \"" + n.key().name() + "\" in source string is out of range")
                    .withDetail("Value must be in the range -2147483648 to 2147483647.");
        lastLen = s - init;
        return (int) result;
    }

    /**
     * strtol(str + from, &end, 10): leading spaces, a sign, digits; end is {@code from} when
     * nothing was read. Values beyond a long saturate, as strtol's ERANGE.
     */
    private static long strtol(String str, int from, int[] end) {
        int i = from;
        while (i < str.length() && isSpace(str.charAt(i))) i++;
        boolean neg = false;
        if (i < str.length() && (str.charAt(i) == '+' || str.charAt(i) == '-')) neg = str.charAt(i++) == '-';
        int digitsStart = i;
        long v = 0;
        boolean overflow = false;
        while (i < str.length() && str.charAt(i) >= '0' && str.charAt(i) <= '9') {
            int d = str.charAt(i++) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) overflow = true;
            else v = v * 10 + d;
        }
        if (i == digitsStart) {
            end[0] = from;
            return 0;
        }
        end[0] = i;
        if (overflow) return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
        return neg ? -v : v;
    }

    /** is_next_separator: whether the node after {@code ni} cannot start with a digit. */
    private boolean isNextSeparator(int ni) {
        FormatNode n = nodes.get(ni);
        if (n.type() == FormatNode.Type.ACTION && n.thth()) return true;
        if (ni + 1 >= nodes.size()) return true;
        FormatNode next = nodes.get(ni + 1);
        if (next.type() == FormatNode.Type.ACTION) return !next.key().isDigit();
        String c = next.character();
        return !(c.length() == 1 && c.charAt(0) >= '0' && c.charAt(0) <= '9');
    }

    /** from_char_seq_search with seq_search_ascii: a case-insensitive prefix match against the names. */
    private int seqSearch(String[] array, FormatNode n) {
        if (s < in.length()) {
            char first = Character.toLowerCase(in.charAt(s));
            for (int i = 0; i < array.length; i++) {
                String a = array[i];
                if (Character.toLowerCase(a.charAt(0)) != first) continue;
                if (in.regionMatches(true, s, a, 0, a.length())) {
                    s += a.length();
                    return i;
                }
            }
        }
        String copy = in.substring(s);
        for (int i = 0; i < copy.length(); i++) {
            char c = copy.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b') {
                copy = copy.substring(0, i);
                break;
            }
        }
        throw PgException.error(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"" + copy + "\" for \"" + n.key().name() + "\"")
                .withDetail("The given value did not match any of the allowed values for this field.");
    }

    /** adjust_partial_year_to_2020: '70' is 1970 and '69' is 2069. */
    static int adjustPartialYearTo2020(int year) {
        if (year < 70) return year + 2000;
        if (year < 100) return year + 1900;
        if (year < 520) return year + 2000;
        if (year < 1000) return year + 1000;
        return year;
    }
}
