package org.tusk.tcop;

import java.util.Locale;

import org.tusk.utils.error.PgException;
import org.tusk.utils.misc.ScanSettings;

/**
 * The session's {@link ScanSettings}: the scanner reads this backend's GUCs
 * standard_conforming_strings and escape_string_warning when it scans, and its WARNINGs go to the
 * client unless client_min_messages is above warning. Made once per session (InitPostgres).
 */
final class ScannerSettings {
    private ScannerSettings() {}

    static ScanSettings of(BackendContext ctx) {
        return new ScanSettings() {
            @Override
            public boolean standardConformingStrings() {
                return ctx.env.gucs().getBool("standard_conforming_strings");
            }

            @Override
            public boolean escapeStringWarning() {
                return ctx.env.gucs().getBool("escape_string_warning");
            }

            @Override
            public void warn(PgException warning) {
                if (!"error".equals(ctx.env.gucs().getEnum("client_min_messages").toLowerCase(Locale.ROOT)))
                    ctx.messages.report(warning);
            }
        };
    }
}
