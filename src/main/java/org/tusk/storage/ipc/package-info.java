/**
 * Inter-process communication (PostgreSQL's {@code storage/ipc}): the map of the shared-memory
 * region ({@link org.tusk.storage.ipc.SharedMemoryMap}, ipci.c), latches
 * ({@link org.tusk.storage.ipc.Latch}), the postmaster's child flags
 * ({@link org.tusk.storage.ipc.PMChildFlags}, pmsignal.c), signalling other backends
 * ({@link org.tusk.storage.ipc.SignalFuncs}), process exit with cleanup
 * ({@link org.tusk.storage.ipc.ProcExit}, ipc.c), the shared invalidation message queue
 * ({@link org.tusk.storage.ipc.SinvalQueue}, sinvaladt.c), and the LISTEN/NOTIFY queue
 * ({@link org.tusk.storage.ipc.AsyncQueue}, async.c's AsyncQueueControl).
 *
 * <h2>Locking</h2>
 * Latches and child flags take no lock: they are single words changed with atomic operations,
 * and each has one writer per state change (see each class). Sleeping is always on a futex (a
 * latch) with a reason to wake: the latch being set, a timeout, or for socket waits the socket or
 * the process's wake-up eventfd. Postmaster death ends every child through PR_SET_PDEATHSIG, so
 * no wait needs to poll for it.
 *
 * <h2>Shared invalidation</h2>
 * The sinval queue is a circular buffer of MAXNUMMESSAGES (4096) 16-byte messages numbered
 * minMsgNum..maxMsgNum-1, with per child slot {@code procPid} (0: not reading), {@code nextMsgNum}
 * and {@code resetState}. Every message is read by every backend that was reading when it was
 * sent; nobody consumes it for others.
 * <ul>
 * <li>A committing backend appends its messages under SInvalWriteLock (64 at a time), then
 * publishes the new maxMsgNum with a release store. Joining and leaving the queue also take
 * SInvalWriteLock, so a joiner starts exactly at the current end.</li>
 * <li>A reader takes SInvalReadLock shared and advances only its own nextMsgNum (or clears its
 * own reset flag); a reader with nothing new returns without any lock.</li>
 * <li>When the queue is full (or passes nextThreshold), the writer runs cleanup, which takes
 * SInvalReadLock exclusive as well: minMsgNum becomes the smallest nextMsgNum of active
 * backends, and a backend so far behind that it would leave too little room is put in reset
 * state and no longer counted. Such a backend, at its next read, jumps to the end of the queue
 * and must discard all its caches. Message numbers are lowered by MSGNUMWRAPAROUND together
 * before they can overflow.</li>
 * <li>Lock order is SInvalWriteLock before SInvalReadLock; neither is held while waiting for
 * anything else. PostgreSQL's catch-up signal to the slowest backend is not sent yet, so an idle
 * backend is reset rather than nudged to read in time.</li>
 * </ul>
 *
 * <h2>The NOTIFY queue</h2>
 * PostgreSQL keeps notifications in the pg_notify SLRU on disk (up to 8 GB); Tusk keeps them in a
 * ring of 8 MB in shared memory, so a transaction that would need more room than the slowest
 * listener leaves fails with PostgreSQL's 54000 "too many notifications in the NOTIFY queue",
 * much sooner than PostgreSQL would. Nothing of it survives a restart, as in PostgreSQL.
 * <ul>
 * <li>head, tail and every slot's {pid, dboid, pos} are protected by NotifyQueueLock: EXCLUSIVE to
 * add entries, join or leave, move the tail or look at other slots; SHARED to read head and one's
 * own position and to move one's own position forward.</li>
 * <li>Positions are 64-bit byte counts; tail = min(head, every listener's pos), recomputed under
 * the exclusive lock when entries are added, a listener leaves, or the usage is asked for. A
 * writer never writes before tail + ring size, so a listener reads the bytes from its pos to
 * head without the lock.</li>
 * <li>A listener is woken by SIGUSR1 with {@code Proc.INTERRUPT_NOTIFY} set in its PGPROC
 * (SignalFuncs.sendNotifyInterrupt, PostgreSQL's PROCSIG_NOTIFY_INTERRUPT); the signal wakes
 * its wait for the client through the eventfd.</li>
 * </ul>
 */
package org.tusk.storage.ipc;
