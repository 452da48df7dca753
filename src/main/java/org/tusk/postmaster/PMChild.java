package org.tusk.postmaster;

import org.tusk.utils.init.BackendType;

/**
 * What the postmaster knows of one child process (PostgreSQL's PMChild in pmchild.c). Lives in
 * the postmaster's own memory, never in shared memory.
 */
final class PMChild {
    /** How far a spare backend has got; other children stay {@link SpareState#NONE}. */
    enum SpareState { NONE, STARTING, READY }

    final int pid;
    BackendType type;
    /** Child slot (1-based) or 0 for none (spares before hand-off, dead-end children). */
    int slot;
    /** Postmaster's end of the control socketpair (spares), or -1. */
    int controlFd;
    SpareState spareState;
    /** Set when the postmaster has sent this child a signal to stop; for logging and escalation. */
    boolean signaled;
    /**
     * The child has installed its signal handlers (a spare says so when it reports ready). Until
     * then a JVM takes SIGHUP as "exit", so a configuration reload must not be sent to it; it reads
     * the configuration files itself when it starts anyway.
     */
    boolean handlesSignals;
    /** When it last became a ready spare (a counter), so that the most recent one is used first. */
    long readySeq;
    /** Wall-clock time (ms) it last became a ready spare: how long a reused backend has been idle. */
    long readyMillis;
    /** Sessions handed to this process so far (more than one with backend_reuse). */
    int sessionsServed;
    /** When the postmaster spawned it (a spare), to learn how long spares take to start; 0 if not a spare. */
    long spawnedMillis;

    PMChild(int pid, BackendType type, int slot, int controlFd, SpareState spareState) {
        this.pid = pid;
        this.type = type;
        this.slot = slot;
        this.controlFd = controlFd;
        this.spareState = spareState;
    }

    /** A child that may have touched shared memory: its abnormal exit is a crash. */
    boolean usesSharedMemory() {
        return slot > 0;
    }

    @Override
    public String toString() {
        return type.description() + " (PID " + pid + ")";
    }
}
