package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.Jsonb;
import org.tusk.utils.adt.jsonpath.JsonPath;
import org.tusk.utils.adt.jsonpath.JsonPathExecutor;
import org.tusk.utils.adt.jsonpath.JsonPathExecutor.Result;

/**
 * The jsonpath type and the SQL/JSON path functions (jsonpath.c, jsonpath_exec.c): the type
 * (oid 4072, array 4073) with its text input and output, the operators jsonb @? jsonpath and
 * jsonb @@ jsonpath, and jsonb_path_exists, jsonb_path_match, jsonb_path_query (a set),
 * jsonb_path_query_array and jsonb_path_query_first with their _tz variants. The functions'
 * parameters are named target, path, vars (default '{}') and silent (default false), as in
 * pg_proc.dat, so they may be called in named notation; each arity is its own overload here.
 * The _tz variants (stable rather than immutable) differ from the others only in comparing
 * datetime items across time zones; since .datetime() is not implemented yet (it refuses
 * strings as not supported), they evaluate exactly like the plain functions.
 */
final class JsonPathBuiltins {
    private JsonPathBuiltins() {}

    static final int JSONPATH = 4072;

    private static final List<String> PARAM_NAMES = List.of("target", "path", "vars", "silent");
    private static final List<String> PARAM_DEFAULTS = Collections.unmodifiableList(java.util.Arrays.asList(null, null, "{}", "false"));
    private static final List<String> PARAM_TYPES = List.of("jsonb", "jsonpath", "jsonb", "bool");

    static void register(BuiltinRegistry r) {
        r.type(new PgType(JSONPATH, "jsonpath", "jsonpath", -1, false, 'U', false, (s, z) -> JsonPath.in(s),
                (v, z) -> ((JsonPath) v).out()));
        // the operators: no variables, errors suppressed (jsonb_path_exists_opr, jsonb_path_match_opr)
        r.op("@?", JSONB, JSONPATH, BOOL, (c, a) -> exists(a[0], a[1], null, true));
        r.op("@@", JSONB, JSONPATH, BOOL, (c, a) -> match(a[0], a[1], null, true));
        for (boolean tz : new boolean[] {false, true}) {
            String sfx = tz ? "_tz" : "";
            Volatility v = tz ? Volatility.STABLE : Volatility.IMMUTABLE;
            for (int n = 2; n <= 4; n++) {
                List<Integer> args = List.of(JSONB, JSONPATH, JSONB, BOOL).subList(0, n);
                r.fn("jsonb_path_exists" + sfx, args, BOOL, v, true, (c, a) -> exists(a[0], a[1], vars(a), silent(a)));
                r.fn("jsonb_path_match" + sfx, args, BOOL, v, true, (c, a) -> match(a[0], a[1], vars(a), silent(a)));
                r.fn("jsonb_path_query_array" + sfx, args, JSONB, v, true,
                        (c, a) -> new Jsonb(Collections.unmodifiableList(query(a[0], a[1], vars(a), silent(a)))));
                r.fn("jsonb_path_query_first" + sfx, args, JSONB, v, true, (c, a) -> {
                    List<Object> found = query(a[0], a[1], vars(a), silent(a));
                    return found.isEmpty() ? null : new Jsonb(found.get(0));
                });
                r.fn("jsonb_path_query" + sfx, args, JSONB, v, true, (SetReturningFunction) (c, a) ->
                        query(a[0], a[1], vars(a), silent(a)).stream().map(Jsonb::new).iterator());
            }
            for (String f : List.of("jsonb_path_exists", "jsonb_path_match", "jsonb_path_query", "jsonb_path_query_array",
                    "jsonb_path_query_first"))
                r.parameters(f + sfx, PARAM_NAMES, PARAM_DEFAULTS, PARAM_TYPES);
        }
    }

    /** The vars argument: the default '{}' when the call has fewer than three arguments. */
    private static Object vars(Object[] a) {
        return a.length > 2 ? ((Jsonb) a[2]).root() : Jsonb.newObject();
    }

    private static boolean silent(Object[] a) {
        return a.length > 3 && (Boolean) a[3];
    }

    /** jsonb_path_exists_internal: NULL when an error was suppressed. */
    private static Boolean exists(Object target, Object path, Object vars, boolean silent) {
        Result res = JsonPathExecutor.execute((JsonPath) path, vars, ((Jsonb) target).root(), !silent, null);
        if (res == Result.ERROR) return null;
        return res == Result.OK;
    }

    /** jsonb_path_match_internal: the single boolean (or null) result. */
    private static Boolean match(Object target, Object path, Object vars, boolean silent) {
        List<Object> found = new ArrayList<>();
        JsonPathExecutor.execute((JsonPath) path, vars, ((Jsonb) target).root(), !silent, found);
        if (found.size() == 1) {
            Object v = found.get(0);
            if (v instanceof Boolean b) return b;
            if (v == Jsonb.NULL) return null;
        }
        if (!silent)
            throw org.tusk.utils.error.PgException.error("22038", "single boolean result is expected");
        return null;
    }

    /** The items of jsonb_path_query and its _array/_first forms. */
    private static List<Object> query(Object target, Object path, Object vars, boolean silent) {
        List<Object> found = new ArrayList<>();
        JsonPathExecutor.execute((JsonPath) path, vars, ((Jsonb) target).root(), !silent, found);
        return found;
    }
}
