package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.JsonFuncs;
import org.tusk.utils.adt.JsonObjectArrays;
import org.tusk.utils.adt.Jsonb;
import org.tusk.utils.adt.JsonbScalarCasts;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The rest of jsonfuncs.c / jsonb_op.c / json.c / jsonb.c that {@link JsonBuiltins} does not
 * register: json_object and jsonb_object from text arrays, the functions behind the jsonb
 * operators under their pg_proc names (jsonb_exists, jsonb_contains, jsonb_delete, ...),
 * jsonb_set_lax, array_to_json and the explicit casts from jsonb to bool and the numeric types.
 */
final class JsonProcessingBuiltins {
    private JsonProcessingBuiltins() {}

    static void register(BuiltinRegistry r) {
        objectFromArrays(r);
        operatorFunctions(r);
        setLax(r);
        casts(r);
        r.fn("array_to_json", List.of(ANYARRAY), JSON, Volatility.STABLE, true,
                (PolymorphicFunction) (types, res) -> (c, a) -> JsonBuiltins.arrayToJson(a[0], types.get(0), false, c));
        r.fn("array_to_json", List.of(ANYARRAY, BOOL), JSON, Volatility.STABLE, true,
                (PolymorphicFunction) (types, res) -> (c, a) -> JsonBuiltins.arrayToJson(a[0], types.get(0), (Boolean) a[1], c));
    }

    private static ArrayValue texts(Object v) {
        return ArrayValue.of(v, TEXT);
    }

    private static Object root(Object v) {
        return ((Jsonb) v).root();
    }

    /** json_object(text[]), json_object(text[], text[]) and their jsonb forms. */
    private static void objectFromArrays(BuiltinRegistry r) {
        r.fn("json_object", List.of(TEXT_ARRAY), JSON, (c, a) -> JsonObjectArrays.jsonText(JsonObjectArrays.pairs(texts(a[0]))));
        r.fn("json_object", List.of(TEXT_ARRAY, TEXT_ARRAY), JSON,
                (c, a) -> JsonObjectArrays.jsonText(JsonObjectArrays.pairs(texts(a[0]), texts(a[1]))));
        r.fn("jsonb_object", List.of(TEXT_ARRAY), JSONB, (c, a) -> JsonObjectArrays.jsonb(JsonObjectArrays.pairs(texts(a[0]))));
        r.fn("jsonb_object", List.of(TEXT_ARRAY, TEXT_ARRAY), JSONB,
                (c, a) -> JsonObjectArrays.jsonb(JsonObjectArrays.pairs(texts(a[0]), texts(a[1]))));
    }

    /** The pg_proc functions that implement the jsonb operators (jsonb_op.c, jsonfuncs.c). */
    private static void operatorFunctions(BuiltinRegistry r) {
        r.fn("jsonb_exists", List.of(JSONB, TEXT), BOOL, (c, a) -> JsonFuncs.exists(root(a[0]), (String) a[1]));
        r.fn("jsonb_exists_any", List.of(JSONB, TEXT_ARRAY), BOOL, (c, a) -> {
            for (Object k : texts(a[1]).elementList()) if (k != null && JsonFuncs.exists(root(a[0]), (String) k)) return true;
            return false;
        });
        r.fn("jsonb_exists_all", List.of(JSONB, TEXT_ARRAY), BOOL, (c, a) -> {
            for (Object k : texts(a[1]).elementList()) if (k != null && !JsonFuncs.exists(root(a[0]), (String) k)) return false;
            return true;
        });
        r.fn("jsonb_contains", List.of(JSONB, JSONB), BOOL, (c, a) -> JsonFuncs.contains(root(a[0]), root(a[1])));
        r.fn("jsonb_contained", List.of(JSONB, JSONB), BOOL, (c, a) -> JsonFuncs.contains(root(a[1]), root(a[0])));
        r.fn("jsonb_concat", List.of(JSONB, JSONB), JSONB, (c, a) -> new Jsonb(JsonFuncs.concat(root(a[0]), root(a[1]))));
        r.fn("jsonb_delete", List.of(JSONB, TEXT), JSONB, (c, a) -> new Jsonb(JsonFuncs.deleteKey(root(a[0]), (String) a[1])));
        r.fn("jsonb_delete", List.of(JSONB, INT4), JSONB, (c, a) -> new Jsonb(JsonFuncs.deleteIndex(root(a[0]), (Integer) a[1])));
        // jsonb_delete(jsonb, VARIADIC text[]) (jsonb_delete_array): every key named, NULL elements skipped
        r.fn("jsonb_delete", List.of(JSONB, TEXT_ARRAY), JSONB, (c, a) -> {
            Object n = root(a[0]);
            for (Object k : texts(a[1]).elementList()) if (k != null) n = JsonFuncs.deleteKey(n, (String) k);
            return new Jsonb(n);
        });
        r.fn("jsonb_delete_path", List.of(JSONB, TEXT_ARRAY), JSONB,
                (c, a) -> new Jsonb(JsonFuncs.deletePath(root(a[0]), texts(a[1]).elementList())));
    }

    private static final String NULL_TREATMENT =
            "null_value_treatment must be \"delete_key\", \"return_target\", \"use_json_null\", or \"raise_exception\"";

    /**
     * jsonb_set_lax(target, path, new_value, create_if_missing DEFAULT true,
     * null_value_treatment DEFAULT 'use_json_null') (jsonfuncs.c json_set_lax_internal): not
     * strict, so a SQL NULL new value can be handled as the treatment says.
     */
    private static void setLax(BuiltinRegistry r) {
        r.fn("jsonb_set_lax", List.of(JSONB, TEXT_ARRAY, JSONB), JSONB, Volatility.IMMUTABLE, false,
                (c, a) -> setLax(a[0], a[1], a[2], true, "use_json_null"));
        r.fn("jsonb_set_lax", List.of(JSONB, TEXT_ARRAY, JSONB, BOOL), JSONB, Volatility.IMMUTABLE, false,
                (c, a) -> a[3] == null ? null : setLax(a[0], a[1], a[2], (Boolean) a[3], "use_json_null"));
        r.fn("jsonb_set_lax", List.of(JSONB, TEXT_ARRAY, JSONB, BOOL, TEXT), JSONB, Volatility.IMMUTABLE, false,
                (c, a) -> a[3] == null ? null : setLax(a[0], a[1], a[2], (Boolean) a[3], (String) a[4]));
    }

    private static Object setLax(Object target, Object path, Object value, boolean create, String treatment) {
        if (target == null || path == null) return null;
        if (treatment == null) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, NULL_TREATMENT);
        List<Object> p = texts(path).elementList();
        if (value != null) return new Jsonb(JsonFuncs.set(root(target), p, root(value), create));
        return switch (treatment) {
            case "raise_exception" -> throw PgException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "JSON value must not be null")
                    .withDetail("Exception was raised because null_value_treatment is \"raise_exception\".")
                    .withHint("To avoid, either change the null_value_treatment argument or ensure that an SQL NULL is not passed.");
            case "use_json_null" -> new Jsonb(JsonFuncs.set(root(target), p, Jsonb.NULL, create));
            case "delete_key" -> new Jsonb(JsonFuncs.deletePath(root(target), p));
            case "return_target" -> target;
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, NULL_TREATMENT);
        };
    }

    /** jsonb_bool, jsonb_numeric, jsonb_int2/4/8, jsonb_float4/8: explicit casts. */
    private static void casts(BuiltinRegistry r) {
        r.cast(JSONB, BOOL, 'e', (c, a) -> JsonbScalarCasts.toBool((Jsonb) a[0]));
        r.cast(JSONB, NUMERIC, 'e', (c, a) -> JsonbScalarCasts.toNumeric((Jsonb) a[0], "numeric"));
        int[] targets = {INT2, INT4, INT8, FLOAT4, FLOAT8};
        String[] names = {"smallint", "integer", "bigint", "real", "double precision"};
        for (int i = 0; i < targets.length; i++) {
            int t = targets[i];
            String name = names[i];
            // the number converted as numeric is (numeric_int4, numeric_float8, ...)
            r.cast(JSONB, t, 'e', (c, a) -> BuiltinCatalog.cast(NUMERIC, t).impl()
                    .invoke(c, new Object[] {JsonbScalarCasts.toNumeric((Jsonb) a[0], name)}));
        }
    }
}
