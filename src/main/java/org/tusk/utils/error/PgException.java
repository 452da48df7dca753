package org.tusk.utils.error;

/**
 * An error report in PostgreSQL's terms: what {@code ereport(ERROR, ...)} carries.
 *
 * <p>Code anywhere in a backend throws this; the traffic cop ({@code tcop}) catches it,
 * aborts the statement or transaction and sends it to the client as an ErrorResponse with
 * every field PostgreSQL would send. A {@link Severity#FATAL} report ends the session after
 * it has been sent.
 */
public class PgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Severity severity;
    private final String sqlState;
    private final String detail;
    private final String hint;
    private final int position;
    /** The CONTEXT field ('W'): where the error happened (errcontext callbacks), or null. */
    private String context;

    public PgException(Severity severity, String sqlState, String message, String detail, String hint, int position,
                       Throwable cause) {
        super(message, cause, false, false);
        this.severity = severity;
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
    }

    public PgException(Severity severity, String sqlState, String message, String detail, String hint, int position) {
        this(severity, sqlState, message, detail, hint, position, null);
    }

    /** An ERROR with only a SQLSTATE and a message. */
    public static PgException error(String sqlState, String message) {
        return new PgException(Severity.ERROR, sqlState, message, null, null, 0);
    }

    /** An ERROR that points at a character of the query text (1-based, as in the 'P' field). */
    public static PgException errorAt(String sqlState, String message, int position) {
        return new PgException(Severity.ERROR, sqlState, message, null, null, position);
    }

    public static PgException fatal(String sqlState, String message) {
        return new PgException(Severity.FATAL, sqlState, message, null, null, 0);
    }

    public PgException withDetail(String newDetail) {
        PgException e = new PgException(severity, sqlState, getMessage(), newDetail, hint, position, getCause());
        e.context = context;
        return e.withObjects(objects);
    }

    public PgException withHint(String newHint) {
        PgException e = new PgException(severity, sqlState, getMessage(), detail, newHint, position, getCause());
        e.context = context;
        return e.withObjects(objects);
    }

    /** The same report pointing at another character of the query text (1-based; 0 for none). */
    public PgException withPosition(int newPosition) {
        PgException e = new PgException(severity, sqlState, getMessage(), detail, hint, newPosition, getCause());
        e.context = context;
        return e.withObjects(objects);
    }

    /**
     * The same report with a CONTEXT line added, as an errcontext callback adds one while the
     * error propagates (lines nest: the innermost comes first).
     */
    public PgException withContext(String line) {
        PgException e = new PgException(severity, sqlState, getMessage(), detail, hint, position, getCause());
        e.context = context == null ? line : context + "\n" + line;
        return e.withObjects(objects);
    }

    /** The CONTEXT lines, or null. */
    public String context() { return context; }
    /**
     * The database objects an error is about (errtable / errtableconstraint / errtablecol /
     * errdatatype in PostgreSQL): sent as the ErrorResponse's 's', 't', 'c', 'd' and 'n' fields so
     * that drivers can tell which schema, table, column, type or constraint failed. Any part may
     * be null.
     */
    public record ErrorObjects(String schema, String table, String column, String dataType, String constraint) {
        public static final ErrorObjects NONE = new ErrorObjects(null, null, null, null, null);
    }

    private ErrorObjects objects = ErrorObjects.NONE;

    /** This error, naming the objects it is about; returns {@code this}. */
    public PgException withObjects(ErrorObjects about) {
        this.objects = about == null ? ErrorObjects.NONE : about;
        return this;
    }

    public ErrorObjects objects() { return objects; }

    public Severity severity() { return severity; }
    public String sqlState() { return sqlState; }
    public String detail() { return detail; }
    public String hint() { return hint; }
    /** 1-based character position in the query text, or 0 when the error has none. */
    public int position() { return position; }
}
