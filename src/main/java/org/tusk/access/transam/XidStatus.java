package org.tusk.access.transam;

/**
 * A transaction's state in the commit log (PostgreSQL's XidStatus): two bits per transaction,
 * with these codes on disk. IN_PROGRESS is 0 so that a freshly zeroed page says "in progress" for
 * every transaction on it.
 */
public enum XidStatus {
    IN_PROGRESS,
    COMMITTED,
    ABORTED,
    /** Committed as a subtransaction, its parent's commit being recorded right now (transient). */
    SUB_COMMITTED;

    private static final XidStatus[] BY_CODE = values();

    public int code() {
        return ordinal();
    }

    public static XidStatus ofCode(int code) {
        return BY_CODE[code];
    }
}
