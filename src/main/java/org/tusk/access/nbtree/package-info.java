/**
 * The B-tree index access method (PostgreSQL's {@code access/nbtree}; its README is the model for
 * this text). {@link org.tusk.access.nbtree.BTreeAm} is the entry point (build, insert, scan, bulk
 * delete), {@link org.tusk.access.nbtree.BTreeRedo} replays its WAL, and
 * {@link org.tusk.access.nbtree.BTreeVerifier} checks a tree's structure as amcheck's
 * bt_index_check does.
 *
 * <h2>On disk</h2>
 * Byte-compatible with a PostgreSQL 15 B-tree of version 4 ("heapkeyspace"): block 0 is the
 * metapage ({@link org.tusk.access.nbtree.BTMetaPage}), every other block a slotted page whose
 * 16-byte special space is BTPageOpaqueData ({@link org.tusk.access.nbtree.BTPageOpaque}). Items
 * are IndexTupleData ({@link org.tusk.access.common.IndexTuples}) with MAXALIGNed sizes; pivot and
 * non-pivot tuples are told apart as in nbtree.h ({@link org.tusk.access.nbtree.BTTuple}). On
 * every page but the rightmost of its level, item 1 is the high key and data starts at item 2.
 * The first data item of an internal page is a "minus infinity" pivot with no attributes.
 *
 * <h2>Lehman and Yao's invariants, with heap TID as the last key attribute</h2>
 * <ul>
 * <li>Every key is unique: the heap TID breaks ties between equal key values, so entries sort by
 *     (key columns, then heap TID). Each key column sorts by its pg_index.indoption as
 *     _bt_compare does: ascending unless INDOPTION_DESC, nulls after every value unless
 *     INDOPTION_NULLS_FIRST. Scan keys on a DESC column have their strategy commuted
 *     (_bt_fix_scankey_strategy) so that start positions and "required" keys reason in index
 *     order, while tuples are still tested with the operator as written. The leading integer
 *     key columns (int2, int4, int8, oid) of a tuple without nulls are compared on the tuple's
 *     bytes ({@code IntegerKeys}), as PostgreSQL fetches a by-value Datum at a cached offset;
 *     every other comparison deforms the tuple.</li>
 * <li>A unique index treats nulls as distinct (a key with a null is never checked) unless it is
 *     NULLS NOT DISTINCT (indnullsnotdistinct), where nulls compare equal in the check, at build
 *     and at insert alike.</li>
 * <li>The uniqueness check runs in one of genam.h's modes ({@link org.tusk.access.index.UniqueCheck}):
 *     YES waits for an in-progress inserter or deleter of an equal key and raises 23505 for a
 *     live one; PARTIAL (the index of a DEFERRABLE constraint, indimmediate false) inserts
 *     whatever it finds, never waits, and only reports that a possibly live equal key exists;
 *     EXISTING (the later recheck) inserts nothing, skips the entry of its own heap TID and
 *     otherwise checks as YES does. The same page locks are held in every mode.</li>
 * <li>The high key of a page is an upper bound (inclusive) of every key on it, and a strict
 *     lower bound of every key on its right sibling. A downlink's separator is a strict lower
 *     bound of the child's keys; the next separator (or the parent's high key) is the child's
 *     high key.</li>
 * <li>Pages at one level form a doubly linked chain (btpo_prev/btpo_next), left to right in key
 *     order, ending at a page with btpo_next = P_NONE.</li>
 * <li>A page splits to the right: the original block keeps the left half, the new block (always
 *     added at the end of the file) takes the right half, and the right link of the left page is
 *     set in the same atomic action (one WAL record). Until the parent has a downlink to the
 *     right half, the left page is flagged BTP_INCOMPLETE_SPLIT; any inserter that meets the flag
 *     finishes the split first (_bt_finish_split), so a crash between the two phases only
 *     delays the downlink.</li>
 * <li>High keys of leaf pages are suffix-truncated (_bt_truncate): they keep the key attributes
 *     up to the first that distinguishes the last left from the first right entry, and a heap TID
 *     only when all key attributes are equal.</li>
 * <li>The key attributes are the first indnkeyatts columns; an index with INCLUDE columns carries
 *     the rest in its leaf entries only (pivots never have them). They are not compared: not in
 *     the order, the search, the build's sort nor the uniqueness check
 *     ({@code BTScanInsert.nkeyatts}).</li>
 * <li>A key column's order is its operator class's: a class taken by a binary-coercible type
 *     (bpchar_ops on text) makes the relation cache type that index column as the class's input
 *     type, so keys compare with its comparison (bpcharcmp).</li>
 * </ul>
 *
 * <h2>Locking (README: "Lehman and Yao Algorithm and Insertions")</h2>
 * Page contents are read under the buffer's share content lock and changed under its exclusive
 * lock (storage.buffer's rules). A descent holds at most one lock: it releases a page before
 * locking the child or the right sibling, and repairs the race (a page that split after its
 * downlink was read) by moving right while the key is beyond the high key. The only times a
 * process holds one page lock while acquiring another:
 * <ul>
 * <li>left to right on one level (unique check reading on; _bt_stepright; a split locking the old
 *     right sibling to fix its left link; _bt_finish_split locking the right half);</li>
 * <li>upwards: after a split the left child stays write-locked while the parent is write-locked
 *     (_bt_getstackbuf), so the downlink insertion and the clearing of the child's
 *     incomplete-split flag are one WAL record; and the metapage is locked last of all
 *     (_bt_newroot, _bt_getroot).</li>
 * </ul>
 * Nobody locks leftwards or downwards while holding a lock, so these orders cannot deadlock.
 * A descent starts without the metapage when it can: each backend keeps the metapage it last read
 * in the relation's relcache entry ({@code Relation.amCache}, PostgreSQL's rd_amcache) and starts
 * at the fast root it names if that page, share-locked, is live, on the cached level and both
 * leftmost and rightmost (the only page of its level, so every key is reachable from it); else it
 * drops the cache and reads the metapage. A stale cache can only cost that one extra page read.
 * Scans copy the matching TIDs of a page under its share lock and then drop lock and pin;
 * backward scans re-find the left sibling as _bt_walk_left does. A scan with array keys
 * ({@code column = ANY (array)}, SK_SEARCHARRAY; {@link org.tusk.access.nbtree.BTArrayKeys},
 * {@link org.tusk.access.nbtree.BTArrayScan}) is PostgreSQL 15's: the elements are sorted in index
 * order and de-duplicated, nulls dropped, and the scan descends once per combination of elements
 * (the last array key varying fastest), each pass an ordinary scan holding no lock between
 * passes; results come in index order per pass and never twice. Adding a page takes the relation
 * extension lock ({@link org.tusk.access.index.RelationExtensionLock}) only around the file
 * extension. Waiting for another transaction (unique checks) happens with no page locked, through
 * the transaction oracle, which can be cancelled.
 *
 * <h2>WAL</h2>
 * Every change is logged in PostgreSQL 15's record formats ({@link org.tusk.access.nbtree.BTXLog}:
 * INSERT_LEAF/UPPER/META, SPLIT_L/R, NEWROOT, VACUUM, META_CLEANUP), while the pages involved are
 * locked, and each page is stamped with the record's end LSN. Redo applies the same page
 * operations in the same order, so replayed pages are byte-identical to the primary's; a page
 * whose LSN is at or past a record is skipped, which makes replay idempotent.
 *
 * <h2>What differs from PostgreSQL</h2>
 * <ul>
 * <li>No deduplication and no posting lists (btm_allequalimage is false); no page deletion, so
 *     pages are never recycled and the free space map is not used; no LP_DEAD "kill" of entries
 *     by scans and no simple (XLOG_BTREE_DELETE) deletion; no vacuum cycle ids (btpo_cycleid is
 *     always 0, which the physical-order bulk delete does not need since new pages are always
 *     appended).</li>
 * <li>The fillfactor storage parameter (BTGetFillFactor, default 90) sets the leaf fill of a
 *     build and of rightmost leaf splits; deduplicate_items is stored but changes nothing, as
 *     there is no deduplication.</li>
 * <li>The split point is chosen by balancing free space (fill factor on the rightmost page),
 *     without nbtsplitloc.c's finer strategies, so split points (not correctness) can differ.</li>
 * <li>Build sorts the heap entries in memory (no tuplesort spill past maintenance_work_mem) and
 *     loads them bottom up as nbtsort.c does (BTSort), but through shared buffers: each finished
 *     page is WAL-logged as an XLOG_FPI image and flushed by checkpoints, where PostgreSQL writes
 *     with smgr and fsyncs the file at the end. The fresh metapage is logged as
 *     XLOG_BTREE_META_CLEANUP, the final one (pointing at the root) as an image.</li>
 * <li>Bulk delete takes the exclusive lock where PostgreSQL takes a cleanup lock (no cleanup
 *     lock exists yet; scans here never keep a pin between pages).</li>
 * <li>Text and name compare byte-wise (the "C" collation); other collations are not supported.
 *     The unique check does not re-check the new row with SnapshotSelf (CREATE INDEX
 *     CONCURRENTLY does not exist).</li>
 * <li>The fast root is always the root (it could only differ after page deletion), so
 *     XLOG_BTREE_INSERT_META is replayed but never written.</li>
 * </ul>
 */
package org.tusk.access.nbtree;
