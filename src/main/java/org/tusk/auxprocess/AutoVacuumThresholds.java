package org.tusk.auxprocess;

/**
 * autovacuum.c's relation_needs_vacanalyze: whether a table's cumulative statistics put it over
 * the thresholds for an autovacuum VACUUM or ANALYZE. Each parameter is the table's reloption
 * when set (a negative value or NaN: not set) and the server setting otherwise.
 *
 * <p>The autovacuum worker ({@code tcop.AutoVacWorkerMain}) decides with it, for every table it
 * lists and again just before it processes one (table_recheck_autovac).
 */
public final class AutoVacuumThresholds {
    /** The server settings autovacuum_vacuum_threshold ... autovacuum_analyze_scale_factor. */
    public record Settings(int vacuumThreshold, double vacuumScaleFactor, int vacuumInsertThreshold,
                           double vacuumInsertScaleFactor, int analyzeThreshold, double analyzeScaleFactor) {
        /** PostgreSQL 15's defaults. */
        public static final Settings DEFAULTS = new Settings(50, 0.2, 1000, 0.2, 50, 0.1);
    }

    /**
     * A table's autovacuum reloptions (StdRdOptions.autovacuum): {@code enabled}, and each
     * threshold or scale factor, negative when not set (the insert threshold uses
     * {@link #UNSET_INSERT_THRESHOLD}, since -1 is a value it may take: insert vacuums off).
     */
    public record RelOptions(boolean enabled, int vacuumThreshold, double vacuumScaleFactor, int vacuumInsertThreshold,
                             double vacuumInsertScaleFactor, int analyzeThreshold, double analyzeScaleFactor) {
        public static final int UNSET_INSERT_THRESHOLD = -2;
        public static final RelOptions NONE = new RelOptions(true, -1, -1, UNSET_INSERT_THRESHOLD, -1, -1, -1);
    }

    /** The table's counts from its cumulative statistics entry (PgStat_StatTabEntry). */
    public record Counts(long deadTuples, long insertsSinceVacuum, long changesSinceAnalyze) {}

    /** What autovacuum should do to the table. */
    public record Decision(boolean vacuum, boolean analyze, boolean wraparound) {
        public static final Decision NOTHING = new Decision(false, false, false);
    }

    private AutoVacuumThresholds() {}

    /**
     * @param counts     the table's statistics entry, null if it has none
     * @param reltuples  pg_class.reltuples (-1: never vacuumed or analyzed, taken as 0)
     * @param wraparound whether its relfrozenxid is older than autovacuum_freeze_max_age (force_vacuum)
     * @param isToast    a TOAST table, which is never analyzed
     * @param isPgStatistic pg_statistic, which ANALYZE refuses
     */
    public static Decision decide(Settings s, RelOptions o, Counts counts, double reltuples, boolean wraparound,
                                  boolean isToast, boolean isPgStatistic) {
        int vacBase = o.vacuumThreshold() >= 0 ? o.vacuumThreshold() : s.vacuumThreshold();
        double vacScale = o.vacuumScaleFactor() >= 0 ? o.vacuumScaleFactor() : s.vacuumScaleFactor();
        int vacInsBase = o.vacuumInsertThreshold() >= -1 ? o.vacuumInsertThreshold() : s.vacuumInsertThreshold();
        double vacInsScale = o.vacuumInsertScaleFactor() >= 0 ? o.vacuumInsertScaleFactor() : s.vacuumInsertScaleFactor();
        int anlBase = o.analyzeThreshold() >= 0 ? o.analyzeThreshold() : s.analyzeThreshold();
        double anlScale = o.analyzeScaleFactor() >= 0 ? o.analyzeScaleFactor() : s.analyzeScaleFactor();

        // User disabled it in pg_class.reloptions? (But ignore if at risk of wraparound)
        if (!o.enabled() && !wraparound) return Decision.NOTHING;
        boolean vacuum, analyze;
        if (counts != null) {
            // If the table hasn't yet been vacuumed, take reltuples as zero
            double tuples = Math.max(reltuples, 0);
            float vacThresh = (float) (vacBase + vacScale * tuples);
            float vacInsThresh = (float) (vacInsBase + vacInsScale * tuples);
            float anlThresh = (float) (anlBase + anlScale * tuples);
            vacuum = wraparound || counts.deadTuples() > vacThresh
                    || (vacInsBase >= 0 && counts.insertsSinceVacuum() > vacInsThresh);
            analyze = counts.changesSinceAnalyze() > anlThresh;
        } else {
            vacuum = wraparound;
            analyze = false;
        }
        if (isPgStatistic || isToast) analyze = false;
        return new Decision(vacuum, analyze, wraparound);
    }
}
