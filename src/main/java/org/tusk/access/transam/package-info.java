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
 * <h1>Part 2: transaction ids and their status</h1>
 *
 * Transaction ids and their commit status (PostgreSQL's {@code access/transam}: transam.h,
 * transam.c, varsup.c, clog.c).
 *
 * <ul>
 * <li>{@link org.tusk.access.transam.TransactionId}: 32-bit ids compared modulo 2^32, with the
 *     special ids 0 (invalid), 1 (bootstrap), 2 (frozen); normal ids start at 3.
 *     {@link org.tusk.access.transam.FullTransactionId}: epoch and id in 64 bits.</li>
 * <li>{@link org.tusk.access.transam.TransamVariables}: the shared counters (nextXid, nextOid,
 *     oldestXid and the wraparound limits) with XidGenLock and OidGenLock.
 *     {@link org.tusk.access.transam.VarSup}: GetNewTransactionId, SetTransactionIdLimit,
 *     GetNewObjectId.</li>
 * <li>{@link org.tusk.access.transam.Clog}: two bits per id in the SLRU {@code pg_xact};
 *     {@link org.tusk.access.transam.Transam}: did it commit, did it abort, commit/abort a tree.</li>
 * </ul>
 *
 * <h2>Invariants and locking</h2>
 * <ul>
 * <li>nextXid only moves forward, under XidGenLock held exclusively. An id is handed out only
 *     after its CLOG page exists: ExtendCLOG runs under XidGenLock before nextXid advances, and
 *     zeroes the page when the id is the first of its page. So the page of any assigned id is in
 *     the buffers or on disk, and a process that takes a later id cannot commit it before the
 *     page is there.</li>
 * <li>A new id is published in the caller's PGPROC (through the {@code XidPublisher} callback)
 *     before XidGenLock is released, as PostgreSQL does.</li>
 * <li>Lock order: XidGenLock, then XactSLRU (the CLOG control lock), then nothing else. CLOG never
 *     takes XidGenLock.</li>
 * <li>A CLOG status changes only from IN_PROGRESS to COMMITTED or ABORTED, or via SUB_COMMITTED to
 *     COMMITTED. On commit the subtransactions are marked SUB_COMMITTED before the parent is marked
 *     COMMITTED, so nobody sees a committed parent with an in-progress child.</li>
 * <li>No id is assigned at or past the stop limit (3 million ids before wraparound relative to
 *     oldestXid): GetNewTransactionId fails with PostgreSQL's 54000 error.</li>
 * </ul>
 *
 * <h2>Wiring</h2>
 * Both shared structures are in {@link org.tusk.storage.ipc.SharedMemoryMap}:
 * {@code transamVariables} (64 bytes) and {@code clog} (an SLRU of
 * {@link org.tusk.access.transam.Clog#numBuffers} buffers: 32, i.e. 263 232 bytes). Each process
 * makes its handles once, after mapping the region: {@code new TransamVariables(map.transamVariables())},
 * {@code new Clog(map.clogShared(), dataDir.resolve("pg_xact"))}, then {@code VarSup} and
 * {@code Transam} over those. The postmaster never touches them. What is still to be wired:
 * initdb calls {@code Clog.bootstrap()} and writes nextXid 3 / nextOid into the control file; the
 * startup process calls {@code TransamVariables.setCounters}, {@code VarSup.setTransactionIdLimit}
 * and {@code Clog.startup(nextXid)} before backends are allowed in; the checkpointer calls
 * {@code Clog.checkPoint()} and, after vacuum advances datfrozenxid, {@code Clog.truncate}; a
 * backend assigns ids through {@code VarSup.getNewTransactionId} with a publisher that sets its
 * PGPROC xid and dense xids[] entry.
 *
 * <h2>Not done yet</h2>
 * WAL (CLOG page-zero and truncate records, the group LSNs that make asynchronous commit wait for
 * WAL, logging nextOid), pg_subtrans (a SUB_COMMITTED id reads as neither committed nor aborted),
 * commit timestamps, the CLOG group-update optimisation, oldestClogXid and XactTruncationLock,
 * and the autovacuum signal when passing xidVacLimit.
 */
package org.tusk.access.transam;
