package org.tusk.postmaster;

/**
 * How many spare backends the postmaster should keep, from the recent connection rate (a Tusk
 * addition: PostgreSQL forks a backend per connection and keeps no spares).
 *
 * <p>A spare is worth keeping if a connection will arrive before a new JVM could be started for
 * it. So the target is the number of connections expected during one spare start-up:
 * {@code ceil(rate × startup time)}, at least 1 (the next connection should not wait for a cold
 * start) and at most {@code backend_spares} (the user's bound on idle JVMs, ~30 MiB each). The
 * rate is an exponentially weighted moving average over {@link #RATE_TIME_CONSTANT_MILLIS}, the
 * start-up time a moving average of the STARTING-to-READY times the postmaster saw; both live
 * only in the postmaster's memory, used by its main thread alone, so no lock is involved.
 *
 * <p>When the rate falls, the surplus spares are retired, at most one per
 * {@link #RETIRE_INTERVAL_MILLIS}, so that a short lull does not throw away the JVMs a returning
 * burst needs. A reused backend ({@code backend_reuse}) waiting as a spare is worth more than a
 * fresh one: its JVM has compiled the session's code, which a fresh JVM needs a minute of
 * transactions to do (bench/results/2026-11-27-cpu.md). So it is retired only after
 * {@link #WARM_SPARE_GRACE_MILLIS} idle, long enough to bridge the pause between two bursts (two
 * benchmark runs, two batch jobs); fresh spares go first anyway. Starts are limited to {@link #MAX_CONCURRENT_STARTS} at a time: on a small machine
 * JVM start-ups slow each other down, and two in parallel already use both cores.
 */
final class SpareDemand {
    /** Time constant of the connection-rate average: the rate forgets a burst after some 10 s. */
    static final long RATE_TIME_CONSTANT_MILLIS = 10_000;
    /** A surplus spare is retired at most this often. */
    static final long RETIRE_INTERVAL_MILLIS = 5_000;
    /** A reused (warm) spare is kept at least this long after its last session, surplus or not. */
    static final long WARM_SPARE_GRACE_MILLIS = 30_000;
    /** Spares started at once, at most (one when only one is missing). */
    static final int MAX_CONCURRENT_STARTS = 2;
    /** Start-up time assumed before the first spare has reported ready (measured: ~0.3-0.4 s). */
    static final long INITIAL_STARTUP_MILLIS = 400;

    /** Weighted count of connections; decays with the time constant. */
    private double weightedConnections;
    private long lastDecayMillis;
    /** Moving average of spare start-up times (ms). */
    private double startupMillis = INITIAL_STARTUP_MILLIS;
    private long lastRetireMillis;

    SpareDemand(long nowMillis) {
        this.lastDecayMillis = nowMillis;
        this.lastRetireMillis = nowMillis;
    }

    /** A client connected (whatever served it). */
    void connectionArrived(long nowMillis) {
        decay(nowMillis);
        weightedConnections += 1;
    }

    /** A spare reported ready {@code millis} after it was spawned. */
    void spareStarted(long millis) {
        if (millis < 0) return;
        startupMillis = 0.75 * startupMillis + 0.25 * millis;
    }

    /** Connections per second, averaged over the last ~{@link #RATE_TIME_CONSTANT_MILLIS}. */
    double rate(long nowMillis) {
        decay(nowMillis);
        return weightedConnections * 1000.0 / RATE_TIME_CONSTANT_MILLIS;
    }

    double startupMillis() {
        return startupMillis;
    }

    /** The number of spares to keep now; {@code maxSpares} is backend_spares (0 turns spares off). */
    int target(int maxSpares, long nowMillis) {
        if (maxSpares <= 0) return 0;
        double expected = rate(nowMillis) * startupMillis / 1000.0;
        int want = (int) Math.ceil(expected - 1e-9);
        return Math.max(1, Math.min(maxSpares, want));
    }

    /**
     * How many spares to start now, given the spares there are (ready or starting) and how many of
     * them are still starting: the shortfall, bounded by {@link #MAX_CONCURRENT_STARTS} in flight.
     */
    static int startsNeeded(int target, int spares, int starting) {
        int missing = target - spares;
        int room = MAX_CONCURRENT_STARTS - starting;
        return Math.max(0, Math.min(missing, room));
    }

    /**
     * With backend_reuse at work, how long the pool must have been short of its target before a
     * spare is started to refill it while sessions are running. Under churn a returning backend is
     * a spare again within milliseconds, so the pool dips below its target between sessions all the
     * time; refilling each dip with a JVM start (~0.4 s of CPU, seconds on a loaded machine) took
     * the CPU the sessions needed. A shortfall that lasts this long is real demand.
     */
    static final long REUSE_REFILL_DELAY_MILLIS = 500;

    /**
     * Whether to hold back the start of pool spares now: backends in session may return
     * ({@code backendsMayReturn}) and the pool has been short only {@code shortForMillis}.
     */
    static boolean deferRefill(boolean backendsMayReturn, long shortForMillis) {
        return backendsMayReturn && shortForMillis < REUSE_REFILL_DELAY_MILLIS;
    }

    /**
     * Whether one surplus spare should be retired now ({@code readySpares} above the target), and if
     * so records that it was: retirements are spaced by {@link #RETIRE_INTERVAL_MILLIS}.
     * {@code coldestRetirable} says whether the spare that would go (the coldest) may go at all
     * ({@link #mayRetire}); while it may not, the surplus waits, and the interval, already counting,
     * lets it go as soon as it may.
     */
    boolean retireOne(int target, int readySpares, boolean coldestRetirable, long nowMillis) {
        if (readySpares <= target) {
            lastRetireMillis = nowMillis; // the interval counts from when the surplus appeared
            return false;
        }
        if (!coldestRetirable || nowMillis - lastRetireMillis < RETIRE_INTERVAL_MILLIS) return false;
        lastRetireMillis = nowMillis;
        return true;
    }

    /**
     * Whether a ready spare may be retired as surplus: a fresh one at once, a reused one (it has
     * served {@code sessionsServed} > 0 sessions) once it has been idle {@link #WARM_SPARE_GRACE_MILLIS}.
     */
    static boolean mayRetire(int sessionsServed, long idleMillis) {
        return sessionsServed == 0 || idleMillis >= WARM_SPARE_GRACE_MILLIS;
    }

    /** Milliseconds until {@link #retireOne} could next say yes (for the main loop's poll timeout). */
    long millisUntilRetireCheck(long nowMillis) {
        return Math.max(0, RETIRE_INTERVAL_MILLIS - (nowMillis - lastRetireMillis));
    }

    private void decay(long nowMillis) {
        long dt = nowMillis - lastDecayMillis;
        if (dt <= 0) return;
        weightedConnections *= Math.exp(-(double) dt / RATE_TIME_CONSTANT_MILLIS);
        lastDecayMillis = nowMillis;
    }
}
