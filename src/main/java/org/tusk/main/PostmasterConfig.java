package org.tusk.main;

import org.tusk.postmaster.PostmasterSettings;
import org.tusk.utils.init.ServerConfig;
import org.tusk.utils.misc.GucSettings;
import org.tusk.utils.misc.GucTables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Extracts what the postmaster acts on from a loaded configuration. */
final class PostmasterConfig {
    private PostmasterConfig() {}

    /**
     * The JDK AOT cache the build makes next to the jar ({@code tusk aot-train}): child JVMs that
     * use it start about a third faster. It is only valid for the JVM options it was trained with,
     * so it is used only while {@code backend_jvm_options} has its default value.
     */
    static Optional<Path> aotCache(GucSettings g) {
        Path cache = besideJar("tusk.aot");
        boolean defaults = g.getString("backend_jvm_options")
                .equals(String.valueOf(GucTables.find("backend_jvm_options").bootValue()));
        return defaults && Files.isRegularFile(cache) ? Optional.of(cache) : Optional.empty();
    }

    /**
     * How child JVMs compile: C1 for everything, C2 only for the storage and access code that
     * reads and writes shared memory, as chosen by the compiler directives the build puts next to
     * the jar (src/main/jvm/README.md says why). Without that file, C1 alone. These come before
     * {@code backend_jvm_options}, whose options win where they say otherwise (the JVM takes the
     * last of a repeated option).
     */
    static List<String> compilationPolicy() {
        Path directives = besideJar("compiler-directives.json");
        if (!Files.isRegularFile(directives)) return List.of("-XX:TieredStopAtLevel=1");
        // -DisplayVMOutput: the JVM prints "2 compiler directives added" on its standard output at
        // every start, which is the server log; it silences only such informational VM output
        // (a fatal error's report and unified-logging warnings and errors still reach the log).
        return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + directives, "-XX:-DisplayVMOutput");
    }

    /** Every child JVM's options but the AOT cache: the compilation policy, then backend_jvm_options. */
    static List<String> childJvmOptions(GucSettings g) {
        List<String> jvm = new ArrayList<>();
        jvm.add("--enable-native-access=ALL-UNNAMED");
        jvm.addAll(compilationPolicy());
        for (String o : g.getString("backend_jvm_options").trim().split("\\s+")) if (!o.isEmpty()) jvm.add(o);
        return jvm;
    }

    private static Path besideJar(String name) {
        return Path.of(System.getProperty("java.class.path")).toAbsolutePath().resolveSibling(name);
    }

    static PostmasterSettings settings(GucSettings g) {
        List<String> jvm = childJvmOptions(g);
        List<String> aot = aotCache(g).map(p -> List.of("-XX:AOTCache=" + p)).orElse(List.of());
        return new PostmasterSettings(g.getInt("port"), g.getString("listen_addresses"),
                ServerConfig.splitDirectories(g.getString("unix_socket_directories")), g.getInt("max_connections"),
                g.getInt("shared_buffers"), g.getInt("wal_buffers"), g.getInt("track_activity_query_size"),
                g.getInt("max_locks_per_transaction"),
                g.getInt("backend_spares"), g.getInt("authentication_timeout"), g.getBool("log_connections"), g.getBool("restart_after_crash"),
                g.getBool("autovacuum") && g.getBool("track_counts"), g.getInt("autovacuum_max_workers"), g.getString("log_line_prefix"), jvm, aot);
    }
}
