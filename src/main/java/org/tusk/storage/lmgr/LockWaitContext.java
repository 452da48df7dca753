package org.tusk.storage.lmgr;

/**
 * What a lock wait needs from the backend around it, so that this package need not know tcop:
 * the interrupt check and the current values of the two settings that bound a wait.
 */
public interface LockWaitContext {
    /**
     * CHECK_FOR_INTERRUPTS: throws the error a pending cancel (57014), statement timeout (57014)
     * or terminate (FATAL 57P01) asks for; returns if nothing is pending. The lock manager takes
     * the waiter out of the queue before the error leaves it.
     */
    void checkForInterrupts();

    /** deadlock_timeout in milliseconds (at least 1). */
    int deadlockTimeoutMs();

    /** lock_timeout in milliseconds; 0 means no limit. */
    int lockTimeoutMs();

    /** A context with fixed settings and no interrupts of its own (tests, auxiliary processes). */
    static LockWaitContext of(int deadlockTimeoutMs, int lockTimeoutMs, Runnable interruptCheck) {
        return new LockWaitContext() {
            @Override public void checkForInterrupts() { interruptCheck.run(); }
            @Override public int deadlockTimeoutMs() { return deadlockTimeoutMs; }
            @Override public int lockTimeoutMs() { return lockTimeoutMs; }
        };
    }
}
