/**
 * Snapshots (PostgreSQL's utils/time: snapmgr.c, snapshot.h): what a scan sees of other
 * transactions. {@link org.tusk.utils.time.Snapshot} is taken from the ProcArray under
 * ProcArrayLock in shared mode and is afterwards a private, immutable value of the backend that
 * took it (only its command id moves forward). It needs no lock to use: the transactions it lists
 * as running can only end, and whether they committed is asked of the CLOG, which is why a commit
 * is recorded in the CLOG before the committing backend leaves the ProcArray.
 *
 * <p>{@link org.tusk.utils.time.SnapshotManager} is one backend's snapmgr.c: a new snapshot per
 * statement in READ COMMITTED, one per transaction in REPEATABLE READ and SERIALIZABLE;
 * RegisterSnapshot/UnregisterSnapshot; and the published xmin (MyProc->xmin), which is set when
 * a snapshot is taken without one, only ever raised to the oldest registered snapshot's xmin or
 * cleared (SnapshotResetXmin), and cleared at the end of the transaction. Invariant: the
 * published xmin is never newer than the xmin of any snapshot the backend still uses, so vacuum's
 * horizon never passes a row such a snapshot can see. SERIALIZABLE uses the REPEATABLE READ
 * snapshot rules only (snapshot isolation): there is no predicate locking (predicate.c, SSI), so
 * it does not detect read/write dependency cycles. Not done: the active-snapshot stack,
 * exported and historic snapshots, snapshot "too old".
 */
package org.tusk.utils.time;
