package org.tusk.storage.lmgr;

/** One edge of a deadlock cycle (deadlock.c's DEADLOCK_INFO): process {@code pid} waits for {@code mode} on {@code tag}. */
public record DeadlockInfo(LockTag tag, LockMode mode, int pid) {}
