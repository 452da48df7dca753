/**
 * The GiST index access method (PostgreSQL's {@code access/gist}; its README is the model for
 * this text). {@link org.tusk.access.gist.GistAm} is the entry point (build, insert, scan, ordered
 * scan, bulk delete); the operator classes (gistproc.c's box_ops, point_ops, poly_ops, circle_ops
 * and rangetypes_gist.c's range_ops) implement {@code GistOpclass}'s support functions.
 *
 * <h2>On disk</h2>
 * PostgreSQL 15's page layout: block 0 is always the root; every page is a slotted page whose
 * 16-byte special space is GISTPageOpaqueData (NSN, right link, flags with F_LEAF, page id
 * 0xFF81). Entries are IndexTupleData: a leaf entry holds the compressed key columns (a box for
 * the geometric classes, whose opckeytype is box, so the index's attribute type is box) and any
 * INCLUDE columns, t_tid the heap row; an inner entry holds the union of its child's keys, t_tid
 * the child's block with offset 0xFFFF. There is no metapage.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>An inner entry's keys cover (by the class's union) every key below its downlink; a scan
 *     therefore only descends where consistent says a match may lie. A null key is never in a
 *     union with values; IS NULL scans look at every subtree.</li>
 * <li>A split leaves the first part in the original block and puts the others in new blocks
 *     chained by right links (the last keeps the old right link); the parent gets the first
 *     part's union and a downlink to each other part in the same atomic change. Every split page
 *     but the last gets the change's LSN as its NSN, the others keep the old NSN. A root split
 *     moves everything to new pages and leaves block 0 one level higher.</li>
 * <li>A scan that read a parent at LSN L and finds a child with NSN &gt; L (or F_FOLLOW_RIGHT)
 *     follows the child's right link too: the child split after the downlink was read, and its
 *     right siblings hold the moved entries. Each page is visited once per downlink, so no
 *     entry is lost; a scan never holds more than one page lock.</li>
 * </ul>
 *
 * <h2>Locking</h2>
 * An insertion (and a bulk delete) holds the root's exclusive content lock from start to end
 * and exclusive locks on every page of its path until its change is logged: insertions into one
 * index are serialized. Locks are taken downwards only, scans take one share lock at a time, so
 * nothing deadlocks. PostgreSQL lets insertions proceed concurrently, finishing incomplete
 * splits (F_FOLLOW_RIGHT, gistFindCorrectParent); here a split and its parent update are never
 * seen apart by another inserter, so the flag is never set (it is honoured when read).
 *
 * <h2>WAL</h2>
 * Each change (an insertion with its downlink updates, a split with its new pages and parent,
 * a bulk delete of one page) is one XLOG_FPI record with a full image of each page it touched,
 * written while they are locked, and each page is stamped with its LSN; recovery restores the
 * images. PostgreSQL writes XLOG_GIST_PAGE_UPDATE / PAGE_SPLIT records instead. A temporary
 * index, which has no WAL, takes fake LSNs from a backend-local counter (gistGetFakeLSN).
 *
 * <h2>What differs from PostgreSQL</h2>
 * <ul>
 * <li>Build is the plain insertion build (gistbuild's non-buffering, non-sorted path); for
 *     point_ops, which has sort support, rows are inserted in Z-order as the sorted build orders
 *     them.</li>
 * <li>Splits use the first key column only; the box classes split by the centres' median on the
 *     wider axis (gist_box_picksplit uses Korotkov's double sorting split); range_ops' penalty
 *     counts moved bounds (PostgreSQL uses the subtype's difference). Split points and tree shape
 *     differ, results do not. gistchoose breaks ties by taking the first, not at random.</li>
 * <li>range_ops inner keys do not carry RANGE_CONTAIN_EMPTY, so &lt;@ and = with an empty range
 *     do not prune inner pages.</li>
 * <li>No page deletion in VACUUM, no LP_DEAD kill of entries, no buffering build, no
 *     fillfactor during build.</li>
 * </ul>
 */
package org.tusk.access.gist;
