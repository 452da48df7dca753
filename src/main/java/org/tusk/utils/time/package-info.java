/**
 * Snapshots (PostgreSQL's utils/time: snapmgr.c, snapshot.h): what a scan sees of other
 * transactions. A snapshot is taken from the ProcArray under ProcArrayLock in shared mode and is
 * afterwards a private, immutable value of the backend that took it (only its command id moves
 * forward). It needs no lock to use: the transactions it lists as running can only end, and
 * whether they committed is asked of the CLOG, which is why a commit is recorded in the CLOG
 * before the committing backend leaves the ProcArray.
 */
package org.tusk.utils.time;
