/**
 * The free space map (PostgreSQL's {@code src/backend/storage/freespace}, whose README this
 * follows): for each relation, how much room each page of its main fork has, so that an insert
 * finds a page to put a tuple on without reading pages that are full, and the room VACUUM frees is
 * used again.
 *
 * <h2>Structure</h2>
 * The map is the relation's {@code _fsm} fork, one byte per heap page: the free space divided
 * into 256 categories of 32 bytes (category 255: room for the largest possible tuple). Within an
 * FSM page ({@link org.tusk.storage.freespace.FsmPage}) the bytes are the leaves of a binary tree
 * whose inner nodes hold the largest value below them, so one look at the root tells whether the
 * page has a slot with enough room, and a search goes down to one in log time. Pages form a tree
 * of three levels ({@link org.tusk.storage.freespace.FreeSpaceMap}): a bottom page's slots are
 * heap pages, an upper page's slots hold the root values of its children. Three levels of 4069
 * slots address more pages than a relation can have, so the depth is fixed and the root is always
 * block 0 of the fork; pages are stored depth-first.
 *
 * <h2>Searching</h2>
 * A search starts at the root and, on each page, at that page's {@code fp_next_slot}, moving right
 * and up the tree until a node has enough, then down to the leftmost slot with enough below it.
 * The next search starts after the slot returned, so backends inserting at the same time spread
 * over different pages instead of fighting over one, and a relation's pages are filled from the
 * start once VACUUM has reset the hints.
 *
 * <h2>Locking and consistency</h2>
 * Only one FSM page is locked at a time (share to search, exclusive to change), so the map adds
 * no lock ordering; the heap page being filled may be locked while the map is asked for another
 * page only after it was unlocked. Changes to the map are not WAL-logged and pages are marked
 * dirty as hints: the map is advisory. Its levels may disagree after a crash or a lost hint write;
 * a search that finds a child with less room than its parent claimed corrects the parent and
 * starts again, an inconsistent page is rebuilt from its leaves, and whoever is sent to a heap
 * page checks the room itself under the page's lock and records what it found. VACUUM records the
 * room of every page it examines and then brings the upper levels up to date; that is what makes
 * the room it freed findable. A relation that was never vacuumed has no map: inserts go to the
 * page used last or to the last page, and extend the relation when those are full.
 */
package org.tusk.storage.freespace;
