package org.tusk.libpq;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;

/**
 * A FATAL authentication failure as PostgreSQL's {@code auth_failed()} and the reject paths of
 * {@code ClientAuthentication()} report it.
 *
 * <p>Besides what the client sees, PostgreSQL writes a detail to the server log only
 * ({@code errdetail_log}): the real reason ("Role "x" does not exist.") and the pg_hba.conf line
 * that matched. The client must not get it, since it would reveal which roles exist, so it is
 * kept apart from {@link #detail()}, which stays null.
 */
public final class AuthenticationFailedException extends PgException {
    private static final long serialVersionUID = 1L;

    private final String logDetail;

    AuthenticationFailedException(String sqlState, String message, String logDetail) {
        super(Severity.FATAL, sqlState, message, null, null, 0);
        this.logDetail = logDetail;
    }

    /** The detail for the server log only, or null. */
    public String logDetail() {
        return logDetail;
    }
}
