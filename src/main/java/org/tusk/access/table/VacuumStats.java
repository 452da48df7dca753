package org.tusk.access.table;

/**
 * What a lazy VACUUM of one table found and did (PostgreSQL's LVRelState counters).
 *
 * @param relPages          the table's blocks at the end (pg_class.relpages)
 * @param scannedPages      blocks looked at
 * @param tuplesDeleted     tuples pruning removed (dead to everyone)
 * @param deadItemsRemoved  dead line pointers whose index entries were removed and which were freed
 * @param liveTuples        tuples live, or being deleted, on the pages scanned
 * @param recentlyDead      tuples deleted but still visible to some snapshot, so kept
 * @param indexScans        passes over the indexes (0 when nothing was dead)
 * @param allVisiblePages   pages the visibility map marks all-visible at the end (pg_class.relallvisible)
 */
public record VacuumStats(int relPages, int scannedPages, long tuplesDeleted, long deadItemsRemoved, long liveTuples,
                          long recentlyDead, int indexScans, int allVisiblePages) {}
