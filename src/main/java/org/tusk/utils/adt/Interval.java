package org.tusk.utils.adt;

/** The internal form of an interval value, as PostgreSQL's Interval struct. */
public record Interval(int months, int days, long micros) {
    public static final long USECS_PER_DAY = 86_400_000_000L;
    public static final long USECS_PER_HOUR = 3_600_000_000L;
    public static final long USECS_PER_MINUTE = 60_000_000L;
    public static final long USECS_PER_SEC = 1_000_000L;

    /** A comparable 128-bit-free key, as interval_cmp_value (30-day months, 24-hour days). */
    public java.math.BigInteger cmpValue() {
        // days and months in 64 bits first (they fit), then widen: the products need 128 bits
        java.math.BigInteger day = java.math.BigInteger.valueOf((long) months * 30 + days);
        return day.multiply(java.math.BigInteger.valueOf(USECS_PER_DAY)).add(java.math.BigInteger.valueOf(micros));
    }
}
