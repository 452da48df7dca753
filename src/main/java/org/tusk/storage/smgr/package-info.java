/**
 * The storage manager (PostgreSQL's {@code storage/smgr}: smgr.c and md.c, with relpath.c's file
 * naming and fd.c's cache of open files). {@link org.tusk.storage.smgr.StorageManager} reads and
 * writes 8192-byte blocks of relation forks ({@link org.tusk.storage.smgr.RelFileLocator},
 * {@link org.tusk.storage.smgr.ForkNumber}) stored in files named as PostgreSQL 15 names them
 * ({@link org.tusk.storage.smgr.RelPath}).
 *
 * <h2>Files</h2>
 * <pre>
 * base/&lt;dbOid&gt;/&lt;relNumber&gt;[_fsm|_vm|_init][.&lt;segno&gt;]     global/&lt;relNumber&gt;... for shared relations
 * </pre>
 * A fork is segment 0 plus segments 1, 2, ... of RELSEG_SIZE blocks (1 GB; a constructor
 * parameter so tests can cross segment boundaries cheaply). Invariants, from md.c:
 * <ul>
 * <li>Every segment before the last active one is exactly RELSEG_SIZE blocks; extension fills a
 *     short predecessor before starting a new segment.</li>
 * <li>The fork's length is found by walking segments until one is not full; trailing zero-length
 *     segments (left by truncation) are inactive and are reused by later extension.</li>
 * <li>Segment 0 exists for as long as the fork does; truncation never removes a file, only
 *     unlink does.</li>
 * <li>Reading a block that is not there is an error ("could not read block %u in file \"%s\":
 *     read only %d of %d bytes"); blocks are written in full or the call fails.</li>
 * </ul>
 *
 * <h2>Who may do what</h2>
 * The storage manager has no locking of its own, and one instance belongs to one process (its
 * open files are a per-process resource, like fd.c's VFDs). Callers serialize: the buffer manager
 * ensures one I/O at a time per block (a buffer's I/O-in-progress state), extension of a
 * relation is serialized by the relation extension lock, and truncation or unlinking happens
 * only under an AccessExclusiveLock on the relation, after which other processes must
 * {@code closeRelation} on invalidation so that they reopen files by name. The per-process cache
 * of segment-0 path names (by file locator and fork) needs no invalidation: a locator's path
 * never changes, and a new relfilenode is a new locator.
 *
 * <h2>Durability</h2>
 * Writes go to the kernel; the storage manager does not track what needs fsync. Every write,
 * extension and truncation not marked skipFsync reports its segment to the caller-supplied
 * {@link org.tusk.storage.smgr.SyncRequestHook} (the checkpointer's request queue, later); a
 * refused request is fsynced at once. An fsync failure is a PANIC, as in PostgreSQL since 2018:
 * the kernel may have dropped the dirty pages, so only WAL replay can be trusted.
 */
package org.tusk.storage.smgr;
