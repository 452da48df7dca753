package org.tusk.access.index;

import org.tusk.access.index.RelationExtensionLock;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.buffer.BufferTag;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.utils.cache.Relation;

/**
 * The page steps every index access method takes alike: naming a block of an index's main fork,
 * and adding one at its end (ReadBufferExtended with P_NEW, then LockBuffer: what _bt_getbuf,
 * GinNewBuffer and gistNewBuffer start with). The block is added under the relation extension
 * lock, so two processes extending the index at once get different blocks; it comes back pinned
 * and exclusively locked, zero-filled, and nobody else can reach it until the caller writes a
 * link to it.
 */
public final class IndexPages {
    private IndexPages() {}

    /** The buffer tag of block {@code blkno} of the main fork of {@code rl}. */
    public static BufferTag tag(RelFileLocator rl, int blkno) {
        return new BufferTag(rl.spcOid(), rl.dbOid(), rl.relNumber(), ForkNumber.MAIN.number(), blkno);
    }

    /** A new zero-filled block at the end of {@code rel}, pinned and exclusively locked. */
    public static int extend(BufferManager buffers, StorageManager smgr, RelationExtensionLock extensionLock, Relation rel) {
        RelFileLocator rl = rel.locator();
        int buf;
        extensionLock.lock(rl);
        try {
            int blkno = smgr.nblocks(rl, ForkNumber.MAIN);
            smgr.zeroExtend(rl, ForkNumber.MAIN, blkno, 1, false);
            buf = buffers.readBuffer(tag(rl, blkno), null, true);
        } finally {
            extensionLock.unlock(rl);
        }
        buffers.lockBuffer(buf, LockMode.EXCLUSIVE);
        return buf;
    }

    /** A zeroed page in local memory, not in shared buffers (ambuildempty builds its pages there: palloc'd pages). */
    public static java.lang.foreign.MemorySegment localPage() {
        return java.lang.foreign.Arena.ofAuto().allocate(org.tusk.storage.page.Page.BLCKSZ, 8);
    }
}
