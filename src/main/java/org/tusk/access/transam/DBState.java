package org.tusk.access.transam;

/** pg_control's cluster state (pg_control.h's DBState); the ordinal is the stored value. */
public enum DBState {
    DB_STARTUP("starting up"),
    DB_SHUTDOWNED("shut down"),
    DB_SHUTDOWNED_IN_RECOVERY("shut down in recovery"),
    DB_SHUTDOWNING("shutting down"),
    DB_IN_CRASH_RECOVERY("in crash recovery"),
    DB_IN_ARCHIVE_RECOVERY("in archive recovery"),
    DB_IN_PRODUCTION("in production");

    private static final DBState[] BY_VALUE = values();

    private final String description;

    DBState(String description) {
        this.description = description;
    }

    /** As pg_controldata prints it ("Database cluster state"). */
    public String description() {
        return description;
    }

    /** The state stored as {@code value}, or null for an unknown value. */
    public static DBState of(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }
}
