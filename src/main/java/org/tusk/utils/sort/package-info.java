/**
 * Sorting, as PostgreSQL's {@code utils/sort}. {@link org.tusk.utils.sort.Qsort} is the
 * in-memory quicksort of sort_template.h; callers sort their own arrays (no shared state, no
 * locking). Because the algorithm is PostgreSQL's, rows equal on the sort keys come out in
 * PostgreSQL's order given the same input order.
 */
package org.tusk.utils.sort;
