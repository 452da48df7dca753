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
        if (!opts.csv()) {
            sawAny = readTextLine();
            if (!sawAny) return null;
        } else while (true) {
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

    /**
     * The text format's line: the bytes up to the next newline, carriage return or backslash are
     * copied as one span, so most bytes cost a comparison, not a call; a backslash and the byte it
     * protects are kept for the field parser. Returns whether any input was read.
     */
    private boolean readTextLine() {
        boolean sawAny = false;
        while (true) {
            if (!fill()) {
                eof = true;
                return sawAny;
            }
            sawAny = true;
            byte[] b = chunk;
            int i = pos;
            while (i < b.length && b[i] != '\n' && b[i] != '\r' && b[i] != '\\') i++;
            appendRange(b, pos, i);
            pos = i;
            if (i == b.length) continue;   // the line goes on in the next chunk
            int c = b[pos++];
            if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') next();
                return true;
            }
            append(c);   // a backslash
            int n = next();
            if (n >= 0) {
                if (n == '\r' || n == '\n') {
                    // "\" at the end of a line is data followed by the terminator.
                    if (n == '\r' && peek() == '\n') next();
                    return true;
                }
                append(n);
            }
        }
    }

    private void appendRange(byte[] b, int from, int to) {
        int n = to - from;
        if (len + n > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
        System.arraycopy(b, from, line, len, n);
        len += n;
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
