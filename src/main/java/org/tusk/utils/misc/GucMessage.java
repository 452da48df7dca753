package org.tusk.utils.misc;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;

/**
 * A message the configuration machinery wants logged. It never logs by itself, so that the
 * postmaster and backends can route messages to their own log at their own level.
 * {@code sqlState}, {@code detail} and {@code hint} are null when absent.
 */
public record GucMessage(Severity severity, String sqlState, String text, String detail, String hint) {
    public GucMessage(Severity severity, String sqlState, String text) {
        this(severity, sqlState, text, null, null);
    }

    /** An error that would have been raised, demoted to {@code severity} (PostgreSQL's {@code elevel}). */
    static GucMessage of(Severity severity, PgException e) {
        return new GucMessage(severity, e.sqlState(), e.getMessage(), e.detail(), e.hint());
    }

    @Override
    public String toString() {
        return severity + ":  " + text;
    }
}
