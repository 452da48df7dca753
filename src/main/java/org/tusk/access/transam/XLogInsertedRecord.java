package org.tusk.access.transam;

/**
 * Where an inserted record went: {@code startLsn} is PostgreSQL's ProcLastRecPtr (the record's
 * address, what the next record's {@code xl_prev} points to), {@code endLsn} what XLogInsert
 * returns (the MAXALIGNed end, what a commit must flush up to).
 */
public record XLogInsertedRecord(long startLsn, long endLsn) {
    @Override
    public String toString() {
        return XLogRecPtr.format(startLsn) + ".." + XLogRecPtr.format(endLsn);
    }
}
