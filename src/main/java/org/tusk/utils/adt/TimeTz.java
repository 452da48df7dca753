package org.tusk.utils.adt;

/**
 * A time with time zone value, PostgreSQL's {@code TimeTzADT} (date.h): microseconds since
 * midnight and the zone's offset in seconds WEST of Greenwich (PostgreSQL's sign convention:
 * '12:00-05' has zone 18000). Stored as 12 bytes, int64 time then int32 zone, 'd' aligned.
 * Ordering is timetz_cmp_internal: by the UTC instant of the day, then by zone, so equality
 * (and hashCode) is field-wise, as timetz_eq and timetz_hash agree.
 */
public record TimeTz(long micros, int zone) implements Comparable<TimeTz> {
    @Override
    public int compareTo(TimeTz o) {
        // timetz_cmp_internal: primary sort is by true (GMT-equivalent) time
        long t1 = micros + zone * Interval.USECS_PER_SEC, t2 = o.micros + o.zone * Interval.USECS_PER_SEC;
        if (t1 != t2) return t1 > t2 ? 1 : -1;
        // if same GMT time, sort by timezone; we only want to say that two timetz's are equal if both the
        // time and zone parts are equal
        return Integer.compare(zone, o.zone);
    }
}
