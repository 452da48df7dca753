package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** extract/date_part, date_trunc, date_bin, AT TIME ZONE, make_*, age and justify_*. */
class DateTimeFuncsTest {
    private static final LocalDateTime T = LocalDateTime.of(1997, 2, 10, 17, 32, 1, 500_000_000);

    @Test
    void extractFields() {
        assertEquals(new BigDecimal("1.500000"), DateTimeFuncs.extract("second", T));
        assertEquals(new BigDecimal("1500.000"), DateTimeFuncs.extract("milliseconds", T));
        assertEquals(new BigDecimal("20"), DateTimeFuncs.extract("century", T));
        assertEquals(new BigDecimal("7"), DateTimeFuncs.extract("week", T));
        assertEquals(new BigDecimal("855595921.500000"), DateTimeFuncs.extract("epoch", T));
        assertEquals(new BigDecimal("-1"), DateTimeFuncs.extract("year", LocalDate.of(0, 6, 1)));
        assertEquals(new BigDecimal("-28800"),
                DateTimeFuncs.extract("timezone", Instant.parse("1997-02-11T01:32:01Z"), ZoneId.of("America/Los_Angeles")));
        assertEquals(new BigDecimal("31557600.000000"), DateTimeFuncs.extract("epoch", new Interval(12, 0, 0)));
        PgException e = assertThrows(PgException.class, () -> DateTimeFuncs.extract("hour", LocalDate.of(2020, 1, 1)));
        assertEquals("unit \"hour\" not supported for type date", e.getMessage());
        e = assertThrows(PgException.class, () -> DateTimeFuncs.extract("microsec", T));
        assertEquals("unit \"microsec\" not recognized for type timestamp without time zone", e.getMessage());
    }

    @Test
    void truncation() {
        assertEquals(LocalDateTime.of(1997, 2, 10, 0, 0), DateTimeFuncs.trunc("week", T));
        assertEquals(LocalDateTime.of(1901, 1, 1, 0, 0), DateTimeFuncs.trunc("century", T));
        assertEquals(LocalDateTime.of(1, 1, 1, 0, 0), DateTimeFuncs.trunc("millennium", LocalDateTime.of(970, 3, 1, 0, 0)));
        assertEquals(new Interval(0, 3, 0), DateTimeFuncs.trunc("day", new Interval(0, 3, 7_000_000)));
        assertEquals(LocalDateTime.of(2020, 2, 11, 15, 30),
                DateTimeFuncs.dateBin(DateTimes.intervalIn("15 minutes", InputSettings.DEFAULT), LocalDateTime.of(2020, 2, 11, 15, 44, 17),
                        LocalDateTime.of(2001, 1, 1, 0, 0)));
        PgException e = assertThrows(PgException.class, () -> DateTimeFuncs.dateBin(new Interval(1, 0, 0), T, T));
        assertEquals("timestamps cannot be binned into intervals containing months or years", e.getMessage());
    }

    @Test
    void zonesAndConstructors() {
        assertEquals(Instant.parse("2001-02-16T20:38:40Z"), DateTimeFuncs.atZone("MST", LocalDateTime.of(2001, 2, 16, 13, 38, 40)));
        assertEquals(LocalDateTime.of(2001, 2, 16, 13, 38, 40), DateTimeFuncs.atZone("America/Denver", Instant.parse("2001-02-16T20:38:40Z")));
        assertEquals(LocalDate.of(-43, 3, 15), DateTimeFuncs.makeDate(-44, 3, 15));
        PgException e = assertThrows(PgException.class, () -> DateTimeFuncs.makeDate(2013, 2, 30));
        assertEquals("date field value out of range: 2013-02-30", e.getMessage());
        assertEquals(new Interval(14, 10, 3_600_000_000L), DateTimeFuncs.makeInterval(1, 2, 1, 3, 1, 0, 0));
    }

    @Test
    void ageAndJustify() {
        assertEquals(new Interval(12 * 43 + 9, 27, 0),
                DateTimeFuncs.age(LocalDateTime.of(2001, 4, 10, 0, 0), LocalDateTime.of(1957, 6, 13, 0, 0)));
        assertEquals(new Interval(1, 0, -3600_000_000L), DateTimeFuncs.justifyDays(new Interval(0, 30, -3600_000_000L)));
        assertEquals(new Interval(0, 1, 3600_000_000L), DateTimeFuncs.justifyHours(new Interval(0, 0, 25 * 3600_000_000L)));
        assertEquals(new Interval(0, 29, 23 * 3600_000_000L), DateTimeFuncs.justifyInterval(new Interval(1, 0, -3600_000_000L)));
    }

    @Test
    void intervalArithmeticCascadesFractionsDown() {
        assertEquals(new Interval(0, 15, 0), DateTimes.multiply(new Interval(1, 0, 0), 0.5));
        assertEquals(new Interval(0, 0, 12 * 3600_000_000L), DateTimes.divide(new Interval(0, 1, 0), 2));
    }
}
