package org.tusk.storage.lmgr;

import org.tusk.storage.smgr.RelFileLocator;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SequenceLayout;

/**
 * The relation extension lock (PostgreSQL's LockRelationForExtension, a LOCKTAG_RELATION_EXTEND
 * heavyweight lock), kept as a fixed array of {@link #NUM_LOCKS} LWLocks in shared memory: the
 * lock of a relation is the one its {@link RelFileLocator} hashes to. Two relations may share a
 * lock; that only makes one wait for the other's page addition, never deadlocks, because a
 * holder takes no other extension lock and holds it only while it adds one page (smgrextend plus
 * initialising the new buffer), never across a wait for anything but a buffer content lock of the
 * page it is adding, which nobody else can know of yet.
 *
 * <p>Why it exists: two processes that both read the relation's length and write the block after
 * it would both "add" the same block. Holding the lock from reading the length until the new
 * block is in the file serializes them. Zero is the unlocked state.
 */
public final class RelationExtensionLocks {
    /** The number of locks (a power of two). */
    public static final int NUM_LOCKS = 64;

    public static final SequenceLayout LAYOUT = MemoryLayout.sequenceLayout(NUM_LOCKS, LWLock.LAYOUT);

    private final LWLock[] locks = new LWLock[NUM_LOCKS];

    /** Binds to the array at {@code seg} (a slice of {@link #LAYOUT}'s size). */
    public RelationExtensionLocks(MemorySegment seg) {
        for (int i = 0; i < NUM_LOCKS; i++) {
            long off = LAYOUT.byteOffset(MemoryLayout.PathElement.sequenceElement(i));
            locks[i] = new LWLock("RelationExtension", seg.asSlice(off, LWLock.LAYOUT.byteSize()));
        }
    }

    /** The lock of {@code rl}'s relation: every process picks the same one. */
    public LWLock lockFor(RelFileLocator rl) {
        int h = rl.spcOid();
        h = h * 0x9E3779B1 + rl.dbOid();
        h = h * 0x9E3779B1 + rl.relNumber();
        h ^= h >>> 16;
        return locks[h & (NUM_LOCKS - 1)];
    }

    /** LockRelationForExtension(ExclusiveLock). */
    public void lock(RelFileLocator rl) {
        lockFor(rl).acquire(LWLock.Mode.EXCLUSIVE);
    }

    /** UnlockRelationForExtension. */
    public void unlock(RelFileLocator rl) {
        lockFor(rl).release(LWLock.Mode.EXCLUSIVE);
    }
}
