package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** timetz_in/timetz_out, timetz_cmp's ordering, arithmetic, AT TIME ZONE, extract and the binary form. */
class TimeTzsTest {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    private static String io(String s) { return TimeTzs.out(TimeTzs.in(s, InputSettings.of(LA))); }

    @Test
    void inputAndOutput() {
        assertEquals("12:34:56.789-05", io("12:34:56.789-05"));
        assertEquals("00:01:00-07", io("00:01 PDT"));
        assertEquals("23:59:59.99-07", io("11:59:59.99 PM PDT"));
        assertEquals("15:36:39-05", io("2003-03-07 15:36:39 America/New_York"));
        assertEquals("15:36:39-04", io("2003-07-07 15:36:39 America/New_York"));
        assertEquals("10:00:00-03:30:15", io("10:00:00+03:30:15".replace('+', '-')));
        assertEquals("24:00:00-07", io("24:00:00 PDT"));
        assertEquals("10:00:00+00", TimeTzs.out(TimeTzs.in("10:00", InputSettings.DEFAULT)));
        for (String bad : new String[] {"15:36:39 America/New_York", "15:36:39 m2", "24:00:00.01 PDT", "25:00:00 PDT"}) {
            PgException e = assertThrows(PgException.class, () -> TimeTzs.in(bad, InputSettings.of(LA)));
            assertTrue(e.sqlState().startsWith("22"), e.sqlState());
        }
    }

    @Test
    void orderingIsByInstantThenZone() {
        TimeTz a = TimeTzs.in("10:00+02", InputSettings.of(LA)), b = TimeTzs.in("09:00+00", InputSettings.of(LA)), c = TimeTzs.in("08:00+00", InputSettings.of(LA));
        assertTrue(a.compareTo(b) < 0);
        // the same instant: the zone decides (-7200 west before 0)
        assertTrue(a.compareTo(c) < 0);
        assertTrue(TimeTzs.in("07:00+00", InputSettings.of(LA)).compareTo(a) < 0);
    }

    @Test
    void arithmeticAndZones() {
        TimeTz t = TimeTzs.in("23:00-07", InputSettings.of(LA));
        assertEquals("01:00:00-07", TimeTzs.out(TimeTzs.plus(t, new Interval(0, 3, 2 * Interval.USECS_PER_HOUR))));
        assertEquals("21:00:00-07", TimeTzs.out(TimeTzs.minus(t, new Interval(0, 1, 2 * Interval.USECS_PER_HOUR))));
        assertEquals("20:00:00-10", TimeTzs.out(TimeTzs.atZone("UTC+10", t, InputSettings.DEFAULT)));
        assertEquals("20:00:00-10", TimeTzs.out(TimeTzs.atZone(new Interval(0, 0, -10 * Interval.USECS_PER_HOUR), t)));
        assertEquals("2020-01-02T06:00:00Z", TimeTzs.atDate(LocalDate.of(2020, 1, 1), t).toString());
        assertEquals("10:00:00.124-03", TimeTzs.out(TimeTzs.applyTypmod(TimeTzs.in("10:00:00.1235-03", InputSettings.of(LA)), 3)));
    }

    @Test
    void extract() {
        TimeTz t = TimeTzs.in("2020-05-26 13:30:25.575401-04:30", InputSettings.of(LA));
        assertEquals(new BigDecimal("25.575401"), TimeTzs.extract("second", t));
        assertEquals(new BigDecimal("-16200"), TimeTzs.extract("timezone", t));
        assertEquals(new BigDecimal("-4"), TimeTzs.extract("timezone_hour", t));
        assertEquals(new BigDecimal("-30"), TimeTzs.extract("timezone_minute", t));
        PgException e = assertThrows(PgException.class, () -> TimeTzs.extract("day", t));
        assertEquals("unit \"day\" not supported for type time with time zone", e.getMessage());
        e = assertThrows(PgException.class, () -> TimeTzs.extract("fortnight", t));
        assertEquals("unit \"fortnight\" not recognized for type time with time zone", e.getMessage());
    }

    @Test
    void binaryForm() {
        TimeTz t = TimeTzs.in("12:00-05", InputSettings.of(LA));
        assertArrayEquals(new byte[] {0, 0, 0, 10, 14, (byte) 0xeb, (byte) 0xb0, 0, 0, 0, 0x46, 0x50}, TimeTzs.send(t));
        assertEquals(t, TimeTzs.recv(TimeTzs.send(t)));
    }
}
