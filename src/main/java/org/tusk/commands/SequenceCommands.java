package org.tusk.commands;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.tusk.access.sequence.SeqParams;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE SEQUENCE (PostgreSQL's sequence.c DefineSequence and init_params): the options are
 * checked and completed with PostgreSQL's defaults (AS bigint, INCREMENT 1, MINVALUE 1 or the
 * type's minimum, MAXVALUE the type's maximum or -1, START the minimum or maximum, CACHE 1, NO
 * CYCLE), then the catalog creates the sequence relation and its first page.
 *
 * <p>OWNED BY a column is refused (0A000): Tusk has no pg_depend to tie the sequence to the
 * column, so DROP TABLE could not remove it. OWNED BY NONE is the default and accepted.
 */
public final class SequenceCommands {
    private SequenceCommands() {}

    public static void defineSequence(Stmt.CreateSeqStmt s, ExecEnvironment env) {
        SeqParams p = initParams(s);
        Stmt.RangeVar rv = s.sequence();
        env.catalog().createSequence(rv.schema(), rv.name(), p, s.temp() ? 't' : 'p', s.ifNotExists());
    }

    /** init_params for a new sequence. */
    static SeqParams initParams(Stmt.CreateSeqStmt s) {
        Set<String> seen = new HashSet<>();
        int type = TypeOids.INT8;
        Long increment = null, min = null, max = null, start = null, cache = null;
        boolean cycle = false;
        for (Stmt.DefElem o : s.options()) {
            if (!seen.add(o.name())) throw PgException.error(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
            switch (o.name()) {
                case "as" -> type = switch (o.value().toLowerCase(Locale.ROOT)) {
                    case "int2" -> TypeOids.INT2;
                    case "int4" -> TypeOids.INT4;
                    case "int8" -> TypeOids.INT8;
                    default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "sequence type must be smallint, integer, or bigint");
                };
                case "increment" -> increment = number(o);
                case "minvalue" -> min = o.value() == null ? null : number(o);
                case "maxvalue" -> max = o.value() == null ? null : number(o);
                case "start" -> start = number(o);
                case "cache" -> cache = number(o);
                case "cycle" -> cycle = Boolean.parseBoolean(o.value());
                case "owned_by" -> {
                    if (!o.value().equalsIgnoreCase("none")) {
                        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "OWNED BY a column is not supported yet");
                    }
                }
                default -> throw PgException.error(SqlState.SYNTAX_ERROR, "option \"" + o.name() + "\" not recognized");
            }
        }
        long typeMax = type == TypeOids.INT2 ? Short.MAX_VALUE : type == TypeOids.INT4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        long typeMin = type == TypeOids.INT2 ? Short.MIN_VALUE : type == TypeOids.INT4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        String typeName = type == TypeOids.INT2 ? "smallint" : type == TypeOids.INT4 ? "integer" : "bigint";
        long incby = increment == null ? 1 : increment;
        if (incby == 0) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        long maxv = max != null ? max : incby > 0 ? typeMax : -1;
        long minv = min != null ? min : incby > 0 ? 1 : typeMin;
        if (maxv < typeMin || maxv > typeMax) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "MAXVALUE (" + maxv + ") is out of range for sequence data type " + typeName);
        }
        if (minv < typeMin || minv > typeMax) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + minv + ") is out of range for sequence data type " + typeName);
        }
        if (minv >= maxv) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + minv + ") must be less than MAXVALUE (" + maxv + ")");
        }
        long startv = start != null ? start : incby > 0 ? minv : maxv;
        if (startv < minv) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "START value (" + startv + ") cannot be less than MINVALUE (" + minv + ")");
        }
        if (startv > maxv) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "START value (" + startv + ") cannot be greater than MAXVALUE (" + maxv + ")");
        }
        long cachev = cache == null ? 1 : cache;
        if (cachev <= 0) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "CACHE (" + cachev + ") must be greater than zero");
        return new SeqParams(type, startv, incby, maxv, minv, cachev, cycle);
    }

    private static long number(Stmt.DefElem o) {
        try {
            return Long.parseLong(o.value());
        } catch (NumberFormatException e) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, o.name() + " requires an integer value");
        }
    }
}
