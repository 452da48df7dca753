package org.tusk.commands.explain;

import java.util.List;

import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * EXPLAIN's options (ParseExplainOptionList in explain.c): ANALYZE, VERBOSE, COSTS (default on),
 * SETTINGS, BUFFERS, WAL, TIMING (default: as ANALYZE), SUMMARY (default: as ANALYZE) and FORMAT.
 * Boolean options take true/false/on/off/1/0 or nothing (true), as defGetBoolean.
 */
public record ExplainOptions(boolean analyze, boolean verbose, boolean costs, boolean buffers, boolean wal, boolean timing,
                             boolean summary, boolean settings, ExplainFormat format) {

    public static ExplainOptions parse(List<Stmt.DefElem> options) {
        boolean analyze = false, verbose = false, costs = true, buffers = false, wal = false, settings = false;
        Boolean timing = null, summary = null;
        ExplainFormat format = ExplainFormat.TEXT;
        for (Stmt.DefElem o : options) {
            switch (o.name()) {
                case "analyze" -> analyze = bool(o);
                case "verbose" -> verbose = bool(o);
                case "costs" -> costs = bool(o);
                case "buffers" -> buffers = bool(o);
                case "wal" -> wal = bool(o);
                case "settings" -> settings = bool(o);
                case "timing" -> timing = bool(o);
                case "summary" -> summary = bool(o);
                case "format" -> {
                    String v = o.value() == null ? "" : o.value();
                    format = switch (v) {
                        case "text" -> ExplainFormat.TEXT;
                        case "xml" -> ExplainFormat.XML;
                        case "json" -> ExplainFormat.JSON;
                        case "yaml" -> ExplainFormat.YAML;
                        default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                                "unrecognized value for EXPLAIN option \"format\": \"" + v + "\"");
                    };
                }
                default -> throw PgException.error(SqlState.SYNTAX_ERROR, "unrecognized EXPLAIN option \"" + o.name() + "\"");
            }
        }
        if (wal && !analyze)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "EXPLAIN option WAL requires ANALYZE");
        if (timing != null && timing && !analyze)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "EXPLAIN option TIMING requires ANALYZE");
        return new ExplainOptions(analyze, verbose, costs, buffers, wal, timing == null ? analyze : timing,
                summary == null ? analyze : summary, settings, format);
    }

    /** defGetBoolean. */
    private static boolean bool(Stmt.DefElem o) {
        String v = o.value();
        if (v == null) return true;
        return switch (v) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw PgException.error(SqlState.SYNTAX_ERROR, o.name() + " requires a Boolean value");
        };
    }
}
