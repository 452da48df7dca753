package org.tusk.utils.error;

/**
 * Message severities as PostgreSQL's elog.h orders them. {@link #ERROR} aborts the current
 * statement, {@link #FATAL} ends the session (the backend process exits with code 1), and
 * {@link #PANIC} is reserved for states in which shared memory cannot be trusted.
 */
public enum Severity {
    DEBUG, LOG, INFO, NOTICE, WARNING, ERROR, FATAL, PANIC;

    /** The word sent in the 'S' and 'V' fields of an ErrorResponse or NoticeResponse. */
    public String wireName() {
        return name();
    }
}
