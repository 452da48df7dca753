package org.tusk.storage.ipc;

import org.tusk.port.Libc;
import org.tusk.port.Signals;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SequenceLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * PMSignalFlags (PostgreSQL's pmsignal.c, SendPostmasterSignal and CheckPostmasterSignal): how a
 * child asks the postmaster for something. The child sets the reason's word and sends the
 * postmaster SIGUSR1; the postmaster's main loop, woken by the signal, takes each word back to
 * zero and acts on the reasons it finds set.
 *
 * <p>Like {@link PMChildFlags}, these words are part of the little shared memory the postmaster
 * reads, and it reads them only as "set or not": a child that writes garbage here can at worst
 * make the postmaster start an autovacuum worker it did not need, which exits at once.
 */
public final class PMSignal {
    /** PMSIGNAL_START_AUTOVAC_LAUNCHER is not needed: the postmaster starts the launcher itself. */
    public static final int START_AUTOVAC_WORKER = 0;
    private static final int NUM_REASONS = 4;

    private static final VarHandle FLAG = JAVA_INT.arrayElementVarHandle();

    public static SequenceLayout layout() {
        return MemoryLayout.sequenceLayout(NUM_REASONS, JAVA_INT);
    }

    private final MemorySegment seg;

    public PMSignal(MemorySegment seg) {
        this.seg = seg;
    }

    /** Child: SendPostmasterSignal. */
    public void send(int reason, int postmasterPid) {
        FLAG.setVolatile(seg, 0L, (long) reason, 1);
        Libc.kill(postmasterPid, Signals.SIGUSR1);
    }

    /** Postmaster: CheckPostmasterSignal; whether {@code reason} was set, clearing it. */
    public boolean check(int reason) {
        return (int) FLAG.getAndSet(seg, 0L, (long) reason, 0) != 0;
    }
}
