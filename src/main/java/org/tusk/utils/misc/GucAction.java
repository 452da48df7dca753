package org.tusk.utils.misc;

/**
 * How a change relates to the transaction (PostgreSQL's {@code GucAction}).
 * The difference only matters inside a transaction; see {@link GucSettings#atTransactionStart()}.
 */
public enum GucAction {
    /** SET: survives commit, undone by abort. */
    SET,
    /** SET LOCAL: undone at the end of the transaction either way. */
    LOCAL,
    /** A function's SET clause: the old value is always restored when the nest level ends. */
    SAVE
}
