package org.tusk.access.table;

/**
 * What copying a table into new storage for VACUUM FULL found (the counters
 * heapam_relation_copy_for_cluster returns to copy_table_data).
 *
 * @param pages        blocks of the new storage (pg_class.relpages)
 * @param tuplesKept   row versions copied (live, recently dead or in progress)
 * @param tuplesVacuumed row versions dead to every snapshot, left behind
 * @param recentlyDead row versions deleted but still visible to some snapshot, copied all the same
 */
public record ClusterCopyStats(int pages, long tuplesKept, long tuplesVacuumed, long recentlyDead) {
    /** Row versions live at the end: pg_class.reltuples after VACUUM FULL (num_tuples - tups_recently_dead). */
    public long liveTuples() {
        return tuplesKept - recentlyDead;
    }
}
