package org.tusk.postmaster;

import org.tusk.port.ProcessSpawner;
import org.tusk.utils.init.BackendType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts child processes (PostgreSQL's launch_backend.c in its EXEC_BACKEND form): every child
 * is a new JVM running {@code org.tusk.main.Main --forkchild=TYPE}, told where the data
 * directory and the shared-memory region are and which slot it has; it re-reads the
 * configuration (with the same {@code -c} overrides the postmaster got) and maps the region
 * itself.
 *
 * <p>Must be called from the postmaster's main thread only: children set
 * PR_SET_PDEATHSIG, which fires when the <em>thread</em> that spawned them ends, and the main
 * thread lives as long as the postmaster.
 */
final class ChildLauncher {
    private final String javaBinary;
    private final String classPath;
    private final List<String> jvmOptions;
    private final List<String> aotCacheOptions;
    private final Path dataDir;
    private final List<String> commandLineOptions;
    private final int postmasterPid;
    private final long postmasterStartMicros;

    ChildLauncher(String javaBinary, String classPath, List<String> jvmOptions, List<String> aotCacheOptions, Path dataDir,
                  List<String> commandLineOptions, int postmasterPid, long postmasterStartMicros) {
        this.javaBinary = javaBinary;
        this.classPath = classPath;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.aotCacheOptions = List.copyOf(aotCacheOptions);
        this.dataDir = dataDir;
        this.commandLineOptions = List.copyOf(commandLineOptions);
        this.postmasterPid = postmasterPid;
        this.postmasterStartMicros = postmasterStartMicros;
    }

    /**
     * Spawns a child of {@code type} in {@code slot} (0 for none). {@code controlFd}, if not -1,
     * becomes the child's descriptor 3: a spare's control socket.
     */
    int launch(BackendType type, int slot, Path shmemPath, int controlFd) {
        List<String> argv = new ArrayList<>();
        argv.add(javaBinary);
        argv.addAll(jvmOptions);
        if (usesAotCache(type)) argv.addAll(aotCacheOptions);
        argv.add("-cp");
        argv.add(classPath);
        argv.add("org.tusk.main.Main");
        argv.add("--forkchild=" + forkName(type));
        argv.add("--pmpid=" + postmasterPid);
        argv.add("--pmstart=" + postmasterStartMicros);
        argv.add("--shmem=" + shmemPath);
        argv.add("--slot=" + slot);
        argv.add("-D");
        argv.add(dataDir.toString());
        for (String opt : commandLineOptions) {
            argv.add("-c");
            argv.add(opt);
        }
        List<ProcessSpawner.FdMapping> fds = controlFd >= 0
                ? List.of(new ProcessSpawner.FdMapping(controlFd, 3)) : List.of();
        return ProcessSpawner.spawn(argv, fds);
    }

    /**
     * Whether a child of {@code type} starts from the AOT cache. Spares (future backends) and the
     * startup process do: their start-up time is a client's wait (a connection, recovery before
     * the server accepts any). The checkpointer, background writer and WAL writer do not: they
     * start once per server start, and a JVM with the cache loads every class in it at start,
     * writing to each one's metadata, so ~9 MiB of the cache's pages become private copies in every
     * such process although these loops use a small part of the code; without the cache they
     * load only what they use, for ~0.07 s more CPU at start (session 23, docs/performance.md).
     */
    static boolean usesAotCache(BackendType type) {
        return type == BackendType.SPARE_BACKEND || type == BackendType.STARTUP;
    }

    static String forkName(BackendType type) {
        return switch (type) {
            case SPARE_BACKEND -> "spare";
            case STARTUP -> "startup";
            case CHECKPOINTER -> "checkpointer";
            case BG_WRITER -> "bgwriter";
            case WAL_WRITER -> "walwriter";
            case AUTOVAC_LAUNCHER -> "autovaclauncher";
            case AUTOVAC_WORKER -> "autovacworker";
            default -> throw new IllegalArgumentException("cannot launch a " + type.description() + " directly");
        };
    }
}
