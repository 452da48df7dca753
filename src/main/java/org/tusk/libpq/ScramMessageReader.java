package org.tusk.libpq;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * A cursor over a SCRAM client message ({@code attr=value} pairs separated by commas), with the
 * checks and error reports of auth-scram.c's {@code read_attr_value()} and {@code read_any_attr()}.
 *
 * <p>The message is held as ISO-8859-1 text so that every byte maps to exactly one char and the
 * original bytes can be recovered for the HMAC computations. Characters from the client are only
 * echoed into messages through {@link #sanitize(char)}, which keeps non-printable bytes out of
 * the server log, as PostgreSQL does.
 */
final class ScramMessageReader {
    private final String text;
    private int pos;
    private String lastValue;

    ScramMessageReader(String text) {
        this.text = text;
    }

    /** The next char, or NUL at the end (the C code sees the terminating NUL there). */
    char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    void advance() {
        pos++;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    int position() {
        return pos;
    }

    String rest() {
        return text.substring(Math.min(pos, text.length()));
    }

    /** Reads {@code attr=value} for the given attribute and returns the value. */
    String readAttrValue(char attr) {
        if (peek() != attr) {
            throw malformed("Expected attribute \"" + attr + "\" but found \"" + sanitize(peek()) + "\".");
        }
        pos++;
        if (peek() != '=') {
            throw malformed("Expected character \"=\" for attribute \"" + attr + "\".");
        }
        pos++;
        return readValue();
    }

    /** Reads any {@code attr=value}; returns the attribute letter (the value: {@link #lastValue}). */
    char readAnyAttr() {
        char attr = peek();
        if (!((attr >= 'A' && attr <= 'Z') || (attr >= 'a' && attr <= 'z'))) {
            throw malformed("Attribute expected, but found invalid character \"" + sanitize(attr) + "\".");
        }
        pos++;
        if (peek() != '=') {
            throw malformed("Expected character \"=\" for attribute \"" + attr + "\".");
        }
        pos++;
        lastValue = readValue();
        return attr;
    }

    /** The value read by the last {@link #readAnyAttr()}. */
    String lastValue() {
        return lastValue;
    }

    private String readValue() {
        int end = text.indexOf(',', pos);
        String value;
        if (end < 0) {
            value = text.substring(pos);
            pos = text.length();
        } else {
            value = text.substring(pos, end);
            pos = end + 1;
        }
        return value;
    }

    /** A byte for an error message: {@code 'c'} if printable ASCII, else {@code 0xNN}. */
    static String sanitize(char c) {
        if (c >= 0x21 && c <= 0x7E) {
            return "'" + c + "'";
        }
        return String.format("0x%02x", (int) c & 0xff);
    }

    /** RFC 5802 "printable": %x21-2B / %x2D-7E, i.e. printable ASCII except comma. */
    static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                return false;
            }
        }
        return true;
    }

    static PgException malformed(String detail) {
        return new PgException(Severity.FATAL, SqlState.PROTOCOL_VIOLATION, "malformed SCRAM message",
                detail, null, 0);
    }
}
