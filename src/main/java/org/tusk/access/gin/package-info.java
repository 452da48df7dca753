/**
 * The GIN (generalized inverted index) access method (PostgreSQL's {@code access/gin}; its README
 * is the model for this text). {@link org.tusk.access.gin.GinAm} is the entry point (build,
 * insert, bitmap scan, bulk delete). An indexed value is broken into keys by its operator
 * class ({@link org.tusk.access.gin.GinOpclass}: array_ops, jsonb_ops, jsonb_path_ops), and the
 * index maps each key to the heap TIDs of the rows that have it.
 *
 * <h2>On disk</h2>
 * Block 0 is the metapage (GinMetaPageData: the pending list's head and tail, always empty here,
 * and the statistics gincostestimate reads: nTotalPages, nEntryPages, nEntries); block 1 is
 * always the root of the entry tree. Every other page is a slotted page with
 * GinPageOpaqueData {rightlink, maxoff, flags} as its special space ({@link org.tusk.access.gin.GinPage}).
 * Items are entry tuples ({@link org.tusk.access.gin.GinEntry}): an IndexTupleData whose key part
 * is (key) for a one-column index or (int2 column number, key) otherwise, then the null category
 * byte for a placeholder key (GIN_CAT_NULL_KEY for a null array element, GIN_CAT_EMPTY_ITEM for
 * a value without keys, GIN_CAT_NULL_ITEM for a null value, so that full-index searches find
 * those rows too), then on leaves a compressed posting list (ginpostinglist.c's varbyte format,
 * {@link org.tusk.access.gin.GinPostingList}) and on internal pages the bound's TID.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Entry tuples are ordered by (column, category, key by the class's compare function, order
 *     TID). A key has one entry tuple until its posting list outgrows GinMaxItemSize; then its
 *     TIDs continue in further tuples of the same key, each with the first TID it was made with
 *     as its order TID. A tuple's TIDs are all at or after its order TID, and the tuples of a key
 *     may overlap in range (a TID goes into the last tuple whose order TID is at or before it).
 *     Scans of a key read all its tuples, so the overlap costs nothing.</li>
 * <li>The last item of a page that is not the rightmost of its level is the page's upper bound:
 *     every item of the pages to its right is greater. An internal item's key and TID bound its
 *     child's items (inclusive); the last downlink of the rightmost internal page is infinity.</li>
 * <li>Pages of one level are linked left to right by rightlink; a page splits to the right (the
 *     new page, added at the end of the file, takes the upper half and the old right link). The
 *     parent's downlink to the split page moves to the right half and a new downlink bounding the
 *     left half is inserted before it (entryPreparePage), in the same atomic action.</li>
 * <li>The root never moves: a root split copies both halves to new pages and leaves the root an
 *     internal page with the two downlinks (ginbtree.c's ginSplitPage for GIN_ROOT_BLKNO).</li>
 * <li>Vacuum removes dead TIDs from posting lists but never removes an entry tuple, nor a page:
 *     a tuple emptied of TIDs keeps its key and order TID, so no bound ever changes
 *     (ginVacuumEntryPage keeps empty entries too).</li>
 * </ul>
 *
 * <h2>Locking (README: "Concurrency")</h2>
 * Page contents are read under the buffer's share lock and changed under its exclusive lock.
 * Searches hold one page lock at a time and move right while the search key is beyond a page's
 * bound (Lehman and Yao), so a split running meanwhile only sends them one page further right.
 * An insertion descends the same way (taking exclusive locks), keeping a stack of the parents it
 * passed. A split keeps the split page and its new right sibling locked while it locks the
 * parent (found from the stack, moving right at the parent's level; after a root split, searched
 * level by level from the root, one lock at a time); locks are only ever acquired rightwards on
 * one level or upwards while others are held, and nobody holding a lock waits for a page below
 * it, so lock waits cannot form a cycle. Entries for one heap row are inserted key by key, each
 * its own atomic action; a scan that runs meanwhile may see some of the row's keys and not
 * others, which only matters for rows its snapshot cannot see yet (the heap tuple is inserted
 * first and its transaction commits after all of them).
 *
 * <h2>Scans</h2>
 * GIN has no amgettuple: the planner offers GIN indexes to bitmap scans only
 * ({@link org.tusk.access.gin.GinScan} is gingetbitmap). The TIDs it returns are exact for what
 * the index holds, and the bitmap heap scan rechecks every row against the operators (the
 * operator classes ask for recheck wherever PostgreSQL's do, and a class may over-approximate:
 * the jsonpath operators search every non-null row).
 *
 * <h2>WAL</h2>
 * Every change is one record carrying a full-page image of every page it changed (XLOG_FPI, as
 * generic_xlog.c would log it), written while the pages are locked; redo restores the images.
 * A build logs no record per change and logs every page of the finished index once, as ginbuild
 * does with log_newpage_range.
 *
 * <h2>What differs from PostgreSQL</h2>
 * <ul>
 * <li>No posting trees: a key's posting list continues in further entry tuples of the same key,
 *     ordered by their order TIDs (see the invariants), where PostgreSQL moves a long list to a
 *     posting tree of data pages. A key with very many rows costs more entry pages.</li>
 * <li>No fast-update pending list: the fastupdate and gin_pending_list_limit storage parameters
 *     are accepted and stored (\d+ shows them), but inserts always go straight into the tree.</li>
 * <li>No partial-match searches (no built-in class here uses them), and the jsonpath operators
 *     extract no entries (extract_jsp_query): they scan every non-null row, and the recheck
 *     decides.</li>
 * <li>The WAL records are full-page images, not ginxlog.c's records, so a change logs whole
 *     pages (less their hole) rather than the bytes that changed.</li>
 * <li>Bulk delete takes the exclusive lock where PostgreSQL takes a cleanup lock, and no page is
 *     ever deleted or recycled.</li>
 * <li>jsonb_path_ops hashes (and jsonb_ops' hashes of long strings) are FNV-1a of the bytes,
 *     not hash_any: they only have to agree between an index's rows and its queries.</li>
 * </ul>
 */
package org.tusk.access.gin;
