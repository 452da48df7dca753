/**
 * Inter-process communication (PostgreSQL's {@code storage/ipc}): the map of the shared-memory
 * region ({@link org.tusk.storage.ipc.SharedMemoryMap}, ipci.c), latches
 * ({@link org.tusk.storage.ipc.Latch}), the postmaster's child flags
 * ({@link org.tusk.storage.ipc.PMChildFlags}, pmsignal.c), signalling other backends
 * ({@link org.tusk.storage.ipc.SignalFuncs}), process exit with cleanup
 * ({@link org.tusk.storage.ipc.ProcExit}, ipc.c), and the shared invalidation message queue
 * ({@link org.tusk.storage.ipc.SinvalQueue}, sinvaladt.c).
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
 */
package org.tusk.storage.ipc;
