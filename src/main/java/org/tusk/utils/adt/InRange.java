package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import org.tusk.utils.error.PgException;

/**
 * The in_range support functions RANGE frames with an offset use (PostgreSQL's
 * in_range_int4_int4, in_range_numeric_numeric, in_range_float8_float8,
 * in_range_timestamp_interval, in_range_date_interval, in_range_time_interval,
 * in_range_interval_interval, in_range_timestamptz_interval): whether {@code val} is
 * {@code <=} ({@code less}) or {@code >=} the value {@code base} minus ({@code sub}) or plus
 * {@code offset}. Integers and numerics are summed exactly, which gives the answers PostgreSQL's
 * overflow rule gives. A negative (or NaN) offset is 22013.
 */
public final class InRange {
    private InRange() {}

    private static PgException invalidSize() {
        return PgException.error("22013", "invalid preceding or following size in window function");
    }

    /** Checks an offset once (the functions check it on every call; the answer is the same). */
    public static void checkOffset(Object offset) {
        boolean negative = switch (offset) {
            case BigDecimal d -> NumericSpecial.isNaN(d) || d.signum() < 0;
            case Double d -> d.isNaN() || d < 0;
            case Float f -> f.isNaN() || f < 0;
            case Number n -> n.longValue() < 0;
            case Interval iv -> iv.cmpValue().signum() < 0;
            default -> false;
        };
        if (negative) throw invalidSize();
    }

    public static boolean inRange(Object val, Object base, Object offset, boolean sub, boolean less, ZoneId zone) {
        checkOffset(offset);
        int c;
        switch (base) {
            case Double b -> {
                return floatInRange(((Number) val).doubleValue(), b, ((Number) offset).doubleValue(), sub, less);
            }
            case Float b -> {
                return floatInRange(((Number) val).doubleValue(), b, ((Number) offset).doubleValue(), sub, less);
            }
            case BigDecimal b -> {
                return numericInRange((BigDecimal) val, b, (BigDecimal) offset, sub, less);
            }
            case Number b -> {
                BigDecimal off = BigDecimal.valueOf(((Number) offset).longValue());
                BigDecimal bb = BigDecimal.valueOf(b.longValue());
                c = BigDecimal.valueOf(((Number) val).longValue()).compareTo(sub ? bb.subtract(off) : bb.add(off));
            }
            case LocalDate b -> {
                Interval off = (Interval) offset;
                LocalDateTime sum = DateTimes.addInterval(b.atStartOfDay(), sub ? DateTimes.negate(off) : off);
                c = ((LocalDate) val).atStartOfDay().compareTo(sum);
            }
            case LocalDateTime b -> {
                Interval off = (Interval) offset;
                c = ((LocalDateTime) val).compareTo(DateTimes.addInterval(b, sub ? DateTimes.negate(off) : off));
            }
            case Instant b -> {
                Interval off = (Interval) offset;
                c = ((Instant) val).compareTo(DateTimes.addInterval(b, sub ? DateTimes.negate(off) : off, zone));
            }
            case LocalTime b -> {
                // the time part of the offset only, without wrapping around midnight (in_range_time_interval)
                long micros = ((Interval) offset).micros();
                long baseMicros = b.toNanoOfDay() / 1000;
                long sum = sub ? baseMicros - micros : baseMicros + micros;
                c = Long.compare(((LocalTime) val).toNanoOfDay() / 1000, sum);
            }
            case TimeTz b -> {
                // in_range_timetz_interval: the time part of the offset, the base's zone, no wrapping
                long micros = ((Interval) offset).micros();
                c = ((TimeTz) val).compareTo(new TimeTz(sub ? b.micros() - micros : b.micros() + micros, b.zone()));
            }
            case Interval b -> {
                Interval off = (Interval) offset;
                Interval sum = sub ? new Interval(b.months() - off.months(), b.days() - off.days(), b.micros() - off.micros())
                        : new Interval(b.months() + off.months(), b.days() + off.days(), b.micros() + off.micros());
                c = Comparisons.compare(val, sum);
            }
            default -> throw new IllegalArgumentException("no in_range support for " + base.getClass());
        }
        return less ? c <= 0 : c >= 0;
    }

    /**
     * in_range_numeric_numeric: NaN sorts above everything, and an infinite offset from an
     * infinity of the opposite direction (whose sum would be NaN) takes in every row.
     */
    private static boolean numericInRange(BigDecimal val, BigDecimal base, BigDecimal offset, boolean sub, boolean less) {
        if (NumericSpecial.isNaN(val)) return NumericSpecial.isNaN(base) || !less;
        if (NumericSpecial.isNaN(base)) return less;
        if (offset == NumericSpecial.PINF) {
            if (sub ? base == NumericSpecial.PINF : base == NumericSpecial.NINF) return true;
            if (sub) return !less || val == NumericSpecial.NINF;
            return less || val == NumericSpecial.PINF;
        }
        // Numerics.cmp, not BigDecimal.compareTo: a finite receiver would see an infinity's placeholder zero
        int c = Numerics.cmp(val, sub ? Numerics.sub(base, offset) : Numerics.add(base, offset));
        return less ? c <= 0 : c >= 0;
    }

    private static boolean floatInRange(double val, double base, double offset, boolean sub, boolean less) {
        if (Double.isNaN(val)) return Double.isNaN(base) || !less;
        if (Double.isNaN(base)) return less;
        if (Double.isInfinite(offset) && Double.isInfinite(base) && (sub ? base > 0 : base < 0)) return true;
        double sum = sub ? base - offset : base + offset;
        return less ? val <= sum : val >= sum;
    }
}
