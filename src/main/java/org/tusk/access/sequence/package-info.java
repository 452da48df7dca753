/**
 * Sequence relations (PostgreSQL's commands/sequence.c storage side): the one-page format
 * ({@link org.tusk.access.sequence.SequencePage}), the generators of a backend with its session
 * cache ({@link org.tusk.access.sequence.Sequences}) and redo of XLOG_SEQ_LOG
 * ({@link org.tusk.access.sequence.SequenceRedo}, resource manager SEQ).
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>The page's special space holds SEQ_MAGIC; its only tuple is at offset 1, frozen, and keeps
 *     its length, so it is overwritten in place. Sequence changes are never rolled back.</li>
 * <li>Every value handed out is covered by WAL: the newest XLOG_SEQ_LOG record of a sequence
 *     shows a last_value at or beyond every value given so far (it logs SEQ_LOG_VALS values
 *     ahead; log_cnt counts those not yet used), and the first change after a checkpoint's REDO
 *     point logs again. A backend that logs assigns its transaction an xid, so the commit flushes
 *     the record before the values are acknowledged.</li>
 * <li>Redo rebuilds the whole page from the record's tuple (the block is registered WILL_INIT).</li>
 * </ul>
 *
 * <h2>Locking</h2>
 * The page is read and changed under its buffer's exclusive content lock (share for a plain
 * read), never held across anything that waits. Callers hold RowExclusiveLock on the sequence
 * relation, so DROP SEQUENCE (AccessExclusiveLock) waits for them. The session cache
 * (values reserved by CACHE, currval, lastval) is backend-local and needs no lock.
 */
package org.tusk.access.sequence;
