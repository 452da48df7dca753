package org.tusk.libpq;

/**
 * The client closed the connection instead of answering an authentication request.
 *
 * <p>This is normal: psql connects once without a password, sees that one is wanted, hangs up and
 * asks the user. PostgreSQL therefore exits the backend quietly (status 0) without reporting a
 * failure; the caller should do the same. Deliberately not a {@code PgException}, so that generic
 * error reporting does not pick it up.
 */
public final class ClientDisconnectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientDisconnectedException() {
        super("client closed the connection during authentication", null, false, false);
    }
}
