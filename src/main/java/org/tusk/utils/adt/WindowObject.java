package org.tusk.utils.adt;

/**
 * What a window function sees of the partition it runs over (PostgreSQL's windowapi.h
 * WindowObject): positions are 0-based within the current partition, the current row is the
 * row whose result is being computed, and "the frame" is the current row's window frame (after
 * any EXCLUDE). Argument values are the function's arguments evaluated over the row asked for.
 * The executor calls a window function once per row, in partition order; the function may keep
 * per-partition state through {@link #localState()}, which starts out null for each partition.
 */
public interface WindowObject {
    /** Where a relative position counts from (WINDOW_SEEK_CURRENT/HEAD/TAIL). */
    enum Seek { CURRENT, HEAD, TAIL }

    /** WinGetPartitionRowCount. */
    long partitionRowCount();

    /** WinGetCurrentPosition. */
    long currentPosition();

    /** WinRowsArePeer: whether the rows at the two positions are equal on the window's ORDER BY. */
    boolean rowsArePeers(long pos1, long pos2);

    /** WinGetFuncArgCurrent: argument {@code argno} (0-based) over the current row. */
    Object argCurrent(int argno);

    /**
     * WinGetFuncArgInPartition: argument {@code argno} over the row {@code relpos} rows from the
     * seek position; {@code isOut[0]} is set when that row is outside the partition (result null).
     */
    Object argInPartition(int argno, long relpos, Seek seek, boolean[] isOut);

    /** WinGetFuncArgInFrame: as {@link #argInPartition}, counting rows of the frame. */
    Object argInFrame(int argno, long relpos, Seek seek, boolean[] isOut);

    /** WinGetPartitionLocalMemory: this function's state for the current partition (null at its start). */
    Object localState();

    void setLocalState(Object state);
}
