package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.tusk.access.index.IndexBulkDeleteResult;
import org.tusk.access.table.TableScan;
import org.tusk.access.table.VacuumStats;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.IndexKeys;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * VACUUM and ANALYZE (PostgreSQL's vacuum.c ExecVacuum/vacuum_rel, vacuumlazy.c, analyze.c
 * do_analyze_rel), for tables named or, with no names, every table of the database.
 *
 * <p>Each table is locked ShareUpdateExclusiveLock (so two vacuums or a vacuum and DDL exclude
 * each other, while reads and writes go on). VACUUM is lazy: the table AM prunes and collects
 * dead line pointers, each index drops its entries for them (ambulkdelete), then they are freed;
 * pg_class.relpages/reltuples of the table and its indexes are then updated. FULL rewrites
 * the table under AccessExclusiveLock instead ({@link VacuumFull}); FREEZE is accepted but nothing is frozen (Tusk does not freeze tuples yet).
 * ANALYZE counts the rows visible now and the pages into pg_class, and stores each column's
 * null fraction, average width, distinct-value estimate and (for built-in scalar types) most
 * common values, histogram bounds and correlation in pg_statistic ({@link ColumnStatsBuilder}).
 *
 * <p>The caller refuses VACUUM inside a transaction block. VERBOSE reports go to {@code info}
 * as INFO messages, in PostgreSQL 15's wording.
 */
public final class VacuumCommand {
    private VacuumCommand() {}

    public static void vacuum(Stmt.VacuumStmt s, ExecContext ctx, Consumer<String> info) {
        ExecEnvironment env = ctx.env();
        // vacuum_rel's lmode: FULL rewrites the table, so nobody may even read it meanwhile
        int lockMode = s.full() ? RelationLocks.ACCESS_EXCLUSIVE_LOCK : RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK;
        Catalog catalog = env.catalog();
        List<Relation> rels = new ArrayList<>();
        if (s.relations().isEmpty()) {
            rels.addAll(catalog.userTables());
            // get_all_vacuum_rels takes partitioned tables too: ANALYZE gathers their trees' statistics
            if (s.analyze()) rels.addAll(catalog.userPartitionedTables());
        } else {
            for (Stmt.RangeVar rv : s.relations()) {
                Relation rel = catalog.openRelation(rv.schema(), rv.name(), lockMode);
                if (rel == null) {
                    String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
                    throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
                }
                rels.add(rel);
                // expand_vacuum_rel: a partitioned table brings every partition below it, each
                // processed (and locked) after it as a table of its own
                if (rel.relkind() == 'p') {
                    for (Relation part : PartitionCommands.allOf(rel, env)) {
                        if (part.oid() == rel.oid()) continue;
                        catalog.lockRelation(part.oid(), lockMode);
                        rels.add(part);
                    }
                }
            }
        }
        String db = ctx.session().currentDatabase();
        for (Relation rel : rels) {
            rel = catalog.openRelation(rel.oid());
            if (rel.relkind() == 'p') {
                // a partitioned table has no storage to vacuum; ANALYZE gathers its whole tree's rows
                if (s.analyze()) analyzeInheritanceTree(rel, ctx, s.verbose() ? info : null,
                        catalog.namespaceName(rel.namespace()) + "." + rel.name());
                continue;
            }
            if (rel.relkind() != 'r' && !(s.full() && rel.relkind() == 'm')) {
                // vacuum_rel / analyze_rel skip what they cannot process, with a WARNING in PostgreSQL.
                continue;
            }
            String schema = catalog.namespaceName(rel.namespace());
            if (s.isVacuum() && s.full()) {
                VacuumFull.rebuild(rel, ctx, s.verbose() ? info : null, schema + "." + rel.name());
                if (s.analyze() && rel.relkind() == 'r') {
                    analyze(catalog.openRelation(rel.oid()), ctx, s.verbose() ? info : null, schema + "." + rel.name());
                }
                continue;
            }
            // Aggressive (every page read): FREEZE, whose freeze_table_age is 0, or DISABLE_PAGE_SKIPPING.
            boolean aggressive = s.freeze() || s.disablePageSkipping();
            if (s.isVacuum()) lazyVacuum(rel, env, aggressive, s.verbose() ? info : null, db + "." + schema + "." + rel.name(),
                    ctx.session().pgstat(), ctx.session().isAutovacuumWorker());
            if (s.isVacuum() && rel.toastRelid() != 0) {
                // vacuum_rel's second step: the table's TOAST relation, under the same lock mode
                catalog.lockRelation(rel.toastRelid(), RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
                Relation toast = catalog.openRelation(rel.toastRelid());
                if (toast != null) lazyVacuum(toast, env, aggressive, s.verbose() ? info : null, db + ".pg_toast." + toast.name(),
                        ctx.session().pgstat(), ctx.session().isAutovacuumWorker());
            }
            if (s.analyze()) analyze(catalog.openRelation(rel.oid()), ctx, s.verbose() ? info : null, schema + "." + rel.name());
        }
    }

    /** vacuum_rel + heap_vacuum_rel + lazy_vacuum_all_indexes + vac_update_relstats. */
    private static void lazyVacuum(Relation rel, ExecEnvironment env, boolean aggressive, Consumer<String> info, String qualified,
                                   org.tusk.utils.activity.PgStatPending pgstat, boolean autovacuum) {
        if (info != null) info.accept("vacuuming \"" + qualified + "\"");
        Catalog catalog = env.catalog();
        List<Relation> indexes = catalog.indexesOf(rel);
        List<IndexBulkDeleteResult> indexResults = new ArrayList<>();
        VacuumStats st = env.tableAm().vacuum(rel, aggressive, isDead -> {
            for (Relation index : indexes) indexResults.add(env.indexAm().indexBulkDelete(index, isDead));
        });
        // The pages skipped as all-visible were not counted: their tuples are estimated.
        long liveTuples = estimateRelTuples(rel.relpages(), rel.reltuples(), st.relPages(), st.scannedPages(), st.liveTuples());
        catalog.updateRelationStats(rel, st.relPages(), liveTuples, st.allVisiblePages());
        // pgstat_report_vacuum: the live and dead tuples VACUUM found replace the counts
        if (pgstat != null) pgstat.reportVacuum(rel.oid(), autovacuum, Math.max(liveTuples, 0), st.recentlyDead());
        for (int i = 0; i < indexResults.size(); i++) {
            IndexBulkDeleteResult r = indexResults.get(i);
            catalog.updateRelationStats(catalog.openRelation(indexes.get(i).oid()), r.numPages(), r.numIndexTuples(), 0);
        }
        if (info != null) {
            StringBuilder sb = new StringBuilder("finished vacuuming \"" + qualified + "\": index scans: " + st.indexScans() + "\n");
            double pct = st.relPages() == 0 ? 100.0 : 100.0 * st.scannedPages() / st.relPages();
            sb.append("pages: 0 removed, ").append(st.relPages()).append(" remain, ").append(st.scannedPages())
                    .append(" scanned (").append(String.format(Locale.ROOT, "%.2f", pct)).append("% of total)\n");
            sb.append("tuples: ").append(st.tuplesDeleted()).append(" removed, ").append(liveTuples)
                    .append(" remain, ").append(st.recentlyDead()).append(" are dead but not yet removable");
            for (int i = 0; i < indexResults.size(); i++) {
                IndexBulkDeleteResult r = indexResults.get(i);
                sb.append("\nindex \"").append(indexes.get(i).name()).append("\": pages: ").append(r.numPages())
                        .append(" in total, 0 newly deleted, 0 currently deleted, 0 reusable");
            }
            info.accept(sb.toString());
        }
    }

    /**
     * vac_estimate_reltuples: the table's tuples when VACUUM scanned only {@code scannedPages} of
     * {@code totalPages}. The density pg_class had (reltuples / relpages) stands for the pages not
     * scanned. When nearly nothing was scanned of a table of unchanged size, or at most one page,
     * the old count is kept, so that repeated VACUUMs reading the same few pages (the last one is
     * always read) do not drift the estimate; with no old density the scanned density is scaled up.
     */
    static long estimateRelTuples(int oldRelPages, double oldRelTuples, int totalPages, int scannedPages, long scannedTuples) {
        if (scannedPages >= totalPages) return scannedTuples;
        if (oldRelPages == totalPages && scannedPages < totalPages * 0.02) return (long) oldRelTuples;
        if (scannedPages <= 1) return (long) oldRelTuples;
        if (oldRelTuples < 0 || oldRelPages == 0) return (long) Math.floor((double) scannedTuples / scannedPages * totalPages + 0.5);
        double oldDensity = oldRelTuples / oldRelPages;
        double unscanned = (double) totalPages - scannedPages;
        return (long) Math.floor(oldDensity * unscanned + scannedTuples + 0.5);
    }

    /**
     * The sampled rows in the order of the table (acquire_sample_rows sorts a reservoir sample by
     * position: the correlation statistic compares that order with the values' order).
     */
    private static List<Object[]> inPhysicalOrder(List<Object[]> sample, List<Long> positions) {
        Integer[] idx = new Integer[sample.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, java.util.Comparator.comparingLong(positions::get));
        List<Object[]> out = new ArrayList<>(idx.length);
        for (int i : idx) out.add(sample.get(i));
        return out;
    }

    /**
     * compute_index_stats: the expression columns of the table's indexes get statistics of
     * their own, from the same sample, their values computed as the index computes them
     * (FormIndexDatum); a partial index sees only the sampled rows its predicate admits, and
     * its row count is scaled as theirs is. Plain key columns have their table column's
     * statistics and get none. Nothing changes for an index that admits no sampled row.
     */
    private static void analyzeIndexExpressions(Relation rel, List<Object[]> sample, long rows, ExecContext ctx) {
        Catalog catalog = ctx.env().catalog();
        for (Relation index : catalog.indexesOf(rel)) {
            Relation.IndexInfo ii = index.index();
            if (ii == null || !ii.hasExpressions()) continue;
            List<Integer> columns = new ArrayList<>();
            for (int k = 0; k < ii.keyCount(); k++) {
                // examine_attribute: an expression column whose statistics target is not 0
                if (ii.keyAttnum(k) == 0 && catalog.statTarget(index, k + 1) != 0) columns.add(k);
            }
            if (columns.isEmpty()) continue;
            IndexKeys former = IndexKeys.open(rel, index, ctx);
            List<ColumnStatsBuilder> builders = new ArrayList<>();
            for (int k : columns) builders.add(new ColumnStatsBuilder(k + 1, index.desc().attr(k).type()));
            long admitted = 0;
            for (Object[] row : sample) {
                Object[] keys = former.form(row);
                if (keys == null) continue;
                admitted++;
                for (int i = 0; i < columns.size(); i++) builders.get(i).add(keys[columns.get(i)]);
            }
            if (admitted == 0) continue;
            long indexRows = (long) Math.ceil((double) admitted / sample.size() * rows);
            List<Catalog.ColumnStatistics> stats = new ArrayList<>();
            for (ColumnStatsBuilder b : builders) stats.add(b.build(indexRows));
            catalog.replaceStatistics(index, stats);
        }
    }

    /**
     * do_analyze_rel with inh for a partitioned table (acquire_inherited_sample_rows): a sample
     * of the rows of all its leaf partitions, each partition contributing in proportion to its
     * rows, gives the statistics of the whole tree (pg_statistic rows with stainherit true), and
     * the total goes into the table's pg_class.reltuples (vac_update_relstats; relpages stays
     * -1, a partitioned table has no pages). The partitions' own statistics come from their own
     * ANALYZE, which a named partitioned table brings along.
     */
    private static void analyzeInheritanceTree(Relation rel, ExecContext ctx, Consumer<String> info, String qualified) {
        ExecEnvironment env = ctx.env();
        if (info != null) info.accept("analyzing \"" + qualified + "\" inheritance tree");
        List<Relation> leaves = PartitionCommands.leafPartitions(rel, env);
        List<List<Object[]>> samples = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        long total = 0;
        for (Relation leaf : leaves) {
            Sample s = sample(leaf, ctx);
            samples.add(s.rows());
            counts.add(s.total());
            total += s.total();
            if (info != null) info.accept(scannedLine(leaf, env, s));
        }
        // acquire_inherited_sample_rows: each child's share of the target sample is its share of the rows
        List<Object[]> sample = new ArrayList<>();
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < leaves.size(); i++) {
            List<Object[]> rows = samples.get(i);
            if (rows.isEmpty()) continue;
            int want = total <= SAMPLE_ROWS ? rows.size() : (int) Math.round((double) SAMPLE_ROWS * counts.get(i) / total);
            List<Object[]> taken = new ArrayList<>(rows);
            java.util.Collections.shuffle(taken, random);
            Relation leaf = leaves.get(i);
            for (Object[] r : taken.subList(0, Math.min(want, taken.size()))) sample.add(toParentColumns(r, leaf, rel));
        }
        env.catalog().updateRelationStats(rel, -1, total, 0);
        List<Catalog.ColumnStatistics> stats = new ArrayList<>();
        if (total > 0) {
            for (int a = 0; a < rel.desc().natts(); a++) {
                if (rel.desc().attr(a).attisdropped()) continue;
                ColumnStatsBuilder b = new ColumnStatsBuilder(a + 1, rel.desc().attr(a).type());
                for (Object[] r : sample) b.add(r[a]);
                stats.add(b.build(total));
            }
        }
        env.catalog().replaceInheritedStatistics(env.catalog().openRelation(rel.oid()), stats);
    }

    /** A partition's row in its parent's column order (partitions may have dropped columns or another order). */
    private static Object[] toParentColumns(Object[] row, Relation leaf, Relation parent) {
        Object[] out = new Object[parent.desc().natts()];
        for (int a = 0; a < out.length; a++) {
            var attr = parent.desc().attr(a);
            if (attr.attisdropped()) continue;
            for (int b = 0; b < leaf.desc().natts(); b++) {
                var la = leaf.desc().attr(b);
                if (!la.attisdropped() && la.name().equals(attr.name())) {
                    out[a] = b < row.length ? row[b] : null;
                    break;
                }
            }
        }
        return out;
    }

    /** The rows of a table: a uniform sample of at most {@link #SAMPLE_ROWS}, in the table's order, and how many there are. */
    private record Sample(List<Object[]> rows, long total) {}

    private static Sample sample(Relation rel, ExecContext ctx) {
        ExecEnvironment env = ctx.env();
        List<Object[]> sample = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        java.util.Random random = new java.util.Random();
        long rows = 0;
        try (TableScan scan = env.tableAm().beginAnalyzeScan(rel, env.latestSnapshot())) {
            for (org.tusk.access.table.TupleSlot t; (t = scan.next()) != null; ) {
                if ((++rows & 0xfff) == 0) ctx.session().checkForInterrupts();
                if (sample.size() < SAMPLE_ROWS) {
                    sample.add(t.values());
                    positions.add(rows);
                } else {
                    long k = (long) (random.nextDouble() * rows);
                    if (k < SAMPLE_ROWS) {
                        sample.set((int) k, t.values());
                        positions.set((int) k, rows);
                    }
                }
            }
        }
        if (rows > SAMPLE_ROWS) sample = inPhysicalOrder(sample, positions);
        return new Sample(sample, rows);
    }

    /** ANALYZE VERBOSE's line for one table it read. */
    private static String scannedLine(Relation rel, ExecEnvironment env, Sample s) {
        int pages = env.tableAm().numberOfBlocks(rel);
        return "\"" + rel.name() + "\": scanned " + pages + " of " + pages + " pages, containing " + s.total()
                + " live rows; " + s.rows().size() + " rows in sample, " + s.total() + " estimated total rows";
    }

    /** default_statistics_target times 300: the rows ANALYZE samples (std_typanalyze's minrows). */
    static final int SAMPLE_ROWS = 300 * 100;

    /**
     * do_analyze_rel: every row visible to a snapshot taken now is counted (pg_class.reltuples,
     * with relpages), and a uniform sample of {@link #SAMPLE_ROWS} of them (reservoir sampling,
     * Vitter's algorithm R; PostgreSQL samples blocks first, Tusk reads them all anyway to count)
     * gives each column's null fraction, width, distinct-value estimate and, for types with a
     * default btree operator class, most common values, histogram and correlation (pg_statistic).
     */
    private static void analyze(Relation rel, ExecContext ctx, Consumer<String> info, String qualified) {
        ExecEnvironment env = ctx.env();
        if (info != null) info.accept("analyzing \"" + qualified + "\"");
        Sample sampled = sample(rel, ctx);
        List<Object[]> sample = sampled.rows();
        long rows = sampled.total();
        int pages = env.tableAm().numberOfBlocks(rel);
        env.catalog().updateRelationStats(rel, pages, rows, env.tableAm().allVisiblePages(rel));
        // pgstat_report_analyze: Tusk's ANALYZE reads only the visible rows, so it has no dead-row
        // estimate of its own and leaves n_dead_tup as the counts made it
        var pgstat = ctx.session() == null ? null : ctx.session().pgstat();
        if (pgstat != null) pgstat.reportAnalyze(rel.oid(), ctx.session().isAutovacuumWorker(), rows, -1, true);
        List<Catalog.ColumnStatistics> stats = new ArrayList<>();
        if (rows > 0) {
            for (int a = 0; a < rel.desc().natts(); a++) {
                if (rel.desc().attr(a).attisdropped()) continue;   // examine_attribute: no statistics for those
                ColumnStatsBuilder b = new ColumnStatsBuilder(a + 1, rel.desc().attr(a).type());
                for (Object[] r : sample) b.add(a < r.length ? r[a] : null);
                stats.add(b.build(rows));
            }
        }
        env.catalog().replaceStatistics(env.catalog().openRelation(rel.oid()), stats);
        if (rows > 0) analyzeIndexExpressions(rel, sample, rows, ctx);
        if (info != null) info.accept(scannedLine(rel, env, sampled));
    }
}
