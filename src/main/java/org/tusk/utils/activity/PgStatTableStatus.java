package org.tusk.utils.activity;

/**
 * One relation's pending counts in one backend (PostgreSQL's PgStat_TableStatus with its
 * PgStat_TableCounts and its stack of PgStat_TableXactStatus): what the access methods count as
 * they work, kept here until {@link PgStatPending} adds it to the shared entry. The relcache hands
 * it to the access methods on the {@link org.tusk.utils.cache.Relation} (rd_pgstat_info), so
 * counting is a field increment, no lookup.
 *
 * <p>Inserts, updates and deletes are counted per (sub)transaction level, since what they do to
 * the live and dead tuple counts depends on whether it commits (AtEOXact_PgStat_Relations).
 */
public final class PgStatTableStatus {
    final int relid;
    final PgStatPending owner;

    // PgStat_TableCounts
    long numscans, tuplesReturned, tuplesFetched, tuplesInserted, tuplesUpdated, tuplesDeleted, tuplesHotUpdated;
    boolean truncDropped;
    long deltaLiveTuples, deltaDeadTuples, changedTuples, blocksFetched, blocksHit;

    /** The innermost transaction level's counts (trans), null when this transaction changed nothing. */
    Trans trans;

    /** PgStat_TableXactStatus: the inserts, updates and deletes of one (sub)transaction level. */
    static final class Trans {
        long inserted, updated, deleted;
        /** tuples_*_pre_truncdrop: the counts before a TRUNCATE in this level, restored if it aborts. */
        long insertedPre, updatedPre, deletedPre;
        boolean truncDropped;
        final int nestLevel;
        final Trans upper;

        Trans(int nestLevel, Trans upper) {
            this.nestLevel = nestLevel;
            this.upper = upper;
        }
    }

    PgStatTableStatus(int relid, PgStatPending owner) {
        this.relid = relid;
        this.owner = owner;
    }

    /** The table's OID. */
    public int relid() { return relid; }

    private Trans trans() {
        int level = owner.nestLevel();
        Trans t = trans;
        if (t == null || t.nestLevel != level) {
            if (t == null) owner.touchedInXact(this);
            trans = t = new Trans(level, t);
        }
        return t;
    }

    /** pgstat_drop_relation: the relation is being dropped; its shared entry goes at commit. */
    public void dropped() { owner.dropRelation(relid); }

    /** pgstat_count_heap_scan: a sequential scan started. */
    public void countScan() { if (owner.counting) numscans++; }
    /** pgstat_count_heap_getnext: a sequential scan returned a tuple; for an index, idx_tup_read. */
    public void countReturned() { if (owner.counting) tuplesReturned++; }
    /** pgstat_count_heap_fetch: a tuple fetched through an index (counted on the index) or a bitmap. */
    public void countFetched() { if (owner.counting) tuplesFetched++; }
    /** pgstat_count_index_scan: an index scan started (counted on the index). */
    public void countIndexScan() { if (owner.counting) numscans++; }

    /** pgstat_count_heap_insert. */
    public void countInsert(int n) { if (owner.counting) trans().inserted += n; }

    /** pgstat_count_heap_update: HOT updates are counted as such at once. */
    public void countUpdate(boolean hot) {
        if (!owner.counting) return;
        trans().updated++;
        if (hot) tuplesHotUpdated++;
    }

    /** pgstat_count_heap_delete. */
    public void countDelete() { if (owner.counting) trans().deleted++; }

    /** pgstat_count_truncate: the table's earlier rows are gone as far as this level knows. */
    public void countTruncate() {
        if (!owner.counting) return;
        Trans t = trans();
        if (!t.truncDropped) {
            t.insertedPre = t.inserted;
            t.updatedPre = t.updated;
            t.deletedPre = t.deleted;
            t.truncDropped = true;
        }
        t.inserted = t.updated = t.deleted = 0;
    }

    /** pgstat_count_buffer_read / _hit. */
    public void countBuffer(boolean hit) {
        if (!owner.counting) return;
        blocksFetched++;
        if (hit) blocksHit++;
    }

    /**
     * find_tabstat_entry's view for pg_stat_get_xact_*: this backend's counts not yet flushed, with
     * the running transaction's inserts, updates and deletes at every level. {@code counter} is a
     * {@link PgStatFields} relation counter among NUMSCANS ... TUPLES_HOT_UPDATED and BLOCKS_*.
     */
    public long pendingCount(int counter) {
        long v = switch (counter) {
            case PgStatFields.NUMSCANS -> numscans;
            case PgStatFields.TUPLES_RETURNED -> tuplesReturned;
            case PgStatFields.TUPLES_FETCHED -> tuplesFetched;
            case PgStatFields.TUPLES_INSERTED -> tuplesInserted;
            case PgStatFields.TUPLES_UPDATED -> tuplesUpdated;
            case PgStatFields.TUPLES_DELETED -> tuplesDeleted;
            case PgStatFields.TUPLES_HOT_UPDATED -> tuplesHotUpdated;
            case PgStatFields.BLOCKS_FETCHED -> blocksFetched;
            case PgStatFields.BLOCKS_HIT -> blocksHit;
            default -> 0;
        };
        for (Trans t = trans; t != null; t = t.upper) {
            if (counter == PgStatFields.TUPLES_INSERTED) v += t.inserted;
            else if (counter == PgStatFields.TUPLES_UPDATED) v += t.updated;
            else if (counter == PgStatFields.TUPLES_DELETED) v += t.deleted;
        }
        return v;
    }

    boolean isEmpty() {
        return numscans == 0 && tuplesReturned == 0 && tuplesFetched == 0 && tuplesInserted == 0 && tuplesUpdated == 0
                && tuplesDeleted == 0 && tuplesHotUpdated == 0 && !truncDropped && deltaLiveTuples == 0
                && deltaDeadTuples == 0 && changedTuples == 0 && blocksFetched == 0 && blocksHit == 0;
    }

    void clearCounts() {
        numscans = tuplesReturned = tuplesFetched = tuplesInserted = tuplesUpdated = tuplesDeleted = tuplesHotUpdated = 0;
        truncDropped = false;
        deltaLiveTuples = deltaDeadTuples = changedTuples = blocksFetched = blocksHit = 0;
    }

    /** AtEOXact_PgStat_Relations for this table's top-level counts. */
    void endTopTransaction(boolean commit) {
        Trans t = trans;
        trans = null;
        if (t == null) return;
        if (!commit && t.truncDropped) {
            t.inserted = t.insertedPre;
            t.updated = t.updatedPre;
            t.deleted = t.deletedPre;
        }
        // count attempted actions regardless of commit/abort
        tuplesInserted += t.inserted;
        tuplesUpdated += t.updated;
        tuplesDeleted += t.deleted;
        if (commit) {
            truncDropped = t.truncDropped;
            if (t.truncDropped) {
                // forget live/dead stats seen by backend thus far
                deltaLiveTuples = 0;
                deltaDeadTuples = 0;
            }
            deltaLiveTuples += t.inserted - t.deleted;
            deltaDeadTuples += t.updated + t.deleted;
            changedTuples += t.inserted + t.updated + t.deleted;
        } else {
            // inserted tuples are dead, deleted tuples are unaffected
            deltaDeadTuples += t.inserted + t.updated;
        }
    }

    /** AtEOSubXact_PgStat_Relations for level {@code level}: fold into the parent, or count as aborted. */
    void endSubTransaction(int level, boolean commit) {
        Trans t = trans;
        if (t == null || t.nestLevel != level) return;
        trans = t.upper;
        if (commit) {
            if (t.upper != null && t.upper.nestLevel == level - 1) {
                Trans p = t.upper;
                if (t.truncDropped) {
                    if (!p.truncDropped) {
                        p.insertedPre = p.inserted;
                        p.updatedPre = p.updated;
                        p.deletedPre = p.deleted;
                        p.truncDropped = true;
                    }
                    p.inserted = t.inserted;
                    p.updated = t.updated;
                    p.deleted = t.deleted;
                } else {
                    p.inserted += t.inserted;
                    p.updated += t.updated;
                    p.deleted += t.deleted;
                }
            } else {
                // the parent level has no counts yet: this level's become its
                Trans moved = new Trans(level - 1, t.upper);
                moved.inserted = t.inserted;
                moved.updated = t.updated;
                moved.deleted = t.deleted;
                moved.insertedPre = t.insertedPre;
                moved.updatedPre = t.updatedPre;
                moved.deletedPre = t.deletedPre;
                moved.truncDropped = t.truncDropped;
                trans = moved;
            }
        } else {
            if (t.truncDropped) {
                t.inserted = t.insertedPre;
                t.updated = t.updatedPre;
                t.deleted = t.deletedPre;
            }
            tuplesInserted += t.inserted;
            tuplesUpdated += t.updated;
            tuplesDeleted += t.deleted;
            deltaDeadTuples += t.inserted + t.updated;
        }
    }
}
