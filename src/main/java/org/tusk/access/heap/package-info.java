/**
 * The heap table access method (PostgreSQL's {@code access/heap}: heapam.c, heapam_visibility.c,
 * hio.c, pruneheap.c, combocid.c, heapam_handler.c; this text follows README.HOT).
 * {@link org.tusk.access.heap.HeapAm} implements {@link org.tusk.access.table.TableAm}; one
 * instance per backend, acting for that backend's transaction through its
 * {@link org.tusk.access.transam.TransactionOracle}.
 *
 * <h2>Rows, versions and t_ctid</h2>
 * An UPDATE never changes a tuple in place: it stores a new version and sets the old one's xmax
 * (the updating transaction), its cmax and its t_ctid, which points at the new version; a DELETE
 * sets xmax and leaves t_ctid pointing at the tuple itself. A row is thus a chain of versions
 * linked by t_ctid, each member's xmin equal to its predecessor's xmax. A broken equality means the
 * slot was reused after pruning, and every chain walk stops there.
 *
 * <h2>Heap-only tuples (HOT)</h2>
 * If no column any index uses changed and the new version fits on the old one's page, the update
 * is HOT: the old version gets HEAP_HOT_UPDATED, the new one HEAP_ONLY_TUPLE, and no index entry is
 * made. Index entries point only at a chain's root (the first version, not heap-only), and an
 * index fetch ({@code heap_hot_search_buffer}) walks the HOT chain from there, on that one page, to
 * the member its snapshot sees. A chain never leaves its page; an update that needs another page
 * ends the HOT chain and the caller must make index entries ({@code updateIndexes}).
 *
 * <h2>Pruning</h2>
 * Versions dead to every transaction (deleter committed before
 * {@code oracle.oldestNonRemovableXid()}, or inserter aborted) are removed page by page, by any
 * backend that reads the page and finds it worth it ({@code heap_page_prune_opt}: pd_prune_xid,
 * set by every delete and update, is old enough and the page is full or under a tenth free):
 * <ul>
 * <li>a dead heap-only tuple's line pointer becomes LP_UNUSED (no index points at it);</li>
 * <li>a chain's dead prefix is cut: the root line pointer becomes LP_REDIRECT to the first
 *     surviving member, or LP_DEAD if none survives (index entries still point at it; VACUUM,
 *     not yet written, would remove those and then free the pointer);</li>
 * <li>the page is defragmented (PageRepairFragmentation) so free space is contiguous.</li>
 * </ul>
 * Recently dead members (deleted, but maybe still visible to someone) are kept. The change is
 * logged as XLOG_HEAP2_PRUNE. Because defragmenting moves tuples, pruning needs the cleanup lock
 * and only tries for it (never waits): a pinned page is someone else's working set.
 *
 * <h2>Visibility</h2>
 * {@code HeapVisibility} implements HeapTupleSatisfiesMVCC (scans and fetches), ...Update (may this
 * command change the tuple: OK, INVISIBLE, SELF_MODIFIED, BEING_MODIFIED, UPDATED, DELETED),
 * ...Dirty (unique checks: live or maybe-live, and whom to wait for) and ...Vacuum (pruning). Own
 * changes are judged by command id (cmin/cmax; a tuple inserted and deleted by one transaction
 * has a combo command id, {@link org.tusk.access.heap.ComboCids}, backend-local and forgotten at
 * transaction end). Other transactions are asked in a fixed order: running (snapshot or ProcArray)
 * before committed (CLOG), because the CLOG is written before the ProcArray entry is cleared.
 *
 * <p>Hint bits (HEAP_XMIN_COMMITTED/INVALID, HEAP_XMAX_COMMITTED/INVALID) cache a transaction's
 * outcome in the tuple. They are set under a share lock and only dirty the buffer
 * (MarkBufferDirtyHint, no WAL). A commit hint is set only if the commit record is flushed or the
 * page's LSN is already past it, so no page reaches disk claiming a commit that a crash lost. With
 * data checksums on (not Tusk's initdb default) no hints are set at all, since a torn hint write
 * would then fail the checksum and PostgreSQL's remedy (a WAL-logged page image) is not written.
 *
 * <h2>Concurrent changes of one row</h2>
 * Delete and update lock the page exclusively and ask HeapTupleSatisfiesUpdate. If another
 * transaction's xmax is there and still running, with {@code wait} they unlock the page (keeping
 * the pin), wait for that transaction ({@code oracle.waitForTransaction}, cancellable), relock, and
 * start over if xmax changed meanwhile; otherwise the outcome is UPDATED (with the new version's
 * ctid, for EvalPlanQual) or DELETED if the other committed, OK if it aborted. Without wait they
 * return BEING_MODIFIED. PostgreSQL also takes a heavyweight tuple lock so waiters queue in order;
 * that needs the lock manager and is missing (outcomes are the same, fairness is not).
 *
 * <h2>Row locks (heap_lock_tuple)</h2>
 * {@link org.tusk.access.heap.HeapLock} marks a version locked: xmax = the locker's xid with
 * HEAP_XMAX_LOCK_ONLY and HEAP_XMAX_KEYSHR_LOCK / HEAP_XMAX_SHR_LOCK / HEAP_XMAX_EXCL_LOCK
 * (+ HEAP_KEYS_UPDATED for FOR UPDATE), t_ctid pointing at itself, logged as XLOG_HEAP_LOCK
 * (xl_heap_lock, pg_waldump decodes it; HeapRedo replays it). Every visibility routine treats a
 * lock-only xmax as not deleting the tuple (HEAP_XMAX_IS_LOCKED_ONLY). A locker meeting another
 * transaction's xmax first takes the heavyweight tuple lock (LockTuple, in the mode
 * tupleLockExtraInfo gives), so waiters queue in order, then waits for that transaction
 * (XactLockTableWait: interruptible, deadlock-checked); NOWAIT fails with 55P03, SKIP LOCKED
 * reports WOULD_BLOCK. A lock this transaction already holds in a mode at least as strong is
 * left alone; a weaker one of ours is raised.
 *
 * <p><b>No MultiXacts.</b> One xmax names one transaction, so two transactions cannot hold share
 * locks on a row at once, nor a key-share locker coexist with a non-key updater: the second one
 * waits for the first to end (heap_update and heap_delete, too, wait for any locker). This is
 * stronger than PostgreSQL's conflict table and never weaker. For the same reason a
 * subtransaction that strengthens its parent's lock keeps the parent's xid in xmax, so the
 * stronger lock outlives the subtransaction's abort. heap_update and heap_delete still wait
 * without taking the tuple lock (no queueing order among them).
 *
 * <h2>Locking order</h2>
 * <ol>
 * <li>Content locks of two heap pages are taken in block-number order (an update's old and new
 *     page); the old page is unlocked while a new page is looked for, and its tuple's xmax
 *     re-checked once both are locked (PostgreSQL instead marks the tuple locked meanwhile, with an
 *     XLOG_HEAP_LOCK record).</li>
 * <li>The relation extension lock ({@code storage.lmgr.RelationExtensionLocks}) is taken with no
 *     content lock held; under it the new block's buffer is made and locked before the file grows,
 *     so nobody can see the page until it is initialised.</li>
 * <li>Nothing sleeps holding a content lock: waiting for a transaction releases it first.</li>
 * <li>A change happens in PostgreSQL's critical-section order: change the page, MarkBufferDirty,
 *     XLogInsert, PageSetLSN, unlock. A failure between the change and the LSN is a PANIC.</li>
 * </ol>
 *
 * <h2>WAL and redo</h2>
 * Records are PostgreSQL 15's, byte for byte (pg_waldump decodes them): XLOG_HEAP_INSERT,
 * XLOG_HEAP_DELETE, XLOG_HEAP_UPDATE, XLOG_HEAP_HOT_UPDATE (with XLOG_HEAP_INIT_PAGE when the
 * tuple is the first on a new page) and XLOG_HEAP2_PRUNE, pages registered REGBUF_STANDARD so a
 * full-page image leaves out the hole. {@link org.tusk.access.heap.HeapRedo} replays them
 * idempotently through {@code XLogUtils.readBufferForRedo}; redo stores FirstCommandId as the
 * command id and does not rebuild pd_prune_xid, which is why comparing a replayed page with its
 * original masks those (heap_mask).
 *
 * <h2>Lazy VACUUM</h2>
 * {@link org.tusk.access.heap.HeapVacuum} (vacuumlazy.c): every page is pruned (or, if its cleanup
 * lock is not free at once, only examined), the LP_DEAD line pointers collected; the caller's
 * index pass removes the index entries pointing at them; only then are they set LP_UNUSED and
 * the line pointer array truncated, logged as XLOG_HEAP2_VACUUM (the offsets as block data,
 * replayed by HeapRedo). Freeing a line pointer before its index entries are gone would let a
 * new row take the slot under an old entry. Pass two needs only the exclusive content lock: no
 * tuple moves. Pages found all-visible get their visibility map bits (see below). Nothing is
 * frozen and empty pages at the end are not truncated; a page whose cleanup lock was not free is
 * examined but not marked all-visible.
 *
 * <h2>VACUUM FULL and index builds</h2>
 * {@link org.tusk.access.heap.HeapRewrite} (rewriteheap.c) copies every tuple not dead to every
 * snapshot into the table's new storage with its header, pointing updated versions' t_ctid at their
 * successors' new places, each page WAL-logged whole. {@link org.tusk.access.heap.HeapIndexBuildScan}
 * (heapam_index_build_range_scan over SnapshotAny) hands an index build under ShareLock every
 * tuple some snapshot may still see, recently dead ones (unless HOT-updated) marked not alive.
 *
 * <h2>Visibility map</h2>
 * {@link org.tusk.access.heap.VisibilityMap} (visibilitymap.c) is the {@code _vm} fork: two bits
 * per heap page, ALL_VISIBLE and ALL_FROZEN, after a standard page header, byte-compatible with
 * PostgreSQL 15. Invariants: a set ALL_VISIBLE bit implies PD_ALL_VISIBLE on the heap page, and
 * both imply that every tuple on the page is visible to every current and future snapshot.
 * <ul>
 * <li>Only lazy VACUUM sets them, for a page it has pruned and found with no LP_DEAD item and
 *     only LIVE tuples whose inserters committed (hint bit set) before OldestXmin (lazy_scan_prune),
 *     or again after its second pass freed a page's dead items (heap_page_is_all_visible). It holds
 *     the heap page's exclusive content lock, sets PD_ALL_VISIBLE, marks the buffer dirty, then
 *     sets the bits under the VM page's exclusive lock and logs XLOG_HEAP2_VISIBLE (VM page as
 *     block 0, the heap page as block 1 without an image, cutoff xid the newest xmin). ALL_FROZEN
 *     is set only when every tuple is already frozen, since Tusk does not freeze.</li>
 * <li>heap_insert, heap_update (both pages) and heap_delete clear PD_ALL_VISIBLE and both bits
 *     in their critical section, under the heap page's exclusive lock, and say so in their record
 *     (XLH_*_ALL_VISIBLE_CLEARED); heap_lock_tuple clears ALL_FROZEN (XLH_LOCK_ALL_FROZEN_CLEARED).
 *     Redo clears the bits again whatever the heap page's LSN.</li>
 * <li>Lock order: heap page content locks first, then the VM page's; a VM page lock is never held
 *     while a heap page lock is requested. Unlike PostgreSQL, which pins the VM page before locking
 *     the heap page (visibilitymap_pin), Tusk reads the VM page while holding the heap page's lock,
 *     so that read's I/O can happen under the heap lock (no deadlock: the order above holds).</li>
 * <li>The fork is created and zero-extended on first use under the relation extension lock,
 *     without WAL; a zero page is an empty map. DROP and TRUNCATE remove it with the other forks.</li>
 * <li>Readers (index-only scans, {@code TableAm.isAllVisible}) take only the VM page's share lock.
 *     VACUUM and ANALYZE store the number of all-visible pages in pg_class.relallvisible.</li>
 * </ul>
 *
 * <h2>Fillfactor</h2>
 * An insert leaves {@code Relation.targetPageFreeSpace()} bytes free on a page that already
 * exists (RelationGetBufferForTuple's saveFreeSpace), so updates of its rows can stay on it
 * (HOT); a page just added takes the tuple regardless. Pruning's "short of space" threshold is
 * the larger of that reserve and a tenth of the page.
 *
 * <h2>TOAST</h2>
 * {@link org.tusk.access.heap.HeapToast} is heap_toast_insert_or_update: a table row (relkind
 * 'r'/'m') longer than TOAST_TUPLE_THRESHOLD (2032), or whose old version (on UPDATE) has
 * external values, goes through PostgreSQL's four passes before the tuple is formed, in
 * heap_insert and heap_update alike and before any main-table buffer is locked: widest 'x' values
 * pglz-compressed, 'x'/'e' values moved out of line, 'm' values compressed, 'm' values moved out
 * against MaxHeapTupleSize. Moving out ({@link org.tusk.access.heap.ToastInternals}, toast_save_datum)
 * inserts chunks of at most TOAST_MAX_CHUNK_SIZE (1996) bytes into the table's TOAST relation
 * (pg_toast.pg_toast_&lt;oid&gt;: chunk_id oid, chunk_seq int4, chunk_data bytea, storage 'p') through
 * heap_insert and its unique B-tree index through the index AM, WAL-logged as any insert, under a
 * value OID from the shared counter that has no entry at all in that index (GetNewOidWithIndex).
 * The tuple then holds the 18-byte pointer (va_toastrelid = the TOAST relation's OID). Chunk
 * pages and pointers are byte-identical to PostgreSQL 15's (checked with pageinspect).
 *
 * <p>Reading: every value leaves the access method detoasted
 * ({@link org.tusk.access.heap.HeapSlots}, HeapLock's result, the indexed-column check of
 * heap_update): toast_fetch_datum reads the chunks in chunk_seq order through the index and
 * judges each with SnapshotToast ({@code HeapVisibility.satisfiesToast}: only an aborted or invalid
 * xmin hides a chunk). Whether the reader may see the value was already decided by the main
 * tuple's visibility under its snapshot; the chunks of an old row version stay readable after a
 * later UPDATE or DELETE has deleted them, because the reader's xmin holds back pruning and
 * VACUUM of the TOAST relation. Chunk pages are share-locked one at a time, possibly while the
 * main-table page is share-locked: TOAST pages are always locked after main-table pages, never
 * before, and no TOAST page lock is held while waiting for anything, so this cannot deadlock.
 *
 * <p>Deleting: heap_delete, after unlocking the page, deletes the row's external values
 * (heap_toast_delete: every chunk heap-deleted by the same transaction and command). heap_update
 * keeps an old external value as the same pointer when the new value is that very value object
 * ({@link org.tusk.access.heap.DetoastedOrigins}: Tusk's slots hold detoasted values, so
 * PostgreSQL's pointer comparison becomes an identity test on the object the value was read
 * into), and deletes the others once the new version is in (toast_tuple_cleanup). If the update
 * cannot be done after all (the row changed concurrently), the values it saved are deleted again
 * at once.
 *
 * <h2>Not here (yet)</h2>
 * TOAST slices (toast_fetch_datum_slice: substr reads whole values), lz4, the toast_tuple_target
 * storage parameter's SQL (the relcache reads it from reloptions, ALTER TABLE SET does not accept
 * it), TOAST relations of system catalogs (catalog rows are never moved out of line), and
 * PostgreSQL's tuple lock before toasting in heap_update.
 * Also missing: freezing (so VACUUM never finds a page all-frozen, and does not truncate empty
 * pages at the end either), multixacts (an xmax that is a MultiXactId is refused), speculative
 * insertion, the prefix/suffix compression of update records, and logical-decoding data. New rows
 * find room through the free space map ({@code storage.freespace}), which VACUUM fills.
 */
package org.tusk.access.heap;
