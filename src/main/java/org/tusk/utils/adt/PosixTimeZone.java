package org.tusk.utils.adt;

import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A POSIX standard-time zone specification without daylight-saving rule: a name ("UTC", or any
 * text in angle brackets such as "&lt;+10:30&gt;") followed by the offset in POSIX's sign
 * convention, hours WEST of Greenwich ("UTC+3" is three hours behind UTC). This is what
 * PostgreSQL's pg_tzset_offset names a numeric {@code SET TIME ZONE 10.5} ("&lt;+10:30&gt;-10:30"),
 * and what tzparse() accepts for such names when no zone file matches.
 */
public final class PosixTimeZone {
    private static final Pattern SPEC = Pattern.compile(
            "(?:<[+-]?[A-Za-z0-9:]+>|[A-Za-z]{3,})([+-]?)(\\d{1,3})(?::(\\d{2})(?::(\\d{2}))?)?");

    private PosixTimeZone() {}

    /** The fixed offset of {@code spec}, or null if it is not such a specification (or out of range). */
    public static ZoneOffset parse(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) return null;
        int hours = Integer.parseInt(m.group(2));
        int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int seconds = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        if (minutes > 59 || seconds > 59) return null;
        long west = hours * 3600L + minutes * 60L + seconds;
        if (m.group(1).equals("-")) west = -west;
        // java.time offsets stop at 18 hours; PostgreSQL's own limit (tzparse) is 24*7 hours
        if (Math.abs(west) > 18 * 3600) return null;
        return ZoneOffset.ofTotalSeconds((int) -west);
    }
}
