package org.tusk.main;

import org.tusk.access.transam.XLogHandle;
import org.tusk.auxprocess.BackgroundWriter;
import org.tusk.auxprocess.Checkpointer;
import org.tusk.auxprocess.StartupProcess;
import org.tusk.auxprocess.WalWriter;
import org.tusk.port.Libc;
import org.tusk.port.Signals;
import org.tusk.storage.ipc.ProcExit;
import org.tusk.storage.ipc.SharedMemoryMap;
import org.tusk.tcop.QuickDie;
import org.tusk.tcop.SpareBackend;
import org.tusk.utils.error.ServerLog;
import org.tusk.utils.init.ChildEnvironment;
import org.tusk.utils.init.ServerConfig;
import org.tusk.utils.misc.GucSettings;

/**
 * The start of every child process (PostgreSQL's SubPostmasterMain): die with the postmaster,
 * load the configuration, map shared memory, then become what {@code --forkchild} says.
 */
final class ChildMain {
    private ChildMain() {}

    static void run(ChildArgs args) {
        // First of all: if the postmaster dies, so do we, at once. The check after prctl covers a
        // postmaster that died before the call.
        Libc.prctl(Libc.PR_SET_PDEATHSIG, Signals.SIGKILL);
        if (Libc.getppid() != args.postmasterPid()) Libc.exitNow(1);

        ServerLog log = new ServerLog();
        GucSettings gucs = GucSettings.forBackend();
        if (!ServerConfig.load(gucs, args.dataDir(), ServerConfig.asSwitches(args.settings()), log)) Libc.exitNow(1);
        SharedMemoryMap shmem = SharedMemoryMap.attach(args.shmemPath());
        QuickDie quickDie = new QuickDie(() -> shmem.pmChildFlags().quitReason());
        quickDie.install();
        ChildEnvironment env = new ChildEnvironment(log, args.dataDir(), gucs, shmem, args.postmasterPid(),
                args.postmasterStartMicros(), new ProcExit());
        switch (args.forkType()) {
            case "spare" -> SpareBackend.run(env, quickDie, ServerConfig.asSwitches(args.settings()));
            case "startup" -> StartupProcess.run(env, args.slot());
            case "checkpointer" -> Checkpointer.run(env, args.slot());
            case "walwriter" -> WalWriter.run(env, args.slot());
            case "autovaclauncher" -> org.tusk.auxprocess.AutoVacLauncher.run(env, args.slot());
            case "autovacworker" -> org.tusk.tcop.AutoVacWorkerMain.run(env, args.slot());
            case "bgwriter" -> BackgroundWriter.run(env, args.slot(), new XLogHandle(shmem.xlogCtl(), args.dataDir(),
                    gucs.getBool("fsync"), gucs.getEnum("wal_sync_method"), args.slot())::flush);
            default -> {
                log.report(org.tusk.utils.error.Severity.FATAL, null, "unknown child type \"" + args.forkType() + "\"", null, null);
                Libc.exitNow(1);
            }
        }
    }
}
