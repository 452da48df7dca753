package org.tusk.executor;

import java.time.ZoneId;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.utils.adt.DateTimes;
import org.tusk.utils.misc.SessionServices;

/** Per-statement execution context (EState's share of it): the session and its resolved time zone. */
public record ExecContext(SessionServices session, ZoneId timeZone) implements FunctionCallContext {
    /** Builds a context reading the session's current TimeZone setting. */
    public static ExecContext of(SessionServices session) {
        String tz;
        try {
            tz = session.showSetting("TimeZone");
        } catch (RuntimeException e) {
            tz = "UTC";
        }
        return new ExecContext(session, DateTimes.zone(tz));
    }
}
