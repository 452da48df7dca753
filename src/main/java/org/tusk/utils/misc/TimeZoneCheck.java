package org.tusk.utils.misc;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The TimeZone check hook ({@code check_timezone}). Accepts, as PostgreSQL does:
 * a zone name, matched case-insensitively and stored in its canonical spelling ("utc" becomes
 * "UTC"); a bare number of hours east of Greenwich, stored as the POSIX name PostgreSQL shows
 * ("-7" becomes "&lt;-07&gt;+07"); and a POSIX standard-time specification such as "UTC+3" or
 * "&lt;+05&gt;-05", kept as written. Zone data comes from the JVM rather than a tz directory.
 */
final class TimeZoneCheck implements GucCheckHook {
    private static final Pattern POSIX_STD =
            Pattern.compile("(<[+-]?[A-Za-z0-9:]+>|[A-Za-z]{3,})[+-]?\\d{1,2}(:\\d{2}(:\\d{2})?)?");

    /** Lower-cased zone id to canonical spelling; built once, it never changes in a JVM. */
    private static final Map<String, String> ZONES = buildZoneMap();

    private static Map<String, String> buildZoneMap() {
        Map<String, String> map = new HashMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            map.put(id.toLowerCase(Locale.ROOT), id);
        }
        return Map.copyOf(map);
    }

    @Override
    public Object check(Object proposed, GucSettings settings) throws GucCheckException {
        String name = (String) proposed;
        String canonical = ZONES.get(name.toLowerCase(Locale.ROOT));
        if (canonical != null) {
            return canonical;
        }
        CNumberParser.Parsed hours = CNumberParser.strtod(name);
        if (hours != null && hours.end() == name.length() && !hours.outOfRange()
                && !Double.isNaN(hours.value()) && Math.abs(hours.value()) < 168) {
            // SQL counts hours east of Greenwich; POSIX names count them west, hence the flip.
            return posixOffsetName((long) Math.rint(-hours.value() * 3600));
        }
        if (POSIX_STD.matcher(name).matches()) {
            return name;
        }
        throw GucCheckException.invalid();
    }

    /** {@code pg_tzset_offset}'s naming: seconds west of Greenwich as "&lt;-hh[:mm[:ss]]&gt;+hh[:mm[:ss]]". */
    static String posixOffsetName(long gmtOffset) {
        long abs = Math.abs(gmtOffset);
        StringBuilder offset = new StringBuilder(String.format(Locale.ROOT, "%02d", abs / 3600));
        if (abs % 3600 != 0) {
            offset.append(String.format(Locale.ROOT, ":%02d", (abs / 60) % 60));
            if (abs % 60 != 0) {
                offset.append(String.format(Locale.ROOT, ":%02d", abs % 60));
            }
        }
        return gmtOffset > 0 ? "<-" + offset + ">+" + offset : "<+" + offset + ">-" + offset;
    }
}
