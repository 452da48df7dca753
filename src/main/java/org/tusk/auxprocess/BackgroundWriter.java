package org.tusk.auxprocess;

import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.SmgrBlockIO;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.sync.SyncRequestForwarder;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildEnvironment;

import java.util.function.LongConsumer;

/**
 * The background writer (PostgreSQL's postmaster/bgwriter.c): every {@code bgwriter_delay} it
 * writes dirty buffers that the clock sweep is about to reach, up to
 * {@code bgwriter_lru_maxpages} per round, so that backends needing a free buffer rarely have to
 * write one first. Its writes go through the storage manager like anyone's, with their fsyncs
 * forwarded to the checkpointer.
 */
public final class BackgroundWriter {
    private BackgroundWriter() {}

    public static void run(ChildEnvironment env, int slot, LongConsumer walFlush) {
        AuxLoop loop = AuxLoop.start(env, slot, BackendType.BG_WRITER);
        StorageManager smgr = new StorageManager(env.dataDir(), new SyncRequestForwarder(env.shmem().syncRequests()));
        BufferManager buffers = new BufferManager(env.shmem().bufferPool(), new SmgrBlockIO(smgr, walFlush));
        env.procExit().onShmemExit(buffers::releaseAll);
        while (!loop.handleInterrupts()) {
            buffers.bgBufferSync(env.gucs().getInt("bgwriter_lru_maxpages"), env.gucs().getReal("bgwriter_lru_multiplier"));
            loop.sleep(env.gucs().getInt("bgwriter_delay"));
        }
        env.procExit().exit(0);
    }
}
