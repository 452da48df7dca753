package org.tusk.utils.misc;

import static org.tusk.utils.misc.GucCategory.*;
import static org.tusk.utils.misc.GucContext.*;
import static org.tusk.utils.misc.GucDefinition.bool;
import static org.tusk.utils.misc.GucDefinition.enumeration;
import static org.tusk.utils.misc.GucDefinition.integer;
import static org.tusk.utils.misc.GucDefinition.real;
import static org.tusk.utils.misc.GucDefinition.string;
import static org.tusk.utils.misc.GucEnumOption.hidden;
import static org.tusk.utils.misc.GucEnumOption.of;
import static org.tusk.utils.misc.GucFlag.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The built-in parameters (PostgreSQL's guc_tables.c), with PostgreSQL 15's names, defaults,
 * ranges, units, contexts, flags and descriptions, plus Tusk's own backend_* parameters.
 *
 * <p>This is the only static state of the GUC system, and it is immutable: the values a
 * process actually uses live in a {@link GucSettings} instance.
 */
public final class GucTables {
    /** The PostgreSQL release Tusk is compatible with, as server_version reports it. */
    public static final String SERVER_VERSION = "15.18";
    /** The same version as server_version_num and PG_VERSION_NUM encode it. */
    public static final int SERVER_VERSION_NUM = versionNum(SERVER_VERSION);

    /** PostgreSQL's MAX_BACKENDS: the upper bound of every connection/process count. */
    static final int MAX_BACKENDS = 0x3FFFF;
    static final int INT_MAX = Integer.MAX_VALUE;
    /** MAX_KILOBYTES on 64-bit platforms. */
    static final int MAX_KILOBYTES = INT_MAX;

    private static final Map<String, GucDefinition> BY_NAME;
    private static final List<GucDefinition> ALL;
    /** Names PostgreSQL still accepts for renamed parameters ({@code map_old_guc_names}). */
    private static final Map<String, String> OLD_NAMES = Map.of(
            "sort_mem", "work_mem",
            "vacuum_mem", "maintenance_work_mem");

    private GucTables() {}

    static int versionNum(String version) {
        String[] parts = version.split("\\.");
        return Integer.parseInt(parts[0]) * 10000 + Integer.parseInt(parts[1]);
    }

    /** The definition of a built-in parameter, found case-insensitively (old names too), or null. */
    public static GucDefinition find(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        GucDefinition def = BY_NAME.get(key);
        if (def == null && OLD_NAMES.containsKey(key)) {
            def = BY_NAME.get(OLD_NAMES.get(key));
        }
        return def;
    }

    /** Every built-in definition, sorted by name case-insensitively as guc.c sorts them. */
    public static List<GucDefinition> all() {
        return ALL;
    }

    private static final List<GucEnumOption> MESSAGE_LEVELS_SERVER = List.of(
            of("debug5", 10), of("debug4", 11), of("debug3", 12), of("debug2", 13), of("debug1", 14),
            hidden("debug", 13), of("info", 17), of("notice", 18), of("warning", 19), of("error", 21),
            of("log", 15), of("fatal", 22), of("panic", 23));
    private static final List<GucEnumOption> MESSAGE_LEVELS_CLIENT = List.of(
            of("debug5", 10), of("debug4", 11), of("debug3", 12), of("debug2", 13), of("debug1", 14),
            hidden("debug", 13), of("log", 15), hidden("info", 17), of("notice", 18), of("warning", 19),
            of("error", 21));
    /** stats_fetch_consistency (PGSTAT_FETCH_CONSISTENCY_NONE, _CACHE, _SNAPSHOT). */
    private static final List<GucEnumOption> STATS_FETCH_CONSISTENCY = List.of(of("none", 0), of("cache", 1), of("snapshot", 2));
    private static final List<GucEnumOption> ISOLATION_LEVELS = List.of(
            of("serializable", 3), of("repeatable read", 2), of("read committed", 1), of("read uncommitted", 0));
    /** on/off with the Boolean spellings as hidden synonyms, for enums that grew out of bools. */
    private static List<GucEnumOption> withBoolSynonyms(List<GucEnumOption> visible, int onCode, int offCode) {
        List<GucEnumOption> all = new ArrayList<>(visible);
        all.addAll(List.of(hidden("true", onCode), hidden("false", offCode), hidden("yes", onCode),
                hidden("no", offCode), hidden("1", onCode), hidden("0", offCode)));
        return List.copyOf(all);
    }

    static {
        List<GucDefinition> defs = new ArrayList<>();

        // ---- File locations (set by the postmaster from its command line or the file) ----
        defs.add(string("data_directory", POSTMASTER, FILE_LOCATIONS, "Sets the server's data directory.", null)
                .withFlags(SUPERUSER_ONLY));
        defs.add(string("config_file", POSTMASTER, FILE_LOCATIONS, "Sets the server's main configuration file.", null)
                .withFlags(DISALLOW_IN_FILE, SUPERUSER_ONLY));
        defs.add(string("hba_file", POSTMASTER, FILE_LOCATIONS, "Sets the server's \"hba\" configuration file.", null)
                .withFlags(SUPERUSER_ONLY));
        defs.add(string("ident_file", POSTMASTER, FILE_LOCATIONS, "Sets the server's \"ident\" configuration file.",
                null).withFlags(SUPERUSER_ONLY));

        // ---- Connections and authentication ----
        defs.add(string("listen_addresses", POSTMASTER, CONN_AUTH_SETTINGS,
                "Sets the host name or IP address(es) to listen to.", "localhost").withFlags(LIST_INPUT));
        defs.add(integer("port", POSTMASTER, CONN_AUTH_SETTINGS, "Sets the TCP port the server listens on.",
                5432, 1, 65535));
        defs.add(integer("max_connections", POSTMASTER, CONN_AUTH_SETTINGS,
                "Sets the maximum number of concurrent connections.", 100, 1, MAX_BACKENDS));
        defs.add(integer("superuser_reserved_connections", POSTMASTER, CONN_AUTH_SETTINGS,
                "Sets the number of connection slots reserved for superusers.", 3, 0, MAX_BACKENDS));
        defs.add(string("unix_socket_directories", POSTMASTER, CONN_AUTH_SETTINGS,
                "Sets the directories where Unix-domain sockets will be created.", "/tmp")
                .withFlags(LIST_INPUT, LIST_QUOTE, SUPERUSER_ONLY));
        defs.add(integer("authentication_timeout", SIGHUP, CONN_AUTH_AUTH,
                "Sets the maximum allowed time to complete client authentication.", 60, 1, 600)
                .withUnit(GucUnit.S));
        defs.add(enumeration("password_encryption", USERSET, CONN_AUTH_AUTH,
                "Chooses the algorithm for encrypting passwords.", "scram-sha-256",
                List.of(of("md5", 1), of("scram-sha-256", 2))));
        // Tusk: processes are started ahead of connections and may serve several sessions.
        defs.add(integer("backend_spares", SIGHUP, CONN_AUTH_SETTINGS,
                "Sets the maximum number of pre-started spare backend processes (fewer while connections are rare).", 2, 0, MAX_BACKENDS));
        defs.add(bool("backend_reuse", SIGHUP, CONN_AUTH_SETTINGS,
                "Reuses a backend process for another session after its client disconnects.", false));
        defs.add(string("backend_jvm_options", POSTMASTER, CONN_AUTH_SETTINGS,
                "Sets the JVM options of child processes (backends and auxiliary processes).",
                // ArchiveRelocationMode=0 maps the AOT cache at the address it was built for, so its
                // pages stay clean and shared between all child JVMs instead of being relocated into
                // private copies: ~6.5 MiB less PSS per idle backend (docs/performance.md).
                // One C1 and one C2 compiler thread; the postmaster's compilation policy, which comes
                // first, keeps C2 to the shared-memory code (main/PostmasterConfig.compilationPolicy).
                "-XX:+UseSerialGC -XX:CICompilerCount=2 -Xss1m -Xms8m -Xmx512m "
                        + "-XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=128m "
                        + "-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"));
        // Large by default: a retired process is replaced by a fresh JVM, which costs its start and
        // then several milliseconds of CPU per session over its first thousand or so sessions while
        // its code is compiled. With 1000, a churning pool spent most of its CPU on that (~3.5 ms
        // per connection against ~1.5 ms warm); a process's memory stays flat over ~14,000 sessions
        // (docs/performance.md), and BackendReuse's heap high-water mark still retires a process
        // whose live heap grows.
        defs.add(integer("backend_reuse_max_sessions", SIGHUP, CONN_AUTH_SETTINGS,
                "Sets the maximum number of sessions a reused backend process serves before exiting.", 100000, 1,
                INT_MAX));

        // ---- Resource usage ----
        defs.add(integer("shared_buffers", POSTMASTER, RESOURCES_MEM,
                "Sets the number of shared memory buffers used by the server.", 16384, 16, INT_MAX / 2)
                .withUnit(GucUnit.BLOCKS));
        defs.add(integer("temp_buffers", USERSET, RESOURCES_MEM,
                "Sets the maximum number of temporary buffers used by each session.", 1024, 100, INT_MAX / 2)
                .withUnit(GucUnit.BLOCKS).withFlags(EXPLAIN));
        defs.add(integer("work_mem", USERSET, RESOURCES_MEM, "Sets the maximum memory to be used for query workspaces.",
                4096, 64, MAX_KILOBYTES).withUnit(GucUnit.KB).withFlags(EXPLAIN)
                .withLongDesc("This much memory can be used by each internal sort operation and hash table before "
                        + "switching to temporary disk files."));
        defs.add(integer("maintenance_work_mem", USERSET, RESOURCES_MEM,
                "Sets the maximum memory to be used for maintenance operations.", 65536, 1024, MAX_KILOBYTES)
                .withUnit(GucUnit.KB).withLongDesc("This includes operations such as VACUUM and CREATE INDEX."));
        // The boot value is the minimum; the dynamic default (InitializeGUCOptions) is set by GucSettings.
        defs.add(integer("max_stack_depth", SUSET, RESOURCES_MEM, "Sets the maximum stack depth, in kilobytes.",
                100, 100, MAX_KILOBYTES).withUnit(GucUnit.KB));
        defs.add(integer("max_prepared_transactions", POSTMASTER, RESOURCES_MEM,
                "Sets the maximum number of simultaneously prepared transactions.", 0, 0, MAX_BACKENDS));
        defs.add(enumeration("huge_pages", POSTMASTER, RESOURCES_MEM, "Use of huge pages on Linux or Windows.", "try",
                withBoolSynonyms(List.of(of("off", 0), of("on", 1), of("try", 2)), 1, 0)));
        defs.add(enumeration("dynamic_shared_memory_type", POSTMASTER, RESOURCES_MEM,
                "Selects the dynamic shared memory implementation used.", "posix",
                List.of(of("posix", 1), of("sysv", 2), of("mmap", 3))));
        defs.add(integer("track_activity_query_size", POSTMASTER, STATS_CUMULATIVE,
                "Sets the size reserved for pg_stat_activity.query, in bytes.", 1024, 100, 1048576)
                .withUnit(GucUnit.BYTE));
        defs.add(integer("bgwriter_delay", SIGHUP, RESOURCES_BGWRITER,
                "Background writer sleep time between rounds.", 200, 10, 10000).withUnit(GucUnit.MS));
        defs.add(integer("bgwriter_lru_maxpages", SIGHUP, RESOURCES_BGWRITER,
                "Background writer maximum number of LRU pages to flush per round.", 100, 0, INT_MAX / 2));
        defs.add(real("bgwriter_lru_multiplier", SIGHUP, RESOURCES_BGWRITER,
                "Multiple of the average buffer usage to free per round.", 2.0, 0.0, 10.0));
        defs.add(integer("max_worker_processes", POSTMASTER, RESOURCES_ASYNCHRONOUS,
                "Maximum number of concurrent worker processes.", 8, 0, MAX_BACKENDS));

        // ---- Write-ahead log ----
        defs.add(bool("fsync", SIGHUP, WAL_SETTINGS, "Forces synchronization of updates to disk.", true)
                .withLongDesc("The server will use the fsync() system call in several places to make sure that "
                        + "updates are physically written to disk. This ensures that a database cluster will recover "
                        + "to a consistent state after an operating system or hardware crash."));
        defs.add(enumeration("synchronous_commit", USERSET, WAL_SETTINGS,
                "Sets the current transaction's synchronization level.", "on",
                withBoolSynonyms(List.of(of("local", 1), of("remote_write", 2), of("remote_apply", 4), of("on", 3),
                        of("off", 0)), 3, 0)));
        defs.add(enumeration("wal_sync_method", SIGHUP, WAL_SETTINGS,
                "Selects the method used for forcing WAL updates to disk.", "fdatasync",
                List.of(of("fsync", 0), of("fdatasync", 2), of("open_sync", 3), of("open_datasync", 4))));
        defs.add(bool("full_page_writes", SIGHUP, WAL_SETTINGS,
                "Writes full pages to WAL when first modified after a checkpoint.", true)
                .withLongDesc("A page write in process during an operating system crash might be only partially "
                        + "written to disk.  During recovery, the row changes stored in WAL are not enough to "
                        + "recover.  This option writes pages when first modified after a checkpoint to WAL so full "
                        + "recovery is possible."));
        defs.add(integer("wal_buffers", POSTMASTER, WAL_SETTINGS,
                "Sets the number of disk-page buffers in shared memory for WAL.", -1, -1,
                INT_MAX / GucUnit.WAL_BLOCK_SIZE).withUnit(GucUnit.XBLOCKS));
        defs.add(integer("wal_writer_delay", SIGHUP, WAL_SETTINGS,
                "Time between WAL flushes performed in the WAL writer.", 200, 1, 10000).withUnit(GucUnit.MS));
        defs.add(integer("checkpoint_timeout", SIGHUP, WAL_CHECKPOINTS,
                "Sets the maximum time between automatic WAL checkpoints.", 300, 30, 86400).withUnit(GucUnit.S));
        defs.add(integer("max_wal_size", SIGHUP, WAL_CHECKPOINTS, "Sets the WAL size that triggers a checkpoint.",
                1024, 2, MAX_KILOBYTES).withUnit(GucUnit.MB));
        defs.add(integer("min_wal_size", SIGHUP, WAL_CHECKPOINTS, "Sets the minimum size to shrink the WAL to.",
                80, 2, MAX_KILOBYTES).withUnit(GucUnit.MB));
        defs.add(real("checkpoint_completion_target", SIGHUP, WAL_CHECKPOINTS,
                "Time spent flushing dirty buffers during checkpoint, as fraction of checkpoint interval.", 0.9, 0.0, 1.0));

        // ---- Query tuning ----
        // the planner's methods, costs and limits, and the parallel-query and JIT knobs
        defs.addAll(QueryTuningGucs.definitions());
        defs.add(integer("effective_cache_size", USERSET, QUERY_TUNING_COST,
                "Sets the planner's assumption about the total size of the data caches.", 524288, 1, INT_MAX)
                .withUnit(GucUnit.BLOCKS).withFlags(EXPLAIN)
                .withLongDesc("That is, the total size of the caches (kernel cache and shared buffers) used for "
                        + "PostgreSQL data files. This is measured in disk pages, which are normally 8 kB each."));
        defs.add(integer("default_statistics_target", USERSET, QUERY_TUNING_OTHER,
                "Sets the default statistics target.", 100, 1, 10000)
                .withLongDesc("This applies to table columns that have not had a column-specific target set via "
                        + "ALTER TABLE SET STATISTICS."));
        defs.add(bool("jit", USERSET, QUERY_TUNING_OTHER, "Allow JIT compilation.", false).withFlags(EXPLAIN));

        // ---- Logging ----
        defs.add(string("log_destination", SIGHUP, LOGGING_WHERE, "Sets the destination for server log output.",
                "stderr").withFlags(LIST_INPUT).withLongDesc("Valid values are combinations of \"stderr\", "
                + "\"syslog\", \"csvlog\", \"jsonlog\", and \"eventlog\", depending on the platform."));
        defs.add(bool("logging_collector", POSTMASTER, LOGGING_WHERE,
                "Start a subprocess to capture stderr, csvlog and/or jsonlog into log files.", false));
        defs.add(string("log_directory", SIGHUP, LOGGING_WHERE, "Sets the destination directory for log files.", "log")
                .withFlags(SUPERUSER_ONLY)
                .withLongDesc("Can be specified as relative to the data directory or as absolute path."));
        defs.add(enumeration("log_min_messages", SUSET, LOGGING_WHEN, "Sets the message levels that are logged.",
                "warning", MESSAGE_LEVELS_SERVER)
                .withLongDesc("Each level includes all the levels that follow it. The later the level, the fewer "
                        + "messages are sent."));
        defs.add(bool("log_connections", SUPERUSER_BACKEND, LOGGING_WHAT, "Logs each successful connection.", false));
        defs.add(bool("log_checkpoints", SIGHUP, LOGGING_WHAT, "Logs each checkpoint.", true));
        defs.add(integer("log_autovacuum_min_duration", SIGHUP, LOGGING_WHAT,
                "Sets the minimum execution time above which autovacuum actions will be logged.", 600000, -1, INT_MAX)
                .withUnit(GucUnit.MS).withLongDesc("Zero prints all actions. -1 turns autovacuum logging off."));
        defs.add(bool("log_disconnections", SUPERUSER_BACKEND, LOGGING_WHAT,
                "Logs end of a session, including duration.", false));
        defs.add(string("log_timezone", SIGHUP, LOGGING_WHAT,
                "Sets the time zone to use in log messages.", "UTC"));
        defs.add(string("log_line_prefix", SIGHUP, LOGGING_WHAT, "Controls information prefixed to each log line.",
                "%m [%p] ").withLongDesc("If blank, no prefix is used."));
        defs.add(string("application_name", USERSET, LOGGING_WHAT,
                "Sets the application name to be reported in statistics and logs.", "")
                .withFlags(IS_NAME, REPORT, NOT_IN_SAMPLE).withCheckHook(StandardCheckHooks.CLEAN_ASCII));
        defs.add(string("cluster_name", POSTMASTER, PROCESS_TITLE,
                "Sets the name of the cluster, which is included in the process title.", "")
                .withFlags(IS_NAME).withCheckHook(StandardCheckHooks.CLEAN_ASCII));

        // ---- Statistics, autovacuum ----
        // allow_system_table_mods (guc.c, DEVELOPER_OPTIONS): initdb's catalog indexes are made with it on
        defs.add(bool("allow_system_table_mods", SUSET, DEVELOPER_OPTIONS,
                "Allows modifications of the structure of system tables.", false).withFlags(NOT_IN_SAMPLE));
        defs.add(bool("track_activities", SUSET, STATS_CUMULATIVE, "Collects information about executing commands.",
                true).withLongDesc("Enables the collection of information on the currently executing command of "
                        + "each session, along with the time at which that command began execution."));
        defs.add(bool("track_counts", SUSET, STATS_CUMULATIVE, "Collects statistics on database activity.", true));
        defs.add(enumeration("stats_fetch_consistency", USERSET, STATS_CUMULATIVE,
                "Sets the consistency of accesses to statistics data.", "cache", STATS_FETCH_CONSISTENCY));
        defs.add(bool("autovacuum", SIGHUP, AUTOVACUUM, "Starts the autovacuum subprocess.", true));
        defs.add(integer("autovacuum_max_workers", POSTMASTER, AUTOVACUUM,
                "Sets the maximum number of simultaneously running autovacuum worker processes.", 3, 1, 262143));
        defs.add(integer("autovacuum_naptime", SIGHUP, AUTOVACUUM, "Time to sleep between autovacuum runs.", 60, 1, 2147483)
                .withUnit(GucUnit.S));
        defs.add(integer("autovacuum_vacuum_threshold", SIGHUP, AUTOVACUUM,
                "Minimum number of tuple updates or deletes prior to vacuum.", 50, 0, INT_MAX));
        defs.add(integer("autovacuum_vacuum_insert_threshold", SIGHUP, AUTOVACUUM,
                "Minimum number of tuple inserts prior to vacuum, or -1 to disable insert vacuums.", 1000, -1, INT_MAX));
        defs.add(integer("autovacuum_analyze_threshold", SIGHUP, AUTOVACUUM,
                "Minimum number of tuple inserts, updates, or deletes prior to analyze.", 50, 0, INT_MAX));
        defs.add(real("autovacuum_vacuum_scale_factor", SIGHUP, AUTOVACUUM,
                "Number of tuple updates or deletes prior to vacuum as a fraction of reltuples.", 0.2, 0.0, 100.0));
        defs.add(real("autovacuum_vacuum_insert_scale_factor", SIGHUP, AUTOVACUUM,
                "Number of tuple inserts prior to vacuum as a fraction of reltuples.", 0.2, 0.0, 100.0));
        defs.add(real("autovacuum_analyze_scale_factor", SIGHUP, AUTOVACUUM,
                "Number of tuple inserts, updates, or deletes prior to analyze as a fraction of reltuples.", 0.1, 0.0, 100.0));

        // ---- Client connection defaults: statement behaviour ----
        defs.add(enumeration("client_min_messages", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the message levels that are sent to the client.", "notice", MESSAGE_LEVELS_CLIENT)
                .withLongDesc("Each level includes all the levels that follow it. The later the level, the fewer "
                        + "messages are sent."));
        // pg_dump sets both; Tusk has the tablespaces pg_default and pg_global and the access method heap
        defs.add(string("default_tablespace", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the default tablespace to create tables and indexes in.", "")
                .withLongDesc("An empty string selects the database's default tablespace.")
                .withCheckHook(StandardCheckHooks.DEFAULT_TABLESPACE));
        defs.add(string("default_table_access_method", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the default table access method for new tables.", "heap")
                .withCheckHook(StandardCheckHooks.DEFAULT_TABLE_ACCESS_METHOD));
        defs.add(string("search_path", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the schema search order for names that are not schema-qualified.", "\"$user\", public")
                .withFlags(LIST_INPUT, LIST_QUOTE, EXPLAIN).withCheckHook(StandardCheckHooks.IDENTIFIER_LIST));
        defs.add(integer("statement_timeout", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the maximum allowed duration of any statement.", 0, 0, INT_MAX).withUnit(GucUnit.MS)
                .withLongDesc("A value of 0 turns off the timeout."));
        defs.add(integer("lock_timeout", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the maximum allowed duration of any wait for a lock.", 0, 0, INT_MAX).withUnit(GucUnit.MS)
                .withLongDesc("A value of 0 turns off the timeout."));
        defs.add(integer("idle_in_transaction_session_timeout", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the maximum allowed idle time between queries, when in a transaction.", 0, 0, INT_MAX)
                .withUnit(GucUnit.MS).withLongDesc("A value of 0 turns off the timeout."));
        defs.add(integer("idle_session_timeout", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the maximum allowed idle time between queries, when not in a transaction.", 0, 0, INT_MAX)
                .withUnit(GucUnit.MS).withLongDesc("A value of 0 turns off the timeout."));
        defs.add(enumeration("default_transaction_isolation", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the transaction isolation level of each new transaction.", "read committed", ISOLATION_LEVELS));
        defs.add(enumeration("transaction_isolation", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the current transaction's isolation level.", "read committed", ISOLATION_LEVELS)
                .withFlags(NO_RESET_ALL, NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        defs.add(bool("default_transaction_read_only", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the default read-only status of new transactions.", false).withFlags(REPORT));
        defs.add(bool("transaction_read_only", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the current transaction's read-only status.", false)
                .withFlags(NO_RESET_ALL, NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        defs.add(bool("default_transaction_deferrable", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the default deferrable status of new transactions.", false));
        defs.add(bool("transaction_deferrable", USERSET, CLIENT_CONN_STATEMENT,
                "Whether to defer a read-only serializable transaction until it can be executed with no possible "
                        + "serialization failures.", false)
                .withFlags(NO_RESET_ALL, NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        // PostgreSQL built without lz4 offers only pglz, as Tusk does.
        defs.add(enumeration("default_toast_compression", USERSET, CLIENT_CONN_STATEMENT,
                "Sets the default compression method for compressible values.", "pglz", List.of(of("pglz", 1))));
        defs.add(enumeration("bytea_output", USERSET, CLIENT_CONN_STATEMENT, "Sets the output format for bytea.", "hex",
                List.of(of("escape", 0), of("hex", 1))));
        defs.add(enumeration("xmloption", USERSET, CLIENT_CONN_STATEMENT,
                "Sets whether XML data in implicit parsing and serialization operations is to be considered as "
                        + "documents or content fragments.", "content",
                List.of(of("content", 1), of("document", 0))));
        defs.add(bool("row_security", USERSET, CLIENT_CONN_STATEMENT, "Enable row security.", true)
                .withLongDesc("When enabled, row security will be applied to all users."));
        defs.add(bool("check_function_bodies", USERSET, CLIENT_CONN_STATEMENT,
                "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE.", true));

        // ---- Client connection defaults: locale and formatting ----
        defs.add(string("DateStyle", USERSET, CLIENT_CONN_LOCALE,
                "Sets the display format for date and time values.", "ISO, MDY")
                .withFlags(LIST_INPUT, REPORT).withCheckHook(new DateStyleCheck())
                .withLongDesc("Also controls interpretation of ambiguous date inputs."));
        defs.add(enumeration("IntervalStyle", USERSET, CLIENT_CONN_LOCALE,
                "Sets the display format for interval values.", "postgres",
                List.of(of("postgres", 0), of("postgres_verbose", 1), of("sql_standard", 2), of("iso_8601", 3)))
                .withFlags(REPORT));
        // PostgreSQL's boot value is GMT and initdb writes the OS zone; Tusk's initdb writes it too.
        defs.add(string("default_text_search_config", USERSET, CLIENT_CONN_LOCALE,
                "Sets default text search configuration.", "pg_catalog.simple"));
        defs.add(string("TimeZone", USERSET, CLIENT_CONN_LOCALE,
                "Sets the time zone for displaying and interpreting time stamps.", "UTC")
                .withFlags(REPORT).withCheckHook(new TimeZoneCheck()));
        // PostgreSQL loads the named file from share/timezonesets; Tusk has the "Default" set built in
        // (DateTimeParse), so any other name is what a missing file is there: an invalid value.
        defs.add(string("timezone_abbreviations", USERSET, CLIENT_CONN_LOCALE,
                "Selects a file of time zone abbreviations.", "Default")
                .withCheckHook(StandardCheckHooks.TIMEZONE_ABBREVIATIONS));
        defs.add(integer("extra_float_digits", USERSET, CLIENT_CONN_LOCALE,
                "Sets the number of digits displayed for floating-point values.", 1, -15, 3)
                .withLongDesc("This affects real, double precision, and geometric data types. A zero or negative "
                        + "parameter value is added to the standard number of digits (FLT_DIG or DBL_DIG as "
                        + "appropriate). Any value greater than zero selects precise output mode."));
        defs.add(string("client_encoding", USERSET, CLIENT_CONN_LOCALE, "Sets the client's character set encoding.",
                "UTF8").withFlags(IS_NAME, REPORT).withCheckHook(new ClientEncodingCheck()));
        defs.add(string("lc_messages", SUSET, CLIENT_CONN_LOCALE,
                "Sets the language in which messages are displayed.", "C").withCheckHook(StandardCheckHooks.LOCALE));
        defs.add(string("lc_monetary", USERSET, CLIENT_CONN_LOCALE,
                "Sets the locale for formatting monetary amounts.", "C").withCheckHook(StandardCheckHooks.LOCALE));
        defs.add(string("lc_numeric", USERSET, CLIENT_CONN_LOCALE,
                "Sets the locale for formatting numbers.", "C").withCheckHook(StandardCheckHooks.LOCALE));
        defs.add(string("lc_time", USERSET, CLIENT_CONN_LOCALE,
                "Sets the locale for formatting date and time values.", "C").withCheckHook(StandardCheckHooks.LOCALE));

        // ---- Locks, compatibility, error handling ----
        defs.add(integer("deadlock_timeout", SUSET, LOCK_MANAGEMENT,
                "Sets the time to wait on a lock before checking for deadlock.", 1000, 1, INT_MAX)
                .withUnit(GucUnit.MS));
        defs.add(integer("max_locks_per_transaction", POSTMASTER, LOCK_MANAGEMENT,
                "Sets the maximum number of locks per transaction.", 64, 10, INT_MAX)
                .withLongDesc("The shared lock table is sized on the assumption that at most "
                        + "max_locks_per_transaction * max_connections distinct objects will need to be locked at any "
                        + "one time."));
        // Both read by the scanner through the session's ScanSettings (made by tcop.ScannerSettings).
        defs.add(bool("escape_string_warning", USERSET, COMPAT_OPTIONS_PREVIOUS,
                "Warn about backslash escapes in ordinary string literals.", true));
        defs.add(bool("standard_conforming_strings", USERSET, COMPAT_OPTIONS_PREVIOUS,
                "Causes '...' strings to treat backslashes literally.", true).withFlags(REPORT));
        // Tusk's sequential scans always start at block 0, which is what "off" asks for (pg_dump sets
        // it so); "on" allows scans to start where a concurrent scan of the same table is.
        defs.add(bool("synchronize_seqscans", USERSET, COMPAT_OPTIONS_PREVIOUS,
                "Enable synchronized sequential scans.", true));
        defs.add(bool("restart_after_crash", SIGHUP, ERROR_HANDLING_OPTIONS,
                "Reinitialize server after backend crash.", true));

        // ---- Preset options: fixed properties of this build, reported to clients ----
        defs.add(string("server_version", INTERNAL, PRESET_OPTIONS, "Shows the server version.", SERVER_VERSION)
                .withFlags(REPORT, NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        defs.add(integer("server_version_num", INTERNAL, PRESET_OPTIONS, "Shows the server version as an integer.",
                SERVER_VERSION_NUM, SERVER_VERSION_NUM, SERVER_VERSION_NUM).withFlags(NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        defs.add(string("server_encoding", INTERNAL, PRESET_OPTIONS,
                "Shows the server (database) character set encoding.", "UTF8")
                .withFlags(IS_NAME, REPORT, NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        defs.add(string("lc_collate", INTERNAL, PRESET_OPTIONS, "Shows the collation order locale.", "C")
                .withFlags(NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        defs.add(string("lc_ctype", INTERNAL, PRESET_OPTIONS, "Shows the character classification and case "
                + "conversion locale.", "C").withFlags(NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        defs.add(bool("integer_datetimes", INTERNAL, PRESET_OPTIONS, "Shows whether datetimes are integer based.",
                true).withFlags(REPORT, NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        defs.add(bool("in_hot_standby", INTERNAL, PRESET_OPTIONS, "Shows whether hot standby is currently active.",
                false).withFlags(REPORT, NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        defs.add(integer("block_size", INTERNAL, PRESET_OPTIONS, "Shows the size of a disk block.",
                GucUnit.BLOCK_SIZE, GucUnit.BLOCK_SIZE, GucUnit.BLOCK_SIZE).withFlags(NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        defs.add(integer("max_identifier_length", INTERNAL, PRESET_OPTIONS,
                "Shows the maximum identifier length.", 63, 63, 63).withFlags(NOT_IN_SAMPLE, DISALLOW_IN_FILE));

        // ---- Session identity: set by authentication and SET SESSION AUTHORIZATION ----
        defs.add(bool("is_superuser", INTERNAL, UNGROUPED, "Shows whether the current user is a superuser.", false)
                .withFlags(REPORT, NO_SHOW_ALL, NO_RESET_ALL, NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        defs.add(string("session_authorization", USERSET, UNGROUPED, "Sets the session user name.", null)
                .withFlags(IS_NAME, REPORT, NO_SHOW_ALL, NO_RESET_ALL, NOT_IN_SAMPLE, DISALLOW_IN_FILE));
        // SET ROLE: "none" means the session user is the current user (variable.c show_role)
        defs.add(string("role", USERSET, UNGROUPED, "Sets the current role.", "none")
                .withFlags(IS_NAME, NO_SHOW_ALL, NO_RESET_ALL, NOT_IN_SAMPLE, DISALLOW_IN_FILE));

        TreeMap<String, GucDefinition> byName = new TreeMap<>();
        for (GucDefinition def : defs) {
            String key = def.name().toLowerCase(Locale.ROOT);
            if (byName.put(key, def) != null) {
                throw new ExceptionInInitializerError("duplicate parameter " + def.name());
            }
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        ALL = List.copyOf(byName.values());
    }
}
