package org.tusk.parser;

import org.tusk.utils.error.PgException;

/**
 * The settings scan.l reads as globals: standard_conforming_strings (off: a plain '...' literal
 * takes backslash escapes, as E'...' does, and U&'...' is refused) and escape_string_warning
 * (with it, the first backslash escape in such a literal draws a WARNING). A backend runs one
 * session, so the session installs its source once per process ({@link #install}), as the GUC
 * variables are per process in PostgreSQL; without one the scanner uses the defaults (on, on).
 */
public final class ScanSettings {
    private ScanSettings() {}

    /** Where the scanner reads the two settings and sends its warnings. */
    public interface Source {
        boolean standardConformingStrings();

        boolean escapeStringWarning();

        /** Delivers a WARNING the scanner raised (the client may filter it by client_min_messages). */
        void warn(PgException warning);
    }

    private static volatile Source source;

    /** Installs the session's settings (at backend start). */
    public static void install(Source s) {
        source = s;
    }

    static boolean standardConformingStrings() {
        Source s = source;
        return s == null || s.standardConformingStrings();
    }

    static boolean escapeStringWarning() {
        Source s = source;
        return s != null && s.escapeStringWarning();
    }

    static void warn(PgException w) {
        Source s = source;
        if (s != null) s.warn(w);
    }
}
