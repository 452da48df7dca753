package org.tusk.access.nbtree;

/**
 * IndexBulkDeleteResult (genam.h), the parts btbulkdelete fills in: the index's pages when the
 * scan ended, the entries removed and the entries left.
 */
public record BulkDeleteResult(int numPages, long tuplesRemoved, long numIndexTuples) {}
