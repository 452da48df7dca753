package org.tusk.port;

/**
 * Giving an idle process's free C-heap memory back to the kernel.
 *
 * <p>Why a Java process has to: a child JVM's C heap holds, besides the JVM's own structures, the
 * arenas its JIT compilers work in. When a compilation ends HotSpot keeps the arena's chunks in a
 * pool for the next one, and a periodic task (the ChunkPool cleaner, every 5 s) hands the pool's
 * chunks back to malloc; malloc keeps them in its free lists, still resident. Measured on an idle
 * backend 7 s after its last query: 8.5-9 MiB of its ~47 MiB PSS was such free memory, 4-6 MiB in
 * an idle spare, an auxiliary process and the postmaster. PostgreSQL's processes have no JIT and
 * no such pool; their idle size is what they use.
 *
 * <p>So a process trims once it has been idle for {@link #SETTLE_MILLIS}: long enough for the
 * compilations its last work queued to finish and for the cleaner to run once after them (a trim
 * one second after a query was measured to give back nothing). A busy process never waits that
 * long, so it never pays for a trim; an idle one pays once (malloc_trim walks the free lists:
 * well under a millisecond for these heaps).
 */
public final class NativeHeap {
    private NativeHeap() {}

    /** How long a process waits idle before it trims: the ChunkPool cleaner's 5 s, and one more. */
    public static final long SETTLE_MILLIS = 6_000;

    /** Returns the C heap's free memory to the kernel; false if there was none (or no malloc_trim). */
    public static boolean trim() {
        return Libc.mallocTrim();
    }

    /**
     * The trim of one process's idle periods: {@link #busy()} after work, {@link #millisUntilDue}
     * before a wait (a bound for its timeout), {@link #afterWait} after it. One trim per idle
     * period, {@link #SETTLE_MILLIS} into it. Used by one thread; not thread-safe.
     */
    public static final class IdleTrim {
        private long idleSinceMillis = -1;
        private boolean trimmed;

        /** The process worked: the idle period that follows may trim again. */
        public void busy() {
            idleSinceMillis = -1;
            trimmed = false;
        }

        /** How long the coming wait may last before a trim is due; {@link Long#MAX_VALUE} if none is. */
        public long millisUntilDue(long nowMillis) {
            if (trimmed) return Long.MAX_VALUE;
            if (idleSinceMillis < 0) idleSinceMillis = nowMillis;
            return Math.max(0, idleSinceMillis + SETTLE_MILLIS - nowMillis);
        }

        /** After a wait that ended without work: trims if the idle period has lasted long enough. */
        public void afterWait(long nowMillis) {
            if (!trimmed && idleSinceMillis >= 0 && nowMillis - idleSinceMillis >= SETTLE_MILLIS) {
                trim();
                trimmed = true;
            }
        }
    }
}
