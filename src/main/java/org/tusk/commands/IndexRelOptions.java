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
 * Storage parameters of a B-tree index (PostgreSQL's nbtutils.c btoptions over reloptions.c's
 * RELOPT_KIND_BTREE table, parsed by parseRelOptions): fillfactor (int, 10..100; the leaf pages'
 * fill in a build and in rightmost splits), deduplicate_items (bool; stored: Tusk's B-tree has no
 * posting lists, as an index whose btm_allequalimage is false never deduplicates) and
 * vacuum_cleanup_index_scale_factor (real, 0..1e10; stored, ignored as PostgreSQL 14+ ignores it).
 * The result is pg_class.reloptions' "name=value" text, the value as written
 * (transformRelOptions). Operator class parameters are refused: no built-in B-tree operator class
 * has an options support function (index_opclass_options).
 */
final class IndexRelOptions {
    private IndexRelOptions() {}

    /** index_reloptions(btoptions, validate = true): the options checked, as reloptions text. */
    static List<String> btree(List<Stmt.DefElem> options) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Stmt.DefElem o : options) {
            String name = o.name();
            if (!seen.add(name)) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + name + "\" specified more than once");
            }
            String value = o.value() == null ? "true" : o.value();
            switch (name) {
                case "fillfactor" -> intOption(name, o.value(), 10, 100);
                case "deduplicate_items" -> boolOption(name, value);
                case "vacuum_cleanup_index_scale_factor" -> realOption(name, o.value(), 0.0, 1e10);
                default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + name + "\"");
            }
            out.add(name + "=" + value);
        }
        return out;
    }

    /**
     * index_reloptions(hashoptions): fillfactor (int, 10..100; HASH_DEFAULT_FILLFACTOR 75 when not
     * given), which sets how many entries per bucket the index aims at (hashm_ffactor) and so
     * when buckets split.
     */
    static List<String> hash(List<Stmt.DefElem> options) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Stmt.DefElem o : options) {
            String name = o.name();
            if (!seen.add(name)) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + name + "\" specified more than once");
            }
            String value = o.value() == null ? "true" : o.value();
            if (!name.equals("fillfactor"))
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + name + "\"");
            intOption(name, o.value(), 10, 100);
            out.add(name + "=" + value);
        }
        return out;
    }

    /**
     * index_reloptions(ginoptions): fastupdate (bool) and gin_pending_list_limit (int, 64 ..
     * MAX_KILOBYTES, in kB), stored as written. Tusk's GIN has no pending list: inserts always go
     * straight into the entry tree, whatever fastupdate says.
     */
    static List<String> gin(List<Stmt.DefElem> options) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Stmt.DefElem o : options) {
            String name = o.name();
            if (!seen.add(name)) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + name + "\" specified more than once");
            }
            String value = o.value() == null ? "true" : o.value();
            switch (name) {
                case "fastupdate" -> boolOption(name, value);
                case "gin_pending_list_limit" -> intOption(name, o.value(), 64, Integer.MAX_VALUE / 1024);
                default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + name + "\"");
            }
            out.add(name + "=" + value);
        }
        return out;
    }

    /**
     * index_opclass_options: parameters given to an operator class that has no options support
     * function (every built-in B-tree class) are an error naming the class.
     */
    static void checkOpclassOptions(Stmt.IndexElem e, String opclassName) {
        if (e.opclassOptions() == null || e.opclassOptions().isEmpty()) return;
        throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "operator class " + opclassName + " has no options");
    }

    /**
     * ATExecSetRelOptions for an index: the stored options without those named, then (SET) the
     * given ones; the whole list is validated again, as index_reloptions does.
     */
    static List<String> merge(List<String> stored, List<Stmt.DefElem> options, boolean reset) {
        return merge(stored, options, reset, false);
    }

    /** As above, validated as ginoptions does for a GIN index ({@code gin}), else as btoptions. */
    static List<String> merge(List<String> stored, List<Stmt.DefElem> options, boolean reset, boolean gin) {
        return merge(stored, options, reset, gin ? org.tusk.utils.cache.Relation.GIN_AM_OID : org.tusk.utils.cache.Relation.BTREE_AM_OID);
    }

    /** As above, validated as the index's access method {@code relam} does (ginoptions, hashoptions, else btoptions). */
    static List<String> merge(List<String> stored, List<Stmt.DefElem> options, boolean reset, int relam) {
        Set<String> named = new HashSet<>();
        for (Stmt.DefElem o : options) {
            if (reset && o.value() != null)
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "RESET must not include values for parameters");
            named.add(o.name());
        }
        List<Stmt.DefElem> kept = new ArrayList<>();
        for (String old : stored) {
            int eq = old.indexOf('=');
            String name = eq < 0 ? old : old.substring(0, eq);
            if (!named.contains(name)) kept.add(new Stmt.DefElem(name, eq < 0 ? null : old.substring(eq + 1), -1));
        }
        if (!reset) kept.addAll(options);
        if (relam == org.tusk.utils.cache.Relation.GIN_AM_OID) return gin(kept);
        return relam == org.tusk.catalog.SystemCatalogs.HASH_AM_OID ? hash(kept) : btree(kept);
    }

    private static void intOption(String name, String value, int min, int max) {
        if (value == null)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for integer option \"" + name + "\": true");
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for integer option \"" + name + "\": " + value);
        }
        if (v < min || v > max) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "value " + value + " out of bounds for option \"" + name
                    + "\"").withDetail("Valid values are between \"" + min + "\" and \"" + max + "\".");
        }
    }

    /** parse_bool: a prefix of true, false, yes or no, on, off, 1 or 0 (case-insensitive). */
    private static void boolOption(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        boolean ok = !v.isEmpty() && ("true".startsWith(v) || "false".startsWith(v) || "yes".startsWith(v)
                || "no".startsWith(v) || v.equals("on") || v.equals("off") || v.equals("1") || v.equals("0"));
        if (!ok) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for boolean option \"" + name + "\": "
                    + value);
        }
    }

    private static void realOption(String name, String value, double min, double max) {
        if (value == null) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for floating point option \"" + name
                    + "\": true");
        }
        double v;
        try {
            v = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for floating point option \"" + name
                    + "\": " + value);
        }
        if (v < min || v > max) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "value " + value + " out of bounds for option \"" + name
                    + "\"").withDetail(String.format(Locale.ROOT, "Valid values are between \"%f\" and \"%f\".", min, max));
        }
    }
}
