package org.tusk.storage.lmgr;

/** The outcome of {@link LockManager#acquire} (LockAcquireResult in lock.h, without ALREADY_CLEAR). */
public enum LockAcquireResult {
    /** dontWait was set and the lock is not free: nothing was taken. */
    NOT_AVAIL,
    /** The lock was newly acquired by this process. */
    OK,
    /** This process already held the lock in this mode; only the local count went up. */
    ALREADY_HELD
}
