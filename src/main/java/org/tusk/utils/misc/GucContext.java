package org.tusk.utils.misc;

/**
 * When a parameter may be changed (PostgreSQL's {@code GucContext}). The order matters: a
 * setting attempted in context {@code c} is allowed for a parameter whose context is at least as
 * permissive, and the comparisons in {@link GucSettings} rely on declaration order.
 */
public enum GucContext {
    /** Fixed at build or initdb time; nobody can change it (server_version, server_encoding). */
    INTERNAL("internal"),
    /** Settable only at server start, from the file or the command line. */
    POSTMASTER("postmaster"),
    /** Settable in the file; a reload (SIGHUP) applies it to every process. */
    SIGHUP("sighup"),
    /** Like BACKEND, but a client needs superuser rights to set it in the startup packet. */
    SUPERUSER_BACKEND("superuser-backend"),
    /** Settable until a session starts (file, command line, startup packet), then fixed. */
    BACKEND("backend"),
    /** Settable at any time, but only by superusers. */
    SUSET("superuser"),
    /** Settable by anybody at any time. */
    USERSET("user");

    private final String pgName;

    GucContext(String pgName) {
        this.pgName = pgName;
    }

    /** The word pg_settings shows in its {@code context} column. */
    public String pgName() {
        return pgName;
    }
}
