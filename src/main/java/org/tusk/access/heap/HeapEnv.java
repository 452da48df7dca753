package org.tusk.access.heap;

import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.TransactionOracle;
import org.tusk.access.transam.XLog;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferAccessStrategy;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferTag;
import org.tusk.storage.freespace.FreeSpaceMap;
import org.tusk.storage.lmgr.RelationExtensionLocks;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * What one backend's heap code works with: its buffer manager on the shared pool, the storage
 * manager (relation length and extension), its WAL handle, its transaction oracle, the shared
 * relation extension locks, its combo command ids, the pool size (for the bulk-read rule), its
 * TOAST state and the free space maps of the relations.
 */
record HeapEnv(BufferManager buffers, StorageManager smgr, Supplier<XLog> xlog, TransactionOracle oracle,
               RelationExtensionLocks extensionLocks, ComboCids comboCids, HeapVisibility visibility, int nbuffers,
               HeapToastContext toast, FreeSpaceMap fsm) {

    static BufferTag tag(Relation rel, int block) {
        return new BufferTag(rel.locator().spcOid(), rel.locator().dbOid(), rel.locator().relNumber(),
                ForkNumber.MAIN.number(), block);
    }

    /** ReadBufferExtended(MAIN_FORKNUM, RBM_NORMAL): pinned, not locked. */
    int readBuffer(Relation rel, int block, BufferAccessStrategy strategy) {
        var stats = rel.pgstatInfo();
        if (stats == null) return buffers.readBuffer(tag(rel, block), strategy);
        // ReadBufferExtended's pgstat_count_buffer_read, and _hit when no read was needed
        long reads = buffers.blocksRead();
        int buffer = buffers.readBuffer(tag(rel, block), strategy);
        stats.countBuffer(buffers.blocksRead() == reads);
        return buffer;
    }

    void unlockRelease(int buffer) {
        buffers.unlockBuffer(buffer);
        buffers.releaseBuffer(buffer);
    }

    /** RelationGetNumberOfBlocks. */
    int numberOfBlocks(Relation rel) {
        return smgr.nblocks(rel.locator(), ForkNumber.MAIN);
    }

    /**
     * XLogInsert inside a critical section: the page is already changed in the buffer, so failing
     * to log the change cannot be undone by an ERROR. PostgreSQL PANICs; so does this.
     */
    long insertWal(XLogRecordBuilder b, RmgrId rmgr, int info, int xid) {
        try {
            return xlog.get().insert(b, rmgr, info, xid).endLsn();
        } catch (IOException | RuntimeException e) {
            throw criticalSectionFailure(e);
        }
    }

    static PgException criticalSectionFailure(Throwable e) {
        return new PgException(Severity.PANIC, SqlState.INTERNAL_ERROR,
                "could not write WAL for a change already made to a shared buffer: " + e.getMessage(), null, null, 0, e);
    }
}
