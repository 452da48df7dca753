package org.tusk.storage.sync;

import org.tusk.port.Libc;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * How other processes ask the checkpointer for a checkpoint and learn when it is done
 * (PostgreSQL's CheckpointerShmem: ckpt_started, ckpt_done, ckpt_failed, ckpt_flags).
 *
 * <p>A requester ORs its flags into {@code ckptFlags}, notes {@code ckptStarted}, and sets the
 * checkpointer's latch (found through {@code checkpointerPid}'s PGPROC by the caller). The
 * checkpointer takes the flags, increments {@code ckptStarted}, works, then increments
 * {@code ckptDone} (or {@code ckptFailed}) and wakes everyone sleeping on {@code ckptDone}. A
 * requester that must wait (CHECKPOINT_WAIT) sleeps on that word until it passes the value of
 * {@code ckptStarted} it saw, so a checkpoint that had already started before the request does not
 * count. All fields are single words changed atomically; no lock is needed.
 */
public final class CheckpointerShmem {
    public static final int CHECKPOINT_IS_SHUTDOWN = 0x0001, CHECKPOINT_END_OF_RECOVERY = 0x0002,
            CHECKPOINT_IMMEDIATE = 0x0004, CHECKPOINT_FORCE = 0x0008, CHECKPOINT_WAIT = 0x0020,
            CHECKPOINT_CAUSE_XLOG = 0x0080, CHECKPOINT_CAUSE_TIME = 0x0100;

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("checkpointerSlot"),
            JAVA_INT.withName("ckptFlags"),
            JAVA_INT.withName("ckptStarted"),
            JAVA_INT.withName("ckptDone"),
            JAVA_INT.withName("ckptFailed"),
            MemoryLayout.paddingLayout(44));

    private static final VarHandle SLOT = LAYOUT.varHandle(groupElement("checkpointerSlot"));
    private static final VarHandle FLAGS = LAYOUT.varHandle(groupElement("ckptFlags"));
    private static final VarHandle STARTED = LAYOUT.varHandle(groupElement("ckptStarted"));
    private static final VarHandle DONE = LAYOUT.varHandle(groupElement("ckptDone"));
    private static final VarHandle FAILED = LAYOUT.varHandle(groupElement("ckptFailed"));
    private static final long DONE_OFFSET = LAYOUT.byteOffset(groupElement("ckptDone"));

    private final MemorySegment seg;

    public CheckpointerShmem(MemorySegment seg) {
        this.seg = seg;
    }

    /** The checkpointer announces its child slot (0 when none runs). */
    public void setCheckpointerSlot(int slot) { SLOT.setVolatile(seg, 0L, slot); }
    public int checkpointerSlot() { return (int) SLOT.getVolatile(seg, 0L); }

    /** Requester: records the request; returns the ckptStarted value to wait past. */
    public int request(int flags) {
        FLAGS.getAndBitwiseOr(seg, 0L, flags);
        return (int) STARTED.getVolatile(seg, 0L);
    }

    /** Checkpointer: whether anyone asked. */
    public boolean requested() {
        return (int) FLAGS.getVolatile(seg, 0L) != 0;
    }

    /** Checkpointer: takes the pending flags and counts a started checkpoint. */
    public int start() {
        int flags = (int) FLAGS.getAndSet(seg, 0L, 0);
        STARTED.getAndAdd(seg, 0L, 1);
        return flags;
    }

    /** Checkpointer: the checkpoint finished (or failed); wakes the waiters. */
    public void finish(boolean ok) {
        if (!ok) FAILED.getAndAdd(seg, 0L, 1);
        DONE.getAndAdd(seg, 0L, 1);
        Libc.futexWake(seg.asSlice(DONE_OFFSET, 4), Integer.MAX_VALUE);
    }

    public int failedCount() { return (int) FAILED.getVolatile(seg, 0L); }

    /**
     * Requester: sleeps until a checkpoint that started after the request has finished, polling
     * {@code interrupted} at least every 100 ms so that cancel and terminate still work.
     * Returns false if that checkpoint failed.
     */
    public boolean awaitCompletion(int startedBefore, int failedBefore, Runnable interruptCheck) {
        while (true) {
            int done = (int) DONE.getVolatile(seg, 0L);
            if (done - startedBefore > 0) return failedCount() == failedBefore;
            interruptCheck.run();
            Libc.futexWait(seg.asSlice(DONE_OFFSET, 4), done, 100_000_000L);
        }
    }
}
