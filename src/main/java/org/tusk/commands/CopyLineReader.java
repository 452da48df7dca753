package org.tusk.commands;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * CopyReadLine: splits COPY FROM input into lines. A line ends at newline, carriage return or
 * both; in text format a backslash protects the byte after it, in CSV format newlines inside a
 * quoted field belong to the field. A line consisting of {@code \.} ends the data, as does the
 * end of the input. Every delimiter, quote and escape is one ASCII byte, so scanning bytes is
 * safe for UTF-8 input; each line is decoded as UTF-8.
 */
final class CopyLineReader {
    private final CopySource source;
    private final CopyOptions opts;
    private byte[] chunk = new byte[0];
    private int pos;
    private boolean eof;
    private byte[] line = new byte[256];
    private int len;
    private long lineNo;

    CopyLineReader(CopySource source, CopyOptions opts) {
        this.source = source;
        this.opts = opts;
    }

    /** cur_lineno: the number of the line last returned (1-based). */
    long lineNo() {
        return lineNo;
    }

    /** The next line without its terminator, or null at the end of the data. */
    String readLine() {
        if (eof) return null;
        len = 0;
        boolean inQuote = false;
        boolean sawAny = false;
        while (true) {
            int c = next();
            if (c < 0) {
                eof = true;
                if (!sawAny) return null;
                break;
            }
            sawAny = true;
            if (!inQuote && (c == '\n' || c == '\r')) {
                if (c == '\r') {
                    int n = peek();
                    if (n == '\n') next();
                }
                break;
            }
            append(c);
            if (opts.csv()) {
                if (inQuote && c == opts.escape() && opts.escape() != opts.quote()) {
                    int n = next();
                    if (n >= 0) append(n);
                } else if (c == opts.quote()) {
                    inQuote = !inQuote;
                }
            } else if (c == '\\') {
                int n = next();
                if (n >= 0) {
                    if (n == '\r' || n == '\n') {
                        // "\" at the end of a line is data followed by the terminator.
                        if (n == '\r' && peek() == '\n') next();
                        break;
                    }
                    append(n);
                }
            }
        }
        lineNo++;
        if (len == 2 && line[0] == '\\' && line[1] == '.') {
            eof = true;
            return null;
        }
        return new String(line, 0, len, StandardCharsets.UTF_8);
    }

    private void append(int c) {
        if (len == line.length) line = Arrays.copyOf(line, len * 2);
        line[len++] = (byte) c;
    }

    private int next() {
        if (!fill()) return -1;
        return chunk[pos++] & 0xff;
    }

    private int peek() {
        if (!fill()) return -1;
        return chunk[pos] & 0xff;
    }

    private boolean fill() {
        while (pos >= chunk.length) {
            byte[] b = source.read();
            if (b == null) return false;
            chunk = b;
            pos = 0;
        }
        return true;
    }
}
