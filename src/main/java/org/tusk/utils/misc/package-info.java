/**
 * Grand Unified Configuration: Tusk's run-time parameters (PostgreSQL's
 * {@code src/backend/utils/misc/guc.c}, {@code guc_tables.c} and {@code guc-file.l}).
 *
 * <h2>Definitions and per-process state</h2>
 *
 * <p>Every parameter has an immutable {@link org.tusk.utils.misc.GucDefinition} in
 * {@link org.tusk.utils.misc.GucTables}: name, type (bool, integer, real, string, enum), context,
 * boot value, range, base unit, enum spellings, flags and descriptions. That table is the only
 * static state. The values a process uses live in one {@link org.tusk.utils.misc.GucSettings}
 * instance per process, created with {@code forPostmaster()} or {@code forBackend()}: where
 * PostgreSQL writes to a C global, Tusk code asks its settings object ({@code getInt("work_mem")}).
 * Because Tusk cannot fork, a new backend receives the postmaster's non-default values with
 * {@code exportNonDefault()}/{@code importNonDefault()}, as PostgreSQL does in EXEC_BACKEND builds.
 *
 * <h2>Contexts: when a parameter may change</h2>
 *
 * <pre>
 *   INTERNAL           never (server_version, server_encoding, integer_datetimes)
 *   POSTMASTER         at server start only: file or command line (port, shared_buffers)
 *   SIGHUP             in the file; a reload applies it everywhere (fsync, bgwriter_delay)
 *   SUPERUSER_BACKEND  until the session starts; a client needs superuser rights (log_connections)
 *   BACKEND            until the session starts (file, command line, startup packet)
 *   SUSET              any time, by superusers (log_min_messages, deadlock_timeout)
 *   USERSET            any time, by anyone (work_mem, search_path, DateStyle)
 * </pre>
 *
 * <p>Callers state their own privilege as a context when they call
 * {@link org.tusk.utils.misc.GucSettings#set}: POSTMASTER while starting the server, SIGHUP when
 * re-reading the file, SUPERUSER_BACKEND or BACKEND for a startup packet, SUSET or USERSET for
 * SQL by a superuser or by anyone else. A refusal raises PostgreSQL's error: "cannot be changed",
 * "cannot be changed without restarting the server", "cannot be changed now", "cannot be set
 * after connection start" (55P02), or "permission denied to set parameter" (42501).
 *
 * <h2>Sources and their priority</h2>
 *
 * <p>Each value remembers its {@link org.tusk.utils.misc.GucSource}. In increasing priority:
 *
 * <pre>
 *   default &lt; configuration file &lt; command line (-c at postmaster start) &lt; database &lt; user
 *     &lt; database user &lt; client (startup packet) &lt; override &lt; session (SET)
 * </pre>
 *
 * <p>A value from a lower source never replaces one from a higher source. Sources up to
 * "override" also set the <em>reset value</em>: what RESET, SET ... TO DEFAULT and RESET ALL
 * return to. So a session that ran SET keeps its value when the file is reloaded, but a later
 * RESET picks up the file's new value; and RESET after a startup-packet setting returns to that
 * setting, not to the default. The server's values are thus the bottom layers of a stack, and
 * a session's values lie on top of them.
 *
 * <h2>Transactions</h2>
 *
 * <p>SQL-level changes are transactional. The transaction layer calls
 * {@code atTransactionStart()}, and {@code atTransactionCommit()} or {@code atTransactionAbort()};
 * subtransactions and functions with SET clauses use {@code newNestLevel()} and
 * {@code atEndOfNestLevel(commit, level)}. Each change made inside a level pushes the overwritten
 * value on the parameter's stack ({@link org.tusk.utils.misc.GucStackEntry}): abort restores it,
 * commit keeps a SET but drops a SET LOCAL, and a committed inner level's changes become the
 * enclosing level's, so an outer abort still undoes them. Outside any transaction (nest level 0)
 * changes are permanent; that is how start-up settings are made. The transaction_* parameters
 * (isolation, read-only, deferrable) describe the current transaction: the traffic cop assigns
 * them directly at each transaction start ({@code assignFrom}, as StartTransaction assigns
 * XactIsoLevel), without a stack entry, and their check hooks live there.
 *
 * <h2>Reporting to the client</h2>
 *
 * <p>Parameters flagged {@code REPORT} (application_name, client_encoding, DateStyle,
 * default_transaction_read_only, in_hot_standby, integer_datetimes, IntervalStyle, is_superuser,
 * server_encoding, server_version, session_authorization, standard_conforming_strings,
 * TimeZone) are sent in ParameterStatus messages. After authentication the protocol layer calls
 * {@code beginReporting()} for the initial set, and before each ReadyForQuery
 * {@code takeChangedReportedValues()} for those whose displayed value differs from what the
 * client last saw. The authentication layer sets is_superuser (context INTERNAL, source
 * DYNAMIC_DEFAULT) and session_authorization (context BACKEND, source OVERRIDE) before that.
 *
 * <h2>The configuration file</h2>
 *
 * <p>{@link org.tusk.utils.misc.ConfigFileParser} reads postgresql.conf with guc-file.l's syntax
 * (lines of {@code name [=] value}, {@code #} comments, quoted strings with {@code ''} and
 * backslash escapes, {@code include}, {@code include_if_exists}, {@code include_dir} relative to
 * the including file). {@link org.tusk.utils.misc.ConfigFileProcessor} applies it at start-up and
 * on every SIGHUP: a syntax error or unknown name applies nothing; parameters removed from the
 * file return to their defaults; POSTMASTER parameters that differ are logged as needing a restart
 * and marked pending_restart. Nothing here writes to the log: messages are returned as
 * {@link org.tusk.utils.misc.GucMessage}s at LOG level in the postmaster and DEBUG in backends.
 *
 * <h2>Reading values</h2>
 *
 * <p>{@code show(name)} formats as SHOW does, with the largest exact unit (16384 blocks of 8kB
 * as "128MB"); {@code showAll()} gives SHOW ALL's rows and {@code settingRows()} pg_settings'.
 * Parameters flagged SUPERUSER_ONLY are visible only to superusers and members of
 * pg_read_all_settings; callers pass that right as a boolean.
 *
 * <p>{@code settingRows()} is pg_show_all_settings() ({@code GetConfigOptionValues}): per
 * parameter the value, unit, category, descriptions, context, type, source, range, enum
 * spellings, boot and reset values, and the file and line for values from the configuration
 * file (only for those who may read all settings). Parameters flagged NO_SHOW_ALL
 * (session_authorization, is_superuser) are left out, as in PostgreSQL.
 *
 * <p>The planner's parameters ({@link org.tusk.utils.misc.QueryTuningGucs}) include PostgreSQL's
 * parallel-query and JIT knobs and enable_* flags for plan shapes Tusk does not build: they are
 * accepted and shown exactly as PostgreSQL shows them and have no effect, which is also what
 * they do in PostgreSQL while no such plan is chosen. max_stack_depth gets the dynamic default
 * InitializeGUCOptions gives it (2MB, source "default", boot value 100kB), set when a settings
 * object is created.
 *
 * <p>Names are found by a hash probe with the caller's own spelling first (the executor and
 * planner read settings by name at every statement), then by the lower-cased name. {@code
 * valueChanges()} is a counter that moves whenever any current value changes (SET, RESET, a
 * rollback or SET LOCAL undone at transaction end, a reload, the per-transaction assignments
 * when they change something); a caller that caches what it derives from settings (the key of
 * a cached plan's planner settings) recomputes it only when the counter moved.
 *
 * <h2>Custom parameters</h2>
 *
 * <p>A dotted name that nobody defined ({@code myapp.foo}) becomes a string placeholder on first
 * SET, as in PostgreSQL, so applications and extensions can keep their own settings.
 */
package org.tusk.utils.misc;
