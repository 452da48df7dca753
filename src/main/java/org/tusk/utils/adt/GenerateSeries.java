package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * generate_series (int.c generate_series_step_int4, int8.c generate_series_step_int8,
 * numeric.c generate_series_step_numeric, timestamp.c generate_series_timestamp[tz]): the
 * values start, start + step, ... while they do not pass stop, computed one at a time as the
 * caller asks, so an unbounded-looking series under LIMIT costs only the rows read. The integer
 * series end, as PostgreSQL's do, instead of overflowing past the type's range.
 */
public final class GenerateSeries {
    private GenerateSeries() {}

    private static PgException zeroStep() {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
    }

    /** generate_series(int4, int4 [, int4]). */
    public static Iterator<Object> int4(int start, int stop, int step) {
        if (step == 0) throw zeroStep();
        return new LongSeries(start, stop, step, Integer.MIN_VALUE, Integer.MAX_VALUE, true);
    }

    /** generate_series(int8, int8 [, int8]). */
    public static Iterator<Object> int8(long start, long stop, long step) {
        if (step == 0) throw zeroStep();
        return new LongSeries(start, stop, step, Long.MIN_VALUE, Long.MAX_VALUE, false);
    }

    /** generate_series(numeric, numeric [, numeric]); the values carry the larger scale of start and step (add_var). */
    public static Iterator<Object> numeric(BigDecimal start, BigDecimal stop, BigDecimal step) {
        rejectSpecial(start, "start value");
        rejectSpecial(stop, "stop value");
        rejectSpecial(step, "step size");
        if (step.signum() == 0) throw zeroStep();
        int sign = step.signum();
        return new Series<>(start, v -> v.add(step), v -> sign > 0 ? v.compareTo(stop) <= 0 : v.compareTo(stop) >= 0);
    }

    /** NaN and the infinities would make a series that never ends or never starts: refused as PostgreSQL does. */
    private static void rejectSpecial(BigDecimal v, String what) {
        if (NumericSpecial.isSpecial(v))
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    what + " cannot be " + (NumericSpecial.isNaN(v) ? "NaN" : "infinity"));
    }

    /** generate_series(timestamp, timestamp, interval). */
    public static Iterator<Object> timestamp(LocalDateTime start, LocalDateTime stop, Interval step) {
        int sign = intervalSign(step);
        if (sign == 0) throw zeroStep();
        return new Series<>(start, v -> DateTimes.addInterval(v, step),
                v -> sign > 0 ? !v.isAfter(stop) : !v.isBefore(stop));
    }

    /** generate_series(timestamptz, timestamptz, interval), adding the step in the session's time zone. */
    public static Iterator<Object> timestamptz(Instant start, Instant stop, Interval step, ZoneId zone) {
        int sign = intervalSign(step);
        if (sign == 0) throw zeroStep();
        return new Series<>(start, v -> DateTimes.addInterval(v, step, zone),
                v -> sign > 0 ? !v.isAfter(stop) : !v.isBefore(stop));
    }

    /** interval_cmp_internal against a zero interval: months count 30 days, days 24 hours. */
    static int intervalSign(Interval iv) {
        java.math.BigInteger span = java.math.BigInteger.valueOf(iv.months()).multiply(java.math.BigInteger.valueOf(30))
                .add(java.math.BigInteger.valueOf(iv.days()))
                .multiply(java.math.BigInteger.valueOf(Interval.USECS_PER_DAY))
                .add(java.math.BigInteger.valueOf(iv.micros()));
        return span.signum();
    }

    /** An integer series that stops, rather than wrap, when the next value would leave [min, max]. */
    private static final class LongSeries implements Iterator<Object> {
        private long current;
        private final long stop, step, min, max;
        private final boolean int4;
        private boolean done;

        LongSeries(long start, long stop, long step, long min, long max, boolean int4) {
            this.current = start;
            this.stop = stop;
            this.step = step;
            this.min = min;
            this.max = max;
            this.int4 = int4;
            this.done = step > 0 ? start > stop : start < stop;
        }

        @Override
        public boolean hasNext() { return !done; }

        @Override
        public Object next() {
            if (done) throw new NoSuchElementException();
            long v = current;
            long nextValue;
            try {
                nextValue = Math.addExact(current, step);
                if (nextValue < min || nextValue > max) done = true;
            } catch (ArithmeticException overflow) {
                nextValue = 0;
                done = true;
            }
            if (!done) {
                current = nextValue;
                done = step > 0 ? current > stop : current < stop;
            }
            return int4 ? (Object) (int) v : (Object) v;
        }
    }

    /** A series of values {@code next(next(...(start)))} while {@code within} holds. */
    private static final class Series<T> implements Iterator<Object> {
        private T current;
        private final UnaryOperator<T> advance;
        private final java.util.function.Predicate<T> within;

        Series(T start, UnaryOperator<T> advance, java.util.function.Predicate<T> within) {
            this.current = start;
            this.advance = advance;
            this.within = within;
        }

        @Override
        public boolean hasNext() { return within.test(current); }

        @Override
        public Object next() {
            if (!hasNext()) throw new NoSuchElementException();
            T v = current;
            current = advance.apply(v);
            return v;
        }
    }
}
