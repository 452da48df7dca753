package org.tusk.storage.sync;

import org.tusk.storage.lmgr.LWLock;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The queue through which processes that write data files hand their fsync duty to the
 * checkpointer (PostgreSQL's CheckpointerShmem requests array and ForwardSyncRequest).
 *
 * <p>A backend or the background writer that writes a block does not fsync it: it records "this
 * segment file is dirty" here, and the checkpointer, before it completes a checkpoint, fsyncs every
 * file recorded since the previous one. So a commit never waits for a data-file fsync (only WAL
 * is flushed at commit), and each file is fsynced once per checkpoint however often it was written.
 *
 * <p>Locking: {@code CheckpointerCommLock} (an LWLock in the structure) protects the count and the
 * entries. When the queue is full, the request is refused and the writer must fsync the file
 * itself (PostgreSQL first tries to compact duplicates; so does {@link #forward}). Zero-filled
 * is the empty queue.
 */
public final class SyncRequestQueue {
    /** What to fsync: one segment of one fork of one relation. */
    public record FileTag(int spcOid, int dbOid, int relNumber, int forkNum, int segno) {}

    private static final StructLayout ENTRY = MemoryLayout.structLayout(
            JAVA_INT.withName("spcOid"), JAVA_INT.withName("dbOid"), JAVA_INT.withName("relNumber"),
            JAVA_INT.withName("forkNum"), JAVA_INT.withName("segno"));

    public static StructLayout layout(int capacity) {
        return MemoryLayout.structLayout(
                LWLock.LAYOUT.withName("commLock"),
                JAVA_INT.withName("count"),
                JAVA_INT.withName("padding"),
                MemoryLayout.sequenceLayout(capacity, ENTRY).withName("requests"));
    }

    /** PostgreSQL sizes the queue by NBuffers; so do we, with a floor. */
    public static int capacityFor(int nbuffers) {
        return Math.max(256, Math.min(nbuffers, 65536));
    }

    private final MemorySegment seg;
    private final int capacity;
    private final LWLock lock;
    private final VarHandle count;
    private final long entriesOffset;

    public SyncRequestQueue(MemorySegment seg, int capacity) {
        StructLayout l = layout(capacity);
        this.seg = seg;
        this.capacity = capacity;
        this.lock = new LWLock("CheckpointerComm", seg.asSlice(l.byteOffset(groupElement("commLock")), LWLock.LAYOUT.byteSize()));
        this.count = l.varHandle(groupElement("count"));
        this.entriesOffset = l.byteOffset(groupElement("requests"));
    }

    private long entry(int i) {
        return entriesOffset + i * ENTRY.byteSize();
    }

    /**
     * ForwardSyncRequest: queues {@code tag}; false if the queue is full even after removing
     * duplicates, in which case the caller must fsync the file itself.
     */
    public boolean forward(FileTag tag) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int n = (int) count.get(seg, 0L);
            if (n >= capacity) n = compact(n);
            if (n >= capacity) return false;
            write(n, tag);
            count.set(seg, 0L, n + 1);
            return true;
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** AbsorbSyncRequests: the checkpointer takes every queued request (the queue is emptied). */
    public List<FileTag> absorb() {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int n = (int) count.get(seg, 0L);
            List<FileTag> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(read(i));
            count.set(seg, 0L, 0);
            return out;
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** CompactCheckpointerRequestQueue: drops duplicate entries; returns the new count. Lock held. */
    private int compact(int n) {
        java.util.LinkedHashSet<FileTag> unique = new java.util.LinkedHashSet<>();
        for (int i = 0; i < n; i++) unique.add(read(i));
        int i = 0;
        for (FileTag t : unique) write(i++, t);
        count.set(seg, 0L, i);
        return i;
    }

    private void write(int i, FileTag t) {
        long o = entry(i);
        seg.set(JAVA_INT, o, t.spcOid());
        seg.set(JAVA_INT, o + 4, t.dbOid());
        seg.set(JAVA_INT, o + 8, t.relNumber());
        seg.set(JAVA_INT, o + 12, t.forkNum());
        seg.set(JAVA_INT, o + 16, t.segno());
    }

    private FileTag read(int i) {
        long o = entry(i);
        return new FileTag(seg.get(JAVA_INT, o), seg.get(JAVA_INT, o + 4), seg.get(JAVA_INT, o + 8),
                seg.get(JAVA_INT, o + 12), seg.get(JAVA_INT, o + 16));
    }
}
