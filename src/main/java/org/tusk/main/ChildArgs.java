package org.tusk.main;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line a child process is started with by the postmaster's ChildLauncher
 * (PostgreSQL's {@code --forkchild} arguments in EXEC_BACKEND builds).
 */
record ChildArgs(String forkType, int postmasterPid, long postmasterStartMicros, Path shmemPath, int slot,
                 Path dataDir, List<String> settings) {

    static ChildArgs parse(String[] args) {
        String type = null;
        int pmPid = 0;
        long pmStart = 0;
        Path shmem = null, dataDir = null;
        int slot = 0;
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--forkchild=")) type = a.substring(12);
            else if (a.startsWith("--pmpid=")) pmPid = Integer.parseInt(a.substring(8));
            else if (a.startsWith("--pmstart=")) pmStart = Long.parseLong(a.substring(10));
            else if (a.startsWith("--shmem=")) shmem = Path.of(a.substring(8));
            else if (a.startsWith("--slot=")) slot = Integer.parseInt(a.substring(7));
            else if (a.equals("-D")) dataDir = Path.of(args[++i]);
            else if (a.equals("-c")) settings.add(args[++i]);
            else throw new IllegalArgumentException("invalid child argument: " + a);
        }
        if (type == null || shmem == null || dataDir == null || pmPid == 0) {
            throw new IllegalArgumentException("incomplete child arguments");
        }
        return new ChildArgs(type, pmPid, pmStart, shmem, slot, dataDir, List.copyOf(settings));
    }
}
