/**
 * Slotted pages (PostgreSQL's {@code storage/page}: bufpage.c, bufpage.h, itemid.h,
 * checksum_impl.h). Every relation file is a sequence of 8192-byte pages in PostgreSQL's exact
 * on-disk layout: {@link org.tusk.storage.page.PageHeader} (24 bytes), an array of 4-byte line
 * pointers ({@link org.tusk.storage.page.ItemId}) growing up, items growing down from the
 * optional special space at the end. {@link org.tusk.storage.page.Page} adds and finds items,
 * {@link org.tusk.storage.page.PageCompaction} moves them, {@link org.tusk.storage.page.Checksum}
 * and {@link org.tusk.storage.page.PageVerifier} check pages read from disk.
 *
 * <h2>Layout rules</h2>
 * <ul>
 * <li>A page is a {@link java.lang.foreign.MemorySegment} of exactly 8192 bytes, MAXALIGNed (8)
 *     in memory; it is worked on in place and never copied to a Java array. Multi-byte fields are
 *     in native byte order, as PostgreSQL writes them; Tusk runs on little-endian machines, so a
 *     page is byte-identical to the page PostgreSQL 15 on x86-64 would write.</li>
 * <li>{@code 24 <= pd_lower <= pd_upper <= pd_special <= 8192}, pd_special MAXALIGNed. A page
 *     with pd_upper = 0 is "new" (never initialised, all zero) and is valid only if all zero.</li>
 * <li>Items and the special space start at MAXALIGNed offsets (the alignment rule of
 *     {@link org.tusk.storage.page.Alignment}); a line pointer's lp_len is the unaligned length,
 *     the space taken is MAXALIGN(lp_len).</li>
 * <li>An item's offset number is stable for its life on a heap page: line pointers are reused
 *     only after they become LP_UNUSED, and compaction moves items, not line pointers. Index
 *     pages instead renumber on delete ({@code PageIndexTupleDelete}).</li>
 * <li>PD_HAS_FREE_LINES is a hint that may be wrong in the "set" direction only; adding an item
 *     clears it when it finds no unused line pointer.</li>
 * </ul>
 *
 * <h2>Who may modify what</h2>
 * Nothing here takes a lock. A caller that reads a page holds the buffer's content lock in share
 * mode (or a pin on a page only it can see); one that modifies it holds the content lock
 * exclusively; {@code repairFragmentation} additionally needs a cleanup lock (exclusive, and no
 * other process holding a pin), because other processes may hold pointers into items it moves.
 * Hint bits and pd_flags hints may be set under a share lock, as in PostgreSQL, so a page
 * being written out must be checksummed in a private off-heap copy (PageSetChecksumCopy, the
 * buffer manager's job); {@link org.tusk.storage.page.Checksum#compute} itself never writes the
 * page, so it is safe under a share lock.
 */
package org.tusk.storage.page;
