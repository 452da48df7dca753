package org.tusk.commands;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The options of one COPY, checked as PostgreSQL's copy.c ProcessCopyOptions checks them, with
 * its defaults: text format uses tab and {@code \N}; CSV uses comma, the empty string, and
 * {@code "} as both quote and escape.
 *
 * @param csv          FORMAT csv (otherwise text; binary is refused)
 * @param delimiter    the column separator, one single-byte character
 * @param nullString   the representation of NULL
 * @param header       HEADER: the first line holds column names (skipped on input)
 * @param quote        CSV quote character
 * @param escape       CSV escape character
 * @param freeze       FREEZE
 * @param forceQuoteAll FORCE_QUOTE *: every non-NULL value quoted (COPY TO, CSV)
 * @param forceQuote   FORCE_QUOTE (columns): those columns' non-NULL values quoted
 * @param forceNotNull FORCE_NOT_NULL (columns): an unquoted null string is read as a value (COPY FROM, CSV)
 * @param forceNull    FORCE_NULL (columns): a quoted null string is read as NULL too (COPY FROM, CSV)
 * @param convertSelect convert_selectively (columns): only those are converted, the rest read as NULL; null if not given
 * @param headerMatch  HEADER MATCH (COPY FROM only; implies {@code header}): the header line's fields must be
 *                     the names of the copied columns, in order (copy.h COPY_HEADER_MATCH)
 */
public record CopyOptions(boolean csv, char delimiter, String nullString, boolean header, char quote, char escape,
                          boolean freeze, boolean forceQuoteAll, List<String> forceQuote, List<String> forceNotNull,
                          List<String> forceNull, List<String> convertSelect, boolean headerMatch) {

    /** Options without any FORCE_* or convert_selectively list. */
    public CopyOptions(boolean csv, char delimiter, String nullString, boolean header, char quote, char escape,
                       boolean freeze) {
        this(csv, delimiter, nullString, header, quote, escape, freeze, false, List.of(), List.of(), List.of(), null, false);
    }

    /** ProcessCopyOptions, with errors not placed in the statement's text. */
    public static CopyOptions process(List<Stmt.DefElem> options, boolean isFrom) {
        return process(options, isFrom, null);
    }

    /** ProcessCopyOptions; {@code queryString}, if known, places option errors (parser_errposition). */
    public static CopyOptions process(List<Stmt.DefElem> options, boolean isFrom, String queryString) {
        Set<String> seen = new HashSet<>();
        String format = null, delimiter = null, nullString = null, quote = null, escape = null;
        boolean header = false, headerMatch = false, freeze = false, forceQuoteAll = false;
        List<String> forceQuote = List.of(), forceNotNull = List.of(), forceNull = List.of(), convertSelect = null;
        for (Stmt.DefElem o : options) {
            if (!seen.add(o.name())) {
                // errorConflictingDefElem
                throw queryString == null ? PgException.error(SqlState.SYNTAX_ERROR, "conflicting or redundant options")
                        : PgException.errorAt(SqlState.SYNTAX_ERROR, "conflicting or redundant options",
                        org.tusk.parser.Lexer.position(queryString, o.location()));
            }
            switch (o.name()) {
                case "format" -> {
                    format = o.value() == null ? "" : o.value().toLowerCase(Locale.ROOT);
                    if (format.equals("binary"))
                        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY format \"binary\" is not supported yet");
                    if (!format.equals("text") && !format.equals("csv"))
                        throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "COPY format \"" + o.value() + "\" not recognized");
                }
                case "delimiter" -> delimiter = string(o);
                case "null" -> nullString = string(o);
                case "header" -> {
                    if (o.value() != null && o.value().equalsIgnoreCase("match")) {
                        if (!isFrom) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use \"match\" with HEADER in COPY TO");
                        header = headerMatch = true;
                    } else {
                        header = bool(o, " or \"match\"");
                    }
                }
                case "quote" -> quote = string(o);
                case "escape" -> escape = string(o);
                case "freeze" -> freeze = bool(o, "");
                case "encoding" -> {
                    String enc = string(o).toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
                    if (!enc.equals("UTF8") && !enc.equals("SQLASCII"))
                        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY ENCODING \"" + o.value() + "\" is not supported yet");
                }
                case "force_quote" -> {
                    if ("*".equals(o.value()) && o.list() == null) forceQuoteAll = true;
                    else forceQuote = columnList(o, queryString);
                }
                case "force_not_null" -> forceNotNull = columnList(o, queryString);
                case "force_null" -> forceNull = columnList(o, queryString);
                // undocumented, not reachable from SQL in PostgreSQL's own use (file_fdw); the list may be empty
                case "convert_selectively" -> convertSelect = o.value() == null ? List.of() : columnList(o, queryString);
                default -> throw PgException.error(SqlState.SYNTAX_ERROR, "option \"" + o.name() + "\" not recognized");
            }
        }
        boolean csv = "csv".equals(format);
        if (delimiter == null) delimiter = csv ? "," : "\t";
        if (nullString == null) nullString = csv ? "" : "\\N";
        if (csv) {
            if (quote == null) quote = "\"";
            if (escape == null) escape = quote;
        }
        if (delimiter.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 1)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY delimiter must be a single one-byte character");
        char d = delimiter.charAt(0);
        if (d == '\n' || d == '\r')
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be newline or carriage return");
        if (nullString.indexOf('\r') >= 0 || nullString.indexOf('\n') >= 0)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "COPY null representation cannot use newline or carriage return");
        if (!csv && "\\.abcdefghijklmnopqrstuvwxyz0123456789".indexOf(d) >= 0)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY delimiter cannot be \"" + delimiter + "\"");
        if (!csv && quote != null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote available only in CSV mode");
        if (csv && quote.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 1)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote must be a single one-byte character");
        if (csv && d == quote.charAt(0))
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter and quote must be different");
        if (!csv && escape != null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY escape available only in CSV mode");
        if (csv && escape.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 1)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY escape must be a single one-byte character");
        boolean anyForceQuote = forceQuoteAll || !forceQuote.isEmpty();
        if (!csv && anyForceQuote)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY force quote available only in CSV mode");
        if (anyForceQuote && isFrom)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY force quote only available using COPY TO");
        if (!csv && !forceNotNull.isEmpty())
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY force not null available only in CSV mode");
        if (!forceNotNull.isEmpty() && !isFrom)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY force not null only available using COPY FROM");
        if (!csv && !forceNull.isEmpty())
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY force null available only in CSV mode");
        if (!forceNull.isEmpty() && !isFrom)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY force null only available using COPY FROM");
        if (nullString.indexOf(d) >= 0)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter must not appear in the NULL specification");
        if (csv && nullString.indexOf(quote.charAt(0)) >= 0)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "CSV quote character must not appear in the NULL specification");
        if (freeze && !isFrom)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY FREEZE cannot be used with COPY TO");
        return new CopyOptions(csv, d, nullString, header, csv ? quote.charAt(0) : 0, csv ? escape.charAt(0) : 0, freeze,
                forceQuoteAll, forceQuote, forceNotNull, forceNull, convertSelect, headerMatch);
    }

    /** The column names of a list-valued option; 22023 if it was not given a list. */
    private static List<String> columnList(Stmt.DefElem o, String queryString) {
        if (o.list() != null) return o.list();
        String msg = "argument to option \"" + o.name() + "\" must be a list of column names";
        throw queryString == null ? PgException.error(SqlState.INVALID_PARAMETER_VALUE, msg)
                : PgException.errorAt(SqlState.INVALID_PARAMETER_VALUE, msg, org.tusk.parser.Lexer.position(queryString, o.location()));
    }

    private static String string(Stmt.DefElem o) {
        if (o.value() == null) throw PgException.error(SqlState.SYNTAX_ERROR, o.name() + " requires a parameter");
        return o.value();
    }

    /** defGetBoolean. */
    private static boolean bool(Stmt.DefElem o, String alternative) {
        if (o.value() == null) return true;
        return switch (o.value().toLowerCase(Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw PgException.error(SqlState.SYNTAX_ERROR, o.name() + " requires a Boolean value" + alternative);
        };
    }
}
