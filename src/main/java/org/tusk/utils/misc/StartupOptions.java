package org.tusk.utils.misc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * Settings given when a process starts: the postmaster's command line and a client's startup
 * packet (PostgreSQL's {@code process_postgres_switches}, {@code pg_split_opts} and
 * {@code process_startup_options}).
 *
 * <p>Switches are {@code -c name=value}, {@code --name=value}, and the short forms that are
 * plain parameter settings ({@code -B -e -F -h -i -k -N -p -S}). Dashes in names become
 * underscores. Errors are thrown as PostgreSQL raises them; during connection start-up the
 * caller reports them as FATAL.
 */
public final class StartupOptions {
    /** Startup-packet keys that are not parameters; "_pq_." keys are protocol options. */
    private static final Set<String> NOT_PARAMETERS = Set.of("user", "database", "options", "replication");

    private StartupOptions() {}

    /**
     * {@code pg_split_opts}: splits the {@code options} startup parameter at white space; a
     * backslash makes the next character (such as a space) literal.
     */
    public static List<String> split(String options) {
        List<String> args = new ArrayList<>();
        int i = 0;
        while (i < options.length()) {
            while (i < options.length() && CNumberParser.isSpace(options.charAt(i))) {
                i++;
            }
            if (i == options.length()) {
                break;
            }
            StringBuilder arg = new StringBuilder();
            boolean lastWasEscape = false;
            while (i < options.length()) {
                char c = options.charAt(i);
                if (CNumberParser.isSpace(c) && !lastWasEscape) {
                    break;
                }
                if (!lastWasEscape && c == '\\') {
                    lastWasEscape = true;
                } else {
                    lastWasEscape = false;
                    arg.append(c);
                }
                i++;
            }
            args.add(arg.toString());
        }
        return args;
    }

    /**
     * Applies a client's startup packet: first the switches in {@code options}, then every other
     * key that is a parameter, in packet order, with source CLIENT. {@code superuser} decides
     * whether SUPERUSER_BACKEND parameters (log_connections...) may be set.
     */
    public static void applyStartupPacket(GucSettings settings, Map<String, String> packet, boolean superuser) {
        GucContext context = superuser ? GucContext.SUPERUSER_BACKEND : GucContext.BACKEND;
        String options = packet.get("options");
        if (options != null) {
            applySwitches(settings, split(options), context, GucSource.CLIENT);
        }
        for (Map.Entry<String, String> e : packet.entrySet()) {
            if (!NOT_PARAMETERS.contains(e.getKey()) && !e.getKey().startsWith("_pq_.")) {
                settings.set(e.getKey(), e.getValue(), context, GucSource.CLIENT, GucAction.SET);
            }
        }
    }

    /**
     * Applies switches such as {@code -c work_mem=64MB}. The postmaster passes its command line
     * with POSTMASTER and {@link GucSource#ARGV}; a startup packet's options use CLIENT.
     */
    public static void applySwitches(GucSettings settings, List<String> args, GucContext context, GucSource source) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                throw invalidArgument(arg);
            }
            char flag = arg.charAt(1);
            String optarg = null;
            if ("BchkNpS-".indexOf(flag) >= 0) {
                // An option with an argument, attached (-cwork_mem=1MB) or in the next word.
                if (arg.length() > 2) {
                    optarg = arg.substring(2);
                } else if (i + 1 < args.size()) {
                    optarg = args.get(++i);
                } else {
                    throw invalidArgument(arg);
                }
            } else if (arg.length() > 2) {
                throw invalidArgument(arg);
            }
            switch (flag) {
                case 'c', '-' -> {
                    int eq = optarg.indexOf('=');
                    if (eq < 0) {
                        throw PgException.error(SqlState.SYNTAX_ERROR,
                                (flag == '-' ? "--" : "-c ") + optarg + " requires a value");
                    }
                    String name = optarg.substring(0, eq).replace('-', '_');
                    settings.set(name, optarg.substring(eq + 1), context, source, GucAction.SET);
                }
                case 'B' -> settings.set("shared_buffers", optarg, context, source, GucAction.SET);
                case 'e' -> settings.set("DateStyle", "euro", context, source, GucAction.SET);
                case 'F' -> settings.set("fsync", "false", context, source, GucAction.SET);
                case 'h' -> settings.set("listen_addresses", optarg, context, source, GucAction.SET);
                case 'i' -> settings.set("listen_addresses", "*", context, source, GucAction.SET);
                case 'k' -> settings.set("unix_socket_directories", optarg, context, source, GucAction.SET);
                case 'N' -> settings.set("max_connections", optarg, context, source, GucAction.SET);
                case 'p' -> settings.set("port", optarg, context, source, GucAction.SET);
                case 'S' -> settings.set("work_mem", optarg, context, source, GucAction.SET);
                default -> throw invalidArgument(arg);
            }
        }
    }

    private static PgException invalidArgument(String arg) {
        return new PgException(Severity.FATAL, SqlState.SYNTAX_ERROR,
                "invalid command-line argument for server process: " + arg, null,
                "Try \"postgres --help\" for more information.", 0);
    }
}
