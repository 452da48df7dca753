package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.error.PgException;

/**
 * CopyReadAttributesText and CopyReadAttributesCSV: one input line into its raw field values
 * (null for the NULL representation). In text format the NULL string is compared with the field
 * before backslash escapes are interpreted; in CSV only an unquoted field can be NULL.
 */
final class CopyFieldParser {
    private final CopyOptions opts;

    CopyFieldParser(CopyOptions opts) {
        this.opts = opts;
    }

    List<String> split(String line) {
        return opts.csv() ? splitCsv(line) : splitText(line);
    }

    private List<String> splitText(String line) {
        List<String> out = new ArrayList<>();
        char delim = opts.delimiter();
        int i = 0, n = line.length();
        // the first backslash at or after i (-1: none): a field without one is the text as it stands
        int backslash = line.indexOf('\\');
        while (true) {
            int start = i;
            int end = line.indexOf(delim, i);
            if (end < 0) end = n;
            if (backslash < 0 || backslash > end) {
                String raw = line.substring(start, end);
                out.add(raw.equals(opts.nullString()) ? null : raw);
                if (end >= n) break;
                i = end + 1;
                continue;
            }
            StringBuilder sb = new StringBuilder();
            boolean escaped = false;
            while (i < n) {
                char c = line.charAt(i);
                if (c == delim) break;
                if (c == '\\' && i + 1 < n) {
                    escaped = true;
                    char e = line.charAt(++i);
                    i++;
                    switch (e) {
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'v' -> sb.append('\u000b');
                        case 'x' -> {
                            int v = 0, digits = 0;
                            while (digits < 2 && i < n && Character.digit(line.charAt(i), 16) >= 0) {
                                v = v * 16 + Character.digit(line.charAt(i++), 16);
                                digits++;
                            }
                            if (digits == 0) sb.append('x'); else sb.append((char) v);
                        }
                        default -> {
                            if (e >= '0' && e <= '7') {
                                int v = e - '0', digits = 1;
                                while (digits < 3 && i < n && line.charAt(i) >= '0' && line.charAt(i) <= '7') {
                                    v = v * 8 + (line.charAt(i++) - '0');
                                    digits++;
                                }
                                sb.append((char) (v & 0xff));
                            } else {
                                sb.append(e);
                            }
                        }
                    }
                    continue;
                }
                sb.append(c);
                i++;
            }
            String raw = line.substring(start, i);
            out.add(raw.equals(opts.nullString()) ? null : escaped ? sb.toString() : raw);
            if (i >= n) break;
            i++;   // the delimiter
            if (backslash < i) backslash = line.indexOf('\\', i);
        }
        return out;
    }

    private List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        char delim = opts.delimiter(), quote = opts.quote(), escape = opts.escape();
        int i = 0, n = line.length();
        while (true) {
            int start = i;
            boolean sawQuote = false;
            StringBuilder sb = new StringBuilder();
            while (i < n) {
                char c = line.charAt(i);
                if (c == delim) break;
                if (c == quote) {
                    sawQuote = true;
                    i++;
                    while (true) {
                        if (i >= n) throw PgException.error("22P04", "unterminated CSV quoted field");
                        char q = line.charAt(i);
                        if (q == escape && i + 1 < n && (line.charAt(i + 1) == escape || line.charAt(i + 1) == quote)
                                && !(escape == quote && line.charAt(i + 1) != quote)) {
                            sb.append(line.charAt(i + 1));
                            i += 2;
                            continue;
                        }
                        if (q == quote) {
                            i++;
                            break;
                        }
                        sb.append(q);
                        i++;
                    }
                    continue;
                }
                sb.append(c);
                i++;
            }
            String raw = line.substring(start, i);
            out.add(!sawQuote && raw.equals(opts.nullString()) ? null : sb.toString());
            if (i >= n) break;
            i++;
        }
        return out;
    }
}
