package org.tusk.tcop;

import java.util.Locale;

import org.tusk.parser.ScanSettings;
import org.tusk.utils.error.PgException;

/**
 * Connects the scanner's globals ({@link ScanSettings}) to this backend's GUCs
 * standard_conforming_strings and escape_string_warning, and sends the scanner's WARNINGs to the
 * client unless client_min_messages is above warning.
 */
final class ScannerSettings {
    private ScannerSettings() {}

    static void install(BackendContext ctx) {
        ScanSettings.install(new ScanSettings.Source() {
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
        });
    }
}
