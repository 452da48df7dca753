package org.tusk.utils.misc;

import org.tusk.port.ResourceUsage;

/**
 * pg_rusage.c: a snapshot of this process's CPU time and the clock, and the text PostgreSQL logs
 * for the time since ("CPU: user: 0.12 s, system: 0.03 s, elapsed: 0.40 s"), as in "redo done at
 * ... system usage: ...".
 */
public final class PgRusage {
    private final ResourceUsage.CpuTime cpu;
    private final long nanos;

    private PgRusage(ResourceUsage.CpuTime cpu, long nanos) {
        this.cpu = cpu;
        this.nanos = nanos;
    }

    /** pg_rusage_init. */
    public static PgRusage start() {
        return new PgRusage(ResourceUsage.self(), System.nanoTime());
    }

    /** pg_rusage_show: the usage since {@link #start}. */
    public String show() {
        ResourceUsage.CpuTime now = ResourceUsage.self();
        return "CPU: user: " + seconds(now.userMicros() - cpu.userMicros())
                + " s, system: " + seconds(now.systemMicros() - cpu.systemMicros())
                + " s, elapsed: " + seconds((System.nanoTime() - nanos) / 1000) + " s";
    }

    /** Seconds with two decimals, truncated as pg_rusage_show's integer arithmetic does. */
    static String seconds(long micros) {
        long centis = Math.max(0, micros) / 10_000;
        return centis / 100 + "." + (centis % 100 < 10 ? "0" : "") + centis % 100;
    }
}
