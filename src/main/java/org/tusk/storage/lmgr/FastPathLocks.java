package org.tusk.storage.lmgr;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Fast-path relation locks (lock.c's fpInfoLock, fpLockBits, fpRelId and
 * FastPathStrongRelationLocks): the shared memory and the operations on it, for
 * {@link LockManager}.
 *
 * <p>Most lock requests are the weak relation locks every query takes (AccessShareLock,
 * RowShareLock, RowExclusiveLock on relations of the backend's own database), which conflict
 * only with the strong modes that DDL takes (ShareLock and above; ShareUpdateExclusiveLock is
 * neither: it conflicts with itself, so it always goes through the table). A weak lock is
 * recorded in the requesting process's own PGPROC, in one of {@value #SLOTS} slots (a relation
 * OID and three mode bits), instead of in the shared table with its partition lock, LOCK and
 * PROCLOCK: uncontended, it touches no memory another process writes.
 *
 * <pre>
 *   perProc[slot]   FP_PROC: infoLock (LWLock), databaseId, lockBits (3 bits per slot), relId[16]
 *   strongCounts    int[1024]   FastPathStrongRelationLocks->count, by lock-tag hash
 * </pre>
 *
 * <p>Invariants and locking:
 * <ul>
 * <li>A process's slots are changed only under its {@code infoLock}: by the owner (granting or
 *     releasing its own weak locks), or by a process taking a strong lock (moving them into the
 *     table); readers (pg_locks, WaitForLockers) take it shared.</li>
 * <li>A weak lock may be granted on the fast path only while the strong count of its tag's
 *     partition is 0, read under the owner's infoLock. A strong requester first raises that
 *     count (atomically), then visits every process's infoLock and moves the slots holding the
 *     relation into the shared table as that process's granted locks. Whoever looks at the
 *     count after the raise goes to the table; whoever looked before did so under its infoLock,
 *     which the strong requester takes afterwards, so it finds the slot and moves it. Either way
 *     the strong requester's conflict check sees every weak holder in the table.</li>
 * <li>The count stays raised while the strong lock is held or awaited (the local lock's
 *     {@code holdsStrongLockCount}) and is lowered when that local lock goes.</li>
 * <li>Lock order: an infoLock before a partition lock, never the other way round; at most one
 *     other process's infoLock at a time.</li>
 * <li>A process finds its own slot gone at release if a strong requester moved it: it then
 *     releases the lock from the table (LockRefindAndRelease).</li>
 * </ul>
 */
final class FastPathLocks {
    /** FP_LOCK_SLOTS_PER_BACKEND. */
    static final int SLOTS = 16;
    /** FAST_PATH_STRONG_LOCK_HASH_PARTITIONS. */
    static final int STRONG_PARTITIONS = 1024;
    /** FAST_PATH_BITS_PER_SLOT: AccessShareLock, RowShareLock, RowExclusiveLock. */
    private static final int BITS_PER_SLOT = 3;
    /** FAST_PATH_LOCKNUMBER_OFFSET: bit 0 of a slot is lock mode 1. */
    private static final int LOCKNUMBER_OFFSET = 1;
    private static final long SLOT_MASK = (1L << BITS_PER_SLOT) - 1;

    static final StructLayout FP_PROC = MemoryLayout.structLayout(
            LWLock.LAYOUT.withName("infoLock"),
            JAVA_INT.withName("databaseId"),
            JAVA_INT.withName("pad"),
            JAVA_LONG.withName("lockBits"),
            MemoryLayout.sequenceLayout(SLOTS, JAVA_INT).withName("relId"));

    static StructLayout layout(int numSlots) {
        return MemoryLayout.structLayout(
                // indexed by child slot (1..numSlots) as it is; element 0 is unused
                MemoryLayout.sequenceLayout(numSlots + 1L, FP_PROC).withName("perProc"),
                MemoryLayout.sequenceLayout(STRONG_PARTITIONS, JAVA_INT).withName("strongCounts"));
    }

    private static final long INFO_LOCK_OFF = FP_PROC.byteOffset(groupElement("infoLock"));
    private static final long DB_OFF = FP_PROC.byteOffset(groupElement("databaseId"));
    private static final long BITS_OFF = FP_PROC.byteOffset(groupElement("lockBits"));
    private static final long RELID_OFF = FP_PROC.byteOffset(groupElement("relId"));
    private static final VarHandle INT = JAVA_INT.varHandle();
    private static final VarHandle LONG = JAVA_LONG.varHandle();

    private final MemorySegment seg;
    private final long strongOff;
    private final LWLock[] infoLocks;

    FastPathLocks(MemorySegment seg, int numSlots) {
        this.seg = seg;
        StructLayout l = layout(numSlots);
        this.strongOff = l.byteOffset(groupElement("strongCounts"));
        this.infoLocks = new LWLock[numSlots + 1];
        for (int slot = 0; slot <= numSlots; slot++) {
            infoLocks[slot] = new LWLock("LockFastPath", seg.asSlice(procOff(slot) + INFO_LOCK_OFF, LWLock.LAYOUT.byteSize()));
        }
    }

    private static long procOff(int slot) {
        return slot * FP_PROC.byteSize();
    }

    /** EligibleForRelationFastPath's mode half: a weak relation lock. */
    static boolean weakMode(LockMode mode) {
        return mode.number() < LockMode.SHARE_UPDATE_EXCLUSIVE.number();
    }

    /** ConflictsWithRelationFastPath's mode half: a mode that conflicts with some weak mode. */
    static boolean strongMode(LockMode mode) {
        return mode.number() > LockMode.SHARE_UPDATE_EXCLUSIVE.number();
    }

    /** FastPathStrongLockHashPartition. */
    static int strongPartition(int hash) {
        return hash & (STRONG_PARTITIONS - 1);
    }

    LWLock infoLock(int slot) { return infoLocks[slot]; }

    /** One more than the last child slot: loops run {@code for (s = 1; s < numSlots(); s++)}. */
    int numSlots() { return infoLocks.length; }

    /** The strong count of a partition; a volatile read (the caller holds its own infoLock). */
    int strongCount(int partition) {
        return (int) INT.getVolatile(seg, strongOff + 4L * partition);
    }

    void raiseStrongCount(int partition) {
        INT.getAndAdd(seg, strongOff + 4L * partition, 1);
    }

    void lowerStrongCount(int partition) {
        INT.getAndAdd(seg, strongOff + 4L * partition, -1);
    }

    /** The database whose relations {@code slot}'s entries name (its owner's when it last granted one). */
    int databaseId(int slot) { return (int) INT.get(seg, procOff(slot) + DB_OFF); }

    int relId(int slot, int f) { return (int) INT.get(seg, procOff(slot) + RELID_OFF + 4L * f); }

    /**
     * The entry of {@code slot} holding some mode on relation {@code relid} of database
     * {@code databaseId}, or -1 (a process has at most one per relation). The caller holds the
     * slot's infoLock.
     */
    int entryOf(int slot, int databaseId, int relid) {
        if (databaseId(slot) != databaseId) return -1;
        for (int f = 0; f < SLOTS; f++) {
            if (modeBits(slot, f) != 0 && relId(slot, f) == relid) return f;
        }
        return -1;
    }

    /** FAST_PATH_GET_BITS: the modes held in entry {@code f}, bit m-1 for mode m. */
    int modeBits(int slot, int f) {
        return (int) ((lockBits(slot) >>> (BITS_PER_SLOT * f)) & SLOT_MASK);
    }

    private long lockBits(int slot) { return (long) LONG.get(seg, procOff(slot) + BITS_OFF); }

    private void setLockBits(int slot, long bits) { LONG.set(seg, procOff(slot) + BITS_OFF, bits); }

    private static long bit(int f, LockMode mode) {
        return 1L << (mode.number() - LOCKNUMBER_OFFSET + BITS_PER_SLOT * f);
    }

    /**
     * FastPathGrantRelationLock, under {@code slot}'s own infoLock: records {@code mode} on
     * {@code relid} in the entry already naming it or in a free one; false if all are in use.
     */
    boolean grant(int slot, int databaseId, int relid, LockMode mode) {
        int unused = -1;
        for (int f = 0; f < SLOTS; f++) {
            if (modeBits(slot, f) == 0) {
                if (unused < 0) unused = f;
            } else if (relId(slot, f) == relid) {
                setLockBits(slot, lockBits(slot) | bit(f, mode));
                return true;
            }
        }
        if (unused < 0) return false;
        INT.set(seg, procOff(slot) + DB_OFF, databaseId);
        INT.set(seg, procOff(slot) + RELID_OFF + 4L * unused, relid);
        setLockBits(slot, lockBits(slot) | bit(unused, mode));
        return true;
    }

    /**
     * FastPathUnGrantRelationLock, under {@code slot}'s own infoLock: clears {@code mode} on
     * {@code relid}; false if it is not there (a strong requester moved it into the table).
     */
    boolean unGrant(int slot, int relid, LockMode mode) {
        for (int f = 0; f < SLOTS; f++) {
            if (relId(slot, f) == relid && (lockBits(slot) & bit(f, mode)) != 0) {
                setLockBits(slot, lockBits(slot) & ~bit(f, mode));
                return true;
            }
        }
        return false;
    }

    /** Clears {@code mode} of entry {@code f} (moved into the table), under the slot's infoLock. */
    void unGrantEntry(int slot, int f, LockMode mode) {
        setLockBits(slot, lockBits(slot) & ~bit(f, mode));
    }

    /** The number of entries of {@code slot} that hold some mode (FastPathLocalUseCount). */
    int entriesInUse(int slot) {
        long bits = lockBits(slot);
        int n = 0;
        for (int f = 0; f < SLOTS; f++) if (((bits >>> (BITS_PER_SLOT * f)) & SLOT_MASK) != 0) n++;
        return n;
    }
}
