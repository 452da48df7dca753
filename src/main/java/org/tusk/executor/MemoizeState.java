package org.tusk.executor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.nodes.Plan;

/**
 * nodeMemoize.c: one scan of a nested loop's inner side through its cache. The nested loop
 * builds a new state for each outer row (Tusk's rescan); the state computes the cache key from
 * the loop's parameters and either replays the rows a complete entry holds (a hit) or runs the
 * child, storing each row it returns under the key (a miss), and marks the entry complete when
 * the child is exhausted (or, in single-row mode, at its first row). An entry a scan left
 * incomplete (the loop stopped reading early) is thrown away at the next lookup, as
 * cache_lookup's caller does. The cache is bounded by hash_mem (work_mem times
 * hash_mem_multiplier): storing past it evicts the least recently used entries
 * (cache_reduce_memory); when the current entry alone does not fit it is dropped and the rest
 * of the scan bypasses the cache (MEMO_CACHE_BYPASS_MODE).
 */
final class MemoizeState extends PlanState {
    /** The cache of one execution of the nested loop (MemoizeState's hash table and LRU list). */
    static final class Cache {
        /** The entries by key in least recently used first order (access-ordered). */
        private final Map<Object, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
        private final long limitBytes;
        private long memBytes;
        private final Instrumentation instr;

        Cache(long limitBytes, Instrumentation instr) {
            this.limitBytes = limitBytes;
            this.instr = instr;
        }

        /**
         * cache_reduce_memory: evicts entries, least recently used first, until the cache fits;
         * false if {@code current} itself had to go.
         */
        private boolean reduce(Object current) {
            boolean currentEvicted = false;
            for (Iterator<Map.Entry<Object, Entry>> it = entries.entrySet().iterator(); it.hasNext() && memBytes > limitBytes; ) {
                Map.Entry<Object, Entry> e = it.next();
                if (e.getKey().equals(current)) currentEvicted = true;
                memBytes -= e.getValue().bytes;
                it.remove();
                if (instr != null) instr.memoizeEvictions++;
            }
            return !currentEvicted;
        }
    }

    /** One cached parameter value's rows (MemoizeEntry). */
    private static final class Entry {
        final List<Object[]> tuples = new ArrayList<>();
        boolean complete;
        long bytes;
    }

    /** A key compared bit by bit (datum_image_eq): values equal only when identical. */
    private record BinaryKey(Object[] values) {
        @Override
        public boolean equals(Object o) { return o instanceof BinaryKey k && Arrays.deepEquals(values, k.values); }

        @Override
        public int hashCode() { return Arrays.deepHashCode(values); }
    }

    private final Plan.Memoize plan;
    private final Cache cache;
    private final Object key;
    private Entry entry;
    private List<Object[]> replay;
    private int pos;
    private PlanState child;
    private boolean done;

    MemoizeState(Plan.Memoize plan, ExecContext ctx) {
        this.plan = plan;
        this.cache = ctx.memoizeCache(plan);
        Object[] values = new Object[plan.keys().size()];
        for (int i = 0; i < values.length; i++) values[i] = ExprEvaluator.eval(plan.keys().get(i), null, null, ctx);
        this.key = plan.binaryMode() ? new BinaryKey(values) : new DatumKey(values, DatumKey.types(plan.keyTypes()));
        Entry found = cache.entries.get(key);
        if (found != null && found.complete) {
            if (cache.instr != null) cache.instr.memoizeHits++;
            replay = found.tuples;
            return;
        }
        if (cache.instr != null) cache.instr.memoizeMisses++;
        if (found != null) {
            // left incomplete by a scan that stopped early: start it again
            cache.entries.remove(key);
            cache.memBytes -= found.bytes;
        }
        entry = new Entry();
        entry.bytes = ENTRY_OVERHEAD + bytes(values);
        cache.entries.put(key, entry);
        cache.memBytes += entry.bytes;
        store();
        child = Executor.init(plan.child(), ctx);
    }

    /** Accounts for the entry's growth, evicting other entries or giving up on this one when the cache is full. */
    private void store() {
        if (cache.memBytes > cache.limitBytes && !cache.reduce(key)) {
            entry = null;
            if (cache.instr != null) cache.instr.memoizeOverflows++;
        }
        if (cache.instr != null) cache.instr.memoizePeakBytes = Math.max(cache.instr.memoizePeakBytes, cache.memBytes);
    }

    @Override
    public Object[] next() {
        if (replay != null) return pos < replay.size() ? replay.get(pos++) : null;
        if (done) return null;
        Object[] t = child.next();
        if (t == null) {
            done = true;
            if (entry != null) entry.complete = true;
            return null;
        }
        if (entry != null) {
            entry.tuples.add(t);
            long b = TUPLE_OVERHEAD + bytes(t);
            entry.bytes += b;
            cache.memBytes += b;
            store();
            if (entry != null && plan.singleRow()) {
                // a unique inner side: the loop wants no second row, so the entry is complete now
                entry.complete = true;
                done = true;
            }
        }
        return t;
    }

    @Override
    public void close() {
        if (child != null) child.close();
    }

    /** sizeof(MemoizeEntry) + sizeof(MemoizeKey), and sizeof(MemoizeTuple) plus a minimal tuple's header. */
    private static final long ENTRY_OVERHEAD = 48, TUPLE_OVERHEAD = 16 + 24;

    /** A rough size of the values' data. */
    private static long bytes(Object[] values) {
        long n = 0;
        for (Object v : values) {
            n += switch (v) {
                case null -> 0;
                case String s -> 4 + s.length();
                case byte[] b -> 4 + b.length;
                default -> 8;
            };
        }
        return n;
    }
}
