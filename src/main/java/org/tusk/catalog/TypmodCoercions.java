package org.tusk.catalog;

import org.tusk.utils.adt.TimeTz;
import org.tusk.utils.adt.TimeTzs;
import org.tusk.utils.adt.VarBit;
import org.tusk.utils.adt.VarBits;

/**
 * The length coercion functions (pg_type's typmod-taking casts) of time with time zone, bit and
 * bit varying: timetz(timetz, int4) rounds the fractional seconds, bit(bit, int4, bool) and
 * varbit(varbit, int4, bool) check or, when the cast is explicit, adjust the length. The
 * executor's CoerceToTypmod and COPY's input call this; the values are immutable, so no state.
 */
public final class TypmodCoercions {
    private TypmodCoercions() {}

    public static Object apply(int type, int typmod, Object value, boolean explicit) {
        if (value == null || typmod < 0) return value;
        return switch (type) {
            case TypeOids.BIT -> VarBits.toBit((VarBit) value, typmod, explicit);
            case TypeOids.VARBIT -> VarBits.toVarbit((VarBit) value, typmod, explicit);
            case TypeOids.TIMETZ -> TimeTzs.applyTypmod((TimeTz) value, typmod);
            default -> value;
        };
    }
}
