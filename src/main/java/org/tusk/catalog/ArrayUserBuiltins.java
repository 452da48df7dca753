package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.ArrayUserFuncs;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.WidthBucket;

/**
 * pg_proc entries of the polymorphic array functions width_bucket(anycompatible,
 * anycompatiblearray) (width_bucket_array) and trim_array(anyarray, int4). Each is bound to its
 * resolved argument types at parse analysis ({@link PolymorphicFunction}).
 */
final class ArrayUserBuiltins {
    private ArrayUserBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.fn("width_bucket", List.of(ANYCOMPATIBLE, ANYCOMPATIBLEARRAY), INT4, Volatility.IMMUTABLE, true,
                (PolymorphicFunction) (argTypes, resultType) -> (c, a) ->
                        WidthBucket.ofArray(a[0], array(a[1], argTypes.get(1))));
        r.fn("trim_array", List.of(ANYARRAY, INT4), ANYARRAY, Volatility.IMMUTABLE, true,
                (PolymorphicFunction) (argTypes, resultType) -> (c, a) ->
                        ArrayUserFuncs.trim(array(a[0], argTypes.get(0)), (Integer) a[1]));
    }

    private static ArrayValue array(Object v, int arrayType) {
        return ArrayValue.of(v, ArrayTypes.elementOf(arrayType));
    }
}
