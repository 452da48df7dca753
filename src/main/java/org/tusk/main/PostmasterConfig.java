package org.tusk.main;

import org.tusk.postmaster.PostmasterSettings;
import org.tusk.utils.init.ServerConfig;
import org.tusk.utils.misc.GucSettings;

import java.util.ArrayList;
import java.util.List;

/** Extracts what the postmaster acts on from a loaded configuration. */
final class PostmasterConfig {
    private PostmasterConfig() {}

    /**
     * The JDK AOT cache the build makes next to the jar ({@code tusk aot-train}): child JVMs that
     * use it start about a third faster. It is only valid for the JVM options it was trained with,
     * so it is used only while {@code backend_jvm_options} has its default value.
     */
    static java.util.Optional<java.nio.file.Path> aotCache(GucSettings g) {
        String jar = System.getProperty("java.class.path");
        java.nio.file.Path cache = java.nio.file.Path.of(jar).resolveSibling("tusk.aot");
        boolean defaults = g.getString("backend_jvm_options")
                .equals(String.valueOf(org.tusk.utils.misc.GucTables.find("backend_jvm_options").bootValue()));
        return defaults && java.nio.file.Files.isRegularFile(cache) ? java.util.Optional.of(cache) : java.util.Optional.empty();
    }

    static PostmasterSettings settings(GucSettings g) {
        List<String> jvm = new ArrayList<>();
        jvm.add("--enable-native-access=ALL-UNNAMED");
        for (String o : g.getString("backend_jvm_options").trim().split("\\s+")) if (!o.isEmpty()) jvm.add(o);
        aotCache(g).ifPresent(p -> jvm.add("-XX:AOTCache=" + p));
        return new PostmasterSettings(g.getInt("port"), g.getString("listen_addresses"),
                ServerConfig.splitDirectories(g.getString("unix_socket_directories")), g.getInt("max_connections"),
                g.getInt("shared_buffers"), g.getInt("wal_buffers"), g.getInt("track_activity_query_size"),
                g.getInt("max_locks_per_transaction"),
                g.getInt("backend_spares"), g.getBool("restart_after_crash"), g.getString("log_line_prefix"), jvm);
    }
}
