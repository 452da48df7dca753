/**
 * Locks and process entries (PostgreSQL's {@code storage/lmgr}): lightweight locks
 * ({@link org.tusk.storage.lmgr.LWLock}) and the PGPROC array with the ProcArray's dense
 * {@code xids[]}/{@code xmins[]} ({@link org.tusk.storage.lmgr.ProcGlobal},
 * {@link org.tusk.storage.lmgr.Proc}).
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>LWLocks are held briefly, never across a wait for anything else, and are not
 *     interruptible; waiters sleep on the lock word with FUTEX_WAIT after announcing themselves,
 *     so a release never misses a sleeper.</li>
 * <li>A PGPROC is written only by its owner, except the pending-interrupt bits (atomic OR by
 *     signallers) and the latch word (atomics). ProcArray membership and the xid/xmin mirrors are
 *     changed under ProcArrayLock, exclusively for membership, shared for one's own xid/xmin.</li>
 * <li>A crashed process may leave an LWLock held or a PGPROC half-written: that is why any crash of
 *     a process with a slot makes the postmaster re-create shared memory.</li>
 * </ul>
 * The heavyweight lock manager (lock.c) joins this package with the SQL engine's table locks.
 */
package org.tusk.storage.lmgr;
