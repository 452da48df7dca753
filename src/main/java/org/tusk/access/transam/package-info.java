/**
 * Transactions and the write-ahead log (PostgreSQL's {@code access/transam}).
 *
 * <h1>Part 1: the write-ahead log</h1>
 * The write-ahead log's building blocks (PostgreSQL's {@code access/transam}: xloginsert.c,
 * xlogreader.c, the placement half of xlog.c, and pg_control), byte-compatible with PostgreSQL 15
 * on little-endian 64-bit machines: pg_waldump reads Tusk's segments and pg_controldata its
 * control file.
 *
 * <h2>WAL positions</h2>
 * An LSN ({@link org.tusk.access.transam.XLogRecPtr}) is a byte offset into one endless stream,
 * cut into segment files of {@code wal_segment_size} bytes
 * ({@link org.tusk.access.transam.WalSegmentSize}, named timeline + log id + segment) and those
 * into 8 kB pages, each beginning with a page header (the first page of a segment with the long
 * header carrying system identifier and sizes).
 *
 * <h2>Records</h2>
 * {@link org.tusk.access.transam.XLogRecordBuilder} assembles a record (header, block
 * references with optional full-page images minus their hole, main data; layout in
 * {@link org.tusk.access.transam.XLogRecord}); {@link org.tusk.access.transam.DecodedXLogRecord}
 * takes one apart. Inserting a record is three steps with different owners, so that the shared WAL
 * buffers can later take over the middle one:
 * <ol>
 * <li>assembly and the payload CRC, by the inserting backend without any lock;</li>
 * <li>reservation: MAXALIGN(size) "usable bytes" (positions that skip page headers) added to the
 *     insert position, which fixes the record's LSN and {@code xl_prev}; then the header CRC
 *     ({@link org.tusk.access.transam.AssembledXLogRecord#finish});</li>
 * <li>placement: {@link org.tusk.access.transam.XLogRecordPlacement} copies the bytes into the
 *     pages {@link org.tusk.access.transam.XLogPageBuffers} hands out, marking continuation pages.</li>
 * </ol>
 * {@link org.tusk.access.transam.XLogSegmentWriter} is the single-process version of all this
 * with write-out and fsync; {@link org.tusk.access.transam.XLogReader} reads records back.
 *
 * <h2>Shared WAL insertion and flushing</h2>
 * {@link org.tusk.access.transam.XLogCtl} is the shared state (xlog.c's XLogCtl): insert position,
 * eight insertion locks, the ring of {@code wal_buffers} WAL pages with {@code xlblocks[]}, and the
 * write/flush positions. Each process makes one {@link org.tusk.access.transam.XLog} (an
 * {@link org.tusk.access.transam.XLogInserter} and an {@link org.tusk.access.transam.XLogWriter},
 * which keeps the process's open segment file). The startup process calls
 * {@link org.tusk.access.transam.XLogCtl#initialize} with the end of valid WAL, the last record's
 * start and the page holding the end, before anyone inserts.
 *
 * <p>What protects what:
 * <ul>
 * <li>{@code currBytePos}/{@code prevBytePos} (usable-byte positions, PostgreSQL's
 *     Insert->CurrBytePos/PrevBytePos): {@code insertPosLock}, an LWLock held for two loads and two
 *     stores. PostgreSQL uses a spinlock; a 128-bit CAS does not exist in Java, and a seqlock only
 *     helps readers, while every reserver must write both words together. Uncontended, the
 *     LWLock is one CAS each way; contended, it sleeps instead of spinning. {@code currBytePos}
 *     alone is read without the lock (one 64-bit word) by those waiting for insertions.</li>
 * <li>An inserter holds one of the eight insertion locks from reservation until its bytes are
 *     copied, and publishes its progress in the lock's {@code insertingAt} (0: "anywhere after my
 *     reservation"). {@code WaitXLogInsertionsToFinish} sleeps on a per-lock futex word until each
 *     held lock is released or its {@code insertingAt} passes the target.</li>
 * <li>{@code RedoRecPtr} and {@code fullPageWrites}: changed only with all eight insertion locks held,
 *     so holding one gives a stable value.</li>
 * <li>{@code initializedUpTo} and replacing the page in a buffer ({@code xlblocks[i]} set to 0,
 *     header written, then the new end LSN): {@code WALBufMappingLock}. A buffer is reused only
 *     once the write position has passed its old page; the mapping lock is released while the
 *     inserter waits for that (it first raises its insertingAt past the old page, so the writer
 *     never waits for it). Inserters read {@code xlblocks} without a lock: a page they reserved
 *     space on cannot be replaced before they finish, since its write-out waits for them.</li>
 * <li>Writing and fsyncing ({@code LogwrtResult}): {@code WALWriteLock}, and only WAL whose
 *     insertions have finished. The shared write and flush positions are single words stored
 *     under the lock (write first) and read without it. {@code LogwrtRqst} is raised by atomic
 *     maximum.</li>
 * <li>Lock order: an insertion lock, then WALBufMappingLock or WALWriteLock (never both);
 *     insertPosLock is innermost and taken alone. Nobody waits for insertions while holding
 *     WALWriteLock or WALBufMappingLock.</li>
 * <li>Group commit: XLogFlush waits for WALWriteLock with {@code LWLock.acquireOrWait}; when the
 *     holder releases it, the waiter re-checks the flush position instead of taking the lock,
 *     and the holder always writes and fsyncs everything whose insertion has finished.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Records start on 8-byte boundaries and never at a page boundary (after the page header
 *     instead); their bytes, header included, may be cut by any page or segment boundary. A
 *     continuation page has XLP_FIRST_IS_CONTRECORD and {@code xlp_rem_len} = bytes of the record
 *     still to come; padding after a record is zeros.</li>
 * <li>{@code xl_prev} of each record is the start of the one before it; {@code xl_crc} is CRC-32C
 *     of the bytes after the header, then of the header up to {@code xl_crc}.</li>
 * <li>A segment file always has its full size and is zero where nothing has been written, so the
 *     end of WAL is found by validation, never by file length: the first page header, record
 *     header, continuation or CRC that fails ends it, and the reader reports that as a result
 *     (with PostgreSQL's message), giving the end of the last valid record, where a writer resumes
 *     and overwrites whatever torn bytes follow.</li>
 * <li>WAL is durable up to {@code flush}'s result and no further; a finished segment is fsynced
 *     before the next is written.</li>
 * <li>{@code global/pg_control} is replaced atomically (temporary file, fsync, rename, directory
 *     fsync) and verified by CRC-32C on every read.</li>
 * </ul>
 *
 * <h2>Deviations from PostgreSQL</h2>
 * Byte order is always little-endian (PostgreSQL uses the machine's). pg_control is replaced by
 * rename rather than overwritten in place. Segment sizes below 1 MB are accepted for tests.
 * Full-page images are never compressed, and compressed ones are refused when read. An
 * XLOG_SWITCH record is inserted under one insertion lock, not all of them. Not yet here: the
 * check that RedoRecPtr moved since a record was assembled (XLogInsertRecord's fpw_lsn retry),
 * commit_delay/commit_siblings, asynchronous commit (asyncXactLSN) and wal_writer_flush_after,
 * the opportunistic page initialisation of the walwriter, open_sync/open_datasync, timeline switches
 * and history files, segment recycling and pre-allocation, XLP_FIRST_IS_OVERWRITE_CONTRECORD,
 * XLP_BKP_REMOVABLE.
  *
 * <h1>Part 2: transactions, their ids and their status</h1>
 *
 * Transaction ids, their commit status and the backend's transaction (PostgreSQL's
 * {@code access/transam}: transam.h, transam.c, varsup.c, clog.c, subtrans.c, xact.c).
 *
 * <ul>
 * <li>{@link org.tusk.access.transam.TransactionId}: 32-bit ids compared modulo 2^32, with the
 *     special ids 0 (invalid), 1 (bootstrap), 2 (frozen); normal ids start at 3.
 *     {@link org.tusk.access.transam.FullTransactionId}: epoch and id in 64 bits.</li>
 * <li>{@link org.tusk.access.transam.TransamVariables}: the shared counters (nextXid, nextOid,
 *     oldestXid and the wraparound limits, latestCompletedXid) with XidGenLock and OidGenLock.
 *     {@link org.tusk.access.transam.VarSup}: GetNewTransactionId, SetTransactionIdLimit,
 *     GetNewObjectId.</li>
 * <li>{@link org.tusk.access.transam.Clog}: two bits per id in the SLRU {@code pg_xact}, with a
 *     group LSN per 32 ids; {@link org.tusk.access.transam.SubTrans}: the parent of every id in
 *     {@code pg_subtrans}; {@link org.tusk.access.transam.Transam}: did it commit, did it abort,
 *     commit/abort a tree, the commit LSN.</li>
 * <li>{@link org.tusk.access.transam.Xact}: one backend's transaction: the stack of
 *     subtransactions (savepoints), lazy xid assignment, command ids, commit and abort records
 *     ({@link org.tusk.access.transam.XactRecords}, PostgreSQL 15's xl_xact_commit/abort layout) and
 *     their redo. {@link org.tusk.access.transam.BackendTransactionOracle}: the
 *     {@link org.tusk.access.transam.TransactionOracle} the access methods ask.</li>
 * </ul>
 *
 * <h2>Invariants and locking</h2>
 * <ul>
 * <li>nextXid only moves forward, under XidGenLock held exclusively. An id is handed out only
 *     after its CLOG and pg_subtrans pages exist: ExtendCLOG and ExtendSUBTRANS run under
 *     XidGenLock before nextXid advances, and zero the page when the id is the first of its page.
 *     ExtendCLOG WAL-logs the new page (CLOG_ZEROPAGE), whose redo zeroes and writes it; so the
 *     page of any assigned id is in the buffers, on disk, or re-created by replay before any
 *     commit on it is replayed.</li>
 * <li>A new id is published before XidGenLock is released, as PostgreSQL does: a top-level id in
 *     the PGPROC and the dense xids[], a subtransaction id in the PGPROC subxid cache
 *     ({@code XidPublisher}). Lock order: XidGenLock, then ProcArrayLock (shared), XactSLRU,
 *     SubtransSLRU, WAL insertion; CLOG never takes XidGenLock.</li>
 * <li>A CLOG status changes only from IN_PROGRESS to COMMITTED or ABORTED, or via SUB_COMMITTED to
 *     COMMITTED. On commit the subtransactions are marked SUB_COMMITTED before the parent is marked
 *     COMMITTED, so nobody sees a committed parent with an in-progress child; a reader that meets
 *     SUB_COMMITTED asks pg_subtrans for the parent and takes the parent's answer.</li>
 * <li>Commit ordering (RecordTransactionCommit, then ProcArrayEndTransaction): (1) the commit
 *     record, listing the committed subxids and files to drop; (2) with synchronous_commit (or
 *     files to drop) WAL flushed past it; (3) CLOG; (4) the xids leave the ProcArray and
 *     latestCompletedXid advances, under ProcArrayLock exclusive. Whoever no longer sees an xid
 *     in the ProcArray therefore finds its final status in the CLOG; whoever sees the CLOG say
 *     committed knows the record is in WAL. For an asynchronous commit (2) is skipped and the
 *     record's end LSN becomes the CLOG group LSN instead: a CLOG page is written out only after
 *     WAL is flushed past its highest group LSN, and hint bits wait for
 *     {@code TransactionIdGetCommitLSN} (see {@link org.tusk.access.transam.TransactionOracle#commitLsn}).</li>
 * <li>A subtransaction's xid is assigned only after its parent's (AssignTransactionId assigns
 *     parents first), so a parent always precedes its children and pg_subtrans chains end.
 *     Subtransaction commit writes nothing; subtransaction abort writes an abort record for its
 *     xid and its committed children, marks them ABORTED, and removes them from the subxid cache
 *     (XidCacheRemoveRunningXids) while advancing latestCompletedXid. The layers above settle
 *     their per-subtransaction state through the one {@code Xact.SubXactResources} the backend
 *     installs (AtSubCommit_* / AtSubAbort_*: the pending relation file deletions); the files a
 *     subtransaction created are listed in its abort record.</li>
 * <li>Subxid cache overflow: a PGPROC lists at most 64 subtransaction xids; the 65th and later set
 *     {@code overflowed}, which stays until the top-level transaction ends. A snapshot taken while
 *     any backend is overflowed is {@code suboverflowed}: XidInMVCCSnapshot then maps a
 *     subtransaction xid to its topmost parent through pg_subtrans and looks that up in xip, and
 *     TransactionIdIsInProgress does the same for the overflowed backends' top-level xids.
 *     pg_subtrans is only asked about ids at or after the asker's TransactionXmin, so it is not
 *     WAL-logged: startup zeroes it from nextXid, and checkpoints truncate it before the oldest
 *     running xid.</li>
 * <li>No id is assigned at or past the stop limit (3 million ids before wraparound relative to
 *     oldestXid): GetNewTransactionId fails with PostgreSQL's 54000 error.</li>
 * </ul>
 *
 * <h2>Wiring</h2>
 * The shared structures are in {@link org.tusk.storage.ipc.SharedMemoryMap}:
 * {@code transamVariables} (64 bytes), {@code clog} (an SLRU of
 * {@link org.tusk.access.transam.Clog#numBuffers} buffers with 1024 group LSNs per page: 32
 * buffers are 525 376 bytes) and {@code subtrans} (32 buffers, 263 232 bytes). Each process makes
 * its handles once, after mapping the region: a {@code Clog} bound to its {@code XLogHandle}
 * (so that it logs page creation and flushes WAL before writing pages; only initdb's bootstrap
 * uses one without WAL), a {@code SubTrans}, and in a backend one {@code Xact} over them and the
 * ProcArray, with a {@code BackendTransactionOracle} for the access methods. The startup process
 * replays XACT and CLOG records and then zeroes pg_subtrans; checkpoints write both SLRUs.
 *
 * <h2>Not done yet</h2>
 * CLOG_TRUNCATE records and logging nextOid, commit timestamps, the CLOG group-update
 * optimisation, oldestClogXid and XactTruncationLock, the autovacuum signal when passing
 * xidVacLimit, XLogSetAsyncXactLSN (the walwriter is not woken for an asynchronous commit; it
 * flushes on its own schedule), XLOG_XACT_ASSIGNMENT (needed only for hot standby), commit
 * records' invalidation messages and dbinfo, two-phase commit, parallel workers' transaction
 * state, and removing the files of a committed DROP in the live path (smgrDoPendingDeletes is the
 * catalog code's; Xact only lists them in the record and redo removes them).
 */
package org.tusk.access.transam;
