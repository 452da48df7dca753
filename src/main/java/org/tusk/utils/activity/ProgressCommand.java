package org.tusk.utils.activity;

/**
 * The commands that report their progress (PostgreSQL's ProgressCommandType, in its order: the
 * ordinal is what the backend status entry stores). Only COPY reports yet.
 */
public enum ProgressCommand {
    INVALID, VACUUM, ANALYZE, CLUSTER, CREATE_INDEX, BASEBACKUP, COPY;

    static ProgressCommand of(int ordinal) {
        return ordinal > 0 && ordinal < values().length ? values()[ordinal] : INVALID;
    }
}
