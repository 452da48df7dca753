package org.tusk.access.index;

import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferTag;
import org.tusk.utils.cache.Relation;

/**
 * ReadBufferExtended for an index's existing block, counted for the cumulative statistics as
 * PostgreSQL counts every relation's reads (pgstat_count_buffer_read, and _hit when the block
 * was in the pool): pg_statio_*_indexes' idx_blks_read and idx_blks_hit.
 */
public final class IndexBufferReads {
    private IndexBufferReads() {}

    /** The block of {@code index} at {@code tag}, pinned, not locked. */
    public static int read(BufferManager buffers, Relation index, BufferTag tag) {
        var stats = index.pgstatInfo();
        if (stats == null) return buffers.readBuffer(tag, null);
        long reads = buffers.blocksRead();
        int buffer = buffers.readBuffer(tag, null);
        stats.countBuffer(buffers.blocksRead() == reads);
        return buffer;
    }
}
