package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** DecodeInterval and DecodeISO8601Interval, field qualifiers and overflow errors. */
class IntervalParseTest {
    private static Interval in(String s) { return IntervalParse.parse(s, IntervalParse.FULL_RANGE, DateStyles.IntervalStyle.POSTGRES); }

    @Test
    void postgresForms() {
        assertEquals(new Interval(0, -1, 2 * 3600_000_000L + 3 * 60_000_000L), in("-1 days +02:03"));
        assertEquals(new Interval(0, -1, 0), in("1 day ago"));
        assertEquals(new Interval(0, 0, 5_000_000), in("@ 5"));
        assertEquals(new Interval(18, 0, 0), in("1.5 years"));
        assertEquals(new Interval(14, 0, 0), in("1-2"));
        assertEquals(new Interval(12 * 4541 + 4, 4, 17 * 60_000_000L + 31_000_000L),
                in("4 millenniums 5 centuries 4 decades 1 year 4 months 4 days 17 minutes 31 seconds"));
    }

    @Test
    void iso8601Forms() {
        assertEquals(new Interval(14, 3, ((4 * 60 + 5) * 60 + 6) * 1_000_000L), in("P1Y2M3DT4H5M6S"));
        assertEquals(new Interval(14, 3, ((4 * 60 + 5) * 60 + 6) * 1_000_000L), in("P0001-02-03T04:05:06"));
        assertEquals(new Interval(0, 14, 0), in("P2W"));
    }

    @Test
    void qualifierPicksTheUnitOfABareNumber() {
        assertEquals(new Interval(12, 0, 0), IntervalParse.parse("1", IntervalParse.YEAR, DateStyles.IntervalStyle.POSTGRES));
        assertEquals(new Interval(0, 0, 60_000_000L * 2 + 3_000_000),
                IntervalParse.parse("2:03", IntervalParse.MINUTE | IntervalParse.SECOND, DateStyles.IntervalStyle.POSTGRES));
        assertEquals(new Interval(0, 1, 0), DateTimes.adjustInterval(new Interval(0, 1, 5_000_000), IntervalParse.DAY << 16 | 0xFFFF));
    }

    @Test
    void sqlStandardLeadingSignAppliesToAllFields() {
        assertEquals(new Interval(0, -1, -3600_000_000L), IntervalParse.parse("-1 1:00:00", IntervalParse.FULL_RANGE,
                DateStyles.IntervalStyle.SQL_STANDARD));
    }

    @Test
    void errors() {
        PgException e = assertThrows(PgException.class, () -> in("2147483648 days"));
        assertEquals("interval field value out of range: \"2147483648 days\"", e.getMessage());
        e = assertThrows(PgException.class, () -> in("2147483647 years"));
        assertEquals("interval out of range", e.getMessage());
        e = assertThrows(PgException.class, () -> in("1 fortnight"));
        assertEquals("invalid input syntax for type interval: \"1 fortnight\"", e.getMessage());
    }
}
