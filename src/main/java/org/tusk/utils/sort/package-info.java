/**
 * Sorting with bounded memory, as PostgreSQL's {@code utils/sort} (tuplesort.c, logtape.c).
 * {@link org.tusk.utils.sort.Qsort} is the in-memory quicksort of sort_template.h, so rows equal
 * on the sort keys come out in PostgreSQL's order given the same input order.
 *
 * <p>{@link org.tusk.utils.sort.Tuplesort} keeps tuples in memory until their estimated space
 * exceeds work_mem, then writes sorted runs to one temporary file per sort and merges them with
 * a heap, in several passes when there are more runs than the merge order. Invariants: the
 * output is ordered by the comparator, tuples with equal keys come out in Qsort's order within a run; a tuple written to a run reads back equal to what was
 * written. Temporary files are named and placed as PostgreSQL's fd.c does
 * ({@code <datadir>/base/pgsql_tmp/pgsql_tmp<pid>.<n>}) and are removed by
 * {@code Tuplesort.close()}, which the executor calls when the Sort node ends and again, through
 * the statement's resource list, when the statement fails. Everything here is private to one
 * backend: no shared state, no locking.
 */
package org.tusk.utils.sort;
