/**
 * Inter-process communication (PostgreSQL's {@code storage/ipc}): the map of the shared-memory
 * region ({@link org.tusk.storage.ipc.SharedMemoryMap}, ipci.c), latches
 * ({@link org.tusk.storage.ipc.Latch}), the postmaster's child flags
 * ({@link org.tusk.storage.ipc.PMChildFlags}, pmsignal.c), signalling other backends
 * ({@link org.tusk.storage.ipc.SignalFuncs}) and process exit with cleanup
 * ({@link org.tusk.storage.ipc.ProcExit}, ipc.c).
 *
 * <h2>Locking</h2>
 * Nothing here takes a lock: latches and child flags are single words changed with atomic
 * operations, and each has one writer per state change (see each class). Sleeping is always on a
 * futex (a latch) with a reason to wake: the latch being set, a timeout, or for socket waits the
 * socket or the process's wake-up eventfd. Postmaster death ends every child through
 * PR_SET_PDEATHSIG, so no wait needs to poll for it.
 */
package org.tusk.storage.ipc;
