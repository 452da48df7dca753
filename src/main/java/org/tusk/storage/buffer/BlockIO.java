package org.tusk.storage.buffer;

import java.lang.foreign.MemorySegment;

/**
 * How the buffer manager reaches the disk: the storage manager (smgr) in the server, a simple
 * store in tests. Implementations need no locking of their own: the buffer manager never does
 * two I/Os on one block at a time (BM_IO_IN_PROGRESS serializes them).
 */
public interface BlockIO {
    /** Reads the block into {@code page} (8192 bytes); a block past the end reads as zeroes only if {@code zeroIfMissing}. */
    void read(BufferTag tag, MemorySegment page);

    void write(BufferTag tag, MemorySegment page);

    /**
     * Called before a dirty page is written: the WAL must be flushed at least up to the page's LSN
     * (the WAL-before-data rule). The default does nothing, for data without WAL.
     */
    default void flushWalUpTo(long lsn) {
    }
}
