/**
 * Locks and process entries (PostgreSQL's {@code storage/lmgr}, with procarray.c): lightweight
 * locks ({@link org.tusk.storage.lmgr.LWLock}), the PGPROC array with the ProcArray's dense
 * {@code xids[]}/{@code xmins[]}/{@code subxidStates[]} ({@link org.tusk.storage.lmgr.ProcGlobal},
 * {@link org.tusk.storage.lmgr.Proc}), the visibility operations over them
 * ({@link org.tusk.storage.lmgr.ProcArray}: GetSnapshotData, TransactionIdIsInProgress's scan,
 * ComputeXidHorizons, ProcArrayEndTransaction, XidCacheRemoveRunningXids), and the heavyweight
 * lock manager (lock.c, proc.c, deadlock.c, lmgr.c).
 *
 * <h2>LWLocks and PGPROCs</h2>
 * <ul>
 * <li>LWLocks are held briefly, never across a wait for anything else, and are not
 *     interruptible; waiters sleep on the lock word with FUTEX_WAIT after announcing themselves,
 *     so a release never misses a sleeper.</li>
 * <li>A PGPROC is written only by its owner, except the pending-interrupt bits (atomic OR by
 *     signallers) and the latch word (atomics). ProcArray membership, the xid/xmin/subxid-cache
 *     fields and their dense mirrors are changed under ProcArrayLock: exclusively for membership
 *     and for removing xids (ending a transaction or aborting a subtransaction, together with
 *     advancing latestCompletedXid); shared for adding one's own xid or subxid, or changing one's
 *     own xmin. A subxid cache entry is stored before the count that makes it visible.</li>
 * <li>Snapshots: GetSnapshotData holds ProcArrayLock shared, so it sees a set of running xids and
 *     a latestCompletedXid that belong together; xmax = latestCompletedXid + 1, and every xid
 *     below xmax that is not listed had ended (in the CLOG, since a transaction is recorded there
 *     before it leaves the ProcArray). Afterwards the snapshot is a private value needing no lock:
 *     what it lists as running can only end, and what it treats as ended cannot start again.
 *     The taker's xmin is published (if it had none) before the lock is released, so no horizon
 *     computed later passes what the snapshot may still need.</li>
 * <li>Subxid cache: at most {@code PGPROC_MAX_CACHED_SUBXIDS} (64) subtransaction xids per PGPROC;
 *     beyond that {@code overflowed} is set until the top-level transaction ends, and snapshots
 *     and in-progress checks fall back to pg_subtrans for that backend.</li>
 * <li>A crashed process may leave an LWLock held or a PGPROC half-written: that is why any crash of
 *     a process with a slot makes the postmaster re-create shared memory.</li>
 * <li>The relation extension lock ({@link org.tusk.storage.lmgr.RelationExtensionLocks}, PostgreSQL's
 *     LockRelationForExtension) is one of a fixed array of LWLocks chosen by hashing the relation's
 *     file locator. It is held only while one page is added to a relation: from reading its length,
 *     through writing the new zero block, until the new buffer is initialised and marked dirty (so,
 *     unlike other LWLocks, across that one block's I/O, as PostgreSQL holds its heavyweight
 *     extension lock). Its holder takes no other extension lock, and no content lock but the new
 *     page's, which no one else can reach yet, so sharing a lock between relations costs waits,
 *     never deadlocks.</li>
 * </ul>
 *
 * <h2>The heavyweight lock manager</h2>
 * Heavyweight locks are what SQL-level objects are locked with: relations, tuples, transactions
 * (so that one can wait for another to end), objects, advisory locks, relation extension. A
 * {@link org.tusk.storage.lmgr.LockTag} names the object (PostgreSQL's LOCKTAG fields, so
 * pg_locks can show them), a {@link org.tusk.storage.lmgr.LockMode} is one of PostgreSQL's eight
 * modes, and modes conflict by lock.c's table. Locks are held until released or until the
 * transaction ends; session locks (advisory locks at session level) survive transaction end.
 *
 * <h3>Data structures</h3>
 * The shared table ({@link org.tusk.storage.lmgr.LockTable}, laid out by {@code LockShmem}) holds
 * fixed arrays, sized once from {@code max_locks_per_transaction × numSlots} (NLOCKENTS) LOCKs
 * and twice as many PROCLOCKs:
 * <ul>
 * <li>A <b>LOCK</b> exists for every object someone holds or awaits a lock on: its tag,
 *     {@code grantMask} (modes granted to anyone), {@code waitMask} (modes someone waits for),
 *     {@code requested[]}/{@code granted[]} counts per mode with their totals, the list of its
 *     PROCLOCKs, and its wait queue: a doubly-linked list of PGPROC numbers, in wait order.
 *     Invariants: {@code granted[m] <= requested[m]}; {@code nRequested - nGranted} is the number of
 *     queued waiters; bit m of {@code grantMask} is set iff {@code granted[m] > 0}; a LOCK with
 *     {@code nRequested == 0} has no PROCLOCKs and no waiters and is freed at once.</li>
 * <li>A <b>PROCLOCK</b> exists for each (LOCK, process) pair where the process holds or awaits a
 *     mode; {@code holdMask} is what it holds. One with {@code holdMask == 0} exists only while its
 *     process waits for the LOCK.</li>
 * <li>Each PGPROC's lock-wait fields (PostgreSQL's waitLock, waitProcLock, waitLockMode,
 *     waitStatus, heldLocks, links, waitStart; plus lxid for pg_locks) live in an array beside the
 *     PGPROC array. {@code waitLock != 0} iff the process is in that LOCK's wait queue.</li>
 * <li>Each process keeps a private LOCALLOCK table ({@link org.tusk.storage.lmgr.LockManager}):
 *     how many times it holds each (tag, mode), for the transaction and for the session. The
 *     shared table is touched only on the first acquisition and the last release.</li>
 * </ul>
 * Entries are found by hashing the tag: the low 4 bits pick one of 16 partitions
 * (NUM_LOCK_PARTITIONS), the bits above a bucket of that partition's hash chains. Free LOCKs and
 * PROCLOCKs are kept on two free lists shared by all partitions. When none is left the request
 * fails with 53200 "out of shared memory" (HINT: increase max_locks_per_transaction) and
 * changes nothing.
 *
 * <h3>Locking rules</h3>
 * <ul>
 * <li>Each partition has its own LWLock ("LockManager", PostgreSQL's LockMgrLock partitions). It
 *     protects the partition's buckets, the LOCKs whose tags hash to it, their PROCLOCKs and wait
 *     queues, and the wait fields of every process queued on those LOCKs. All changes are made
 *     holding it exclusively.</li>
 * <li>Code that needs the whole table (the deadlock check exclusively, pg_locks shared) takes all
 *     16 partition locks in partition order and releases them in reverse: that order is what
 *     keeps LWLock waits deadlock-free. Ordinary operations hold exactly one partition lock.</li>
 * <li>The free-list LWLock is taken only inside a partition lock, never the other way round, and
 *     held for a few instructions.</li>
 * <li>No one sleeps while holding a partition lock. A waiter queues itself, releases the lock and
 *     sleeps on its latch; the process that grants it the lock does all the bookkeeping (grant
 *     counts, holdMask, removal from the queue, waitStatus = OK) under the partition lock, then
 *     sets the waiter's latch. The waiter reads its waitStatus (a volatile read) after resetting
 *     its latch, so no wake-up is lost.</li>
 * </ul>
 *
 * <h3>Grant order</h3>
 * A request is granted at once if it conflicts neither with modes granted to other processes
 * (LockCheckConflicts: one's own holdings never conflict) nor with any mode in {@code waitMask}:
 * a newcomer does not overtake earlier conflicting waiters. Otherwise it waits at the tail of the
 * queue, except that a process already holding modes on the LOCK goes ahead of the first waiter
 * whose request conflicts with those holdings (that waiter must wait for it anyway), and is
 * granted without waiting if nothing granted or ahead of it conflicts (PostgreSQL's ProcSleep).
 * If that waiter also holds a mode the process needs, the deadlock is certain and is reported at
 * once. On every release that could matter, ProcLockWakeup walks the queue in order and grants
 * every waiter that conflicts neither with granted modes nor with waiters still ahead of it.
 *
 * <h3>Waiting, timeouts and errors</h3>
 * A waiter sleeps on its latch. After {@code deadlock_timeout} it runs the deadlock check once
 * ({@code DeadLockChecker}: a depth-first search of the waits-for graph from itself, under all
 * partition locks); on a cycle it removes itself from the queue and raises 40P01 "deadlock
 * detected" with one DETAIL line per edge ("Process N waits for Mode on object; blocked by
 * process M."). Soft edges (waiters ahead in a queue) count as edges, but wait queues are never
 * rearranged to break a cycle as PostgreSQL's TopoSort does: such a cycle is reported as a
 * deadlock instead. {@code lock_timeout} raises 55P03 "canceling statement due to lock timeout";
 * the caller's interrupt check ({@link org.tusk.storage.lmgr.LockWaitContext}) raises cancel,
 * statement timeout or terminate. Whatever ends a wait, the waiter first removes itself from the
 * queue under the partition lock (LockErrorCleanup), which may let waiters behind it proceed; if
 * it had been granted the lock in the same instant it keeps it, to be released with the
 * transaction. Postmaster death ends the process through PR_SET_PDEATHSIG, so no wait polls for it.
 *
 * <h3>Release</h3>
 * The transaction's end calls {@code releaseAll(false)}; process exit runs
 * {@code releaseAll(true)} from the ProcExit callback that {@code LockManager.registerExit}
 * installs, so a process that exits (normally or with FATAL) leaves nothing in the table. A
 * process that crashes may leave entries behind, like a held LWLock: the postmaster then
 * re-creates all of shared memory.
 *
 * <h3>Virtual transaction ids</h3>
 * Every transaction of a backend gets the next local transaction id at its start, published in
 * the per-slot lock-wait fields (volatile, written only by the owner) and held as ExclusiveLock on
 * its VIRTUALTRANSACTION tag until it ends ({@link org.tusk.storage.lmgr.VirtualTransactions}).
 * That lock is held on the fast path, as PostgreSQL's fpVXIDLock: only the slot's {@code fpVxid}
 * word (the lxid, or 0) records it, changed by compare-and-set; a backend about to wait for it
 * first enters it in the table as the owner's granted lock, under the tag's partition lock, and
 * the owner that finds its word already cleared releases it from the table under the same lock.
 * WaitForLockers reads, under one partition lock held shared, the holders of a relation lock
 * whose modes conflict with a given mode and their lxids, then waits for each by taking ShareLock
 * on its virtual transaction tag (an ordinary, cancellable, deadlock-checked lock wait).
 * GetCurrentVirtualXIDs reads the ProcArray's xmins under ProcArrayLock and then each backend's
 * lxid: a backend that moved on meanwhile yields a newer lxid, which can only make the caller
 * wait for more than it had to, never for less.
 *
 * <h3>Fast-path relation locks</h3>
 * The weak relation locks every query takes (AccessShareLock, RowShareLock, RowExclusiveLock on
 * a relation of the backend's own database) are kept in 16 slots of the backend's own PGPROC
 * under its own LWLock ({@link org.tusk.storage.lmgr.FastPathLocks}, lock.c's fpLockBits and
 * fpRelId), not in the table: a query's relation locks touch no partition lock and no memory
 * another process writes. A request that conflicts with weak modes (ShareLock and stronger)
 * first raises a strong-lock count for its tag's hash partition, which closes the fast path for
 * that relation, and moves every backend's slots for the relation into the table as that
 * backend's granted locks; then it checks conflicts as usual. The owner of a moved lock finds its
 * slot empty at release and releases it from the table (LockRefindAndRelease). The count is
 * lowered when the strong request's LOCALLOCK goes (granted and released, or failed). pg_locks
 * lists slot locks with fastpath = true, and WaitForLockers reads the slots as well as the table.
 * FastPathLocks' comment states the ordering argument and the lock order (an infoLock before a
 * partition lock).
 *
 * <h3>Not implemented</h3>
 * Lock groups (parallel query), wait-queue rearrangement for soft deadlocks, log_lock_waits,
 * predicate locks (SSI) and two-phase commit's lock transfer.
 */
package org.tusk.storage.lmgr;
