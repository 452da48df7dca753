package org.tusk.catalog;

import java.time.ZoneId;

import org.tusk.utils.misc.SessionServices;

/** What a built-in function can see of the executing session (fmgr's FunctionCallInfo, minus the args). */
public interface FunctionCallContext {
    SessionServices session();

    /** The session's TimeZone setting, resolved. */
    ZoneId timeZone();

    /** Settings output functions depend on (TimeZone, extra_float_digits). */
    default org.tusk.utils.adt.OutputSettings outputSettings() {
        return new org.tusk.utils.adt.OutputSettings(timeZone(), 1);
    }
}
