package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** Date/time input through DecodeDateTime: the formats of PostgreSQL's date and timestamp tests. */
class DateTimeInputTest {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final InputSettings MDY = InputSettings.DEFAULT;

    /** The settings of a session whose DateStyle has {@code order}. */
    private static InputSettings order(DateStyles.Order order) {
        return new InputSettings(MDY.timeZone(), order, MDY.intervalStyle(), null);
    }

    @Test
    void datesInManyFormats() {
        LocalDate jan8 = LocalDate.of(1999, 1, 8);
        for (String s : new String[] {"1999-01-08", "January 8, 1999", "1/8/1999", "1999-Jan-08", "08-Jan-1999",
                "Jan-08-1999", "19990108", "990108", "1999.008", "J2451187", "1999 Jan 08", "Jan 08 99"}) {
            assertEquals(jan8, DateTimes.dateIn(s, MDY), s);
        }
        assertEquals(LocalDate.of(-98, 1, 8), DateTimes.dateIn("January 8, 99 BC", MDY));
    }

    @Test
    void ambiguousDatesFollowDateOrder() {
        InputSettings dmy = order(DateStyles.orderOf("Postgres, DMY"));
        assertEquals(LocalDate.of(1999, 8, 1), DateTimes.dateIn("1/8/1999", dmy));
        InputSettings ymd = order(DateStyles.orderOf("ISO, YMD"));
        assertEquals(LocalDate.of(1999, 1, 8), DateTimes.dateIn("99-01-08", ymd));
        assertEquals(LocalDate.of(2001, 2, 3), DateTimes.dateIn("01-02-03", ymd));
        assertEquals(LocalDate.of(2003, 1, 2), DateTimes.dateIn("01-02-03", MDY));
        PgException e = assertThrows(PgException.class, () -> DateTimes.dateIn("18/1/1999", MDY));
        assertEquals("date/time field value out of range: \"18/1/1999\"", e.getMessage());
        assertEquals("22008", e.sqlState());
    }

    @Test
    void badInputIsInvalidSyntax() {
        PgException e = assertThrows(PgException.class, () -> DateTimes.dateIn("1999 08 01 junk", MDY));
        assertEquals("invalid input syntax for type date: \"1999 08 01 junk\"", e.getMessage());
        assertEquals("22007", e.sqlState());
    }

    @Test
    void specialValues() {
        assertEquals(LocalDate.MAX, DateTimes.dateIn("infinity", MDY));
        assertEquals(LocalDateTime.MIN, DateTimes.timestampIn("-infinity", MDY));
        assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0), DateTimes.timestampIn("epoch", MDY));
        assertEquals("infinity", DateTimes.dateOut(LocalDate.MAX));
    }

    @Test
    void timestampsWithZones() {
        Instant i = DateTimes.timestamptzIn("Mon Feb 10 17:32:01 1997 PST", InputSettings.of(LA));
        assertEquals(Instant.parse("1997-02-11T01:32:01Z"), i);
        assertEquals(Instant.parse("1997-02-10T22:32:01Z"), DateTimes.timestamptzIn("1997-02-10 17:32:01-05", InputSettings.of(LA)));
        // a POSIX zone spec counts hours WEST: GMT-8 is eight hours east of Greenwich
        assertEquals(Instant.parse("2000-03-15T00:14:01Z"), DateTimes.timestamptzIn("2000-03-15 08:14:01 GMT-8", InputSettings.of(ZoneId.of("UTC"))));
        assertEquals(LocalDateTime.of(1997, 2, 10, 17, 32, 1, 500_000_000), DateTimes.timestampIn("Feb 10 17:32:01.5 1997 PST", MDY));
        assertEquals(LocalDateTime.of(2001, 12, 25, 4, 5, 6, 789_000_000), DateTimes.timestampIn("20011225T040506.789-07", MDY));
    }
}
