package org.tusk.storage.sync;

import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.SyncRequestHook;

/**
 * The storage manager's fsync hook in every process but the checkpointer: dirty segments are
 * forwarded to the checkpointer through the shared queue (PostgreSQL's ForwardSyncRequest). When
 * the queue is full the storage manager fsyncs the file itself, as PostgreSQL's backends do.
 */
public final class SyncRequestForwarder implements SyncRequestHook {
    private final SyncRequestQueue queue;

    public SyncRequestForwarder(SyncRequestQueue queue) {
        this.queue = queue;
    }

    @Override
    public boolean dirtySegment(RelFileLocator rl, ForkNumber fork, int segno) {
        return queue.forward(new SyncRequestQueue.FileTag(rl.spcOid(), rl.dbOid(), rl.relNumber(), fork.number(), segno));
    }
}
