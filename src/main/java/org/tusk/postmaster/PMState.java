package org.tusk.postmaster;

/**
 * The postmaster's states (PostgreSQL's {@code PMState} in postmaster.c). All transitions happen
 * in {@link Postmaster#stateMachine()} or in the handlers it lists, and each is logged.
 *
 * <pre>
 *  PM_INIT ──► PM_STARTUP ──(startup process exits 0)──► PM_RUN
 *                                                         │ smart shutdown: wait for sessions,
 *                                                         │ fast: SIGTERM them, crash: SIGQUICKDIE all
 *                                                         ▼
 *             PM_STOP_BACKENDS ─► PM_WAIT_BACKENDS ─► PM_SHUTDOWN ─► PM_WAIT_DEAD_END ─► PM_NO_CHILDREN
 *                                                                                            │
 *                          crash with restart_after_crash: re-create shared memory ──► PM_STARTUP
 *                          shutdown, or crash without restart: exit
 * </pre>
 */
public enum PMState {
    /** Postmaster starting: reading configuration, creating sockets and shared memory. */
    PM_INIT,
    /** The startup process is running (WAL replay); no connections yet. */
    PM_STARTUP,
    /** Normal operation: connections accepted. */
    PM_RUN,
    /** Shutdown or crash begun: telling backends to stop. */
    PM_STOP_BACKENDS,
    /** Waiting for backends (and spares) to exit. */
    PM_WAIT_BACKENDS,
    /** Waiting for the checkpointer's shutdown checkpoint (auxiliary processes stop here). */
    PM_SHUTDOWN,
    /** Waiting for dead-end children, which only write an error to their client, to exit. */
    PM_WAIT_DEAD_END,
    /** Every child has exited: exit, or after a crash re-initialize. */
    PM_NO_CHILDREN
}
