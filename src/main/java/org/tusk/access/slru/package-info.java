/**
 * Simple LRU buffering of small, append-mostly status files (PostgreSQL's slru.c):
 * {@link org.tusk.access.slru.SlruShared} is the structure in shared memory,
 * {@link org.tusk.access.slru.Slru} one process's handle with the operations, and
 * {@code SlruFiles} the segment files on disk.
 *
 * <h2>Layout</h2>
 * An SLRU of N buffers takes 64 + 32·N bytes of header and slot descriptors (rounded up to 64)
 * plus 8192·N bytes of pages. Zero is a valid state: every slot EMPTY. Pages are numbered from 0;
 * page p is in segment file {@code DIR/%04X} of p / 32, at byte (p % 32)·8192.
 *
 * <h2>Locking</h2>
 * <ul>
 * <li>The control lock guards every slot descriptor, the LRU counter, the latest page number and
 *     the page contents. Read a resident page under it shared; change anything under it held
 *     exclusively. (Shared holders also bump LRU counts: a lost update only ages a page.)</li>
 * <li>A slot's buffer lock is held exclusively by the one process reading the page in or writing
 *     it out, while it does not hold the control lock. To wait for that I/O, a process releases the
 *     control lock and takes the buffer lock shared: it sleeps on the lock's futex, never spins.
 *     Then it re-takes the control lock and must look again, since the slot may hold another page
 *     by now.</li>
 * <li>Order: buffer lock, then control lock (the I/O process re-takes the control lock before it
 *     lets go of the buffer lock, so "status is in progress" implies "buffer lock held" for anyone
 *     holding the control lock). Nobody waits for a buffer lock while holding the control lock.</li>
 * <li>The page being filled (latest page number) is never evicted; a dirty victim is written out
 *     before its slot is reused; a write clears the dirty flag before it starts, so a change made
 *     meanwhile leaves the page dirty and it is written again.</li>
 * <li>An I/O error leaves the slot as it was found (EMPTY after a failed read, VALID and dirty
 *     after a failed write) and is thrown with the control lock held, so the caller's
 *     {@code finally} releases it. A process that dies in the middle of I/O leaves the buffer lock
 *     held; as for every LWLock, the postmaster then re-creates shared memory.</li>
 * </ul>
 *
 * <h2>Group LSNs</h2>
 * An SLRU may keep LSNs with its pages (the CLOG: one per 32 transactions, for asynchronous
 * commits). They are in shared memory after the pages, guarded by the control lock like the
 * pages, zeroed when a page is read in or created, and cannot change while the page is being
 * written (their setters read the page with {@code writeOk} false). Before a page is written the
 * process flushes WAL up to its highest group LSN (SlruPhysicalWritePage's XLogFlush), without
 * the control lock; a handle that cannot flush WAL refuses to write such a page.
 *
 * <h2>Durability</h2>
 * Page writes go to the kernel only; {@link org.tusk.access.slru.Slru#writeAll()} (a checkpoint)
 * writes every dirty page and fsyncs all segment files and the directory. PostgreSQL instead has
 * each write queue a sync request for the checkpointer; the effect at checkpoint is the same.
 * Changes made after the last checkpoint are recovered from WAL by the SLRU's owner (CLOG from
 * commit, abort and CLOG_ZEROPAGE records; pg_subtrans is rebuilt empty at startup).
 */
package org.tusk.access.slru;
