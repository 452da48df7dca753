package org.tusk.utils.adt.geo;

import org.tusk.utils.adt.Floats;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Text input and output of the geometric types (geo_ops.c point_in ... circle_out with their
 * helpers single_decode, pair_decode, path_decode, pair_count and path_encode). Numbers are
 * read as float8in_internal reads them (so "NaN", "Infinity" and surrounding blanks are
 * accepted) and written as float8out_internal with the session's extra_float_digits. Every
 * syntax error is 22P02 'invalid input syntax for type T: "input"' naming the whole input.
 */
public final class GeoText {
    private final String str;
    private final String type;
    private int pos;

    private GeoText(String str, String type) {
        this.str = str;
        this.type = type;
    }

    // ------------------------------------------------------------------ input

    /** The input function of the geometric type with pg_type OID {@code type}. */
    public static Object in(int type, String s) {
        return switch (type) {
            case 600 -> pointIn(s);
            case 601 -> lsegIn(s);
            case 602 -> pathIn(s);
            case 603 -> boxIn(s);
            case 604 -> polygonIn(s);
            case 628 -> lineIn(s);
            case 718 -> circleIn(s);
            default -> throw new IllegalArgumentException("not a geometric type: " + type);
        };
    }

    public static Point pointIn(String s) {
        GeoText t = new GeoText(s, "point");
        Point p = t.pair();
        t.end();
        return p;
    }

    public static Lseg lsegIn(String s) {
        GeoText t = new GeoText(s, "lseg");
        Point[] p = t.path(true, 2, null);
        t.end();
        return new Lseg(p[0], p[1]);
    }

    public static Box boxIn(String s) {
        GeoText t = new GeoText(s, "box");
        Point[] p = t.path(false, 2, null);
        t.end();
        return Box.ordered(p[0], p[1]);
    }

    /** line_in: "{A,B,C}" or two distinct points in lseg syntax. */
    public static Line lineIn(String s) {
        GeoText t = new GeoText(s, "line");
        t.skipSpace();
        if (t.peek() == '{') {
            t.pos++;
            double a = t.single();
            t.expect(',');
            double b = t.single();
            t.expect(',');
            double c = t.single();
            t.expect('}');
            t.skipSpace();
            t.end();
            if (Fp.zero(a) && Fp.zero(b))
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid line specification: A and B cannot both be zero");
            return new Line(a, b, c);
        }
        t.pos = 0;
        Point[] p = t.path(true, 2, null);
        t.end();
        if (p[0].same(p[1]))
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid line specification: must be two distinct points");
        return Line.through(p[0], p[0].slope(p[1]));
    }

    /** path_in: "[...]" is open, "(...)" or bare points closed. */
    public static Path pathIn(String s) {
        GeoText t = new GeoText(s, "path");
        int npts = pairCount(s);
        if (npts <= 0) throw t.syntax();
        t.skipSpace();
        int depth = 0;
        // a single leading paren (not that of the first point) encloses the whole path
        if (t.peek() == '(' && s.lastIndexOf('(') == t.pos) {
            t.pos++;
            depth++;
        }
        boolean[] open = new boolean[1];
        Point[] p = t.path(true, npts, open);
        if (depth >= 1) {
            t.expect(')');
            t.skipSpace();
        }
        t.end();
        return new Path(p, !open[0]);
    }

    public static Polygon polygonIn(String s) {
        GeoText t = new GeoText(s, "polygon");
        int npts = pairCount(s);
        if (npts <= 0) throw t.syntax();
        Point[] p = t.path(false, npts, null);
        t.end();
        return Polygon.of(p);
    }

    /** circle_in: "&lt;(x,y),r&gt;", "((x,y),r)", "(x,y),r" or "x,y,r". */
    public static Circle circleIn(String s) {
        GeoText t = new GeoText(s, "circle");
        int depth = 0;
        t.skipSpace();
        if (t.peek() == '<') {
            depth++;
            t.pos++;
        } else if (t.peek() == '(') {
            int cp = t.pos + 1;
            while (cp < s.length() && isSpace(s.charAt(cp))) cp++;
            if (cp < s.length() && s.charAt(cp) == '(') {
                depth++;
                t.pos = cp;
            }
        }
        Point c = t.pair();
        if (t.peek() == ',') t.pos++;
        double r = t.single();
        if (r < 0.0) throw t.syntax();   // NaN is accepted
        while (depth > 0) {
            char ch = t.peek();
            if (ch == ')' || (ch == '>' && depth == 1)) {
                depth--;
                t.pos++;
                t.skipSpace();
            } else {
                throw t.syntax();
            }
        }
        t.end();
        return new Circle(c, r);
    }

    /** pair_count: (number of commas + 1) / 2 when that count is odd, else -1. */
    private static int pairCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == ',') n++;
        return n % 2 != 0 ? (n + 1) / 2 : -1;
    }

    /** path_decode: npts points, optionally inside "(...)" or (if allowed) "[...]". */
    private Point[] path(boolean openAllowed, int npts, boolean[] isOpen) {
        int depth = 0;
        boolean open = false;
        skipSpace();
        if (peek() == '[') {
            if (!openAllowed) throw syntax();
            open = true;
            depth++;
            pos++;
        } else if (peek() == '(') {
            int cp = pos + 1;
            while (cp < str.length() && isSpace(str.charAt(cp))) cp++;
            if (cp < str.length() && str.charAt(cp) == '(') {
                depth++;
                pos = cp;
            } else if (str.lastIndexOf('(') == pos) {
                depth++;
                pos = cp;
            }
        }
        Point[] p = new Point[npts];
        for (int i = 0; i < npts; i++) {
            p[i] = pair();
            if (peek() == ',') pos++;
        }
        skipSpace();
        while (depth > 0) {
            char ch = peek();
            if (ch == ')' || (ch == ']' && open && depth == 1)) {
                depth--;
                pos++;
                skipSpace();
            } else {
                throw syntax();
            }
        }
        if (isOpen != null) isOpen[0] = open;
        return p;
    }

    /** pair_decode: "x,y" or "(x,y)". */
    private Point pair() {
        skipSpace();
        boolean delim = peek() == '(';
        if (delim) pos++;
        double x = single();
        expect(',');
        double y = single();
        if (delim) {
            expect(')');
            skipSpace();
        }
        return new Point(x, y);
    }

    /**
     * float8in_internal with an end pointer: blanks, a number as strtod reads it (or NaN,
     * [+-]Infinity, [+-]inf in any case), blanks.
     */
    private double single() {
        skipSpace();
        if (pos >= str.length()) throw syntax();
        int start = pos;
        double v;
        String special = special();
        if (special != null) {
            v = Floats.float8in(special);
        } else {
            int end = numberEnd(pos);
            if (end == pos) throw syntax();
            String num = str.substring(pos, end);
            try {
                v = Floats.float8in(num);
            } catch (PgException e) {
                if (SqlState.NUMERIC_VALUE_OUT_OF_RANGE.equals(e.sqlState()))
                    throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "\"" + str.substring(start, end) + "\" is out of range for type double precision");
                throw syntax();
            }
            pos = end;
        }
        skipSpace();
        return v;
    }

    /** The special value spelled at pos (consumed), as float8in spells it, or null. */
    private String special() {
        String rest = str.substring(pos);
        for (String w : new String[] {"-Infinity", "+Infinity", "Infinity", "-inf", "+inf", "inf", "NaN"}) {
            if (rest.regionMatches(true, 0, w, 0, w.length())) {
                pos += w.length();
                return w;
            }
        }
        return null;
    }

    /** Where strtod would stop reading a decimal number starting at {@code i}. */
    private int numberEnd(int i) {
        int n = str.length();
        if (i < n && (str.charAt(i) == '+' || str.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < n && Character.isDigit(str.charAt(i))) { i++; digits++; }
        if (i < n && str.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(str.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) return pos;
        if (i < n && (str.charAt(i) == 'e' || str.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (str.charAt(j) == '+' || str.charAt(j) == '-')) j++;
            if (j < n && Character.isDigit(str.charAt(j))) {
                while (j < n && Character.isDigit(str.charAt(j))) j++;
                i = j;
            }
        }
        return i;
    }

    private char peek() { return pos < str.length() ? str.charAt(pos) : '\0'; }

    private void expect(char c) {
        if (peek() != c) throw syntax();
        pos++;
    }

    private void skipSpace() { while (pos < str.length() && isSpace(str.charAt(pos))) pos++; }

    /** isspace in the C locale. */
    private static boolean isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b; }

    private void end() { if (pos != str.length()) throw syntax(); }

    private PgException syntax() {
        return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type " + type + ": \"" + str + "\"");
    }

    // ------------------------------------------------------------------ output

    /** float8out_internal of one coordinate. */
    private static void single(StringBuilder sb, double v, int efd) { sb.append(Floats.float8out(v, efd)); }

    /** "(x,y)" (pair_encode inside parentheses). */
    private static void pair(StringBuilder sb, Point p, int efd) {
        sb.append('(');
        single(sb, p.x(), efd);
        sb.append(',');
        single(sb, p.y(), efd);
        sb.append(')');
    }

    /** path_encode: the points, inside "(...)" (closed), "[...]" (open) or nothing. */
    private static String points(Point[] pts, char open, char close, int efd) {
        StringBuilder sb = new StringBuilder();
        if (open != 0) sb.append(open);
        for (int i = 0; i < pts.length; i++) {
            if (i > 0) sb.append(',');
            pair(sb, pts[i], efd);
        }
        if (close != 0) sb.append(close);
        return sb.toString();
    }

    /** The output function of any geometric value. */
    public static String out(Object v, int efd) {
        return switch (v) {
            case Point p -> pointOut(p, efd);
            case Lseg l -> lsegOut(l, efd);
            case Path p -> pathOut(p, efd);
            case Box b -> boxOut(b, efd);
            case Polygon p -> polygonOut(p, efd);
            case Line l -> lineOut(l, efd);
            case Circle c -> circleOut(c, efd);
            default -> throw new IllegalArgumentException("not a geometric value: " + v);
        };
    }

    public static String pointOut(Point p, int efd) {
        StringBuilder sb = new StringBuilder();
        pair(sb, p, efd);
        return sb.toString();
    }

    public static String lsegOut(Lseg l, int efd) { return points(new Point[] {l.p0(), l.p1()}, '[', ']', efd); }
    public static String boxOut(Box b, int efd) { return points(new Point[] {b.high(), b.low()}, (char) 0, (char) 0, efd); }
    public static String pathOut(Path p, int efd) { return p.closed() ? points(p.points(), '(', ')', efd) : points(p.points(), '[', ']', efd); }
    public static String polygonOut(Polygon p, int efd) { return points(p.points(), '(', ')', efd); }

    public static String lineOut(Line l, int efd) {
        StringBuilder sb = new StringBuilder("{");
        single(sb, l.a(), efd);
        sb.append(',');
        single(sb, l.b(), efd);
        sb.append(',');
        single(sb, l.c(), efd);
        return sb.append('}').toString();
    }

    public static String circleOut(Circle c, int efd) {
        StringBuilder sb = new StringBuilder("<");
        pair(sb, c.center(), efd);
        sb.append(',');
        single(sb, c.radius(), efd);
        return sb.append('>').toString();
    }
}
