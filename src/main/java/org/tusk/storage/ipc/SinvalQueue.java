package org.tusk.storage.ipc;

import org.tusk.storage.lmgr.LWLock;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.util.List;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The shared invalidation message queue (PostgreSQL's sinvaladt.c, shmInvalBuffer): a circular
 * buffer of {@link #MAXNUMMESSAGES} messages that every backend reads completely.
 *
 * <p>Messages are numbered: those not yet removed are {@code minMsgNum .. maxMsgNum-1}, message
 * n lives in slot {@code n % MAXNUMMESSAGES}. Each backend keeps {@code nextMsgNum}, the next
 * message it has to read. minMsgNum is the smallest nextMsgNum of the backends that are not in
 * "reset" state. A writer that needs room (or passes {@code nextThreshold}) runs
 * {@link #cleanupQueue}: backends so far behind that keeping their messages would leave too
 * little room get {@code resetState} and are no longer waited for; such a backend, when it next
 * reads, is told to discard all its caches instead of reading messages. Message numbers are
 * brought back down by {@link #MSGNUMWRAPAROUND} before they can overflow.
 *
 * <p>Locking (as sinvaladt.c): SInvalWriteLock serialises writers (and backend join/leave).
 * SInvalReadLock is taken shared by a reader, which then changes only its own nextMsgNum,
 * resetState and signaled; it is taken exclusive by cleanup, which changes other backends'
 * fields and minMsgNum. maxMsgNum is written only under SInvalWriteLock, after the messages, with
 * a release store that readers load with acquire semantics (PostgreSQL's msgnumLock spinlock
 * plays that role). The catch-up signal PostgreSQL sends to the furthest-behind backend is not
 * sent yet: a backend that stays idle is reset instead, which costs it a full cache rebuild but is
 * correct. Zero is the valid initial state of the whole structure.
 *
 * <p>{@code totalMsgs} counts every message ever inserted (64 bits: it never wraps, unlike the
 * message numbers), written only under SInvalWriteLock. It lets a backend process that served a
 * session and serves another ({@code backend_reuse}, Tusk's own) leave the queue and come back
 * at the message where it stopped reading ({@link #backendExit} returns that point,
 * {@link #backendRejoin} takes it), provided the messages since are still in the buffer, and so
 * keep its caches; otherwise it starts at the end and resets them, as a backend that fell behind.
 */
public final class SinvalQueue {
    /** MAXNUMMESSAGES: the queue's capacity, a power of 2. */
    public static final int MAXNUMMESSAGES = 4096;
    /** MSGNUMWRAPAROUND: message numbers are reduced by this when minMsgNum reaches it. */
    public static final int MSGNUMWRAPAROUND = MAXNUMMESSAGES * 262144;
    /** CLEANUP_MIN, CLEANUP_QUANTUM, WRITE_QUANTUM (sinvaladt.c). */
    static final int CLEANUP_MIN = MAXNUMMESSAGES / 2;
    static final int CLEANUP_QUANTUM = MAXNUMMESSAGES / 16;
    static final int WRITE_QUANTUM = 64;

    private static final StructLayout MESSAGE = MemoryLayout.structLayout(
            JAVA_INT.withName("id"), JAVA_INT.withName("dbId"), JAVA_INT.withName("relId"), JAVA_INT.withName("unused"));

    private static final StructLayout PROC_STATE = MemoryLayout.structLayout(
            JAVA_INT.withName("procPid"), JAVA_INT.withName("nextMsgNum"), JAVA_INT.withName("resetState"),
            JAVA_INT.withName("signaled"));

    /** The layout for {@code numSlots} child slots (slot numbers 1..numSlots, as PGPROCs). */
    public static StructLayout layout(int numSlots) {
        return MemoryLayout.structLayout(
                LWLock.LAYOUT.withName("readLock"),
                LWLock.LAYOUT.withName("writeLock"),
                JAVA_INT.withName("minMsgNum"),
                JAVA_INT.withName("maxMsgNum"),
                JAVA_INT.withName("nextThreshold"),
                JAVA_INT.withName("unused"),
                JAVA_LONG.withName("totalMsgs"),
                MemoryLayout.sequenceLayout(MAXNUMMESSAGES, MESSAGE).withName("buffer"),
                MemoryLayout.sequenceLayout(numSlots + 1L, PROC_STATE).withName("procState"));
    }

    private static final StructLayout L0 = layout(0);
    private static final VarHandle MIN_MSG = L0.varHandle(groupElement("minMsgNum"));
    private static final VarHandle MAX_MSG = L0.varHandle(groupElement("maxMsgNum"));
    private static final VarHandle TOTAL_MSGS = L0.varHandle(groupElement("totalMsgs"));
    private static final VarHandle NEXT_THRESHOLD = L0.varHandle(groupElement("nextThreshold"));
    private static final VarHandle M_ID = L0.varHandle(groupElement("buffer"), sequenceElement(), groupElement("id"));
    private static final VarHandle M_DB = L0.varHandle(groupElement("buffer"), sequenceElement(), groupElement("dbId"));
    private static final VarHandle M_REL = L0.varHandle(groupElement("buffer"), sequenceElement(), groupElement("relId"));
    private static final long PROC_STATE_OFFSET = L0.byteOffset(groupElement("procState"));
    private static final VarHandle P_PID = PROC_STATE.varHandle(groupElement("procPid"));
    private static final VarHandle P_NEXT = PROC_STATE.varHandle(groupElement("nextMsgNum"));
    private static final VarHandle P_RESET = PROC_STATE.varHandle(groupElement("resetState"));
    private static final VarHandle P_SIGNALED = PROC_STATE.varHandle(groupElement("signaled"));

    private final MemorySegment seg;
    private final int numSlots;
    private final LWLock readLock;
    private final LWLock writeLock;

    public SinvalQueue(MemorySegment seg, int numSlots) {
        this.seg = seg;
        this.numSlots = numSlots;
        StructLayout l = layout(numSlots);
        this.readLock = new LWLock("SInvalReadLock", seg.asSlice(l.byteOffset(groupElement("readLock")), LWLock.LAYOUT.byteSize()));
        this.writeLock = new LWLock("SInvalWriteLock", seg.asSlice(l.byteOffset(groupElement("writeLock")), LWLock.LAYOUT.byteSize()));
    }

    private MemorySegment proc(int slot) {
        if (slot < 1 || slot > numSlots) throw new IllegalArgumentException("invalid slot " + slot);
        return seg.asSlice(PROC_STATE_OFFSET + slot * PROC_STATE.byteSize(), PROC_STATE.byteSize());
    }

    private int maxMsgNum() { return (int) MAX_MSG.getAcquire(seg, 0L); }
    private int minMsgNum() { return (int) MIN_MSG.get(seg, 0L); }

    /** SharedInvalBackendInit: slot {@code slot} starts reading at the current end of the queue. */
    public void backendInit(int slot, int pid) {
        writeLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            MemorySegment p = proc(slot);
            P_NEXT.set(p, 0L, maxMsgNum());
            P_RESET.set(p, 0L, 0);
            P_SIGNALED.set(p, 0L, 0);
            P_PID.setRelease(p, 0L, pid);
        } finally {
            writeLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * CleanupInvalidationState: the backend in {@code slot} no longer reads the queue. Returns the
     * point where it stopped reading, as a count of all messages ever inserted (for
     * {@link #backendRejoin}), or -1 if it was in reset state (it had already missed some).
     */
    public long backendExit(int slot) {
        writeLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            MemorySegment p = proc(slot);
            long stoppedAt = (int) P_RESET.get(p, 0L) != 0 ? -1
                    : (long) TOTAL_MSGS.get(seg, 0L) - (maxMsgNum() - (int) P_NEXT.get(p, 0L));
            P_PID.setRelease(p, 0L, 0);
            P_RESET.set(p, 0L, 0);
            return stoppedAt;
        } finally {
            writeLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * SharedInvalBackendInit for a process that read the queue before, in an earlier session, up to
     * {@code stoppedAt} (what {@link #backendExit} returned): slot {@code slot} starts reading at
     * that message if every message since is still kept, and true is returned; otherwise it starts
     * at the end, as {@link #backendInit}, and false says the caller's caches may be stale.
     */
    public boolean backendRejoin(int slot, int pid, long stoppedAt) {
        writeLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            MemorySegment p = proc(slot);
            long missed = (long) TOTAL_MSGS.get(seg, 0L) - stoppedAt;
            int max = maxMsgNum();
            boolean kept = stoppedAt >= 0 && missed >= 0 && missed <= max - minMsgNum();
            P_NEXT.set(p, 0L, kept ? max - (int) missed : max);
            P_RESET.set(p, 0L, 0);
            P_SIGNALED.set(p, 0L, 0);
            P_PID.setRelease(p, 0L, pid);
            return kept;
        } finally {
            writeLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** SIInsertDataEntries: appends {@code msgs}, WRITE_QUANTUM at a time, making room by cleanup. */
    public void insert(List<SharedInvalidationMessage> msgs) {
        int i = 0;
        while (i < msgs.size()) {
            int n = Math.min(msgs.size() - i, WRITE_QUANTUM);
            writeLock.acquire(LWLock.Mode.EXCLUSIVE);
            try {
                int numMsgs = maxMsgNum() - minMsgNum();
                while (numMsgs + n > MAXNUMMESSAGES || numMsgs >= (int) NEXT_THRESHOLD.get(seg, 0L)) {
                    cleanupQueue(true, n);
                    numMsgs = maxMsgNum() - minMsgNum();
                }
                int max = maxMsgNum();
                for (int k = 0; k < n; k++, max++) {
                    SharedInvalidationMessage m = msgs.get(i + k);
                    long slot = Integer.remainderUnsigned(max, MAXNUMMESSAGES);
                    M_ID.set(seg, 0L, slot, m.id());
                    M_DB.set(seg, 0L, slot, m.dbId());
                    M_REL.set(seg, 0L, slot, m.relId());
                }
                TOTAL_MSGS.set(seg, 0L, (long) TOTAL_MSGS.get(seg, 0L) + n);
                MAX_MSG.setRelease(seg, 0L, max);
            } finally {
                writeLock.release(LWLock.Mode.EXCLUSIVE);
            }
            i += n;
        }
    }

    /** What {@link #read} found: the messages, or that the backend fell behind and must reset its caches. */
    public record ReadResult(boolean reset, List<SharedInvalidationMessage> messages) {}

    /**
     * SIGetDataEntries: up to {@code max} messages for slot {@code slot} from its nextMsgNum on, or
     * a reset if cleanup gave up on it (its nextMsgNum then jumps to the end of the queue).
     */
    public ReadResult read(int slot, int max) {
        MemorySegment p = proc(slot);
        // Fast path (stateP->hasMessages in PostgreSQL): nothing new and no reset pending.
        if ((int) P_NEXT.getVolatile(p, 0L) == maxMsgNum() && (int) P_RESET.getVolatile(p, 0L) == 0) {
            return new ReadResult(false, List.of());
        }
        readLock.acquire(LWLock.Mode.SHARED);
        try {
            int end = maxMsgNum();
            if ((int) P_RESET.get(p, 0L) != 0) {
                P_NEXT.set(p, 0L, end);
                P_RESET.set(p, 0L, 0);
                P_SIGNALED.set(p, 0L, 0);
                return new ReadResult(true, List.of());
            }
            int next = (int) P_NEXT.get(p, 0L);
            java.util.ArrayList<SharedInvalidationMessage> out = new java.util.ArrayList<>();
            while (out.size() < max && next < end) {
                long s = Integer.remainderUnsigned(next, MAXNUMMESSAGES);
                out.add(new SharedInvalidationMessage((int) M_ID.get(seg, 0L, s), (int) M_DB.get(seg, 0L, s),
                        (int) M_REL.get(seg, 0L, s)));
                next++;
            }
            P_NEXT.set(p, 0L, next);
            if (next >= end) P_SIGNALED.set(p, 0L, 0);
            return new ReadResult(false, out);
        } finally {
            readLock.release(LWLock.Mode.SHARED);
        }
    }

    /**
     * SICleanupQueue: advances minMsgNum to the slowest active backend, putting in reset state
     * every backend that would leave fewer than {@code minFree} free slots, and resets the
     * message numbering when it nears overflow.
     */
    void cleanupQueue(boolean callerHasWriteLock, int minFree) {
        if (!callerHasWriteLock) writeLock.acquire(LWLock.Mode.EXCLUSIVE);
        readLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int max = maxMsgNum();
            int min = max;
            int lowbound = max - MAXNUMMESSAGES + minFree;
            for (int slot = 1; slot <= numSlots; slot++) {
                MemorySegment p = proc(slot);
                if ((int) P_PID.getAcquire(p, 0L) == 0 || (int) P_RESET.get(p, 0L) != 0) continue;
                int n = (int) P_NEXT.get(p, 0L);
                if (n < lowbound) {
                    P_RESET.set(p, 0L, 1);
                } else if (n < min) {
                    min = n;
                }
            }
            MIN_MSG.set(seg, 0L, min);
            if (min >= MSGNUMWRAPAROUND) {
                MIN_MSG.set(seg, 0L, min - MSGNUMWRAPAROUND);
                MAX_MSG.setRelease(seg, 0L, max - MSGNUMWRAPAROUND);
                for (int slot = 1; slot <= numSlots; slot++) {
                    MemorySegment p = proc(slot);
                    P_NEXT.set(p, 0L, (int) P_NEXT.get(p, 0L) - MSGNUMWRAPAROUND);
                }
            }
            int numMsgs = max - min;
            NEXT_THRESHOLD.set(seg, 0L, numMsgs < CLEANUP_MIN ? CLEANUP_MIN : (numMsgs / CLEANUP_QUANTUM + 1) * CLEANUP_QUANTUM);
        } finally {
            readLock.release(LWLock.Mode.EXCLUSIVE);
            if (!callerHasWriteLock) writeLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** The number of messages still kept (maxMsgNum - minMsgNum), for tests and monitoring. */
    public int numMessages() {
        return maxMsgNum() - minMsgNum();
    }
}
