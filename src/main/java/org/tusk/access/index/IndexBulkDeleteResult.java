package org.tusk.access.index;

/**
 * IndexBulkDeleteResult (genam.h): what ambulkdelete did to one index.
 *
 * @param numPages       pages in the index
 * @param tuplesRemoved  entries removed
 * @param numIndexTuples entries remaining
 */
public record IndexBulkDeleteResult(int numPages, long tuplesRemoved, long numIndexTuples) {}
