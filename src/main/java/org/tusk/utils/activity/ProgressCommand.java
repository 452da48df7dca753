package org.tusk.utils.activity;

/**
 * The commands that report their progress (PostgreSQL's ProgressCommandType, in its order: the
 * ordinal is what the backend status entry stores), each with the name
 * {@code pg_stat_get_progress_info} takes.
 */
public enum ProgressCommand {
    INVALID(null), VACUUM("VACUUM"), ANALYZE("ANALYZE"), CLUSTER("CLUSTER"), CREATE_INDEX("CREATE INDEX"),
    BASEBACKUP("BASEBACKUP"), COPY("COPY");

    private final String reportedName;

    ProgressCommand(String reportedName) { this.reportedName = reportedName; }

    /** The name pg_stat_get_progress_info knows the command by (null for INVALID). */
    public String reportedName() { return reportedName; }

    static ProgressCommand of(int ordinal) {
        return ordinal > 0 && ordinal < values().length ? values()[ordinal] : INVALID;
    }
}
