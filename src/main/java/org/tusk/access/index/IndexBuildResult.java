package org.tusk.access.index;

/**
 * What ambuild reports (PostgreSQL's IndexBuildResult): the heap tuples the build scan saw and
 * the index entries it made (fewer for a partial index). index_update_stats stores them in the
 * table's and the index's pg_class.reltuples.
 */
public record IndexBuildResult(double heapTuples, double indexTuples) {}
