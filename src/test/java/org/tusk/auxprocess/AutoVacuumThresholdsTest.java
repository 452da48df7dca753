package org.tusk.auxprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import org.tusk.auxprocess.AutoVacuumThresholds.Counts;
import org.tusk.auxprocess.AutoVacuumThresholds.Decision;
import org.tusk.auxprocess.AutoVacuumThresholds.RelOptions;
import org.tusk.auxprocess.AutoVacuumThresholds.Settings;

/** relation_needs_vacanalyze's arithmetic, with PostgreSQL 15's default settings. */
class AutoVacuumThresholdsTest {
    private static Decision decide(RelOptions o, Counts c, double reltuples) {
        return AutoVacuumThresholds.decide(Settings.DEFAULTS, o, c, reltuples, false, false, false);
    }

    @Test
    void deadTuplesOverFiftyPlusAFifthOfReltuples() {
        // 1000 rows: vacuum threshold 50 + 0.2 * 1000 = 250, analyze threshold 50 + 100 = 150
        assertEquals(new Decision(false, false, false), decide(RelOptions.NONE, new Counts(250, 0, 150), 1000));
        assertEquals(new Decision(true, true, false), decide(RelOptions.NONE, new Counts(251, 0, 151), 1000));
    }

    @Test
    void neverVacuumedTableCountsAsEmpty() {
        assertEquals(new Decision(true, true, false), decide(RelOptions.NONE, new Counts(51, 0, 51), -1));
    }

    @Test
    void insertsAloneTriggerAnInsertVacuum() {
        assertEquals(new Decision(true, true, false), decide(RelOptions.NONE, new Counts(0, 1201, 1201), 1000));
        RelOptions off = new RelOptions(true, -1, -1, -1, -1, -1, -1);   // autovacuum_vacuum_insert_threshold = -1
        assertEquals(new Decision(false, true, false), decide(off, new Counts(0, 1201, 1201), 1000));
    }

    @Test
    void reloptionsOverrideAndDisable() {
        RelOptions low = new RelOptions(true, 0, 0.0, RelOptions.UNSET_INSERT_THRESHOLD, -1, 0, 0.0);
        assertEquals(new Decision(true, true, false), decide(low, new Counts(1, 0, 1), 1_000_000));
        RelOptions disabled = new RelOptions(false, -1, -1, RelOptions.UNSET_INSERT_THRESHOLD, -1, -1, -1);
        assertEquals(Decision.NOTHING, decide(disabled, new Counts(1_000_000, 0, 1_000_000), 10));
        // ... unless the table is at risk of wraparound
        assertEquals(new Decision(true, false, true), AutoVacuumThresholds.decide(Settings.DEFAULTS, disabled,
                new Counts(0, 0, 0), 10, true, false, false));
    }

    @Test
    void noStatisticsNoAnalyzeAndToastNeverAnalyzed() {
        assertEquals(Decision.NOTHING, decide(RelOptions.NONE, null, 10));
        assertEquals(new Decision(true, false, false), AutoVacuumThresholds.decide(Settings.DEFAULTS, RelOptions.NONE,
                new Counts(500, 0, 500), 10, false, true, false));
    }
}
