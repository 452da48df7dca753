/**
 * The index access method interface (PostgreSQL's access/index: amapi.h, indexam.c, genam.c).
 * Callers build, insert into and scan indexes only through {@link org.tusk.access.index.IndexAm};
 * an index scan returns heap TIDs, which the caller resolves to visible rows with
 * {@link org.tusk.access.table.TableAm#indexFetch} (an index entry may point to a dead row or to
 * the root of a HOT chain; visibility lives in the heap only). An index's keys for a heap row
 * come from an {@link org.tusk.access.index.IndexKeyFormer} (FormIndexDatum): plain columns are
 * copied here, while expression columns and partial-index predicates are evaluated by the
 * layers above, which pass a former to the build; a row the former returns null for (outside a
 * partial index) gets no entry.
 */
package org.tusk.access.index;
