package org.tusk.catalog;

/**
 * One pg_type row: OID, typname, typlen, typbyval, type category and preferred flag (used by
 * operator/function resolution), and the type's text input/output functions.
 *
 * @param sqlName the name format_type() prints in messages ("integer", "double precision", ...)
 */
public record PgType(int oid, String typname, String sqlName, int typlen, boolean byval, char category,
                     boolean preferred, Input input, Output output) {

    /**
     * typinput: text to Datum. The settings are the session's, which date/time input reads
     * (TimeZone, DateOrder, IntervalStyle, the transaction's start).
     */
    @FunctionalInterface
    public interface Input { Object in(String text, org.tusk.utils.adt.InputSettings settings); }

    /** typoutput: Datum (never null) to text. */
    @FunctionalInterface
    public interface Output { String out(Object value, org.tusk.utils.adt.OutputSettings settings); }

    public static final char CAT_BOOLEAN = 'B';
    public static final char CAT_NUMERIC = 'N';
    public static final char CAT_STRING = 'S';
    public static final char CAT_DATETIME = 'D';
    public static final char CAT_TIMESPAN = 'T';
    public static final char CAT_NETWORK = 'I';
    public static final char CAT_USER = 'U';
    public static final char CAT_PSEUDO = 'P';
    public static final char CAT_UNKNOWN = 'X';
}
