package org.tusk.libpq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * The body of a SASLInitialResponse message: the chosen mechanism as a NUL-terminated string, an
 * int32 length (-1 for no initial response) and that many bytes. Decoding errors are reported
 * with the texts of PostgreSQL's pqformat.c.
 *
 * @param mechanism the mechanism name
 * @param data      the initial response, or null when the length was -1
 */
record SaslInitialResponse(String mechanism, byte[] data) {

    static SaslInitialResponse parse(byte[] body) {
        int nul = indexOfNul(body);
        if (nul < 0) {
            throw protocolViolation("invalid string in message");
        }
        String mechanism = new String(body, 0, nul, StandardCharsets.UTF_8);
        ByteBuffer rest = ByteBuffer.wrap(body, nul + 1, body.length - nul - 1);
        if (rest.remaining() < 4) {
            throw protocolViolation("no data left in message");
        }
        int length = rest.getInt();
        byte[] data = null;
        if (length != -1) {
            if (length < 0 || length > rest.remaining()) {
                throw protocolViolation("insufficient data left in message");
            }
            data = new byte[length];
            rest.get(data);
        }
        if (rest.hasRemaining()) {
            throw protocolViolation("invalid message format");
        }
        return new SaslInitialResponse(mechanism, data);
    }

    private static int indexOfNul(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static PgException protocolViolation(String message) {
        return new PgException(Severity.FATAL, SqlState.PROTOCOL_VIOLATION, message, null, null, 0);
    }
}
