package org.tusk.storage.buffer;

import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.StorageManager;

import java.lang.foreign.MemorySegment;
import java.util.function.LongConsumer;

/**
 * The buffer manager's disk: the storage manager (bufmgr.c's calls of smgrread and smgrwrite),
 * with the WAL flush that must precede writing a WAL-logged page.
 */
public final class SmgrBlockIO implements BlockIO {
    private final StorageManager smgr;
    private final LongConsumer walFlush;

    /** @param walFlush XLogFlush: makes WAL durable up to the given LSN */
    public SmgrBlockIO(StorageManager smgr, LongConsumer walFlush) {
        this.smgr = smgr;
        this.walFlush = walFlush;
    }

    private static RelFileLocator locator(BufferTag t) {
        return new RelFileLocator(t.spcOid(), t.dbOid(), t.relNumber());
    }

    @Override
    public void read(BufferTag tag, MemorySegment page) {
        smgr.read(locator(tag), ForkNumber.of(tag.forkNum()), tag.blockNum(), page);
    }

    @Override
    public void write(BufferTag tag, MemorySegment page) {
        smgr.write(locator(tag), ForkNumber.of(tag.forkNum()), tag.blockNum(), page, false);
    }

    @Override
    public void flushWalUpTo(long lsn) {
        if (lsn != 0) walFlush.accept(lsn);
    }
}
