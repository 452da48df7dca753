package org.tusk.libpq;

/**
 * What {@link ClientAuthentication} needs from the wire layer: send Authentication requests and
 * read the client's 'p' messages. Keeping it this narrow lets the exchange be tested without
 * sockets and keeps message framing out of this package.
 */
public interface AuthChannel {
    int AUTH_REQ_OK = 0;
    int AUTH_REQ_PASSWORD = 3;
    int AUTH_REQ_MD5 = 5;
    int AUTH_REQ_SASL = 10;
    int AUTH_REQ_SASL_CONT = 11;
    int AUTH_REQ_SASL_FIN = 12;

    /**
     * Send an AuthenticationXXX message: code as in the protocol (3=cleartext, 5=md5 (payload
     * 4-byte salt), 10=SASL (payload: mechanism list, NUL-terminated strings plus a final NUL),
     * 11=SASLContinue, 12=SASLFinal). Must flush.
     */
    void sendAuthenticationRequest(int code, byte[] payload);

    /**
     * Read the client's next message, which must be of type 'p' (PasswordMessage /
     * SASLInitialResponse / SASLResponse); return its body bytes. Throw PgException
     * PROTOCOL_VIOLATION if another type arrives; if the client closes the connection return null
     * (PostgreSQL then ends silently without logging a failure, as when psql asks for a password).
     */
    byte[] readPasswordPacket();
}
