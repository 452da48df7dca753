package org.tusk.storage.buffer;

import org.tusk.storage.lmgr.LWLock;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The buffer mapping table (PostgreSQL's buf_table.c over a partitioned dynahash): from a
 * {@link BufferTag} to the buffer holding that block.
 *
 * <p>The table is split into {@link #NUM_PARTITIONS} partitions by tag hash, each an
 * open-addressing hash table with linear probing and its own LWLock (BufMappingLock): lookups
 * take it shared, inserts and deletes exclusively, so processes working on different blocks rarely
 * meet. Deletion shifts later entries back instead of leaving tombstones, so a partition never
 * fills with dead entries. Each partition has room for four times its share of the buffers; with
 * a well-mixed hash, a partition filling up is as unlikely as PostgreSQL's dynahash running out of
 * shared memory, and is reported the same way.
 *
 * <p>An entry stores the tag and {@code buffer id + 1}; 0 marks an empty entry, so a zero-filled
 * table is empty.
 */
final class BufTable {
    static final int NUM_PARTITIONS = 128;
    private static final StructLayout ENTRY = MemoryLayout.structLayout(
            JAVA_INT.withName("spcOid"), JAVA_INT.withName("dbOid"), JAVA_INT.withName("relNumber"),
            JAVA_INT.withName("forkNum"), JAVA_INT.withName("blockNum"), JAVA_INT.withName("bufIdPlusOne"));
    private static final long ENTRY_SIZE = ENTRY.byteSize();
    private static final long HEADER_SIZE = 64; // the partition's LWLock, padded to a cache line

    private final MemorySegment seg;
    private final int capacity;
    private final LWLock[] locks = new LWLock[NUM_PARTITIONS];
    /** Each partition's slice of the table, made once: every buffer lookup used to slice anew. */
    private final MemorySegment[] partitions = new MemorySegment[NUM_PARTITIONS];

    BufTable(MemorySegment seg, int nbuffers) {
        this.seg = seg;
        this.capacity = capacity(nbuffers);
        long psize = HEADER_SIZE + capacity * ENTRY_SIZE;
        for (int p = 0; p < NUM_PARTITIONS; p++) {
            partitions[p] = seg.asSlice(p * psize, psize);
            locks[p] = new LWLock("BufferMapping", partitions[p].asSlice(0, LWLock.LAYOUT.byteSize()));
        }
    }

    static int capacity(int nbuffers) {
        int want = Math.max(16, 4 * nbuffers / NUM_PARTITIONS);
        return Integer.highestOneBit(want - 1) << 1;
    }

    static long size(int nbuffers) {
        return NUM_PARTITIONS * (HEADER_SIZE + capacity(nbuffers) * ENTRY_SIZE);
    }

    private MemorySegment partition(int p) {
        return partitions[p];
    }

    static int partitionOf(int hash) {
        return Math.floorMod(hash, NUM_PARTITIONS);
    }

    LWLock partitionLock(int hash) {
        return locks[partitionOf(hash)];
    }

    private long entryOffset(int slot) {
        return HEADER_SIZE + slot * ENTRY_SIZE;
    }

    private int home(int hash) {
        return (hash >>> 7) & (capacity - 1);
    }

    private static boolean matches(MemorySegment part, long off, BufferTag t) {
        return part.get(JAVA_INT, off) == t.spcOid() && part.get(JAVA_INT, off + 4) == t.dbOid()
                && part.get(JAVA_INT, off + 8) == t.relNumber() && part.get(JAVA_INT, off + 12) == t.forkNum()
                && part.get(JAVA_INT, off + 16) == t.blockNum();
    }

    /** BufTableLookup: the buffer id holding {@code tag}, or -1. Caller holds the partition lock. */
    int lookup(BufferTag tag, int hash) {
        MemorySegment part = partition(partitionOf(hash));
        for (int i = 0, slot = home(hash); i < capacity; i++, slot = (slot + 1) & (capacity - 1)) {
            long off = entryOffset(slot);
            int idPlusOne = part.get(JAVA_INT, off + 20);
            if (idPlusOne == 0) return -1;
            if (matches(part, off, tag)) return idPlusOne - 1;
        }
        return -1;
    }

    /**
     * BufTableInsert: maps {@code tag} to {@code bufId} unless it is already mapped, in which case
     * the existing buffer id is returned (and nothing changes); -1 means inserted. Caller holds the
     * partition lock exclusively.
     */
    int insert(BufferTag tag, int hash, int bufId) {
        MemorySegment part = partition(partitionOf(hash));
        for (int i = 0, slot = home(hash); i < capacity; i++, slot = (slot + 1) & (capacity - 1)) {
            long off = entryOffset(slot);
            int idPlusOne = part.get(JAVA_INT, off + 20);
            if (idPlusOne == 0) {
                part.set(JAVA_INT, off, tag.spcOid());
                part.set(JAVA_INT, off + 4, tag.dbOid());
                part.set(JAVA_INT, off + 8, tag.relNumber());
                part.set(JAVA_INT, off + 12, tag.forkNum());
                part.set(JAVA_INT, off + 16, tag.blockNum());
                part.set(JAVA_INT, off + 20, bufId + 1);
                return -1;
            }
            if (matches(part, off, tag)) return idPlusOne - 1;
        }
        throw new IllegalStateException("out of shared memory: buffer mapping partition is full");
    }

    /** BufTableDelete, with backward-shift deletion. Caller holds the partition lock exclusively. */
    void delete(BufferTag tag, int hash) {
        MemorySegment part = partition(partitionOf(hash));
        int slot = home(hash);
        int i = 0;
        for (; i < capacity; i++, slot = (slot + 1) & (capacity - 1)) {
            long off = entryOffset(slot);
            if (part.get(JAVA_INT, off + 20) == 0) throw new IllegalStateException("buffer mapping entry not found");
            if (matches(part, off, tag)) break;
        }
        // Shift back every following entry that would no longer be reachable past the hole.
        int hole = slot;
        int next = (hole + 1) & (capacity - 1);
        while (true) {
            long noff = entryOffset(next);
            if (part.get(JAVA_INT, noff + 20) == 0) break;
            BufferTag t = new BufferTag(part.get(JAVA_INT, noff), part.get(JAVA_INT, noff + 4), part.get(JAVA_INT, noff + 8),
                    part.get(JAVA_INT, noff + 12), part.get(JAVA_INT, noff + 16));
            int want = home(t.hash());
            // Move it if its home is not cyclically within (hole, next].
            boolean stays = hole < next ? (want > hole && want <= next) : (want > hole || want <= next);
            if (!stays) {
                MemorySegment.copy(part, noff, part, entryOffset(hole), ENTRY_SIZE);
                hole = next;
            }
            next = (next + 1) & (capacity - 1);
        }
        part.asSlice(entryOffset(hole), ENTRY_SIZE).fill((byte) 0);
    }
}
