/**
 * The shared buffer pool (PostgreSQL's {@code storage/buffer}; its README is the model for this
 * text).
 *
 * <h2>Structure</h2>
 * {@link org.tusk.storage.buffer.BufferPool} lays out, in the shared-memory region, the clock
 * hand, {@code shared_buffers} buffer descriptors, the buffer mapping table and the pages.
 * {@link org.tusk.storage.buffer.BufferManager} is one process's access to it: read a block into
 * a buffer and pin it, lock its contents, mark it dirty, release it.
 *
 * <h2>Rules (buffer/README: "Buffer Pinning", "Buffer Content Locks")</h2>
 * <ol>
 * <li>To scan a page for tuples, a process must hold a pin and at least a share content lock.
 *     Pins may be held a long time; content locks only briefly.</li>
 * <li>Once the share lock is released, tuples already examined may be used as long as the pin
 *     is held (the page cannot be replaced, and tuples are not moved under a pin: moving them
 *     needs the exclusive lock and no other pin, the "cleanup lock").</li>
 * <li>To add a tuple or change a tuple's header (xmax, t_ctid...), a process must hold a pin
 *     and an exclusive content lock, and must mark the buffer dirty before releasing the lock.</li>
 * <li>Hint bits (a tuple's commit-status bits, pd_prune_xid) may be set with only a pin and a share
 *     lock, followed by {@code markDirtyHint} (MarkBufferDirtyHint): two processes setting different
 *     bits of one word at once may lose one, which only costs a later re-check. Such changes are
 *     not WAL-logged; with data checksums (off in Tusk) they would need a page image first, so a
 *     caller that knows checksums are on sets none.</li>
 * <li>To move tuples within a page (pruning's defragmentation), a process must hold the cleanup
 *     lock: the exclusive content lock while its own single pin is the only pin
 *     ({@code conditionalLockBufferForCleanup}, which never waits). A process pinning the buffer
 *     afterwards must still take the content lock before it reads, so it sees the result.</li>
 * <li>A pin is one atomic increment of the descriptor's state word; no lock is taken. Each process
 *     counts its own pins per buffer (PrivateRefCount, a {@code PrivateBufferMap} of primitive ints:
 *     every buffer access consults it) and holds at most one shared pin per buffer, so releasing
 *     everything at error or exit is exact.</li>
 * </ol>
 *
 * <h2>Mapping and replacement</h2>
 * The mapping table (tag → buffer) is split into 128 partitions, each with its own LWLock:
 * lookups share-lock one partition; replacing a buffer's block exclusively locks the old and new
 * tags' partitions, taken in partition-number order in every process, so replacements never
 * deadlock. A buffer's tag changes only with the header lock held, the changer holding the only
 * pin, and both partition locks held, so a process that found and pinned a buffer can trust its
 * tag. Victims are chosen by the clock sweep over usage counts; bulk operations use a ring
 * ({@link org.tusk.storage.buffer.BufferAccessStrategy}).
 *
 * <h2>I/O</h2>
 * One process at a time does I/O on a buffer: it sets BM_IO_IN_PROGRESS, others sleep on the
 * state word (FUTEX_WAIT) until TerminateBufferIO wakes them. A dirty page is written only after
 * the WAL up to its LSN is flushed (WAL before data). A change made while a page is being written
 * sets BM_JUST_DIRTIED, so the buffer stays dirty. A process that dies during I/O leaves
 * BM_IO_IN_PROGRESS set, which, like any crash, makes the postmaster re-create shared memory.
 *
 * <h2>The header lock</h2>
 * BM_LOCKED in the state word guards changes that must be made together (tag, flags, usage count)
 * for a few instructions. Waiting for it spins briefly, then sleeps with growing delays, and gives
 * up after about a minute and a half ("stuck spinlock"), as PostgreSQL's s_lock does.
 */
package org.tusk.storage.buffer;
