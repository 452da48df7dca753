package org.tusk.auxprocess;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.storage.ipc.AutoVacuumShmem;
import org.tusk.storage.ipc.PMSignal;
import org.tusk.utils.activity.PgStatFields;
import org.tusk.utils.activity.PgStatShared;
import org.tusk.utils.error.Severity;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildEnvironment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The autovacuum launcher (PostgreSQL's AutoVacLauncherMain in postmaster/autovacuum.c): every
 * {@code autovacuum_naptime / number of databases} it picks the database whose turn it is and asks
 * the postmaster for a worker there (the database in {@link AutoVacuumShmem}, then
 * {@code SendPostmasterSignal(PMSIGNAL_START_AUTOVAC_WORKER)}), one worker starting at a time and
 * at most {@code autovacuum_max_workers} running. The workers (tcop's AutoVacWorkerMain) do the
 * vacuuming.
 *
 * <p>It is an auxiliary process here (a slot in the auxiliary range, {@link AuxLoop}'s signals and
 * sleeps, no database connection), and it stays light, as the checkpointer does: no AOT cache, and
 * it reads only the database list (the pg_database flat file) and the databases' statistics entries.
 *
 * <p><b>Deviation from PostgreSQL</b>, because every Tusk process is a JVM (a worker costs a JVM
 * start, ~0.3-0.5 s of CPU, and ~30 MiB while it runs): PostgreSQL starts a worker in every database
 * that has a statistics entry once per naptime, even when nothing changed there, and the worker
 * finds nothing to do. This launcher starts one only when the database's statistics show row
 * changes (tuples inserted, updated or deleted) since its last worker there (since the launcher
 * started, for a database it found then), which is the only way a table's counts can have crossed
 * a threshold since that worker looked. What it gives up: a table a worker had to skip (locked by
 * someone else) waits for the database's next change, and a database whose tables still needed
 * work when the server was restarted waits for its next change too. Anti-wraparound vacuums, which
 * PostgreSQL starts whatever the statistics say, are not needed while Tusk does not freeze tuples.
 */
public final class AutoVacLauncher {
    /** MIN_AUTOVAC_SLEEPTIME: the launcher never naps less than this (ms). */
    private static final long MIN_SLEEP_MILLIS = 100;
    /**
     * How long a requested worker may take to start before the request is given up. PostgreSQL
     * waits autovacuum_naptime, a long time for a fork; a JVM takes a second or more to start on a
     * busy machine, so the wait is never shorter than this.
     */
    private static final long MIN_START_WAIT_MILLIS = 10_000;

    private final ChildEnvironment env;
    private final AutoVacuumShmem shared;
    /** Per database: the row changes its statistics showed when it last got a worker (or when first seen). */
    private final Map<Integer, Long> changesAtLastWorker = new HashMap<>();
    /** Per database: when it last got a worker (ms), so that each gets one at most once per naptime. */
    private final Map<Integer, Long> lastWorker = new HashMap<>();

    private AutoVacLauncher(ChildEnvironment env) {
        this.env = env;
        this.shared = env.shmem().autoVacuum();
    }

    public static void run(ChildEnvironment env, int slot) {
        AuxLoop loop = AuxLoop.start(env, slot, BackendType.AUTOVAC_LAUNCHER);
        AutoVacLauncher launcher = new AutoVacLauncher(env);
        launcher.shared.setLauncherSlot(slot);
        env.procExit().onShmemExit(() -> launcher.shared.setLauncherSlot(0));
        // Databases that exist now start from their current counts: a worker is wanted for what changes from here on.
        for (BootstrapCatalog.Database db : launcher.databases()) {
            launcher.changesAtLastWorker.put(db.oid(), launcher.rowChanges(db.oid()));
        }
        long nextRound = System.currentTimeMillis();
        while (true) {
            if (loop.handleInterrupts() || !autovacuumActive(env)) {
                // SIGTERM (shutdown), or a reload turned autovacuum off: AutoVacLauncherShutdown
                env.procExit().exit(0);
            }
            long now = System.currentTimeMillis();
            if (now >= nextRound) {
                int databases = launcher.round(now);
                // launcher_determine_sleep: each database's turn comes once per naptime
                nextRound = now + Math.max(MIN_SLEEP_MILLIS, naptimeMillis(env) / Math.max(1, databases));
            }
            loop.sleep(Math.max(1, Math.min(nextRound - System.currentTimeMillis(), 1000)));
        }
    }

    /** AutoVacuumingActive: autovacuum on, and track_counts on (without counts there is nothing to decide on). */
    static boolean autovacuumActive(ChildEnvironment env) {
        return env.gucs().getBool("autovacuum") && env.gucs().getBool("track_counts");
    }

    private static long naptimeMillis(ChildEnvironment env) {
        return env.gucs().getInt("autovacuum_naptime") * 1000L;
    }

    private List<BootstrapCatalog.Database> databases() {
        return BootstrapCatalog.load(env.dataDir()).databases();
    }

    /** The database's tuples inserted + updated + deleted, from its statistics entry; -1 if it has none. */
    private long rowChanges(int dboid) {
        long[] c = env.shmem().pgStat().read(PgStatShared.KIND_DATABASE, dboid, 0);
        if (c == null) return -1;
        return c[PgStatFields.DB_TUPLES_INSERTED] + c[PgStatFields.DB_TUPLES_UPDATED] + c[PgStatFields.DB_TUPLES_DELETED];
    }

    /**
     * One turn (do_start_worker): unless a worker is still starting or all are busy, asks for a
     * worker in the database that changed since its last worker and waited longest for one.
     * Returns the number of databases with statistics (PostgreSQL's database list), which spaces
     * the rounds.
     */
    private int round(long now) {
        AutoVacuumShmem.WorkerCount workers = shared.workers();
        long naptime = naptimeMillis(env);
        if (workers.startingDb() != 0) {
            // The postmaster could not start it (no free slot, fork failure): give the request up.
            if (now - workers.startingSince() > Math.max(naptime, MIN_START_WAIT_MILLIS)) {
                env.log().report(Severity.WARNING, null, "autovacuum worker took too long to start; canceled", null, null);
                shared.cancelRequest(workers.startingSince());
            }
            return Math.max(1, changesAtLastWorker.size());
        }
        int withStats = 0;
        int chosen = 0;
        long chosenLast = Long.MAX_VALUE, chosenChanges = 0;
        for (BootstrapCatalog.Database db : databases()) {
            long changes = rowChanges(db.oid());
            // "skip a database with no pgstat entry; it means it hasn't seen any activity"
            if (changes < 0) continue;
            withStats++;
            // A database created since the launcher started: everything it saw is new.
            long before = changesAtLastWorker.getOrDefault(db.oid(), 0L);
            if (changes == before) continue;
            long last = lastWorker.getOrDefault(db.oid(), 0L);
            if (last != 0 && now - last < naptime) continue;   // visited within the naptime
            if (last < chosenLast) {
                chosen = db.oid();
                chosenLast = last;
                chosenChanges = changes;
            }
        }
        if (chosen != 0 && workers.running() < env.gucs().getInt("autovacuum_max_workers")) {
            changesAtLastWorker.put(chosen, chosenChanges);
            lastWorker.put(chosen, now);
            shared.requestWorker(chosen, now);
            env.shmem().pmSignal().send(PMSignal.START_AUTOVAC_WORKER, env.postmasterPid());
        }
        return Math.max(1, withStats);
    }
}
