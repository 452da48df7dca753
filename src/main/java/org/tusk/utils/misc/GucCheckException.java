package org.tusk.utils.misc;

import org.tusk.utils.error.SqlState;

/**
 * A check hook's refusal. Mirrors {@code GUC_check_errcode}, {@code GUC_check_errmsg},
 * {@code GUC_check_errdetail} and {@code GUC_check_errhint}: every part is optional, and the
 * message defaults to the generic "invalid value for parameter" text.
 */
public final class GucCheckException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final String customMessage;
    private final String detail;
    private final String hint;

    private GucCheckException(String sqlState, String customMessage, String detail, String hint) {
        super(customMessage != null ? customMessage : detail, null, false, false);
        this.sqlState = sqlState;
        this.customMessage = customMessage;
        this.detail = detail;
        this.hint = hint;
    }

    /** Rejects the value with the generic message and no detail. */
    public static GucCheckException invalid() {
        return new GucCheckException(SqlState.INVALID_PARAMETER_VALUE, null, null, null);
    }

    /** Rejects the value with the generic message and a DETAIL line. */
    public static GucCheckException withDetail(String detail) {
        return new GucCheckException(SqlState.INVALID_PARAMETER_VALUE, null, detail, null);
    }

    public GucCheckException sqlState(String code) {
        return new GucCheckException(code, customMessage, detail, hint);
    }

    public GucCheckException message(String text) {
        return new GucCheckException(sqlState, text, detail, hint);
    }

    public GucCheckException hint(String text) {
        return new GucCheckException(sqlState, customMessage, detail, text);
    }

    public String sqlState() { return sqlState; }
    /** The hook's own primary message, or null for the generic one. */
    public String customMessage() { return customMessage; }
    public String detail() { return detail; }
    public String hint() { return hint; }
}
