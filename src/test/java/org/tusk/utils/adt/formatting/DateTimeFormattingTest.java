package org.tusk.utils.adt.formatting;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.tusk.utils.adt.Interval;
import org.tusk.utils.error.PgException;

/** to_char for date/time values, to_timestamp and to_date; expected values are PostgreSQL 15's. */
class DateTimeFormattingTest {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final LocalDateTime T = LocalDateTime.parse("1997-02-10T17:32:01.123456");

    @Test
    void timestampFields() {
        assertEquals("MONDAY    Monday    monday    MON Mon mon FEBRUARY  February  february  FEB Feb feb",
                DateTimeFormatting.toChar(T, "DAY Day day DY Dy dy MONTH Month month MON Mon mon"));
        assertEquals("MONDAY February 10/2/1997", DateTimeFormatting.toChar(T, "FMDAY FMMonth FMDD/FMMM/YYYY"));
        assertEquals("05 05 17 32 01 123 123456 1 123 63121 PM p.m.",
                DateTimeFormatting.toChar(T, "HH HH12 HH24 MI SS MS US FF1 FF3 SSSS AM a.m."));
        assertEquals("1997 997 97 7 1,997 20 1 II   ii   2 06 07 1997 2450490 041 043 2 1",
                DateTimeFormatting.toChar(T, "YYYY YYY YY Y Y,YYY CC Q RM rm W WW IW IYYY J DDD IDDD D ID"));
        assertEquals("10th 10th 10TH quoted DD \"x", DateTimeFormatting.toChar(T, "DDth ddth FMDDTH \"quoted DD\" \\\"x"));
        // 44 BC is year -43 internally
        assertEquals("0044 BC B.C. bc -01 44", DateTimeFormatting.toChar(LocalDateTime.of(-43, 3, 15, 0, 0),
                "YYYY BC B.C. ad CC FMYYYY"));
        assertEquals("12 PM p.m. 12 366th", DateTimeFormatting.toChar(LocalDateTime.of(2000, 12, 31, 12, 0),
                "HH12 PM p.m. FMHH12 DDDth"));
        assertNull(DateTimeFormatting.toChar(LocalDateTime.MAX, "YYYY"));
        assertNull(DateTimeFormatting.toChar(T, ""));
    }

    @Test
    void timestamptzZones() {
        Instant winter = Instant.parse("1997-02-11T01:32:01Z"), summer = Instant.parse("1997-07-11T01:32:01Z");
        assertEquals("1997-02-10 17:32:01 PST pst -08 -08:00",
                DateTimeFormatting.toChar(winter, LA, "YYYY-MM-DD HH24:MI:SS TZ tz OF TZH:TZM"));
        assertEquals("1997-07-10 18:32:01 PDT -07", DateTimeFormatting.toChar(summer, LA, "YYYY-MM-DD HH24:MI:SS TZ OF"));
    }

    @Test
    void intervals() {
        Interval iv = new Interval(14, 3, ((4 * 60 + 5) * 60 + 6) * 1_000_000L + 789_000);
        assertEquals("0001 02 03 04 05 06 789", DateTimeFormatting.toChar(iv, "YYYY MM DD HH24 MI SS MS"));
        assertEquals("-25 -01 00", DateTimeFormatting.toChar(new Interval(0, 0, -25 * 3_600_000_000L), "HH24 HH12 MI"));
        PgException e = assertThrows(PgException.class, () -> DateTimeFormatting.toChar(new Interval(0, 1, 0), "Month"));
        assertEquals("invalid format specification for an interval value", e.getMessage());
    }

    private static String ts(String in, String fmt) {
        return DateTimeFormatting.toTimestamp(in, fmt, LA).toString();
    }

    @Test
    void toTimestamp() {
        assertEquals("2011-12-19T07:38:00Z", ts("2011-12-18 11:38 PM", "YYYY-MM-DD HH12:MI PM"));
        assertEquals("2000-12-05T08:00:00Z", ts("05 Dec 2000", "DD Mon YYYY"));
        assertEquals("2011-12-18T06:38:00Z", ts("2011-12-18 11:38 +05", "YYYY-MM-DD HH24:MI TZH"));
        assertEquals("1985-01-12T08:00:00Z", ts("1985 January 12", "YYYY FMMonth DD"));
        assertEquals("1997-02-16T08:00:00Z", ts("97/Feb/16", "YY/Mon/DD"));
        assertEquals("2006-01-01T08:00:00Z", ts("2005527", "IYYYIWID"));
        assertEquals("2011-12-19T07:38:15.123Z", ts("2011-12-18 23:38:15.12345", "YYYY-MM-DD HH24:MI:SS.FF3"));
        assertEquals(Instant.parse("2010-09-13T04:32:03.500Z"), DateTimeFormatting.fromUnixEpoch(1284352323.5));
    }

    @Test
    void toDate() {
        assertEquals(LocalDate.of(2001, 4, 15), DateTimeFormatting.toDate("3 4 21 01", "W MM CC YY"));
        assertEquals(LocalDate.of(2020, 1, 23), DateTimeFormatting.toDate("2458872", "J"));
        assertEquals(LocalDate.of(-43, 2, 1), DateTimeFormatting.toDate("44-02-01 BC", "YYYY-MM-DD BC"));
        assertEquals(LocalDate.of(2016, 12, 31), DateTimeFormatting.toDate("2016 366", "YYYY DDD"));
    }

    @Test
    void inputErrors() {
        PgException e = assertThrows(PgException.class, () -> DateTimeFormatting.toDate("2016-13-10", "YYYY-MM-DD"));
        assertEquals("date/time field value out of range: \"2016-13-10\"", e.getMessage());
        assertEquals("22008", e.sqlState());
        e = assertThrows(PgException.class, () -> ts("2000-01-01 13:00", "YYYY-MM-DD HH12:MI"));
        assertEquals("hour \"13\" is invalid for the 12-hour clock", e.getMessage());
        e = assertThrows(PgException.class, () -> ts("Xmas", "Mon"));
        assertEquals("invalid value \"Xmas\" for \"Mon\"", e.getMessage());
        assertEquals("22007", e.sqlState());
        e = assertThrows(PgException.class, () -> ts("19971", "YYYYMMDD"));
        assertEquals("source string too short for \"MM\" formatting field", e.getMessage());
        e = assertThrows(PgException.class, () -> ts("2011-12-18 05", "YYYY-MM-DD IW"));
        assertEquals("invalid combination of date conventions", e.getMessage());
    }
}
