package org.tusk.access.transam;

/** What {@link XLogReader#readRecord} found: a valid record, or the end of valid WAL. */
public sealed interface XLogReadResult {
    /** A record that passed every check. */
    record Record(DecodedXLogRecord record) implements XLogReadResult {}

    /**
     * Valid WAL ends here: a zeroed or torn tail, a missing segment, or corruption. This is the
     * normal way for a recovery to end, so it is a result and not an exception.
     *
     * @param at           the position where a record was looked for
     * @param lastValidEnd end of the last valid record read ({@code EndRecPtr}); where a writer
     *                     continues, or {@link XLogRecPtr#INVALID} when no record was read
     * @param reason       PostgreSQL's message, e.g. "invalid record length at 0/1000070: wanted 24, got 0"
     */
    record EndOfWal(long at, long lastValidEnd, String reason) implements XLogReadResult {}
}
