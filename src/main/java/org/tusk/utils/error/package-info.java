/**
 * Error reporting (PostgreSQL's {@code utils/error/elog.c}): errors are
 * {@link org.tusk.utils.error.PgException}s carrying severity, SQLSTATE, message, detail, hint
 * and position; the traffic cop sends them to the client in PostgreSQL's ErrorResponse format.
 * {@link org.tusk.utils.error.ServerLog} writes the server log in PostgreSQL's line format, one
 * write(2) per report so that lines from concurrent processes do not interleave.
 *
 * <p>Severity decides what happens: ERROR aborts the statement (and the transaction block),
 * FATAL ends the session after releasing shared resources, PANIC would mean shared memory cannot
 * be trusted.
 */
package org.tusk.utils.error;
