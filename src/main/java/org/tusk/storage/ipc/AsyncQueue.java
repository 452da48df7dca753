package org.tusk.storage.ipc;

import org.tusk.storage.lmgr.LWLock;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The shared queue of LISTEN/NOTIFY (PostgreSQL's AsyncQueueControl in async.c, with the pg_notify
 * SLRU replaced by a ring of {@link #QUEUE_SIZE} bytes in shared memory).
 *
 * <p>Positions are byte counts since the server started (64 bits: they never wrap); position p
 * lives at {@code p % QUEUE_SIZE} in the ring. {@code head} is where the next entry goes,
 * {@code tail} the oldest position some listener may still read. An entry is
 * {@code length, dboid, xid, srcPid} (4 bytes each) followed by the channel name and the payload,
 * each NUL-terminated, the whole rounded up to {@link #QUEUEALIGN} bytes. An entry never wraps
 * around the end of the ring: the writer fills the rest of the ring with a dummy entry (dboid 0,
 * as PostgreSQL fills the rest of a page) and starts again at offset 0.
 *
 * <p>Each child slot (its PGPROC slot, PostgreSQL's BackendId) has {@code pid} (0: not
 * listening), {@code dboid} and {@code pos}, the position it has read up to.
 *
 * <p>Locking (as NotifyQueueLock): the lock taken EXCLUSIVE is needed to change head, tail, and
 * other backends' entries, and to join or leave the queue. Taken SHARED, a backend may read head
 * and tail and read or change its own {@code pos} (no one else looks at it then). The bytes
 * between a listener's {@code pos} and {@code head} are read without the lock: writers only write
 * at or after head (published with the lock, after the bytes), and the tail, before which a
 * writer may reuse space, never passes any listener's {@code pos}. Zero is the valid initial state
 * (empty queue, no listeners).
 */
public final class AsyncQueue {
    /** The ring's size in bytes (PostgreSQL's queue is 8 GB on disk; this one lives in memory). */
    public static final int QUEUE_SIZE = 8 << 20;
    /** Entries start on multiples of this, so that the room left before the ring's end always fits a header. */
    static final int QUEUEALIGN = 16;
    private static final int HEADER = 16;
    /** QUEUE_FULL_WARN_INTERVAL: at most one "queue is full" warning every 5 s. */
    private static final long QUEUE_FULL_WARN_INTERVAL_MS = 5000;

    private static final StructLayout BACKEND = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"), JAVA_INT.withName("dboid"), JAVA_LONG.withName("pos"));

    /** The layout for {@code numSlots} child slots (numbered 1..numSlots). */
    public static StructLayout layout(int numSlots) {
        return MemoryLayout.structLayout(
                LWLock.LAYOUT.withName("lock"),
                JAVA_LONG.withName("head"),
                JAVA_LONG.withName("tail"),
                JAVA_LONG.withName("lastQueueFillWarn"),
                MemoryLayout.sequenceLayout(numSlots + 1L, BACKEND).withName("backend"),
                MemoryLayout.sequenceLayout(QUEUE_SIZE, JAVA_BYTE).withName("buffer"));
    }

    private static final StructLayout L0 = layout(0);
    private static final VarHandle HEAD = L0.varHandle(groupElement("head"));
    private static final VarHandle TAIL = L0.varHandle(groupElement("tail"));
    private static final VarHandle LAST_WARN = L0.varHandle(groupElement("lastQueueFillWarn"));
    private static final long BACKEND_OFFSET = L0.byteOffset(groupElement("backend"));
    private static final VarHandle B_PID = BACKEND.varHandle(groupElement("pid"));
    private static final VarHandle B_DB = BACKEND.varHandle(groupElement("dboid"));
    private static final VarHandle B_POS = BACKEND.varHandle(groupElement("pos"));

    private final MemorySegment seg;
    private final MemorySegment buffer;
    private final int numSlots;
    private final LWLock lock;

    public AsyncQueue(MemorySegment seg, int numSlots) {
        this.seg = seg;
        this.numSlots = numSlots;
        StructLayout l = layout(numSlots);
        this.lock = new LWLock("NotifyQueueLock", seg.asSlice(l.byteOffset(groupElement("lock")), LWLock.LAYOUT.byteSize()));
        this.buffer = seg.asSlice(l.byteOffset(groupElement("buffer")), QUEUE_SIZE);
    }

    private MemorySegment backend(int slot) {
        if (slot < 1 || slot > numSlots) throw new IllegalArgumentException("invalid slot " + slot);
        return seg.asSlice(BACKEND_OFFSET + slot * BACKEND.byteSize(), BACKEND.byteSize());
    }

    private long head() { return (long) HEAD.getVolatile(seg, 0L); }
    private long tail() { return (long) TAIL.getVolatile(seg, 0L); }

    /** One notification to add: the channel and payload as NOTIFY gave them. */
    public record Notification(String channel, String payload) {}

    /** One notification read from the queue for this backend. */
    public record Delivered(int srcPid, String channel, String payload) {}

    /** What a reader needs to know about an entry's transaction (asyncQueueProcessPageEntries). */
    public enum XidState { IN_PROGRESS, COMMITTED, ABORTED }

    /** The transaction status a reader consults: in progress first, then committed (as the visibility rules do). */
    public interface XidOracle {
        XidState state(int xid);
    }

    /**
     * Exec_ListenPreCommit's registration: slot {@code slot} becomes a listener of database
     * {@code dboid}, starting at the tail, or further on at the furthest position of a listener of
     * the same database (it has checked those entries committed already). Returns false if it was
     * registered already.
     */
    public boolean register(int slot, int pid, int dboid) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            MemorySegment me = backend(slot);
            if ((int) B_PID.get(me, 0L) == pid) return false;
            long max = tail();
            for (int s = 1; s <= numSlots; s++) {
                MemorySegment b = backend(s);
                if ((int) B_PID.get(b, 0L) != 0 && (int) B_DB.get(b, 0L) == dboid) max = Math.max(max, (long) B_POS.get(b, 0L));
            }
            B_POS.set(me, 0L, max);
            B_DB.set(me, 0L, dboid);
            B_PID.set(me, 0L, pid);
            return true;
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** asyncQueueUnregister: slot {@code slot} no longer listens; the tail may move on. */
    public void unregister(int slot) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            MemorySegment me = backend(slot);
            B_PID.set(me, 0L, 0);
            B_DB.set(me, 0L, 0);
            B_POS.set(me, 0L, 0L);
            advanceTail();
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** Whether slot {@code slot} is registered as a listener with this pid. */
    public boolean isRegistered(int slot, int pid) {
        return (int) B_PID.getVolatile(backend(slot), 0L) == pid;
    }

    /** asyncQueueAdvanceTail, under the lock held EXCLUSIVE: the tail becomes the slowest listener's position. */
    private void advanceTail() {
        long min = head();
        for (int s = 1; s <= numSlots; s++) {
            MemorySegment b = backend(s);
            if ((int) B_PID.get(b, 0L) != 0) min = Math.min(min, (long) B_POS.get(b, 0L));
        }
        TAIL.setVolatile(seg, 0L, min);
    }

    /** The room an entry for {@code n} takes in the queue. */
    private static int entryLength(byte[] channel, byte[] payload) {
        return align(HEADER + channel.length + 1 + payload.length + 1);
    }

    private static int align(int n) {
        return (n + QUEUEALIGN - 1) & -QUEUEALIGN;
    }

    /**
     * PreCommit_Notify's loop over asyncQueueAddEntries: appends {@code notifications} of
     * transaction {@code xid} (process {@code srcPid}, database {@code dboid}). Throws 54000 when
     * the queue has no room left (the transaction then aborts; entries already added carry its
     * xid and are skipped by every reader). A queue more than half full is reported through
     * {@code warnings} as asyncQueueFillWarning reports it, at most once every 5 seconds.
     */
    public void add(List<Notification> notifications, int dboid, int xid, int srcPid, Consumer<PgException> warnings) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            advanceTail();
            fillWarning(warnings);
            for (Notification n : notifications) {
                byte[] channel = n.channel().getBytes(StandardCharsets.UTF_8);
                byte[] payload = n.payload().getBytes(StandardCharsets.UTF_8);
                int len = entryLength(channel, payload);
                long head = head();
                int offset = (int) (head % QUEUE_SIZE);
                int skip = offset + len > QUEUE_SIZE ? QUEUE_SIZE - offset : 0;
                if (head + skip + len - tail() > QUEUE_SIZE) {
                    throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many notifications in the NOTIFY queue");
                }
                if (skip > 0) {
                    writeHeader(offset, skip, 0, 0, 0);
                    head += skip;
                    offset = 0;
                }
                writeHeader(offset, len, dboid, xid, srcPid);
                MemorySegment.copy(channel, 0, buffer, JAVA_BYTE, offset + HEADER, channel.length);
                buffer.set(JAVA_BYTE, offset + HEADER + channel.length, (byte) 0);
                int p = offset + HEADER + channel.length + 1;
                MemorySegment.copy(payload, 0, buffer, JAVA_BYTE, p, payload.length);
                buffer.set(JAVA_BYTE, p + payload.length, (byte) 0);
                HEAD.setRelease(seg, 0L, head + len);
            }
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    private void writeHeader(int offset, int length, int dboid, int xid, int srcPid) {
        buffer.set(JAVA_INT, offset, length);
        buffer.set(JAVA_INT, offset + 4, dboid);
        buffer.set(JAVA_INT, offset + 8, xid);
        buffer.set(JAVA_INT, offset + 12, srcPid);
    }

    /** asyncQueueFillWarning, under the lock held EXCLUSIVE. */
    private void fillWarning(Consumer<PgException> warnings) {
        double fill = (double) (head() - tail()) / QUEUE_SIZE;
        if (fill < 0.5) return;
        long now = System.currentTimeMillis();
        if (now < (long) LAST_WARN.get(seg, 0L) + QUEUE_FULL_WARN_INTERVAL_MS) return;
        int minPid = 0;
        for (int s = 1; s <= numSlots && minPid == 0; s++) {
            MemorySegment b = backend(s);
            if ((int) B_PID.get(b, 0L) != 0 && (long) B_POS.get(b, 0L) == tail()) minPid = (int) B_PID.get(b, 0L);
        }
        LAST_WARN.set(seg, 0L, now);
        warnings.accept(new PgException(Severity.WARNING, SqlState.WARNING, String.format("NOTIFY queue is %.0f%% full", fill * 100),
                minPid != 0 ? "The server process with PID " + minPid + " is among those with the oldest transactions." : null,
                minPid != 0 ? "The NOTIFY queue cannot be emptied until that process ends its current transaction." : null, 0));
    }

    /**
     * asyncQueueReadAllNotifications: reads from slot {@code slot}'s position towards the head the
     * entries of database {@code dboid}: those of committed transactions are returned (in queue
     * order, which is commit order), those of aborted ones skipped, and reading stops at the first
     * one whose transaction is still in progress; the position moves past what was read.
     */
    public List<Delivered> readAll(int slot, int dboid, XidOracle oracle) {
        MemorySegment me = backend(slot);
        long pos, head;
        lock.acquire(LWLock.Mode.SHARED);
        try {
            pos = (long) B_POS.get(me, 0L);
            head = (long) HEAD.getAcquire(seg, 0L);
        } finally {
            lock.release(LWLock.Mode.SHARED);
        }
        List<Delivered> out = new ArrayList<>();
        while (pos < head) {
            int offset = (int) (pos % QUEUE_SIZE);
            int length = buffer.get(JAVA_INT, offset);
            int entryDb = buffer.get(JAVA_INT, offset + 4);
            if (entryDb != 0 && entryDb == dboid) {
                int xid = buffer.get(JAVA_INT, offset + 8);
                XidState state = oracle.state(xid);
                if (state == XidState.IN_PROGRESS) break;
                if (state == XidState.COMMITTED) {
                    int srcPid = buffer.get(JAVA_INT, offset + 12);
                    int c = offset + HEADER, cEnd = c;
                    while (buffer.get(JAVA_BYTE, cEnd) != 0) cEnd++;
                    int p = cEnd + 1, pEnd = p;
                    while (buffer.get(JAVA_BYTE, pEnd) != 0) pEnd++;
                    out.add(new Delivered(srcPid, string(c, cEnd), string(p, pEnd)));
                }
            }
            pos += length;
        }
        lock.acquire(LWLock.Mode.SHARED);
        try {
            B_POS.set(me, 0L, pos);
        } finally {
            lock.release(LWLock.Mode.SHARED);
        }
        return out;
    }

    private String string(int from, int to) {
        byte[] b = new byte[to - from];
        MemorySegment.copy(buffer, JAVA_BYTE, from, b, 0, b.length);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A listener to wake (SignalBackends): its slot and pid. */
    public record Listener(int slot, int pid) {}

    /**
     * SignalBackends' choice: the listeners of database {@code dboid} that have not read up to the
     * head, and listeners of other databases that lag more than {@code QUEUE_SIZE / 4} behind
     * (woken only to move past entries that are not theirs, so that the tail can advance).
     */
    public List<Listener> listenersToSignal(int dboid) {
        List<Listener> out = new ArrayList<>();
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            long head = head();
            for (int s = 1; s <= numSlots; s++) {
                MemorySegment b = backend(s);
                int pid = (int) B_PID.get(b, 0L);
                if (pid == 0) continue;
                long pos = (long) B_POS.get(b, 0L);
                if ((int) B_DB.get(b, 0L) == dboid ? pos == head : head - pos < QUEUE_SIZE / 4) continue;
                out.add(new Listener(s, pid));
            }
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
        return out;
    }

    /** Whether slot {@code slot} has entries left to read (its position is behind the head); no lock. */
    public boolean hasUnread(int slot) {
        return (long) B_POS.getVolatile(backend(slot), 0L) < (long) HEAD.getAcquire(seg, 0L);
    }

    /**
     * pg_notification_queue_usage (asyncQueueUsage): the fraction of the queue holding
     * notifications that some listener has not read yet.
     */
    public double usage() {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            advanceTail();
            return (double) (head() - tail()) / QUEUE_SIZE;
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }
}
