package org.tusk.tcop;

/**
 * The transaction-block state the traffic cop tracks (the block-state part of PostgreSQL's
 * xact.c: TBLOCK_DEFAULT, TBLOCK_INPROGRESS, TBLOCK_ABORT...), which decides what ReadyForQuery
 * reports and which statements a failed block still accepts.
 *
 * <p>No transaction ids are assigned yet: statements that only read session state need none.
 * When storage arrives, StartTransaction/CommitTransaction hook in at the same transitions.
 */
final class TransactionState {
    enum Block { DEFAULT, STARTED, INPROGRESS, ABORT }

    Block block = Block.DEFAULT;
    /** Start of the current transaction, microseconds since the Unix epoch (xact_start). */
    long startMicros;

    /** The transaction status byte of ReadyForQuery. */
    char status() {
        return switch (block) {
            case DEFAULT, STARTED -> 'I';
            case INPROGRESS -> 'T';
            case ABORT -> 'E';
        };
    }

    boolean inBlock() {
        return block == Block.INPROGRESS || block == Block.ABORT;
    }

    boolean aborted() {
        return block == Block.ABORT;
    }
}
