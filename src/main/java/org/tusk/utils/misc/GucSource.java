package org.tusk.utils.misc;

/**
 * Where the current value of a parameter came from (PostgreSQL's {@code GucSource}).
 *
 * <p>Declaration order is priority order: a value from a source is ignored while the parameter
 * holds a value from a later (higher) source. Sources up to {@link #OVERRIDE} also establish the
 * value that RESET returns to; {@link #INTERACTIVE} and above are ordinary session changes.
 */
public enum GucSource {
    DEFAULT("default"),
    /** A default computed at run time (e.g. auto-tuned wal_buffers); shown as "default". */
    DYNAMIC_DEFAULT("default"),
    ENV_VAR("environment variable"),
    FILE("configuration file"),
    /** {@code -c name=value} (or {@code --name=value}) given to the postmaster. */
    ARGV("command line"),
    GLOBAL("global"),
    DATABASE("database"),
    USER("user"),
    DATABASE_USER("database user"),
    /** The startup packet: {@code options} and plain parameters such as application_name. */
    CLIENT("client"),
    /** Forced by the server itself, e.g. is_superuser after authentication. */
    OVERRIDE("override"),
    /** Used only to test whether a value would be accepted; never stored. */
    INTERACTIVE("interactive"),
    TEST("test"),
    /** SET, SET LOCAL, set_config(). */
    SESSION("session");

    private final String pgName;

    GucSource(String pgName) {
        this.pgName = pgName;
    }

    /** The phrase pg_settings shows in its {@code source} column. */
    public String pgName() {
        return pgName;
    }

    /**
     * True for sources up to OVERRIDE ({@code source <= PGC_S_OVERRIDE}): their values establish
     * the RESET value and are not transactional; a parameter still at such a source was never
     * SET in this session.
     */
    boolean setsResetValue() {
        return compareTo(OVERRIDE) <= 0;
    }
}
