package org.tusk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The layering rules of docs/architecture.md, checked on the sources: imports point down the
 * stack, and the postmaster stays out of shared-memory contents.
 */
class ArchitectureTest {
    private static final Path SRC = Path.of(System.getProperty("tusk.home", ".")).resolve("src/main/java/org/tusk");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.tusk\\.([a-z.]+)\\.[A-Z]", Pattern.MULTILINE);

    /** For each package (prefix), the packages (prefixes) it must not import. */
    private static final Map<String, Set<String>> FORBIDDEN = Map.ofEntries(
            Map.entry("storage", Set.of("tcop", "parser", "optimizer", "executor", "commands", "postmaster", "main", "access", "catalog")),
            Map.entry("port", Set.of("tcop", "parser", "optimizer", "executor", "commands", "postmaster", "main", "storage", "utils", "libpq")),
            Map.entry("parser", Set.of("tcop", "rewrite", "commands", "postmaster", "main")),
            // The rewriter sits between parse analysis and the planner: it re-analyses views' stored text.
            Map.entry("rewrite", Set.of("tcop", "optimizer", "commands", "postmaster", "main")),
            Map.entry("optimizer", Set.of("tcop", "parser", "rewrite", "commands", "postmaster", "main")),
            Map.entry("executor", Set.of("tcop", "parser", "rewrite", "optimizer", "postmaster", "main")),
            Map.entry("libpq", Set.of("tcop", "parser", "optimizer", "executor", "commands", "postmaster", "main")),
            Map.entry("tcop", Set.of("postmaster", "main")),
            // A procedural language runs inside the backend through the host tcop gives it (PlHost).
            Map.entry("pl", Set.of("tcop", "postmaster", "main", "commands", "libpq", "storage", "access")),
            Map.entry("postmaster", Set.of("tcop", "parser", "optimizer", "executor", "commands", "main", "access", "auxprocess")),
            Map.entry("utils", Set.of("tcop", "postmaster", "main")));

    private static final Path SHMEM_MAP = Path.of("storage/ipc/SharedMemoryMap.java");

    @Test
    void importsPointDownTheStack() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path f : javaFiles()) {
            String pkg = packageOf(f);
            String top = pkg.split("\\.")[0];
            Set<String> forbidden = FORBIDDEN.getOrDefault(top, Set.of());
            Matcher m = IMPORT.matcher(Files.readString(f));
            while (m.find()) {
                String target = m.group(1).split("\\.")[0];
                // The region's map (ipci.c) lays out every subsystem's shared structures, access's included.
                if (f.endsWith(SHMEM_MAP) && target.equals("access")) continue;
                if (forbidden.contains(target)) violations.add(SRC.relativize(f) + " imports org.tusk." + m.group(1));
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void postmasterStaysOutOfSharedMemoryContents() throws IOException {
        Set<String> allowed = Set.of("storage.ipc.SharedMemoryMap", "storage.ipc.PMChildFlags", "storage.ipc.PMSignal",
                "storage.shmem.ShmemRegion");
        Pattern storageImport = Pattern.compile("^import org\\.tusk\\.(storage\\.[a-z.]+\\.[A-Za-z]+);", Pattern.MULTILINE);
        List<String> violations = new ArrayList<>();
        for (Path f : javaFiles()) {
            if (!packageOf(f).equals("postmaster")) continue;
            Matcher m = storageImport.matcher(Files.readString(f));
            while (m.find()) if (!allowed.contains(m.group(1))) violations.add(f.getFileName() + " imports " + m.group(1));
            // The postmaster may write only the flag words: no other accessor may be reached through the map.
            String text = Files.readString(f);
            for (String accessor : List.of(".procGlobal()", ".backendStatus()", ".transamVariables()", ".clogShared()", ".subtransShared()",
                    ".bufferPool()", ".checkpointer()", ".syncRequests()", ".autoVacuum()", ".pgStat()")) {
                if (text.contains(accessor)) violations.add(f.getFileName() + " uses " + accessor);
            }
        }
        assertEquals(List.of(), violations);
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> s = Files.walk(SRC)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static String packageOf(Path f) {
        return SRC.relativize(f.getParent()).toString().replace('/', '.');
    }
}
