package org.tusk.utils.init;

/**
 * What a process is (PostgreSQL's {@code BackendType} in miscadmin.h). The description is what
 * {@code pg_stat_activity.backend_type} shows and what log lines name.
 */
public enum BackendType {
    INVALID("not initialized"),
    POSTMASTER("postmaster"),
    /** A client backend: one per connection. */
    BACKEND("client backend"),
    /** A child that only tells a client why it cannot connect (too many clients, shutting down...). */
    DEAD_END_BACKEND("dead-end client backend"),
    /** Tusk only: a pre-started backend process waiting to be handed a connection. */
    SPARE_BACKEND("spare backend"),
    STARTUP("startup"),
    CHECKPOINTER("checkpointer"),
    BG_WRITER("background writer"),
    WAL_WRITER("walwriter"),
    ARCHIVER("archiver"),
    AUTOVAC_LAUNCHER("autovacuum launcher"),
    AUTOVAC_WORKER("autovacuum worker"),
    BG_WORKER("background worker"),
    WAL_SENDER("walsender"),
    WAL_RECEIVER("walreceiver");

    private final String description;

    BackendType(String description) {
        this.description = description;
    }

    /** GetBackendTypeDesc(). */
    public String description() {
        return description;
    }

    /**
     * Auxiliary processes: started by the postmaster for housekeeping, not for a client, in the
     * auxiliary child slots (the autovacuum launcher among them; its workers have slots of their own).
     */
    public boolean isAuxiliary() {
        return switch (this) {
            case STARTUP, CHECKPOINTER, BG_WRITER, WAL_WRITER, ARCHIVER, AUTOVAC_LAUNCHER, WAL_RECEIVER -> true;
            default -> false;
        };
    }
}
