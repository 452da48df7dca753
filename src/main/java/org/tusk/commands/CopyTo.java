package org.tusk.commands;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * COPY TO's row formatting (PostgreSQL's copyto.c CopyOneRowTo with CopyAttributeOutText and
 * CopyAttributeOutCSV). Values arrive as their types' text output (null for NULL).
 *
 * <p>Text format: backslash, the delimiter and the control characters b f n r t v are escaped
 * with a backslash; NULL is the null string. CSV: a value is quoted when it contains the
 * delimiter, the quote, a carriage return or newline, or equals the null string (so an empty
 * string differs from NULL), or is {@code \.} alone in a one-column row; inside quotes the quote
 * and escape characters are escaped.
 */
final class CopyTo {
    private final CopyOptions opts;

    /** Per output column: FORCE_QUOTE applies (CopyToStateData.opts.force_quote_flags). */
    private final boolean[] forceQuote;

    CopyTo(CopyOptions opts, boolean[] forceQuote) {
        this.opts = opts;
        this.forceQuote = forceQuote;
    }

    /** Sends the header (if asked) and every row; returns the number of rows. */
    long run(List<String> columnNames, Iterator<String[]> rows, CopySink sink, Runnable checkForInterrupts,
             CopyProgress progress) {
        sink.start(columnNames.size());
        if (opts.header()) {
            String[] names = columnNames.toArray(new String[0]);
            sink.write(format(names, true));
        }
        long n = 0;
        while (rows.hasNext()) {
            checkForInterrupts.run();
            sink.write(format(rows.next(), false));
            n++;
            progress.tupleProcessed();
        }
        sink.end();
        return n;
    }

    byte[] format(String[] values, boolean header) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(opts.delimiter());
            String v = values[i];
            if (v == null) sb.append(opts.nullString());
            else if (opts.csv()) csv(sb, v, !header && forceQuote[i], values.length == 1);
            else text(sb, v);
        }
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void text(StringBuilder sb, String v) {
        char delim = opts.delimiter();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append(delim == '\t' ? "\\t" : "\t");
                case '\u000b' -> sb.append("\\v");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c == delim) sb.append('\\');
                    sb.append(c);
                }
            }
        }
    }

    /** CopyAttributeOutCSV: {@code force} quotes the value whatever it holds. */
    private void csv(StringBuilder sb, String v, boolean force, boolean singleAttr) {
        char delim = opts.delimiter(), quote = opts.quote(), escape = opts.escape();
        boolean useQuote = force || v.equals(opts.nullString());
        if (!useQuote) {
            if (singleAttr && v.equals("\\.")) useQuote = true;
            else {
                for (int i = 0; i < v.length() && !useQuote; i++) {
                    char c = v.charAt(i);
                    useQuote = c == delim || c == quote || c == '\n' || c == '\r';
                }
            }
        }
        if (!useQuote) {
            sb.append(v);
            return;
        }
        sb.append(quote);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == quote || c == escape) sb.append(escape);
            sb.append(c);
        }
        sb.append(quote);
    }
}
