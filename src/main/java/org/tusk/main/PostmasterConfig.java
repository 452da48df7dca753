package org.tusk.main;

import org.tusk.postmaster.PostmasterSettings;
import org.tusk.utils.init.ServerConfig;
import org.tusk.utils.misc.GucSettings;

import java.util.ArrayList;
import java.util.List;

/** Extracts what the postmaster acts on from a loaded configuration. */
final class PostmasterConfig {
    private PostmasterConfig() {}

    static PostmasterSettings settings(GucSettings g) {
        List<String> jvm = new ArrayList<>();
        jvm.add("--enable-native-access=ALL-UNNAMED");
        for (String o : g.getString("backend_jvm_options").trim().split("\\s+")) if (!o.isEmpty()) jvm.add(o);
        return new PostmasterSettings(g.getInt("port"), g.getString("listen_addresses"),
                ServerConfig.splitDirectories(g.getString("unix_socket_directories")), g.getInt("max_connections"),
                g.getInt("shared_buffers"), g.getInt("wal_buffers"), g.getInt("track_activity_query_size"),
                g.getInt("backend_spares"), g.getBool("restart_after_crash"), g.getString("log_line_prefix"), jvm);
    }
}
