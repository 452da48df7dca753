package org.tusk.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Storage parameters of a table (PostgreSQL's reloptions.c heap_reloptions / parseRelOptions,
 * transformRelOptions): checked and turned into pg_class.reloptions' "name=value" text. Tusk
 * knows fillfactor (10..100, honoured by heap inserts) and autovacuum_enabled (which autovacuum
 * workers honour); any other name is refused as PostgreSQL refuses an unknown one.
 */
final class RelOptions {
    private RelOptions() {}

    /**
     * ATExecSetRelOptions: the stored options of {@code rel} without those named, then (SET) the
     * given ones, validated as heap_reloptions validates them; RESET must name no values.
     */
    static void alter(Relation rel, List<Stmt.DefElem> options, boolean reset, ExecEnvironment env) {
        if (rel.relkind() != 'r' && rel.relkind() != 'p' && rel.relkind() != 'm') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table")
                    .withDetail(org.tusk.catalog.RelkindDetail.notSupported(rel.relkind()));
        }
        if (rel.relkind() == 'p' && !reset && !options.isEmpty()) {
            // heap_reloptions for RELKIND_PARTITIONED_TABLE: a partitioned table stores no rows
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot specify storage parameters for a partitioned table")
                    .withHint("Specify storage parameters for its leaf partitions, if any.");
        }
        Set<String> named = new HashSet<>();
        for (Stmt.DefElem o : options) {
            if (reset && o.value() != null)
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "RESET must not include values for parameters");
            named.add(o.name());
        }
        List<String> result = new ArrayList<>();
        for (String old : env.catalog().relOptions(rel)) {
            int eq = old.indexOf('=');
            if (!named.contains(eq < 0 ? old : old.substring(0, eq))) result.add(old);
        }
        if (!reset) result.addAll(heapOptions(options));
        env.catalog().setRelOptions(rel, result);
    }

    /** parse_bool's true spellings (defGetBoolean). */
    private static boolean truth(String v) {
        return Set.of("true", "on", "1", "yes", "t", "y").contains(v.toLowerCase(Locale.ROOT));
    }

    static List<String> heapOptions(List<Stmt.DefElem> options) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Stmt.DefElem o : options) {
            // names match exactly, as parseRelOptions compares them: a quoted "Fillfactor" is unknown
            String name = o.name();
            if (name.equals("oids")) {
                // transformRelOptions with acceptOidsOff: WITH (oids = false) is accepted and dropped
                if (o.value() == null || truth(o.value())) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "tables declared WITH OIDS are not supported");
                }
                continue;
            }
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
                // heap reloption parallel_workers (reloptions.c: int, 0 .. MAX_PARALLEL_WORKER_LIMIT);
                // stored for the planner, which runs no parallel plans yet
                case "parallel_workers" -> out.add("parallel_workers=" + intOption(o, 0, 1024));
                // heap reloption toast_tuple_target (reloptions.c: int, 128 .. TOAST_TUPLE_TARGET_MAIN),
                // the size the toaster shrinks a row to, read by RelationGetToastTupleTarget
                case "toast_tuple_target" -> out.add("toast_tuple_target=" + intOption(o, 128, 8160));
                default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + name + "\"");
            }
        }
        return out;
    }

    /** parse_one_reloption for an integer option: the value, or reloptions.c's errors. */
    private static int intOption(Stmt.DefElem o, int min, int max) {
        String name = o.name();
        if (o.value() == null)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for integer option \"" + name + "\": true");
        int v;
        try {
            v = Integer.parseInt(o.value().trim());
        } catch (NumberFormatException e) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for integer option \"" + name + "\": " + o.value());
        }
        if (v < min || v > max)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "value " + o.value() + " out of bounds for option \""
                    + name + "\"").withDetail("Valid values are between \"" + min + "\" and \"" + max + "\".");
        return v;
    }
}
