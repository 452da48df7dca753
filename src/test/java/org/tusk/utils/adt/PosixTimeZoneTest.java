package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** POSIX standard-time zone names, as SET TIME ZONE with a number or an interval produces them. */
class PosixTimeZoneTest {
    @Test
    void offsetsCountHoursWestOfGreenwich() {
        assertEquals(ZoneOffset.ofHoursMinutes(10, 30), PosixTimeZone.parse("<+10:30>-10:30"));
        assertEquals(ZoneOffset.ofHours(-7), PosixTimeZone.parse("<-07>+07"));
        assertEquals(ZoneOffset.ofHours(-3), PosixTimeZone.parse("UTC+3"));
        assertEquals(ZoneOffset.ofHoursMinutesSeconds(5, 30, 15), PosixTimeZone.parse("<+05:30:15>-05:30:15"));
        assertEquals(ZoneOffset.ofHours(-3), DateTimes.zone("UTC+3"));
        assertEquals(ZoneOffset.ofHoursMinutes(10, 30), DateTimes.zone("<+10:30>-10:30"));
    }

    @Test
    void otherNamesAreNotPosixSpecifications() {
        assertNull(PosixTimeZone.parse("Europe/Paris"));
        assertNull(PosixTimeZone.parse("+3"));
        assertNull(PosixTimeZone.parse("UTC+3:75"));
    }
}
