package org.tusk.commands;

import java.math.BigDecimal;

import org.tusk.catalog.TypeOids;
import org.tusk.utils.adt.Numerics;
import org.tusk.utils.adt.Texts;

/**
 * The length coercion an input function applies when it is given the column's typmod
 * (bpcharin, varcharin, numeric_in with atttypmod), for values COPY reads: char(n) is
 * blank-padded, varchar(n) and char(n) refuse longer values unless the excess is blanks,
 * numeric(p,s) is rounded and range-checked.
 */
final class TypmodCoercion {
    private TypmodCoercion() {}

    static Object apply(int typeOid, int typmod, Object value) {
        if (value == null || typmod < 0) return value;
        return switch (typeOid) {
            case TypeOids.BPCHAR -> Texts.bpchar((String) value, typmod, false);
            case TypeOids.VARCHAR -> Texts.varcharCheck((String) value, typmod);
            case TypeOids.NUMERIC -> Numerics.applyTypmod((BigDecimal) value, typmod);
            case TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ, TypeOids.TIME, TypeOids.INTERVAL -> org.tusk.utils.adt.DateTimes.applyTypmod(value, typmod);
            case TypeOids.BIT, TypeOids.VARBIT, TypeOids.TIMETZ -> org.tusk.catalog.TypmodCoercions.apply(typeOid, typmod, value, false);
            default -> value;
        };
    }
}
