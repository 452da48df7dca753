package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The casts from jsonb to bool and the numeric types (jsonb.c jsonb_bool, jsonb_numeric,
 * jsonb_int2/4/8, jsonb_float4/8): the value must be a top-level scalar of the matching kind
 * (JsonbExtractScalar), else 22023 "cannot cast jsonb KIND to type T" (cannotCastJsonbValue).
 * The number is then converted as numeric is to the target type, which the caller does with
 * numeric's own cast so that rounding and range errors are numeric's.
 */
public final class JsonbScalarCasts {
    private JsonbScalarCasts() {}

    /** jsonb_bool. */
    public static boolean toBool(Jsonb j) {
        if (j.root() instanceof Boolean b) return b;
        throw cannotCast(j.root(), "boolean");
    }

    /** jsonb_numeric and the first half of the other numeric casts: the number of a numeric scalar. */
    public static BigDecimal toNumeric(Jsonb j, String sqlType) {
        if (j.root() instanceof BigDecimal d) return d;
        throw cannotCast(j.root(), sqlType);
    }

    /** cannotCastJsonbValue, with the value's jsonb kind as its message names it. */
    private static PgException cannotCast(Object v, String sqlType) {
        String kind = switch (v) {
            case Jsonb.Null n -> "null";
            case String s -> "string";
            case BigDecimal d -> "numeric";
            case Boolean b -> "boolean";
            case List<?> l -> "array";
            case Map<?, ?> m -> "object";
            default -> "array or object";
        };
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot cast jsonb " + kind + " to type " + sqlType);
    }
}
