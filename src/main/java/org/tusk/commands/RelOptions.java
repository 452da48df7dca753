package org.tusk.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Storage parameters of a table (PostgreSQL's reloptions.c heap_reloptions / parseRelOptions,
 * transformRelOptions): checked and turned into pg_class.reloptions' "name=value" text. Tusk
 * knows fillfactor (10..100, honoured by heap inserts) and autovacuum_enabled (stored; there is
 * no autovacuum); any other name is refused as PostgreSQL refuses an unknown one.
 */
final class RelOptions {
    private RelOptions() {}

    static List<String> heapOptions(List<Stmt.DefElem> options) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Stmt.DefElem o : options) {
            String name = o.name().toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + name + "\" specified more than once");
            }
            switch (name) {
                case "fillfactor" -> {
                    if (o.value() == null) {
                        throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for integer option \"fillfactor\": true");
                    }
                    int v;
                    try {
                        v = Integer.parseInt(o.value().trim());
                    } catch (NumberFormatException e) {
                        throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                                "invalid value for integer option \"fillfactor\": " + o.value());
                    }
                    if (v < 10 || v > 100) {
                        throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "value " + o.value()
                                + " out of bounds for option \"fillfactor\"").withDetail("Valid values are between \"10\" and \"100\".");
                    }
                    out.add("fillfactor=" + v);
                }
                case "autovacuum_enabled" -> {
                    String v = o.value() == null ? "true" : o.value().toLowerCase(Locale.ROOT);
                    if (!Set.of("true", "false", "on", "off", "1", "0", "yes", "no", "t", "f").contains(v)) {
                        throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                                "invalid value for boolean option \"autovacuum_enabled\": " + o.value());
                    }
                    out.add("autovacuum_enabled=" + (o.value() == null ? "true" : o.value()));
                }
                default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + name + "\"");
            }
        }
        return out;
    }
}
