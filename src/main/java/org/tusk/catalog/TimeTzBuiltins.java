package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.ArrayIO;
import org.tusk.utils.adt.Interval;
import org.tusk.utils.adt.TimeTz;
import org.tusk.utils.adt.TimeTzs;

/**
 * time with time zone (pg_type.dat timetz 1266, _timetz 1270) and its pg_proc/pg_operator/pg_cast
 * entries (date.c): comparison (timetz_ops), + and - interval, date + timetz, AT TIME ZONE
 * (timezone()), extract/date_part, the length coercion timetz(timetz, int4), the casts to and
 * from time and from timestamptz, and min/max. Conversions that read the session zone or the
 * current date are STABLE, as in PostgreSQL.
 */
final class TimeTzBuiltins {
    private TimeTzBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.type(new PgType(TIMETZ, "timetz", "time with time zone", 12, false, 'D', false, TimeTzs::in,
                (v, os) -> TimeTzs.out((TimeTz) v)));
        r.type(new PgType(TIMETZ_ARRAY, "_timetz", "time with time zone[]", -1, false, 'A', false,
                (s, z) -> ArrayIO.in(s, TIMETZ, x -> TimeTzs.in(x, z)), (v, os) -> ArrayBuiltins.out(v, TIMETZ, os)));
        r.op("=", TIMETZ, TIMETZ, BOOL, (c, a) -> cmp(a) == 0);
        r.op("<>", TIMETZ, TIMETZ, BOOL, (c, a) -> cmp(a) != 0);
        r.op("<", TIMETZ, TIMETZ, BOOL, (c, a) -> cmp(a) < 0);
        r.op("<=", TIMETZ, TIMETZ, BOOL, (c, a) -> cmp(a) <= 0);
        r.op(">", TIMETZ, TIMETZ, BOOL, (c, a) -> cmp(a) > 0);
        r.op(">=", TIMETZ, TIMETZ, BOOL, (c, a) -> cmp(a) >= 0);
        r.fn("timetz_cmp", List.of(TIMETZ, TIMETZ), INT4, (c, a) -> Integer.signum(cmp(a)));
        r.op("+", TIMETZ, INTERVAL, TIMETZ, (c, a) -> TimeTzs.plus((TimeTz) a[0], (Interval) a[1]));
        r.op("+", INTERVAL, TIMETZ, TIMETZ, (c, a) -> TimeTzs.plus((TimeTz) a[1], (Interval) a[0]));
        r.op("-", TIMETZ, INTERVAL, TIMETZ, (c, a) -> TimeTzs.minus((TimeTz) a[0], (Interval) a[1]));
        r.op("+", DATE, TIMETZ, TIMESTAMPTZ, (c, a) -> TimeTzs.atDate((LocalDate) a[0], (TimeTz) a[1]));
        r.op("+", TIMETZ, DATE, TIMESTAMPTZ, (c, a) -> TimeTzs.atDate((LocalDate) a[1], (TimeTz) a[0]));
        r.fn("timetz_larger", List.of(TIMETZ, TIMETZ), TIMETZ, (c, a) -> cmp(a) >= 0 ? a[0] : a[1]);
        r.fn("timetz_smaller", List.of(TIMETZ, TIMETZ), TIMETZ, (c, a) -> cmp(a) <= 0 ? a[0] : a[1]);
        r.fn("timetz", List.of(TIMETZ, INT4), TIMETZ, (c, a) -> TimeTzs.applyTypmod((TimeTz) a[0], (Integer) a[1]));
        r.fn("timezone", List.of(TEXT, TIMETZ), TIMETZ, Volatility.STABLE, true,
                (c, a) -> TimeTzs.atZone((String) a[0], (TimeTz) a[1], c.inputSettings()));
        r.fn("timezone", List.of(INTERVAL, TIMETZ), TIMETZ, (c, a) -> TimeTzs.atZone((Interval) a[0], (TimeTz) a[1]));
        r.fn("extract", List.of(TEXT, TIMETZ), NUMERIC, (c, a) -> TimeTzs.extract((String) a[0], (TimeTz) a[1]));
        r.fn("date_part", List.of(TEXT, TIMETZ), FLOAT8,
                (c, a) -> ((BigDecimal) TimeTzs.extract((String) a[0], (TimeTz) a[1])).doubleValue());
        // pg_cast.dat: time -> timetz implicit, timetz -> time and timestamptz -> timetz assignment
        r.cast(TIME, TIMETZ, 'i', (c, a) -> TimeTzs.fromTime((LocalTime) a[0], c.inputSettings()));
        r.cast(TIMETZ, TIME, 'a', (c, a) -> TimeTzs.toTime((TimeTz) a[0]));
        r.cast(TIMESTAMPTZ, TIMETZ, 'a', (c, a) -> TimeTzs.fromTimestamptz((Instant) a[0], c.timeZone()));
        r.fn("timetz", List.of(TIME), TIMETZ, Volatility.STABLE, true,
                (c, a) -> TimeTzs.fromTime((LocalTime) a[0], c.inputSettings()));
        r.fn("timetz", List.of(TIMESTAMPTZ), TIMETZ, Volatility.STABLE, true,
                (c, a) -> TimeTzs.fromTimestamptz((Instant) a[0], c.timeZone()));
        r.fn("time", List.of(TIMETZ), TIME, (c, a) -> TimeTzs.toTime((TimeTz) a[0]));
        r.agg("min", TIMETZ, TIMETZ, new BuiltinRegistry.SimpleAgg(() -> null,
                (s, v) -> s == null || ((TimeTz) v).compareTo((TimeTz) s) < 0 ? v : s, s -> s));
        r.agg("max", TIMETZ, TIMETZ, new BuiltinRegistry.SimpleAgg(() -> null,
                (s, v) -> s == null || ((TimeTz) v).compareTo((TimeTz) s) > 0 ? v : s, s -> s));
    }

    private static int cmp(Object[] a) { return ((TimeTz) a[0]).compareTo((TimeTz) a[1]); }
}
