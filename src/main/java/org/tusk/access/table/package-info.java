/**
 * The table access method interface (PostgreSQL's access/table and tableam.h). The executor and
 * the catalog code use tables only through {@link org.tusk.access.table.TableAm}; the heap
 * ({@code access.heap}) is its one implementation. Rows cross the interface as Java values, so
 * nothing above this layer depends on the page or tuple format.
 *
 * <p>{@code TableAm.vacuum} is table_relation_vacuum: the AM owns the heap passes and calls back
 * for the index pass (the caller runs {@code IndexAm.indexBulkDelete} on every index), and
 * returns {@link org.tusk.access.table.VacuumStats}. {@code TableAm.nextVersion} is one step of
 * heap_get_latest_tid, which EvalPlanQual uses to reach the newest version of a row that
 * concurrent transactions updated more than once.
 */
package org.tusk.access.table;
