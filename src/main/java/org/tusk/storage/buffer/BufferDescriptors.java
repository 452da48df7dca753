package org.tusk.storage.buffer;

import org.tusk.port.Libc;
import org.tusk.storage.lmgr.LWLock;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The buffer descriptor array (PostgreSQL's BufferDesc): one 64-byte descriptor per shared
 * buffer, saying which block it holds and in what state.
 *
 * <p>Who may change what (buffer/README's rules):
 * <ul>
 * <li>The state word changes only by CAS. Pinning and unpinning never take a lock; they wait
 *     only while the header lock bit is set.</li>
 * <li>The tag changes only with the header lock held <em>and</em> the buffer pinned exactly once
 *     by the changer <em>and</em> the mapping partition locks of the old and new tag held
 *     exclusively; so a reader who found the buffer in the mapping table and pinned it can trust
 *     the tag.</li>
 * <li>Page contents are read or changed only with the buffer pinned and its content lock held
 *     (shared to read, exclusive to change), except that I/O holds BM_IO_IN_PROGRESS instead.</li>
 * <li>Sleeping: a process waiting for another's I/O sleeps on the state word (FUTEX_WAIT) and is
 *     woken by TerminateBufferIO; the header lock is held for a handful of instructions and is
 *     waited for with bounded spinning that falls back to sleeping.</li>
 * </ul>
 */
final class BufferDescriptors {
    static final StructLayout DESC = MemoryLayout.structLayout(
            JAVA_INT.withName("spcOid"),
            JAVA_INT.withName("dbOid"),
            JAVA_INT.withName("relNumber"),
            JAVA_INT.withName("forkNum"),
            JAVA_INT.withName("blockNum"),
            JAVA_INT.withName("state"),
            JAVA_INT.withName("waitBackendPid"),
            JAVA_INT.withName("padding"),
            LWLock.LAYOUT.withName("contentLock"),
            MemoryLayout.paddingLayout(24));

    private static final VarHandle SPC = DESC.varHandle(groupElement("spcOid"));
    private static final VarHandle DB = DESC.varHandle(groupElement("dbOid"));
    private static final VarHandle REL = DESC.varHandle(groupElement("relNumber"));
    private static final VarHandle FORK = DESC.varHandle(groupElement("forkNum"));
    private static final VarHandle BLOCK = DESC.varHandle(groupElement("blockNum"));
    private static final VarHandle STATE = DESC.varHandle(groupElement("state"));
    private static final long STATE_OFFSET = DESC.byteOffset(groupElement("state"));
    private static final long LOCK_OFFSET = DESC.byteOffset(groupElement("contentLock"));

    /** Spins before the header-lock wait starts sleeping, and the most sleeps before giving up. */
    private static final int SPINS_PER_DELAY = 100, MAX_DELAYS = 1000;

    private final MemorySegment seg;
    private final int nbuffers;

    BufferDescriptors(MemorySegment seg, int nbuffers) {
        this.seg = seg;
        this.nbuffers = nbuffers;
    }

    static long size(int nbuffers) {
        return DESC.byteSize() * nbuffers;
    }

    int count() {
        return nbuffers;
    }

    /**
     * Where descriptor {@code id} starts in the array: accessors pass it as the layout handles'
     * base offset instead of slicing out a segment per access (a slice is an object, and the
     * pin/unpin loop reads the state word several times per buffer).
     */
    private static long base(int id) {
        return id * DESC.byteSize();
    }

    /**
     * The buffer's content lock. A fresh handle on each call (a few bytes): a process must not
     * keep one object per buffer, since shared_buffers can be large and every backend's heap
     * would pay for it.
     */
    LWLock contentLock(int id) {
        return new LWLock("BufferContent", seg.asSlice(base(id) + LOCK_OFFSET, LWLock.LAYOUT.byteSize()));
    }

    int state(int id) {
        return (int) STATE.getVolatile(seg, base(id));
    }

    boolean casState(int id, int expected, int next) {
        return STATE.compareAndSet(seg, base(id), expected, next);
    }

    /** Reads the tag; meaningful only under the rules in the class comment. */
    BufferTag tag(int id) {
        long b = base(id);
        return new BufferTag((int) SPC.get(seg, b), (int) DB.get(seg, b), (int) REL.get(seg, b), (int) FORK.get(seg, b),
                (int) BLOCK.get(seg, b));
    }

    /** Caller holds the header lock (see class comment). */
    void setTag(int id, BufferTag t) {
        long b = base(id);
        SPC.set(seg, b, t.spcOid());
        DB.set(seg, b, t.dbOid());
        REL.set(seg, b, t.relNumber());
        FORK.set(seg, b, t.forkNum());
        BLOCK.set(seg, b, t.blockNum());
    }

    /** LockBufHdr: sets BM_LOCKED and returns the state as it was (with the bit set). */
    int lockHeader(int id) {
        int spins = 0, delays = 0;
        while (true) {
            int s = state(id);
            if ((s & BufferState.BM_LOCKED) == 0 && casState(id, s, s | BufferState.BM_LOCKED)) {
                return s | BufferState.BM_LOCKED;
            }
            spins = spinDelay(spins, delays);
            if (spins == 0) delays++;
            if (delays > MAX_DELAYS) throw new IllegalStateException("stuck spinlock on buffer " + (id + 1));
        }
    }

    /** UnlockBufHdr: stores {@code newState} (without BM_LOCKED) in one write. */
    void unlockHeader(int id, int newState) {
        STATE.setRelease(seg, base(id), newState & ~BufferState.BM_LOCKED);
    }

    /** WaitBufHdrUnlocked: the state once nobody holds the header lock. */
    int waitHeaderUnlocked(int id) {
        int spins = 0, delays = 0;
        while (true) {
            int s = state(id);
            if ((s & BufferState.BM_LOCKED) == 0) return s;
            spins = spinDelay(spins, delays);
            if (spins == 0) delays++;
            if (delays > MAX_DELAYS) throw new IllegalStateException("stuck spinlock on buffer " + (id + 1));
        }
    }

    /**
     * PostgreSQL's perform_spin_delay: spin a little, then sleep with growing delays (1 ms up to
     * 100 ms). Returns the new spin count (0 after a sleep).
     */
    private static int spinDelay(int spins, int delays) {
        if (spins < SPINS_PER_DELAY) {
            Thread.onSpinWait();
            return spins + 1;
        }
        try {
            Thread.sleep(Math.min(100, 1 + delays / 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Sleeps until the state word differs from {@code seen} (or a spurious wake); callers loop. */
    void waitStateChange(int id, int seen, long timeoutNanos) {
        Libc.futexWait(seg.asSlice(base(id) + STATE_OFFSET, 4), seen, timeoutNanos);
    }

    /** Wakes everyone sleeping on the state word (after I/O finishes). */
    void wakeStateWaiters(int id) {
        Libc.futexWake(seg.asSlice(base(id) + STATE_OFFSET, 4), Integer.MAX_VALUE);
    }
}
