package org.tusk.executor;

/**
 * A plan node being executed (PostgreSQL's PlanState): a demand-pull iterator producing one
 * tuple per call to {@link #next()} and null when exhausted. Tuples are Object[] of Datums.
 */
public abstract class PlanState {
    /** The next tuple, or null at the end. */
    public abstract Object[] next();

    /** Releases resources; idempotent. */
    public void close() {}
}
