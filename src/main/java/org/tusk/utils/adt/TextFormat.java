package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * format(formatstr, VARIADIC "any") (varlena.c's text_format): %[argpos$][-][width]type with
 * type s (the value's text, NULL as empty), I (quote_identifier; NULL is an error) or L
 * (quote_literal; NULL as the word NULL). width may be * or *n$, taking it from an argument;
 * a negative width left-aligns. Arguments arrive already converted to text by their output
 * functions, as text_format does per argument.
 */
public final class TextFormat {
    private TextFormat() {}

    public static String format(String fmt, Object[] args, int firstArg) {
        int nargs = args.length - firstArg;
        StringBuilder out = new StringBuilder();
        int next = 0; // the next argument used by a specifier without a position
        int n = fmt.length();
        for (int i = 0; i < n; i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= n) throw unterminated();
            if (fmt.charAt(i) == '%') {
                out.append('%');
                continue;
            }
            int argpos = -1, widthpos = -1, width = 0;
            boolean leftAlign = false;
            // text_format_parse_format: a leading number is the argument position if a '$' follows
            if (Character.isDigit(fmt.charAt(i))) {
                int[] num = digits(fmt, i);
                i = num[1];
                if (i < n && fmt.charAt(i) == '$') {
                    argpos = position(num[0]);
                    if (++i >= n) throw unterminated();
                } else {
                    width = num[0];
                }
            }
            if (argpos >= 0 || width == 0) {
                while (i < n && fmt.charAt(i) == '-') {
                    leftAlign = true;
                    i++;
                }
                if (i >= n) throw unterminated();
                if (fmt.charAt(i) == '*') {
                    if (++i >= n) throw unterminated();
                    if (Character.isDigit(fmt.charAt(i))) {
                        int[] num = digits(fmt, i);
                        i = num[1];
                        if (i >= n || fmt.charAt(i) != '$') throw unterminated();
                        widthpos = position(num[0]);
                        if (++i >= n) throw unterminated();
                    } else {
                        widthpos = next++;
                    }
                } else if (Character.isDigit(fmt.charAt(i))) {
                    int[] num = digits(fmt, i);
                    width = num[0];
                    i = num[1];
                    if (i >= n) throw unterminated();
                }
            }
            if (i >= n) throw unterminated();
            char type = fmt.charAt(i);
            if (type != 's' && type != 'I' && type != 'L')
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized format() type specifier \"" + type + "\"").withHint("For a single \"%\" use \"%%\".");
            if (widthpos >= 0) {
                // the value is the argument after the width's (arg = widthpos in text_format), unless placed by n$
                if (argpos < 0) next = widthpos + 1;
                if (widthpos >= nargs) throw tooFew();
                Object w = args[firstArg + widthpos];
                int wv = w == null ? 0 : Integer.parseInt(((String) w).strip());
                if (wv < 0) {
                    leftAlign = true;
                    wv = wv == Integer.MIN_VALUE ? Integer.MAX_VALUE : -wv;
                }
                width = wv;
            }
            int arg = argpos >= 0 ? argpos : next;
            next = arg + 1;
            if (arg >= nargs) throw tooFew();
            String v = (String) args[firstArg + arg];
            String text = switch (type) {
                case 's' -> v == null ? "" : v;
                case 'I' -> {
                    if (v == null)
                        throw PgException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "null values cannot be formatted as an SQL identifier");
                    yield Texts.quoteIdentifier(v);
                }
                default -> v == null ? "NULL" : StringFuncs.quoteLiteral(v);
            };
            int len = text.codePointCount(0, text.length());
            if (len < width) {
                String pad = " ".repeat(width - len);
                text = leftAlign ? text + pad : pad + text;
            }
            out.append(text);
        }
        return out.toString();
    }

    /** A run of digits from i: {value, index after it}; overflow is "number is out of range". */
    private static int[] digits(String s, int i) {
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            v = v * 10 + (s.charAt(i++) - '0');
            if (v > Integer.MAX_VALUE)
                throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range");
        }
        return new int[] {(int) v, i};
    }

    private static int position(int n) {
        if (n == 0)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "format specifies argument 0, but arguments are numbered from 1");
        return n - 1;
    }

    private static PgException unterminated() {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier")
                .withHint("For a single \"%\" use \"%%\".");
    }

    private static PgException tooFew() {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
    }
}
