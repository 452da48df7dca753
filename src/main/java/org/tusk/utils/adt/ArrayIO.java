package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The text form of arrays: array_in and array_out (arrayfuncs.c) for any element type, given the
 * element type's own input and output functions and its typdelim: ',' for every built-in
 * type but box, whose text contains commas and whose arrays separate elements by ';'.
 *
 * <pre>
 * [lb:ub][lb:ub]={{1,2},{3,NULL}}    optional dimension decoration, then nested braces
 * </pre>
 * Unquoted elements are trimmed of surrounding whitespace, an unquoted NULL (any case) is the
 * null element, backslash quotes the next character. Output quotes an element that is empty,
 * reads NULL, or contains braces, the delimiter, quotes, backslashes or whitespace, and writes the
 * dimension decoration only when some lower bound is not 1.
 */
public final class ArrayIO {
    private ArrayIO() {}

    /** array_in: {@code elemIn} converts one element's text (never called for NULL). */
    public static ArrayValue in(String s, int elemType, Function<String, Object> elemIn) {
        return in(s, elemType, elemIn, ',');
    }

    /** array_in with element delimiter {@code delim} (the element type's typdelim). */
    public static ArrayValue in(String s, int elemType, Function<String, Object> elemIn, char delim) {
        return new Reader(s, delim).read(elemType, elemIn);
    }

    /** array_out: {@code elemOut} converts one non-null element. */
    public static String out(ArrayValue a, Function<Object, String> elemOut) {
        return out(a, elemOut, ',');
    }

    /** array_out with element delimiter {@code delim}. */
    public static String out(ArrayValue a, Function<Object, String> elemOut, char delim) {
        if (a.size() == 0) return "{}";
        StringBuilder sb = new StringBuilder();
        boolean decorate = false;
        for (int i = 0; i < a.ndim(); i++) decorate |= a.lbound(i) != 1;
        if (decorate) {
            sb.append(dimsText(a)).append('=');
        }
        int nd = a.ndim();
        int[] idx = new int[nd];
        for (int i = 0; i < nd; i++) sb.append('{');
        for (int k = 0; k < a.size(); k++) {
            Object e = a.get(k);
            if (e == null) sb.append("NULL");
            else appendQuoted(sb, elemOut.apply(e), delim);
            // advance the index, closing and opening braces where dimensions roll over
            int d = nd - 1;
            while (d >= 0) {
                idx[d]++;
                if (idx[d] < a.dim(d)) break;
                idx[d] = 0;
                sb.append('}');
                d--;
            }
            if (d >= 0) {
                sb.append(delim);
                for (int j = d + 1; j < nd; j++) sb.append('{');
            }
        }
        return sb.toString();
    }

    /** array_dims: "[1:3][0:1]", or null for the empty array. */
    public static String dimsText(ArrayValue a) {
        if (a.ndim() == 0) return null;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.ndim(); i++)
            sb.append('[').append(a.lbound(i)).append(':').append((long) a.lbound(i) + a.dim(i) - 1).append(']');
        return sb.toString();
    }

    static void appendQuoted(StringBuilder sb, String v) { appendQuoted(sb, v, ','); }

    static void appendQuoted(StringBuilder sb, String v, char delim) {
        boolean quote = v.isEmpty() || v.equalsIgnoreCase("NULL");
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == '{' || c == '}' || c == delim || c == '"' || c == '\\' || isSpace(c);
        }
        if (!quote) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        sb.append('"');
    }

    /** array_isspace: the C locale's isspace. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    /** A recursive-descent reading of one literal (ArrayCount + ReadArrayStr in one pass). */
    private static final class Reader {
        private final String s;
        private int pos;

        private final char delim;

        Reader(String s, char delim) {
            this.s = s;
            this.delim = delim;
        }

        PgException malformed(String detail) {
            return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + s + "\"")
                    .withDetail(detail);
        }

        private void skipSpace() {
            while (pos < s.length() && isSpace(s.charAt(pos))) pos++;
        }

        private char peek() {
            if (pos >= s.length()) throw malformed("Unexpected end of input.");
            return s.charAt(pos);
        }

        ArrayValue read(int elemType, Function<String, Object> elemIn) {
            skipSpace();
            List<int[]> given = null;   // explicit [lb:ub] pairs
            if (pos < s.length() && s.charAt(pos) == '[') {
                given = new ArrayList<>();
                while (pos < s.length() && s.charAt(pos) == '[') {
                    pos++;
                    skipSpace();
                    Integer first = readInt();
                    if (first == null) throw malformed("Missing array dimension value.");
                    skipSpace();
                    int lb = 1, ub = first;
                    if (pos < s.length() && s.charAt(pos) == ':') {
                        pos++;
                        skipSpace();
                        Integer second = readInt();
                        if (second == null) throw malformed("Missing array dimension value.");
                        lb = first;
                        ub = second;
                        skipSpace();
                    }
                    if (pos >= s.length() || s.charAt(pos) != ']') throw malformed("Missing \"]\" after array dimensions.");
                    pos++;
                    if (ub < lb) throw PgException.error("2202E",
                            "upper bound cannot be less than lower bound");
                    given.add(new int[] {lb, ub});
                    if (given.size() > ArrayValue.MAXDIM) throw tooManyDims(given.size());
                    skipSpace();
                }
                if (pos >= s.length() || s.charAt(pos) != '=') throw malformed("Missing \"=\" after array dimensions.");
                pos++;
                skipSpace();
            }
            if (pos >= s.length() || s.charAt(pos) != '{')
                throw malformed("Array value must start with \"{\" or dimension information.");
            List<Object> flat = new ArrayList<>();
            List<Integer> dims = new ArrayList<>();
            readLevel(0, dims, flat, elemIn);
            skipSpace();
            if (pos < s.length()) throw malformed("Junk after closing right brace.");
            if (given != null) {
                if (given.size() != dims.size() && !(flat.isEmpty())) throw malformed("Specified array dimensions do not match array contents.");
                for (int i = 0; i < dims.size(); i++)
                    if (given.get(i)[1] - given.get(i)[0] + 1 != dims.get(i))
                        throw malformed("Specified array dimensions do not match array contents.");
                if (flat.isEmpty()) return ArrayValue.empty(elemType);
                int[] d = new int[given.size()], lb = new int[given.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = dims.get(i);
                    lb[i] = given.get(i)[0];
                }
                return new ArrayValue(elemType, d, lb, flat.toArray());
            }
            if (flat.isEmpty()) return ArrayValue.empty(elemType);
            int[] d = new int[dims.size()], lb = new int[dims.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = dims.get(i);
                lb[i] = 1;
            }
            return new ArrayValue(elemType, d, lb, flat.toArray());
        }

        private Integer readInt() {
            int start = pos;
            if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (pos == start || (pos == start + 1 && !Character.isDigit(s.charAt(start)))) {
                pos = start;
                return null;
            }
            try {
                return Integer.parseInt(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "array bound is out of integer range");
            }
        }

        private PgException tooManyDims(int n) {
            return PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions (" + n
                    + ") exceeds the maximum allowed (" + ArrayValue.MAXDIM + ")");
        }

        /** The length of each nesting level seen so far (-1: not yet), and the depth of the elements. */
        private final int[] levelLen = {-1, -1, -1, -1, -1, -1, -1};
        private int leafDepth = -1;

        private PgException mismatch() {
            return malformed("Multidimensional arrays must have sub-arrays with matching dimensions.");
        }

        /** Reads '{' ... '}' at nesting {@code depth}, recording or checking the length of that level. */
        private void readLevel(int depth, List<Integer> dims, List<Object> flat, Function<String, Object> elemIn) {
            if (depth + 1 > ArrayValue.MAXDIM) throw tooManyDims(depth + 1);
            pos++;   // the '{'
            skipSpace();
            char c = peek();
            int count = 0;
            if (c == '}') {
                if (depth > 0) throw malformed("Unexpected \"}\" character.");
                pos++;
                return;
            }
            boolean nested = c == '{';
            if (nested && leafDepth != -1 && depth >= leafDepth) throw mismatch();
            if (!nested) {
                if (leafDepth == -1) leafDepth = depth;
                else if (leafDepth != depth) throw mismatch();
            }
            while (true) {
                skipSpace();
                c = peek();
                if (nested) {
                    if (c != '{') throw malformed("Unexpected \"" + c + "\" character.");
                    readLevel(depth + 1, dims, flat, elemIn);
                } else {
                    readElement(flat, elemIn);
                }
                count++;
                skipSpace();
                c = peek();
                pos++;
                if (c == '}') break;
                if (c != delim) throw malformed(nested ? "Unexpected \"" + c + "\" character." : "Unexpected array element.");
            }
            if (levelLen[depth] == -1) levelLen[depth] = count;
            else if (levelLen[depth] != count) throw mismatch();
            if (depth == 0) {
                dims.clear();
                for (int d = 0; d <= leafDepth; d++) dims.add(levelLen[d]);
            }
        }

        private void readElement(List<Object> flat, Function<String, Object> elemIn) {
            char c = peek();
            if (c == '"') {
                pos++;
                StringBuilder sb = new StringBuilder();
                while (true) {
                    c = peek();
                    pos++;
                    if (c == '"') break;
                    if (c == '\\') {
                        c = peek();
                        pos++;
                    }
                    sb.append(c);
                }
                skipSpace();
                c = peek();
                if (c != delim && c != '}') throw malformed("Unexpected array element.");
                flat.add(elemIn.apply(sb.toString()));
                return;
            }
            if (c == '{' || c == '}' || c == delim) throw malformed("Unexpected \"" + c + "\" character.");
            StringBuilder sb = new StringBuilder();
            int keep = 0;   // length up to the last character that is not unescaped trailing whitespace
            boolean escaped = false;
            while (true) {
                c = peek();
                if (c == delim || c == '}') break;
                if (c == '{' || c == '"') throw malformed("Unexpected \"" + c + "\" character.");
                pos++;
                if (c == '\\') {
                    c = peek();
                    pos++;
                    sb.append(c);
                    keep = sb.length();
                    escaped = true;
                    continue;
                }
                sb.append(c);
                if (!isSpace(c)) keep = sb.length();
            }
            String v = sb.substring(0, keep);
            if (!escaped && v.equalsIgnoreCase("NULL")) flat.add(null);
            else flat.add(elemIn.apply(v));
        }
    }
}
