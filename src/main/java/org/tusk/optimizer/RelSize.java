package org.tusk.optimizer;

import org.tusk.executor.ExecEnvironment;
import org.tusk.utils.cache.Relation;

/**
 * The size of a relation as the planner estimates it: PostgreSQL's estimate_rel_size (plancat.c)
 * with table_block_relation_estimate_size (tableam.c) for tables. Every scan, join and cost
 * estimate of the planner reads a table's pages, tuples and all-visible fraction from here.
 *
 * <p>The current length comes from the storage manager; pg_class's relpages, reltuples and
 * relallvisible (from the last VACUUM or ANALYZE, read through the relcache) give
 * the tuple density, scaled to the current length. A table never vacuumed or analyzed
 * (reltuples &lt; 0) is assumed to be at least ten pages long unless it has inheritance children
 * (an empty parent is common and should be believed), and full of tuples as wide as its column
 * types suggest (get_rel_data_width). relallvisible is used as is, not scaled, on the theory that
 * pages added since the last VACUUM are not all-visible.
 */
final class RelSize {
    private RelSize() {}

    /** BLCKSZ - SizeOfPageHeaderData: the bytes of a heap page that hold tuples and line pointers. */
    static final int USABLE_BYTES_PER_PAGE = 8192 - 24;
    /** MAXALIGN(SizeofHeapTupleHeader) + sizeof(ItemIdData). */
    static final int OVERHEAD_BYTES_PER_TUPLE = 24 + 4;

    /**
     * @param pages      the estimated number of pages (RelOptInfo.pages)
     * @param tuples     the estimated number of tuples (RelOptInfo.tuples)
     * @param allVisFrac the fraction of the pages marked all-visible (RelOptInfo.allvisfrac)
     */
    record Estimate(double pages, double tuples, double allVisFrac) {
        static final Estimate EMPTY = new Estimate(0, 0, 0);
    }

    /** estimate_rel_size for an open relation: its current length, its pg_class statistics. */
    static Estimate of(Relation rel, ExecEnvironment env) {
        return switch (rel.relkind()) {
            case 'r', 'm', 't' -> table(blocks(rel, env), rel.relpages(), rel.reltuples(),
                    rel.relallvisible(), rel.relhassubclass(), dataWidth(rel));
            case 'i' -> index(blocks(rel, env), rel.relpages(), rel.reltuples(), rel.relallvisible(),
                    dataWidth(rel));
            // partitioned tables and indexes, views, sequences, foreign tables: no storage to count
            default -> Estimate.EMPTY;
        };
    }

    /**
     * RelationGetNumberOfBlocks of a table or index, read once per statement
     * ({@link ExecEnvironment#plannedRelationBlocks}): each read asks the kernel for the file's size.
     */
    static int blocks(Relation rel, ExecEnvironment env) {
        java.util.Map<Object, Integer> memo = env.plannedRelationBlocks();
        Integer n = memo == null ? null : memo.get(rel);
        if (n == null) {
            boolean index = rel.relkind() == 'i' || rel.relkind() == 'I';
            n = index ? env.indexAm().numberOfBlocks(rel) : env.tableAm().numberOfBlocks(rel);
            if (memo != null) memo.put(rel, n);
        }
        return n;
    }

    /**
     * table_block_relation_estimate_size.
     *
     * @param curpages      the table's length now, in blocks
     * @param relpages      pg_class.relpages
     * @param reltuples     pg_class.reltuples (negative: never vacuumed or analyzed)
     * @param relallvisible pg_class.relallvisible
     * @param hasSubclass   pg_class.relhassubclass
     * @param dataWidth     get_rel_data_width of the table
     */
    static Estimate table(int curpages, int relpages, double reltuples, int relallvisible, boolean hasSubclass,
                          int dataWidth) {
        // A never-vacuumed table is not assumed to be tiny: it may be filled before a cached plan is reused.
        if (curpages < 10 && reltuples < 0 && !hasSubclass) curpages = 10;
        return scaled(curpages, relpages, reltuples, relallvisible, dataWidth);
    }

    /**
     * estimate_rel_size's index case: as a table but without the ten-page rule, and with the
     * metapage left out of the density (right for B-tree indexes).
     */
    static Estimate index(int curpages, int relpages, double reltuples, int relallvisible, int dataWidth) {
        if (curpages == 0) return Estimate.EMPTY;
        double pages = curpages;
        if (relpages > 0) {
            curpages--;
            relpages--;
        }
        Estimate e = scaled(curpages, relpages, reltuples, relallvisible, dataWidth);
        return new Estimate(pages, e.tuples(), e.allVisFrac());
    }

    /** The density of the last count (or of full pages of tuples of the data width) times {@code curpages}. */
    private static Estimate scaled(int curpages, int relpages, double reltuples, int relallvisible, int dataWidth) {
        if (curpages <= 0) return new Estimate(Math.max(curpages, 0), 0, 0);
        double density;
        if (reltuples >= 0 && relpages > 0) {
            density = reltuples / relpages;
        } else {
            // pages assumed full; alignment deliberately ignored (as PostgreSQL does, for stable plans)
            int tupleWidth = dataWidth + OVERHEAD_BYTES_PER_TUPLE;
            density = USABLE_BYTES_PER_PAGE / tupleWidth;   // integer division, as in PostgreSQL
        }
        double tuples = Math.rint(density * curpages);
        double allVisFrac = relallvisible == 0 ? 0 : relallvisible >= curpages ? 1 : (double) relallvisible / curpages;
        return new Estimate(curpages, tuples, allVisFrac);
    }

    /**
     * get_rel_data_width without per-column statistics: the sum over the live columns of the
     * type's average width (get_typavgwidth: its length when fixed, a guess from the typmod's
     * maximum otherwise). Dropped columns take no space in new tuples and are skipped.
     */
    static int dataWidth(Relation rel) {
        int width = 0;
        for (int i = 0; i < rel.desc().natts(); i++) {
            var att = rel.desc().attr(i);
            if (att.attisdropped()) continue;
            width += att.attlen() > 0 ? att.attlen() : PlanCosts.typeWidth(rel.atttypid(i + 1), rel.atttypmod(i + 1));
        }
        return width;
    }
}
