package org.tusk.tcop;

/**
 * When a backend may serve another session instead of exiting ({@code backend_reuse}, a Tusk
 * setting beyond PostgreSQL): the client ended the session cleanly (Terminate or EOF) outside a
 * transaction block, with no FATAL error, the process has served fewer than
 * {@code backend_reuse_max_sessions} sessions, and its Java heap in use is below a high-water mark,
 * so that one session's garbage cannot accumulate into the next's.
 *
 * <p>A reused process first gives back everything shared it held, exactly as exiting would
 * (ProcExit callbacks: status entry, ProcArray, PGPROC, flag word), then starts the next session
 * from nothing: fresh settings read from the configuration files, a new cancel key, a new context
 * object with no prepared statements, portals or role. Sessions never share a process at the same
 * time, so a crash still ends only the session it happens in.
 */
final class BackendReuse {
    /** Heap in use above which a process exits rather than serving another session. */
    static final long HEAP_HIGH_WATER = 64L << 20;

    private BackendReuse() {}

    static boolean mayReuse(BackendContext ctx) {
        if (!ctx.reuseAllowed) return false;
        if (!ctx.env.gucs().getBool("backend_reuse")) return false;
        if (ctx.xact.block != TransactionState.Block.DEFAULT) return false;
        return heapInUse() < HEAP_HIGH_WATER;
    }

    /**
     * Live heap, as far as it can be known cheaply: the heap in use, and if that is above the mark,
     * the heap in use after a collection (garbage alone must not stop reuse; the collector runs only
     * when the cheap figure is high, and between sessions, when nobody waits for this process).
     */
    private static long heapInUse() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        if (used < HEAP_HIGH_WATER) return used;
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
