package org.tusk.utils.misc;

import static org.tusk.utils.misc.GucCategory.*;
import static org.tusk.utils.misc.GucContext.*;
import static org.tusk.utils.misc.GucDefinition.bool;
import static org.tusk.utils.misc.GucDefinition.enumeration;
import static org.tusk.utils.misc.GucDefinition.integer;
import static org.tusk.utils.misc.GucDefinition.real;
import static org.tusk.utils.misc.GucEnumOption.hidden;
import static org.tusk.utils.misc.GucEnumOption.of;
import static org.tusk.utils.misc.GucFlag.EXPLAIN;

import java.util.List;

/**
 * The planner's parameters of guc.c (PostgreSQL 15's ConfigureNamesBool/Int/Real/Enum entries in
 * the groups QUERY_TUNING_* and RESOURCES_ASYNCHRONOUS, plus hash_mem_multiplier), with
 * PostgreSQL's names, types, ranges, defaults, contexts, flags and texts.
 *
 * <p>Which of them change what Tusk does: the enable_* flags of plan shapes Tusk builds
 * (seqscan, indexscan, bitmapscan, nestloop, hashjoin, mergejoin, sort, hashagg), the page
 * costs and hash_mem_multiplier (with work_mem, the hash tables grouping sets may use); see the
 * optimizer. The others describe plan shapes or machinery Tusk does not have
 * (parallel query, JIT, memoize, incremental sort, GEQO, partitionwise joins, TID scans): they
 * are accepted, checked and shown exactly as in PostgreSQL, where they only matter when that
 * machinery is used, so with none of it they have no effect, as in a PostgreSQL that never
 * chooses such a plan.
 */
final class QueryTuningGucs {
    private QueryTuningGucs() {}

    /** The definitions, in no particular order; GucTables sorts them with the rest. */
    static List<GucDefinition> definitions() {
        return List.of(
                // ---- Planner method configuration (all on, except the partitionwise ones) ----
                method("enable_seqscan", "Enables the planner's use of sequential-scan plans.", true),
                method("enable_indexscan", "Enables the planner's use of index-scan plans.", true),
                method("enable_indexonlyscan", "Enables the planner's use of index-only-scan plans.", true),
                method("enable_bitmapscan", "Enables the planner's use of bitmap-scan plans.", true),
                method("enable_tidscan", "Enables the planner's use of TID scan plans.", true),
                method("enable_sort", "Enables the planner's use of explicit sort steps.", true),
                method("enable_incremental_sort", "Enables the planner's use of incremental sort steps.", true),
                method("enable_hashagg", "Enables the planner's use of hashed aggregation plans.", true),
                method("enable_material", "Enables the planner's use of materialization.", true),
                method("enable_memoize", "Enables the planner's use of memoization.", true),
                method("enable_nestloop", "Enables the planner's use of nested-loop join plans.", true),
                method("enable_mergejoin", "Enables the planner's use of merge join plans.", true),
                method("enable_hashjoin", "Enables the planner's use of hash join plans.", true),
                method("enable_gathermerge", "Enables the planner's use of gather merge plans.", true),
                method("enable_partitionwise_join", "Enables partitionwise join.", false),
                method("enable_partitionwise_aggregate", "Enables partitionwise aggregation and grouping.", false),
                method("enable_parallel_append", "Enables the planner's use of parallel append plans.", true),
                method("enable_parallel_hash", "Enables the planner's use of parallel hash plans.", true),
                method("enable_partition_pruning", "Enables plan-time and execution-time partition pruning.", true)
                        .withLongDesc("Allows the query planner and executor to compare partition bounds to "
                                + "conditions in the query to determine which partitions must be scanned."),
                method("enable_async_append", "Enables the planner's use of async append plans.", true),

                // ---- Planner cost constants ----
                cost("seq_page_cost", "Sets the planner's estimate of the cost of a sequentially fetched disk page.",
                        1.0),
                cost("random_page_cost",
                        "Sets the planner's estimate of the cost of a nonsequentially fetched disk page.", 4.0),
                cost("cpu_tuple_cost", "Sets the planner's estimate of the cost of processing each tuple (row).",
                        0.01),
                cost("cpu_index_tuple_cost", "Sets the planner's estimate of the cost of processing each index "
                        + "entry during an index scan.", 0.005),
                cost("cpu_operator_cost", "Sets the planner's estimate of the cost of processing each operator or "
                        + "function call.", 0.0025),
                cost("parallel_tuple_cost", "Sets the planner's estimate of the cost of passing each tuple (row) "
                        + "from worker to leader backend.", 0.1),
                cost("parallel_setup_cost", "Sets the planner's estimate of the cost of starting up worker "
                        + "processes for parallel query.", 1000),
                jitCost("jit_above_cost", "Perform JIT compilation if query is more expensive.", 100000,
                        "-1 disables JIT compilation."),
                jitCost("jit_optimize_above_cost", "Optimize JIT-compiled functions if query is more expensive.",
                        500000, "-1 disables optimization."),
                jitCost("jit_inline_above_cost", "Perform JIT inlining if query is more expensive.", 500000,
                        "-1 disables inlining."),
                integer("min_parallel_table_scan_size", USERSET, QUERY_TUNING_COST,
                        "Sets the minimum amount of table data for a parallel scan.", 1024, 0, GucTables.INT_MAX / 3)
                        .withUnit(GucUnit.BLOCKS).withFlags(EXPLAIN)
                        .withLongDesc("If the planner estimates that it will read a number of table pages too small "
                                + "to reach this limit, a parallel scan will not be considered."),
                integer("min_parallel_index_scan_size", USERSET, QUERY_TUNING_COST,
                        "Sets the minimum amount of index data for a parallel scan.", 64, 0, GucTables.INT_MAX / 3)
                        .withUnit(GucUnit.BLOCKS).withFlags(EXPLAIN)
                        .withLongDesc("If the planner estimates that it will read a number of index pages too small "
                                + "to reach this limit, a parallel scan will not be considered."),

                // ---- Genetic query optimizer ----
                bool("geqo", USERSET, QUERY_TUNING_GEQO, "Enables genetic query optimization.", true)
                        .withFlags(EXPLAIN)
                        .withLongDesc("This algorithm attempts to do planning without exhaustive searching."),
                integer("geqo_threshold", USERSET, QUERY_TUNING_GEQO,
                        "Sets the threshold of FROM items beyond which GEQO is used.", 12, 2, GucTables.INT_MAX)
                        .withFlags(EXPLAIN),

                // ---- Other planner options ----
                real("recursive_worktable_factor", USERSET, QUERY_TUNING_OTHER,
                        "Sets the planner's estimate of the average size of a recursive query's working table.",
                        10.0, 0.001, 1000000.0).withFlags(EXPLAIN),
                real("cursor_tuple_fraction", USERSET, QUERY_TUNING_OTHER,
                        "Sets the planner's estimate of the fraction of a cursor's rows that will be retrieved.", 0.1,
                        0.0, 1.0).withFlags(EXPLAIN),
                integer("from_collapse_limit", USERSET, QUERY_TUNING_OTHER,
                        "Sets the FROM-list size beyond which subqueries are not collapsed.", 8, 1, GucTables.INT_MAX)
                        .withFlags(EXPLAIN)
                        .withLongDesc("The planner will merge subqueries into upper queries if the resulting FROM "
                                + "list would have no more than this many items."),
                integer("join_collapse_limit", USERSET, QUERY_TUNING_OTHER,
                        "Sets the FROM-list size beyond which JOIN constructs are not flattened.", 8, 1,
                        GucTables.INT_MAX).withFlags(EXPLAIN)
                        .withLongDesc("The planner will flatten explicit JOIN constructs into lists of FROM items "
                                + "whenever a list of no more than this many items would result."),
                enumeration("plan_cache_mode", USERSET, QUERY_TUNING_OTHER,
                        "Controls the planner's selection of custom or generic plan.", "auto",
                        List.of(of("auto", 0), of("force_generic_plan", 1), of("force_custom_plan", 2)))
                        .withFlags(EXPLAIN)
                        .withLongDesc("Prepared statements can have custom and generic plans, and the planner will "
                                + "attempt to choose which is better.  This can be set to override the default "
                                + "behavior."),
                enumeration("force_parallel_mode", USERSET, DEVELOPER_OPTIONS,
                        "Forces use of parallel query facilities.", "off",
                        List.of(of("off", 0), of("on", 1), of("regress", 2), hidden("true", 1), hidden("false", 0),
                                hidden("yes", 1), hidden("no", 0), hidden("1", 1), hidden("0", 0)))
                        .withFlags(EXPLAIN)
                        .withLongDesc("If possible, run query using a parallel worker and with parallel "
                                + "restrictions."),

                // ---- Parallel workers (RESOURCES_ASYNCHRONOUS) ----
                integer("max_parallel_workers_per_gather", USERSET, RESOURCES_ASYNCHRONOUS,
                        "Sets the maximum number of parallel processes per executor node.", 2, 0, MAX_PARALLEL_WORKER_LIMIT)
                        .withFlags(EXPLAIN),
                integer("max_parallel_maintenance_workers", USERSET, RESOURCES_ASYNCHRONOUS,
                        "Sets the maximum number of parallel processes per maintenance operation.", 2, 0,
                        MAX_PARALLEL_WORKER_LIMIT),
                integer("max_parallel_workers", USERSET, RESOURCES_ASYNCHRONOUS,
                        "Sets the maximum number of parallel workers that can be active at one time.", 8, 0,
                        MAX_PARALLEL_WORKER_LIMIT).withFlags(EXPLAIN),
                bool("parallel_leader_participation", USERSET, RESOURCES_ASYNCHRONOUS,
                        "Controls whether Gather and Gather Merge also run subplans.", true).withFlags(EXPLAIN)
                        .withLongDesc("Should gather nodes also run subplans or just gather tuples?"),

                // ---- Memory for hash tables (RESOURCES_MEM) ----
                real("hash_mem_multiplier", USERSET, RESOURCES_MEM, "Multiple of work_mem to use for hash tables.",
                        2.0, 1.0, 1000.0).withFlags(EXPLAIN));
    }

    /** PostgreSQL's MAX_PARALLEL_WORKER_LIMIT. */
    private static final int MAX_PARALLEL_WORKER_LIMIT = 1024;

    private static GucDefinition method(String name, String desc, boolean boot) {
        return bool(name, USERSET, QUERY_TUNING_METHOD, desc, boot).withFlags(EXPLAIN);
    }

    private static GucDefinition cost(String name, String desc, double boot) {
        return real(name, USERSET, QUERY_TUNING_COST, desc, boot, 0, Double.MAX_VALUE).withFlags(EXPLAIN);
    }

    private static GucDefinition jitCost(String name, String desc, double boot, String longDesc) {
        return real(name, USERSET, QUERY_TUNING_COST, desc, boot, -1, Double.MAX_VALUE).withFlags(EXPLAIN)
                .withLongDesc(longDesc);
    }
}
