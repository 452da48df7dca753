package org.tusk.access.slru;

/**
 * State of one SLRU buffer slot (PostgreSQL's SlruPageStatus). The codes are what the shared
 * descriptor word holds; {@link #EMPTY} is 0 so that a zero-filled region has only empty slots.
 */
public enum SlruPageStatus {
    /** Holds no page; the page number and contents mean nothing. */
    EMPTY,
    /** A process is reading the page in; it holds the slot's buffer lock exclusively. */
    READ_IN_PROGRESS,
    /** The buffer holds the page; it may be read, and changed under the control lock held exclusively. */
    VALID,
    /** A process is writing the page out; it holds the buffer lock. The contents stay readable. */
    WRITE_IN_PROGRESS;

    private static final SlruPageStatus[] BY_CODE = values();

    public int code() {
        return ordinal();
    }

    static SlruPageStatus ofCode(int code) {
        return BY_CODE[code];
    }
}
