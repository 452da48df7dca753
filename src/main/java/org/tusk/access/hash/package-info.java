/**
 * The hash index access method (PostgreSQL's src/backend/access/hash, whose README this
 * follows). An index entry is the key's 32-bit hash code and the heap TID, never the key: the
 * index answers {@code column = value} only, and the executor rechecks every row it returns.
 * NULLs are not indexed.
 *
 * <h2>Structure</h2>
 * <ul>
 * <li><b>Metapage</b> (block 0, {@link org.tusk.access.hash.HashMetaPage}): hashm_maxbucket, the
 * highest bucket; hashm_highmask and hashm_lowmask, with which a hash code h goes to bucket
 * {@code h & highmask}, or {@code h & lowmask} when that bucket does not exist yet (linear
 * hashing); hashm_ntuples and hashm_ffactor, the target entries per bucket (from fillfactor,
 * default 75); hashm_spares, the overflow pages allocated up to each splitpoint; hashm_mapp, the
 * bitmap pages.</li>
 * <li><b>Bucket pages</b>: each bucket has a primary page, at block {@code B + 1 + spares[splitpoint
 * before B]}: buckets are allocated a splitpoint at a time (doubling up to 512 buckets, then in
 * quarter steps), and the overflow pages allocated meanwhile lie between splitpoints. A primary
 * page's hasho_prevblkno holds the maxbucket of its last split.</li>
 * <li><b>Overflow pages</b>: a bucket's entries that do not fit its primary page go on a chain of
 * overflow pages (hasho_prevblkno / hasho_nextblkno). Entries on each page are in hash code
 * order and found by binary search.</li>
 * <li><b>Bitmap pages</b>: one bit per overflow page (set: in use), from hashm_firstfree on;
 * a new overflow page is a freed one or a block added at the end ({@link
 * org.tusk.access.hash.HashOverflow}).</li>
 * </ul>
 *
 * <h2>Insertion and splits</h2>
 * An insertion reads the bucket from the metapage under a share lock, lets it go, locks the
 * bucket's primary page exclusively and checks hasho_prevblkno against the maxbucket it used
 * (a split since then sends it back to the metapage). It adds the entry to the first page of
 * the chain with room, adding an overflow page at the end if none has, then counts it in
 * hashm_ntuples; when the index has more than ffactor entries per bucket, one bucket is split
 * ({@link org.tusk.access.hash.HashSplit}): bucket maxbucket + 1 is made from bucket
 * (maxbucket + 1) &amp; lowmask. The split needs the old bucket's primary page with a
 * <em>cleanup lock</em> (no other pin on it: every scan and insertion in a bucket keeps its
 * primary page pinned until it is done), taken conditionally, so a busy bucket is split later.
 * The metapage's new maxbucket and masks, LH_BUCKET_BEING_SPLIT on the old bucket and
 * LH_BUCKET_BEING_POPULATED on the new one are written together; the entries that now hash to
 * the new bucket are copied there (flagged moved-by-split); the flags are cleared and the old
 * bucket is marked LH_BUCKET_NEEDS_SPLIT_CLEANUP, then cleaned of the copied entries.
 *
 * <h2>Locking and what scans see</h2>
 * Lock order: a bucket's primary page, its overflow pages in chain order, the metapage, bitmap
 * pages; nobody waits for a bucket page while holding the metapage (the split's cleanup lock is
 * conditional), so no deadlock can form. PostgreSQL lets scans of the old bucket proceed during
 * the split and has scans of the new bucket read the old one too; here the splitter keeps both
 * primary pages exclusively locked from the moment the metapage announces the new bucket to the
 * end of the copy, so a scan or insertion never meets a split in progress and waits for it
 * instead. Only a crash can leave a split half done; the flags record it, and then a scan of a
 * bucket being populated reads its old bucket too and skips the moved-by-split copies
 * ({@link org.tusk.access.hash.HashScan}), and the next insertion or split that can have the old
 * bucket alone finishes the copy (_hash_finish_split), skipping the entries already copied. A
 * scan keeps the bucket's primary page pinned until it ends, which keeps splits and VACUUM (both
 * need the cleanup lock) out of the bucket, so no entry it has yet to return moves away and no
 * TID it returned is reused under it.
 *
 * <h2>VACUUM and WAL</h2>
 * hashbulkdelete ({@link org.tusk.access.hash.HashVacuum}) visits every bucket under a (waiting)
 * cleanup lock, removes the entries of dead heap rows and a finished split's leftovers, and
 * sets hashm_ntuples. Emptied overflow pages stay in their chains: PostgreSQL's
 * _hash_squeezebucket, which compacts a chain and frees its overflow pages to the bitmap, is not
 * done yet. Every change is logged as full-page images of the pages it touched
 * ({@link org.tusk.access.hash.HashPages}, as access.gist and access.gin do), so recovery is a
 * plain restore; a build logs every page once at its end. The build gathers the rows' hash
 * codes, makes as many buckets as they need at ffactor per bucket, and inserts the entries in
 * bucket order (hashsort.c's order) through the ordinary insertion.
 *
 * <h2>Support functions</h2>
 * {@link org.tusk.access.hash.HashSupport}: each operator family's hash function, computing
 * PostgreSQL's values bit for bit (utils.adt.HashFuncs); the families' cross-type members hash
 * equal values alike, so {@code int4_col = 5::int8} or {@code name_col = 'x'::text} can use the
 * index.
 */
package org.tusk.access.hash;
