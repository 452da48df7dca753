package org.tusk.catalog;

import static org.tusk.catalog.BuiltinRegistry.d;
import static org.tusk.catalog.BuiltinRegistry.l;
import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.DateTimeFuncs;
import org.tusk.utils.adt.Interval;

/**
 * The date/time functions of pg_proc.dat that timestamp.c and date.c implement: extract and
 * date_part for every date/time type, date_trunc, timezone (AT TIME ZONE), make_date, make_time,
 * make_timestamp, make_timestamptz, make_interval, age, justify_days/hours/interval, isfinite.
 * Functions that read the session time zone are STABLE, as in PostgreSQL.
 */
final class DateTimeBuiltins {
    private DateTimeBuiltins() {}

    private static Double dbl(BigDecimal v) { return v == null ? null : v.doubleValue(); }

    static void register(BuiltinRegistry r) {
        Volatility s = Volatility.STABLE;
        // extract (numeric, PostgreSQL 14+) and date_part (float8)
        r.fn("extract", List.of(TEXT, TIMESTAMP), NUMERIC, (c, a) -> DateTimeFuncs.extract((String) a[0], (LocalDateTime) a[1]));
        r.fn("extract", List.of(TEXT, TIMESTAMPTZ), NUMERIC, s, true,
                (c, a) -> DateTimeFuncs.extract((String) a[0], (Instant) a[1], c.timeZone()));
        r.fn("extract", List.of(TEXT, DATE), NUMERIC, (c, a) -> DateTimeFuncs.extract((String) a[0], (LocalDate) a[1]));
        r.fn("extract", List.of(TEXT, TIME), NUMERIC, (c, a) -> DateTimeFuncs.extract((String) a[0], (LocalTime) a[1]));
        r.fn("extract", List.of(TEXT, INTERVAL), NUMERIC, (c, a) -> DateTimeFuncs.extract((String) a[0], (Interval) a[1]));
        r.fn("date_part", List.of(TEXT, TIMESTAMP), FLOAT8,
                (c, a) -> dbl(DateTimeFuncs.extract((String) a[0], (LocalDateTime) a[1])));
        r.fn("date_part", List.of(TEXT, TIMESTAMPTZ), FLOAT8, s, true,
                (c, a) -> dbl(DateTimeFuncs.extract((String) a[0], (Instant) a[1], c.timeZone())));
        // date_part(text, date) is SQL-defined over the timestamp form in PostgreSQL
        r.fn("date_part", List.of(TEXT, DATE), FLOAT8,
                (c, a) -> dbl(DateTimeFuncs.extract((String) a[0], ((LocalDate) a[1]).equals(LocalDate.MAX) ? LocalDateTime.MAX
                        : ((LocalDate) a[1]).equals(LocalDate.MIN) ? LocalDateTime.MIN : ((LocalDate) a[1]).atStartOfDay())));
        r.fn("date_part", List.of(TEXT, TIME), FLOAT8, (c, a) -> dbl(DateTimeFuncs.extract((String) a[0], (LocalTime) a[1])));
        r.fn("date_part", List.of(TEXT, INTERVAL), FLOAT8, (c, a) -> dbl(DateTimeFuncs.extract((String) a[0], (Interval) a[1])));

        r.fn("date_trunc", List.of(TEXT, TIMESTAMP), TIMESTAMP, (c, a) -> DateTimeFuncs.trunc((String) a[0], (LocalDateTime) a[1]));
        r.fn("date_trunc", List.of(TEXT, TIMESTAMPTZ), TIMESTAMPTZ, s, true,
                (c, a) -> DateTimeFuncs.trunc((String) a[0], (Instant) a[1], c.timeZone()));
        r.fn("date_trunc", List.of(TEXT, TIMESTAMPTZ, TEXT), TIMESTAMPTZ, s, true,
                (c, a) -> DateTimeFuncs.trunc((String) a[0], (Instant) a[1], DateTimeFuncs.zoneNamed((String) a[2])));
        r.fn("date_trunc", List.of(TEXT, INTERVAL), INTERVAL, (c, a) -> DateTimeFuncs.trunc((String) a[0], (Interval) a[1]));

        r.fn("date_bin", List.of(INTERVAL, TIMESTAMP, TIMESTAMP), TIMESTAMP,
                (c, a) -> DateTimeFuncs.dateBin((Interval) a[0], (LocalDateTime) a[1], (LocalDateTime) a[2]));
        r.fn("date_bin", List.of(INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ), TIMESTAMPTZ,
                (c, a) -> DateTimeFuncs.dateBin((Interval) a[0], (Instant) a[1], (Instant) a[2]));

        r.fn("timezone", List.of(TEXT, TIMESTAMP), TIMESTAMPTZ, (c, a) -> DateTimeFuncs.atZone((String) a[0], (LocalDateTime) a[1]));
        r.fn("timezone", List.of(TEXT, TIMESTAMPTZ), TIMESTAMP, (c, a) -> DateTimeFuncs.atZone((String) a[0], (Instant) a[1]));
        r.fn("timezone", List.of(INTERVAL, TIMESTAMP), TIMESTAMPTZ, (c, a) -> {
            LocalDateTime t = (LocalDateTime) a[1];
            if (!DateTimeFuncs.isFinite(t)) return t.equals(LocalDateTime.MAX) ? Instant.MAX : Instant.MIN;
            return t.toInstant(DateTimeFuncs.intervalZone((Interval) a[0]));
        });
        r.fn("timezone", List.of(INTERVAL, TIMESTAMPTZ), TIMESTAMP, (c, a) -> {
            Instant i = (Instant) a[1];
            if (!DateTimeFuncs.isFinite(i)) return i.equals(Instant.MAX) ? LocalDateTime.MAX : LocalDateTime.MIN;
            return LocalDateTime.ofInstant(i, DateTimeFuncs.intervalZone((Interval) a[0]));
        });

        r.fn("make_date", List.of(INT4, INT4, INT4), DATE, (c, a) -> DateTimeFuncs.makeDate(l(a[0]), l(a[1]), l(a[2])));
        r.fn("make_time", List.of(INT4, INT4, FLOAT8), TIME, (c, a) -> DateTimeFuncs.makeTime(l(a[0]), l(a[1]), d(a[2])));
        r.fn("make_timestamp", List.of(INT4, INT4, INT4, INT4, INT4, FLOAT8), TIMESTAMP,
                (c, a) -> DateTimeFuncs.makeTimestamp(l(a[0]), l(a[1]), l(a[2]), l(a[3]), l(a[4]), d(a[5])));
        r.fn("make_timestamptz", List.of(INT4, INT4, INT4, INT4, INT4, FLOAT8), TIMESTAMPTZ, s, true,
                (c, a) -> DateTimeFuncs.makeTimestamp(l(a[0]), l(a[1]), l(a[2]), l(a[3]), l(a[4]), d(a[5]))
                        .atZone(c.timeZone()).withLaterOffsetAtOverlap().toInstant());
        r.fn("make_timestamptz", List.of(INT4, INT4, INT4, INT4, INT4, FLOAT8, TEXT), TIMESTAMPTZ, s, true,
                (c, a) -> DateTimeFuncs.makeTimestamp(l(a[0]), l(a[1]), l(a[2]), l(a[3]), l(a[4]), d(a[5]))
                        .atZone(DateTimeFuncs.zoneNamed((String) a[6])).withLaterOffsetAtOverlap().toInstant());
        // make_interval's defaults (every argument 0) as one overload per arity
        List<Integer> args = new ArrayList<>();
        for (int n = 0; n <= 7; n++) {
            if (n > 0) args.add(n == 7 ? FLOAT8 : INT4);
            int arity = n;
            r.fn("make_interval", List.copyOf(args), INTERVAL, (c, a) -> {
                long[] v = new long[6];
                for (int i = 0; i < Math.min(arity, 6); i++) v[i] = l(a[i]);
                double secs = arity == 7 ? d(a[6]) : 0;
                return DateTimeFuncs.makeInterval(v[0], v[1], v[2], v[3], v[4], v[5], secs);
            });
        }

        r.fn("age", List.of(TIMESTAMP, TIMESTAMP), INTERVAL, (c, a) -> DateTimeFuncs.age((LocalDateTime) a[0], (LocalDateTime) a[1]));
        r.fn("age", List.of(TIMESTAMPTZ, TIMESTAMPTZ), INTERVAL, s, true,
                (c, a) -> DateTimeFuncs.age((Instant) a[0], (Instant) a[1], c.timeZone()));
        r.fn("age", List.of(TIMESTAMP), INTERVAL, s, true, (c, a) -> DateTimeFuncs.age(
                c.session().transactionStart().atZone(c.timeZone()).toLocalDate().atStartOfDay(), (LocalDateTime) a[0]));
        r.fn("age", List.of(TIMESTAMPTZ), INTERVAL, s, true, (c, a) -> DateTimeFuncs.age(
                c.session().transactionStart().atZone(c.timeZone()).toLocalDate().atStartOfDay(c.timeZone()).toInstant(),
                (Instant) a[0], c.timeZone()));
        r.fn("justify_hours", List.of(INTERVAL), INTERVAL, (c, a) -> DateTimeFuncs.justifyHours((Interval) a[0]));
        r.fn("interval_hash", List.of(INTERVAL), INT4, (c, a) -> org.tusk.utils.adt.HashFuncs.intervalHash((Interval) a[0]));
        r.fn("justify_days", List.of(INTERVAL), INTERVAL, (c, a) -> DateTimeFuncs.justifyDays((Interval) a[0]));
        r.fn("justify_interval", List.of(INTERVAL), INTERVAL, (c, a) -> DateTimeFuncs.justifyInterval((Interval) a[0]));
        for (int ty : new int[] {DATE, TIMESTAMP, TIMESTAMPTZ}) {
            r.fn("isfinite", List.of(ty), BOOL, (c, a) -> DateTimeFuncs.isFinite(a[0]));
        }
        r.fn("isfinite", List.of(INTERVAL), BOOL, (c, a) -> true);

        // avg(interval): interval_accum's sum and count, then interval_div (interval_avg)
        r.agg("avg", INTERVAL, INTERVAL, new BuiltinRegistry.SimpleAgg(() -> null, (st, v) -> {
            if (st == null) return new Object[] {v, 1L};
            Object[] a = (Object[]) st;
            Interval x = (Interval) a[0], y = (Interval) v;
            try {
                return new Object[] {new Interval(Math.addExact(x.months(), y.months()), Math.addExact(x.days(), y.days()),
                        Math.addExact(x.micros(), y.micros())), (Long) a[1] + 1};
            } catch (ArithmeticException e) {
                throw org.tusk.utils.error.PgException.error("22008", "interval out of range");
            }
        }, st -> org.tusk.utils.adt.DateTimes.divide((Interval) ((Object[]) st)[0], (Long) ((Object[]) st)[1])));

        // date <-> timestamp casts keep infinities infinite (date2timestamp, timestamp_date)
        r.cast(DATE, TIMESTAMP, 'i', (c, a) -> {
            LocalDate v = (LocalDate) a[0];
            return v.equals(LocalDate.MAX) ? LocalDateTime.MAX : v.equals(LocalDate.MIN) ? LocalDateTime.MIN : v.atStartOfDay();
        });
        r.cast(DATE, TIMESTAMPTZ, 'i', (c, a) -> {
            LocalDate v = (LocalDate) a[0];
            return v.equals(LocalDate.MAX) ? Instant.MAX : v.equals(LocalDate.MIN) ? Instant.MIN
                    : v.atStartOfDay(c.timeZone()).toInstant();
        });
        r.cast(TIMESTAMP, DATE, 'a', (c, a) -> {
            LocalDateTime v = (LocalDateTime) a[0];
            return v.equals(LocalDateTime.MAX) ? LocalDate.MAX : v.equals(LocalDateTime.MIN) ? LocalDate.MIN : v.toLocalDate();
        });
        r.cast(TIMESTAMPTZ, DATE, 'a', (c, a) -> {
            Instant v = (Instant) a[0];
            return v.equals(Instant.MAX) ? LocalDate.MAX : v.equals(Instant.MIN) ? LocalDate.MIN : v.atZone(c.timeZone()).toLocalDate();
        });
        r.cast(TIMESTAMP, TIMESTAMPTZ, 'i', (c, a) -> {
            LocalDateTime v = (LocalDateTime) a[0];
            return v.equals(LocalDateTime.MAX) ? Instant.MAX : v.equals(LocalDateTime.MIN) ? Instant.MIN
                    : v.atZone(c.timeZone()).withLaterOffsetAtOverlap().toInstant();
        });
        r.cast(TIMESTAMPTZ, TIMESTAMP, 'a', (c, a) -> {
            Instant v = (Instant) a[0];
            return v.equals(Instant.MAX) ? LocalDateTime.MAX : v.equals(Instant.MIN) ? LocalDateTime.MIN
                    : v.atZone(c.timeZone()).toLocalDateTime();
        });
    }
}
