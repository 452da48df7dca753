package org.tusk.access.transam;

/**
 * A record that cannot be decoded or read, with PostgreSQL's message for it (the text that
 * xlogreader.c's report_invalid_record would produce). The reader turns it into an end-of-WAL
 * result; only callers decoding on their own see it thrown.
 */
public final class InvalidXLogRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidXLogRecordException(String message) {
        super(message, null, false, false);
    }
}
