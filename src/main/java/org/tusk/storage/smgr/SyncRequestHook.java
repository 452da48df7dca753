package org.tusk.storage.smgr;

/**
 * How the storage manager hands fsync work to the checkpointer (PostgreSQL's sync.c requests
 * made by md.c: register_dirty_segment, register_forget_request, register_unlink_segment). The
 * storage manager does not remember which files need fsync; whoever supplies this hook does.
 *
 * <p>Every write, extension or truncation not marked skipFsync reports its segment through
 * {@link #dirtySegment}. If the request is refused (the checkpointer's queue is full, or there is
 * no checkpointer), the storage manager fsyncs the segment itself before returning, so a write
 * that returned is either queued for the next checkpoint or already durable.
 */
public interface SyncRequestHook {
    /** No checkpointer: every request is refused, so every write is fsynced at once. */
    SyncRequestHook FSYNC_IMMEDIATELY = (rl, fork, segno) -> false;

    /**
     * register_dirty_segment: segment {@code segno} of the fork has been written and must be
     * fsynced before the next checkpoint completes.
     *
     * @return true if the request was accepted; false makes the caller fsync now
     */
    boolean dirtySegment(RelFileLocator rl, ForkNumber fork, int segno);

    /** register_forget_request: the segment is about to be unlinked; drop its pending fsync. */
    default void forgetSegment(RelFileLocator rl, ForkNumber fork, int segno) {}

    /**
     * register_unlink_segment: take over unlinking the (now empty) first segment of a dropped
     * relation's main fork after the next checkpoint, so its relfilenumber cannot be reused
     * before then.
     *
     * @return true if accepted; false makes the caller unlink the file at once
     */
    default boolean unlinkAfterCheckpoint(RelFileLocator rl) { return false; }
}
