package org.tusk.utils.misc;

import org.tusk.utils.error.PgException;

/**
 * The settings scan.l reads as globals: standard_conforming_strings (off: a plain '...' literal
 * takes backslash escapes, as E'...' does, and U&amp;'...' is refused) and escape_string_warning
 * (with it, the first backslash escape in such a literal draws a WARNING), and where the
 * scanner's WARNINGs go. PostgreSQL's scanner_init copies the two variables into the scanner's
 * state; here the scanner is handed the session's settings when it is made: the backend makes
 * one per session (reading its GUCs when asked, so a SET applies to the next scan), which the
 * traffic cop, the statement's environment and the procedural languages' host carry to whoever
 * parses. Without a session the scanner uses PostgreSQL's defaults ({@link #DEFAULT}).
 */
public interface ScanSettings {
    boolean standardConformingStrings();

    boolean escapeStringWarning();

    /** Delivers a WARNING the scanner raised (the client may filter it by client_min_messages). */
    void warn(PgException warning);

    /**
     * Standard strings, so no escape warnings: the scanning of text outside a session (tools,
     * tests) and of text written in that form (partition bounds as PartitionBound writes them).
     */
    ScanSettings DEFAULT = new ScanSettings() {
        @Override
        public boolean standardConformingStrings() { return true; }

        @Override
        public boolean escapeStringWarning() { return false; }

        @Override
        public void warn(PgException warning) {}
    };
}
