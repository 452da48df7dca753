package org.tusk.libpq;

import java.util.List;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * A problem found while loading pg_hba.conf, reported as PostgreSQL reports it: severity LOG,
 * SQLSTATE {@code F0000} (config_file_error) for a bad line, PostgreSQL's message text, and a
 * context string {@code line N of configuration file "PATH"}.
 *
 * <p>{@link PgException} has no context field, so the context travels here; whoever logs the
 * report should print it as the CONTEXT line. Like PostgreSQL, {@link HbaFile#load} reads the
 * whole file and reports every bad line, not just the first: the thrown exception is the first
 * error and {@link #allErrors()} lists all of them in file order.
 */
public final class HbaParseException extends PgException {
    private static final long serialVersionUID = 1L;

    private final String context;
    private final transient List<HbaParseException> allErrors;

    private HbaParseException(String sqlState, String message, String hint, String context,
                              List<HbaParseException> allErrors) {
        super(Severity.LOG, sqlState, message, null, hint, 0);
        this.context = context;
        this.allErrors = allErrors == null ? List.of(this) : List.copyOf(allErrors);
    }

    /** A report about one line of a configuration file. */
    static HbaParseException atLine(String fileName, int lineNumber, String message, String hint) {
        return new HbaParseException(SqlState.CONFIG_FILE_ERROR, message, hint, lineContext(fileName, lineNumber), null);
    }

    /** A report about the file as a whole (unreadable, or without entries). */
    static HbaParseException forFile(String sqlState, String message) {
        return new HbaParseException(sqlState, message, null, null, null);
    }

    /** The first of {@code errors}, carrying the whole list. */
    static HbaParseException firstOf(List<HbaParseException> errors) {
        HbaParseException first = errors.getFirst();
        return new HbaParseException(first.sqlState(), first.getMessage(), first.hint(), first.context, errors);
    }

    static String lineContext(String fileName, int lineNumber) {
        return "line " + lineNumber + " of configuration file \"" + fileName + "\"";
    }

    /** {@code line N of configuration file "PATH"}, or null for a whole-file report. */
    public String context() {
        return context;
    }

    /** Every error found in the file, this one first. */
    public List<HbaParseException> allErrors() {
        return allErrors;
    }
}
