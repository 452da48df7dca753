package org.tusk.catalog;

import static org.tusk.catalog.BuiltinRegistry.l;
import static org.tusk.catalog.BuiltinRegistry.n;
import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.util.List;

import org.tusk.utils.adt.Floats;
import org.tusk.utils.adt.NumericFuncs;
import org.tusk.utils.adt.NumericSpecial;
import org.tusk.utils.adt.Numerics;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * numeric functions of pg_proc.dat implemented by numeric.c beyond the operators: scale,
 * min_scale, trim_scale, div, sign, ln, log, log10, exp, factorial; and the numeric to float
 * casts, which carry NaN and the infinities across (numeric_float8, numeric_float4).
 */
final class NumericBuiltins {
    private NumericBuiltins() {}

    static void register(BuiltinRegistry r) {
        List<Integer> one = List.of(NUMERIC);
        r.fn("scale", one, INT4, (c, a) -> NumericFuncs.scale(n(a[0])));
        r.fn("min_scale", one, INT4, (c, a) -> NumericFuncs.minScale(n(a[0])));
        r.fn("trim_scale", one, NUMERIC, (c, a) -> NumericFuncs.trimScale(n(a[0])));
        r.fn("gcd", List.of(NUMERIC, NUMERIC), NUMERIC, (c, a) -> org.tusk.utils.adt.NumericGcd.gcd(n(a[0]), n(a[1])));
        r.fn("lcm", List.of(NUMERIC, NUMERIC), NUMERIC, (c, a) -> org.tusk.utils.adt.NumericGcd.lcm(n(a[0]), n(a[1])));
        r.fn("div", List.of(NUMERIC, NUMERIC), NUMERIC, (c, a) -> NumericFuncs.div(n(a[0]), n(a[1])));
        r.fn("sign", one, NUMERIC, (c, a) -> NumericFuncs.sign(n(a[0])));
        r.fn("ln", one, NUMERIC, (c, a) -> NumericFuncs.ln(n(a[0])));
        r.fn("log", one, NUMERIC, (c, a) -> NumericFuncs.log(BigDecimal.TEN, n(a[0])));
        r.fn("log10", one, NUMERIC, (c, a) -> NumericFuncs.log(BigDecimal.TEN, n(a[0])));
        r.fn("log", List.of(NUMERIC, NUMERIC), NUMERIC, (c, a) -> NumericFuncs.log(n(a[0]), n(a[1])));
        r.fn("exp", one, NUMERIC, (c, a) -> NumericFuncs.exp(n(a[0])));
        r.fn("numeric_inc", one, NUMERIC, (c, a) -> Numerics.add(n(a[0]), BigDecimal.ONE));
        r.fn("factorial", List.of(INT8), NUMERIC, (c, a) -> NumericFuncs.factorial(l(a[0])));
        r.cast(NUMERIC, FLOAT8, 'i', (c, a) -> {
            BigDecimal v = n(a[0]);
            double d = v.doubleValue();
            if (Double.isInfinite(d) && !(v instanceof NumericSpecial))
                throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "\"" + Numerics.numericOut(v) + "\" is out of range for type double precision");
            return d;
        });
        r.cast(NUMERIC, FLOAT4, 'i', (c, a) -> n(a[0]) instanceof NumericSpecial sp ? (float) sp.doubleValue()
                : Floats.toFloat4(Numerics.toDouble(n(a[0]))));
    }
}
