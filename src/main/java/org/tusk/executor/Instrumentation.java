package org.tusk.executor;

/**
 * Run-time statistics of one plan node for EXPLAIN ANALYZE (PostgreSQL's instrument.c
 * Instrumentation, accumulated over loops as InstrEndLoop does). A loop is one execution of the
 * node from its start (Tusk builds a new PlanState for each rescan, so each built state that is
 * asked for a tuple is one loop). {@code startupNanos} sums, over loops, the time until the
 * first call returned; {@code totalNanos} the time of all calls; both include the node's
 * children, as in PostgreSQL. Nodes that sort or hash record what they did here too (the
 * tuplesort's method and space, show_sort_info's source).
 *
 * <p>Owned by one backend's statement; no locking.
 */
public final class Instrumentation {
    /** Whether to read the clock around every call (EXPLAIN's TIMING option). */
    final boolean timing;
    long nloops;
    long ntuples;
    long startupNanos;
    long totalNanos;
    /** The last sort's method ("quicksort", "external merge", "top-N heapsort"), or null if the node did not sort. */
    private String sortMethod;
    /** Its space in kB and whether that was memory or disk. */
    private long sortSpaceKb;
    private boolean sortOnDisk;

    Instrumentation(boolean timing) {
        this.timing = timing;
    }

    public long loops() { return nloops; }

    public long tuples() { return ntuples; }

    /** Milliseconds until the first tuple, averaged over loops (explain.c's startup_ms). */
    public double startupMs() { return nloops == 0 ? 0 : startupNanos / 1e6 / nloops; }

    /** Milliseconds for the whole node, averaged over loops (total_ms). */
    public double totalMs() { return nloops == 0 ? 0 : totalNanos / 1e6 / nloops; }

    public boolean timing() { return timing; }

    /** Records a finished sort (tuplesort_get_stats): the largest space any loop used is kept, as PostgreSQL shows. */
    void recordSort(String method, long spaceKb, boolean onDisk) {
        if (sortMethod == null || onDisk && !sortOnDisk || onDisk == sortOnDisk && spaceKb > sortSpaceKb) {
            sortMethod = method;
            sortSpaceKb = spaceKb;
            sortOnDisk = onDisk;
        }
    }

    /** MERGE's ModifyTable: join tuples read and rows inserted, updated, deleted (mt_merge_*); -1 for other nodes. */
    private long mergeSource = -1, mergeInserted, mergeUpdated, mergeDeleted;

    void recordMerge(long source, long inserted, long updated, long deleted) {
        mergeSource = source;
        mergeInserted = inserted;
        mergeUpdated = updated;
        mergeDeleted = deleted;
    }

    /** Whether this node is a MERGE that ran (show_modifytable_info's CMD_MERGE part applies). */
    public boolean hasMergeCounts() { return mergeSource >= 0; }

    public long mergeSourceRows() { return mergeSource; }

    public long mergeInserted() { return mergeInserted; }

    public long mergeUpdated() { return mergeUpdated; }

    public long mergeDeleted() { return mergeDeleted; }

    public String sortMethod() { return sortMethod; }

    private long heapFetches, exactHeapBlocks;

    /** An index-only scan visited the heap (IndexOnlyScanState's ntuples2, "Heap Fetches"). */
    void countHeapFetch() { heapFetches++; }

    /** Heap fetches of an index-only scan, over all loops. */
    public long heapFetches() { return heapFetches; }

    /** A bitmap heap scan read one page of its bitmap ("Heap Blocks: exact=N"). */
    void countExactHeapBlock() { exactHeapBlocks++; }

    /** Pages a bitmap heap scan read, over all loops. */
    public long exactHeapBlocks() { return exactHeapBlocks; }

    /** The statistics of the bitmap nodes under a bitmap heap scan (not plan nodes of their own), by node. */
    private java.util.IdentityHashMap<Object, Instrumentation> bitmapNodes;

    /** Records one run of bitmap node {@code node}: {@code tuples} TIDs (0 for BitmapAnd/Or, as PostgreSQL counts), in {@code nanos}. */
    void recordBitmapNode(Object node, long tuples, long nanos) {
        if (bitmapNodes == null) bitmapNodes = new java.util.IdentityHashMap<>();
        Instrumentation i = bitmapNodes.computeIfAbsent(node, k -> new Instrumentation(timing));
        i.nloops++;
        i.ntuples += tuples;
        i.startupNanos += nanos;
        i.totalNanos += nanos;
    }

    /** The statistics of a bitmap node under this bitmap heap scan, or null if it never ran. */
    public Instrumentation bitmapNode(Object node) {
        return bitmapNodes == null ? null : bitmapNodes.get(node);
    }

    public long sortSpaceKb() { return sortSpaceKb; }

    public boolean sortOnDisk() { return sortOnDisk; }

    /** A Memoize node's cache lookups that found a complete entry, did not, entries evicted, entries dropped as too big, and its peak memory. */
    long memoizeHits, memoizeMisses, memoizeEvictions, memoizeOverflows, memoizePeakBytes;

    public long memoizeHits() { return memoizeHits; }

    public long memoizeMisses() { return memoizeMisses; }

    public long memoizeEvictions() { return memoizeEvictions; }

    public long memoizeOverflows() { return memoizeOverflows; }

    /** The peak memory of a Memoize node's cache in kB, rounded up as show_memoize_info does. */
    public long memoizePeakKb() { return (memoizePeakBytes + 1023) / 1024; }

    /** The wrapper that counts one node's calls (ExecProcNodeInstr): one per built PlanState, so one per loop. */
    static final class Counting extends PlanState {
        private final PlanState node;
        private final Instrumentation instr;
        private boolean started;

        Counting(PlanState node, Instrumentation instr) {
            this.node = node;
            this.instr = instr;
        }

        @Override
        public Object[] next() {
            long t0 = instr.timing ? System.nanoTime() : 0;
            Object[] t = node.next();
            long elapsed = instr.timing ? System.nanoTime() - t0 : 0;
            instr.totalNanos += elapsed;
            if (!started) {
                started = true;
                instr.nloops++;
                instr.startupNanos += elapsed;
            }
            if (t != null) instr.ntuples++;
            return t;
        }

        @Override
        public void close() { node.close(); }

        /** The wrapped state, for callers that ask a specific node type something (es_processed). */
        PlanState node() { return node; }
    }
}
