package org.tusk.access.table;

/**
 * The answer of {@link TableAm#checkDirty}: whether a live (or possibly live) version exists, and
 * the xid whose end must be awaited before the answer is final (0 if none), PostgreSQL's
 * SnapshotDirty xmin/xmax.
 */
public record DirtyCheck(boolean live, int waitXid) {
    public static final DirtyCheck DEAD = new DirtyCheck(false, 0);
}
