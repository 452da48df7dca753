package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** EncodeDateTime/EncodeDateOnly in every DateStyle and EncodeInterval in every IntervalStyle. */
class DateTimeOutputTest {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final LocalDateTime T = LocalDateTime.of(1997, 2, 10, 17, 32, 1, 500_000_000);

    @Test
    void timestampStyles() {
        assertEquals("1997-02-10 17:32:01.5", DateTimeFormat.timestamp(T, DateStyles.Style.ISO, DateStyles.Order.MDY));
        assertEquals("Mon Feb 10 17:32:01.5 1997", DateTimeFormat.timestamp(T, DateStyles.Style.POSTGRES, DateStyles.Order.MDY));
        assertEquals("Mon 10 Feb 17:32:01.5 1997", DateTimeFormat.timestamp(T, DateStyles.Style.POSTGRES, DateStyles.Order.DMY));
        assertEquals("02/10/1997 17:32:01.5", DateTimeFormat.timestamp(T, DateStyles.Style.SQL, DateStyles.Order.MDY));
        assertEquals("10.02.1997 17:32:01.5", DateTimeFormat.timestamp(T, DateStyles.Style.GERMAN, DateStyles.Order.DMY));
        assertEquals("0097-02-10 17:32:01 BC",
                DateTimeFormat.timestamp(LocalDateTime.of(-96, 2, 10, 17, 32, 1), DateStyles.Style.ISO, DateStyles.Order.MDY));
        assertEquals("infinity", DateTimeFormat.timestamp(LocalDateTime.MAX, DateStyles.Style.POSTGRES, DateStyles.Order.MDY));
    }

    @Test
    void timestamptzShowsZoneAbbreviationOrOffset() {
        Instant i = Instant.parse("1997-02-11T01:32:01Z");
        assertEquals("Mon Feb 10 17:32:01 1997 PST", DateTimeFormat.timestamptz(i, LA, DateStyles.Style.POSTGRES, DateStyles.Order.MDY));
        assertEquals("1997-02-10 17:32:01-08", DateTimeFormat.timestamptz(i, LA, DateStyles.Style.ISO, DateStyles.Order.MDY));
        assertEquals("02/10/1997 17:32:01 PST", DateTimeFormat.timestamptz(i, LA, DateStyles.Style.SQL, DateStyles.Order.MDY));
        assertEquals("1997-02-11 07:02:01+05:30",
                DateTimeFormat.timestamptz(i, ZoneId.of("Asia/Kolkata"), DateStyles.Style.ISO, DateStyles.Order.MDY));
    }

    @Test
    void dateStyles() {
        LocalDate d = LocalDate.of(1999, 1, 8);
        assertEquals("01-08-1999", DateTimeFormat.date(d, DateStyles.Style.POSTGRES, DateStyles.Order.MDY));
        assertEquals("08/01/1999", DateTimeFormat.date(d, DateStyles.Style.SQL, DateStyles.Order.DMY));
        assertEquals("08.01.1999", DateTimeFormat.date(d, DateStyles.Style.GERMAN, DateStyles.Order.DMY));
        assertEquals("0099-01-08 BC", DateTimeFormat.date(LocalDate.of(-98, 1, 8), DateStyles.Style.ISO, DateStyles.Order.MDY));
    }

    @Test
    void intervalStyles() {
        Interval v = new Interval(14, -3, -(4 * 3600 + 5 * 60 + 6) * 1_000_000L - 500_000);
        assertEquals("1 year 2 mons -3 days -04:05:06.5", DateTimeFormat.interval(v, DateStyles.IntervalStyle.POSTGRES));
        assertEquals("@ 1 year 2 mons -3 days -4 hours -5 mins -6.5 secs",
                DateTimeFormat.interval(v, DateStyles.IntervalStyle.POSTGRES_VERBOSE));
        assertEquals("+1-2 -3 -4:05:06.5", DateTimeFormat.interval(v, DateStyles.IntervalStyle.SQL_STANDARD));
        assertEquals("P1Y2M-3DT-4H-5M-6.5S", DateTimeFormat.interval(v, DateStyles.IntervalStyle.ISO_8601));
        Interval ago = new Interval(0, -1, 0);
        assertEquals("@ 1 day ago", DateTimeFormat.interval(ago, DateStyles.IntervalStyle.POSTGRES_VERBOSE));
        assertEquals("-1", DateTimeFormat.interval(ago, DateStyles.IntervalStyle.SQL_STANDARD).substring(0, 2));
        assertEquals("PT0S", DateTimeFormat.interval(new Interval(0, 0, 0), DateStyles.IntervalStyle.ISO_8601));
        assertEquals("@ 0", DateTimeFormat.interval(new Interval(0, 0, 0), DateStyles.IntervalStyle.POSTGRES_VERBOSE));
    }
}
