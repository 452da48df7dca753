package org.tusk.utils.misc;

/** Properties of a parameter beyond its type and context (the {@code GUC_*} flag bits of guc.h). */
public enum GucFlag {
    /** Input is a comma-separated list (SET x = a, b). */
    LIST_INPUT,
    /** List elements are identifiers that need double-quoting when flattened. */
    LIST_QUOTE,
    /** Not shown by SHOW ALL nor in pg_settings. */
    NO_SHOW_ALL,
    /** RESET ALL leaves it alone (transaction state, session_authorization). */
    NO_RESET_ALL,
    /** The value is sent to the client in a ParameterStatus message whenever it changes. */
    REPORT,
    /** Not listed in postgresql.conf.sample. */
    NOT_IN_SAMPLE,
    /** May not be set in postgresql.conf. */
    DISALLOW_IN_FILE,
    /** A placeholder for a custom (dotted) name that no module has defined. */
    CUSTOM_PLACEHOLDER,
    /** Only superusers and members of pg_read_all_settings may read it. */
    SUPERUSER_ONLY,
    /** The value is an SQL name (identifier-like). */
    IS_NAME,
    /** Shown by EXPLAIN (SETTINGS) when not at its default. */
    EXPLAIN
}
