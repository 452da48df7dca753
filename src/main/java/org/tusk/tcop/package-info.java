/**
 * The traffic cop (PostgreSQL's {@code tcop/}): everything a client backend does between its
 * socket and the SQL engine.
 *
 * <h2>A backend's life</h2>
 * {@link org.tusk.tcop.SpareBackend} waits, pre-started, for the postmaster to hand it a client;
 * {@link org.tusk.tcop.BackendMain} then reads the startup packet, authenticates, claims its
 * PGPROC and joins the ProcArray (BackendInitialize, InitProcess, InitPostgres);
 * {@code PostgresMain} runs the session loop; {@code QueryRunner} runs statements inside the
 * transaction-block state machine; {@code ExtendedQuery} keeps prepared statements and portals
 * for the extended protocol; {@code DestRemote} sends rows;
 * {@code PreparedQueries} is the session's prepared-statement cache (SQL PREPARE/EXECUTE/
 * DEALLOCATE and the protocol's named statements alike, as prepare.c's hash; a statement with
 * parameters gets custom plans, made for its values, at its first five executions, then its
 * cached generic plan while that costs no more, as {@code PlanChoice} decides after plancache.c's
 * choose_custom_plan; a generic plan is made again after a catalog invalidation or a planner
 * setting change, and refused with 0A000 if its result columns changed);
 * {@code Cursors} and {@code Cursor} are DECLARE's portals (FETCH/MOVE positioned as pquery.c's
 * DoPortalRunFetch, SCROLL/NO SCROLL, WITH HOLD persisted at commit, dropped at abort; the query
 * runs to its end into the cursor's tuple store at the first FETCH, so no buffer pin outlives a
 * statement, and with each row the cursor keeps where the plan's scans stood, for WHERE CURRENT
 * OF; until then it holds a registered copy of the DECLARE's snapshot and that command's id,
 * SessionStorage.portalEnvironment, so what runs in between neither shows in its rows nor lets
 * VACUUM remove them; a DECLARE in a SQL function body opens one too, with the call's arguments); CREATE TABLE ... AS EXECUTE runs a prepared SELECT with its parameters bound; pg_prepared_statements and pg_cursors are views over these two; {@code CopyProtocol} is the COPY
 * sub-protocol (CopyInResponse/CopyOutResponse, CopyData, CopyDone, CopyFail; Flush and Sync are
 * ignored during copy-in, other messages end it with 08P01) that COPY FROM STDIN / TO STDOUT
 * run through, in the simple and the extended protocol alike. {@link org.tusk.tcop.Interrupts}
 * turns signals into CHECK_FOR_INTERRUPTS errors and {@link org.tusk.tcop.QuickDie} is the
 * SIGQUIT-equivalent exit. {@code NotifyInterrupt} delivers LISTEN notifications
 * (NotificationResponse) only while the backend is idle outside a transaction: before
 * ReadyForQuery, and, while it waits for the client's next command, as soon as a notifier's
 * SIGUSR1 wakes the wait ({@code BackendContext.clientReadInterrupt}, ProcessClientReadInterrupt).
 * QueryRunner runs async.c's PreCommit_Notify before the commit (an error there aborts the
 * transaction) and AtCommit_Notify / AtAbort_Notify after it.
 *
 * <h2>Autovacuum workers</h2>
 * {@link org.tusk.tcop.AutoVacWorkerMain} is PostgreSQL's autovacuum worker (AutoVacWorkerMain,
 * do_autovacuum in postmaster/autovacuum.c). It lives here, not beside the launcher in
 * {@code auxprocess}, because it is a database session without a client: it is set up by
 * BackendMain's InitProcess and the database part of InitPostgres ({@code startSession}), as the
 * bootstrap superuser, and runs VACUUM and ANALYZE through {@code QueryRunner}'s transactions and
 * the commands' code, which need this package's backend context. What a client would be sent goes
 * to a socket pair drained by a thread of the worker; errors go to the server log.
 * {@code Interrupts} words its errors as PostgreSQL does for a worker ("canceling autovacuum
 * task", "terminating autovacuum process due to administrator command"), and CREATE/DROP/ALTER
 * DATABASE send SIGTERM to the workers in the database they wait for (CountOtherDBBackends).
 *
 * <h2>Storage and transactions</h2>
 * {@code SessionStorage}, made at InitPostgres, is the session's wiring of the storage layers:
 * buffer and storage manager, heavyweight locks, the transaction ({@code Xact}) and its oracle,
 * heap and B-tree, relcache, invalidation and the heap catalog of the session's database. It
 * hands each statement an environment (snapshot, command id, catalog, access methods) and runs the
 * storage side of commit and abort in PostgreSQL's order: commit record, CLOG, ProcArray,
 * invalidation messages, locks, pending file deletions. {@code QueryRunner} maps the SQL
 * transaction block onto it: an ERROR outside any savepoint aborts at once (so locks and the xid
 * are released before the client says ROLLBACK); savepoints are subtransactions. A session that
 * ends inside a transaction aborts it as its first exit action. The session's
 * {@code SharedCatalog} takes part in commit and abort: its pending pg_authid/pg_database file is
 * written before the commit record and installed after it, before the locks are released.
 * Each environment also offers {@code Spi} (PostgreSQL's SPI) to the executor's constraint code:
 * CHECK texts analysed, and the referential-integrity queries parsed, planned once per statement
 * and run, each run in a fresh statement environment of the same transaction (a snapshot taken
 * then, the current command id), without privilege checks.
 *
 * <h2>Isolation levels and read-only transactions</h2>
 * {@code TransactionCharacteristics} keeps a transaction's isolation level, read-only and
 * deferrable status where PostgreSQL keeps them, in the {@code transaction_isolation},
 * {@code transaction_read_only} and {@code transaction_deferrable} parameters: each transaction
 * starts from the {@code default_transaction_*} values (assigned directly, as StartTransaction
 * does), BEGIN/START TRANSACTION modes are SET LOCAL, SET TRANSACTION is SET (with a 25P01
 * WARNING outside a block), SET SESSION CHARACTERISTICS sets the defaults, and COMMIT/ROLLBACK
 * AND CHAIN carry them into the next block. Their check hooks refuse a change once the
 * transaction has its first snapshot, or inside a subtransaction (25001, commands/variable.c);
 * the end of a subtransaction puts the read-only status back (prevXactReadOnly). The isolation
 * level reaches {@code Xact} when a statement takes the transaction's first snapshot
 * ({@code SessionStorage.statementEnvironment}): READ COMMITTED and READ UNCOMMITTED take a new
 * snapshot per statement, REPEATABLE READ and SERIALIZABLE keep the first one, and the executor's
 * IsolationUsesXactSnapshot paths then report write conflicts as 40001. SERIALIZABLE is
 * snapshot isolation here: there are no SSI predicate locks, so write skew between two
 * SERIALIZABLE transactions is not detected (PostgreSQL would fail one of them); DEFERRABLE is
 * accepted and shown but has nothing to wait for. {@code ReadOnlyCheck} is
 * PreventCommandIfReadOnly (25006): in a read-only transaction INSERT/UPDATE/DELETE only on
 * temporary tables, COPY FROM only into one, nextval/setval only on temporary sequences, and no
 * utility statement except those ClassifyUtilityCommandAsReadOnly lets through (SET, SHOW,
 * transaction control, cursors, PREPARE/EXECUTE/DEALLOCATE, DISCARD, CHECKPOINT, VACUUM/ANALYZE).
 * DISCARD ALL (discard.c, what a connection pooler sends between clients) resets the session
 * piece by piece, in PostgreSQL's order: portals, session authorization and settings, prepared
 * statements, LISTEN, session advisory locks, cached plans, temporary objects, sequence values;
 * unlike backend reuse it keeps the process's caches, identity and cancel key.
 * COMMIT and ROLLBACK outside a block end the implicit transaction of a multi-statement Query
 * there (with the WARNING), so the statements after them run in a new one.
 *
 * <h2>Databases and roles</h2>
 * {@code SharedObjects} runs CREATE/DROP/ALTER DATABASE, CREATE/ALTER/DROP ROLE and GRANT/REVOKE
 * and answers what those commands ask of the backend. At connection start InitPostgres publishes
 * the database in its PGPROC, then takes and releases RowExclusiveLock on the database object,
 * then reads pg_database again (so a concurrent DROP or a CREATE copying it is either waited out
 * or seen), applies the database's and the role's connection limits (53300), and then their
 * pg_db_role_setting defaults (process_settings: sources DATABASE_USER, USER, DATABASE, below the
 * client's startup-packet settings; a value no longer valid becomes a WARNING). A role without
 * CONNECT on the database (directly, through PUBLIC or an inherited role) is refused with FATAL
 * 42501.
 *
 * <p>Identity ({@code SessionIdentity}, miscinit.c): the authenticated user is fixed at connection
 * start; the session user follows the {@code session_authorization} setting and the current user
 * the {@code role} setting, so SET [LOCAL] ROLE, SET SESSION AUTHORIZATION, RESET and transaction
 * end undo them as they undo any setting. {@code IdentityChecks} are their check hooks (the session
 * user must be a member of the role; only a superuser may change session authorization, which also
 * ends SET ROLE). {@code BackendContext.role()} is the current user everywhere. A reused backend
 * starts from a new context and fresh settings, so the next session starts as its own user.
 *
 * <h2>The engine's entry points</h2>
 * {@link org.tusk.tcop.Engine#parse} splits a query string into statements;
 * {@link org.tusk.tcop.Engine#prepare} analyses and plans one statement into a
 * {@link org.tusk.tcop.PreparedStatement} (PostgreSQL's portal), which yields a row
 * description, rows and the command tag. Statements are prepared one at a time, each after the
 * previous one ran, since analysis depends on session state.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>Per-backend state lives in one {@link org.tusk.tcop.BackendContext}, never in static
 *     fields.</li>
 * <li>Shared resources are registered with ProcExit the moment they are taken, so every exit
 *     path (Terminate, EOF, FATAL) releases exactly what was taken and the postmaster sees a
 *     clean exit.</li>
 * <li>An ERROR ends the statement, not the session; in the extended protocol messages are then
 *     skipped until Sync. Only FATAL ends the process.</li>
 * <li>This is the top of the engine's stack: it may import every other engine package, and none
 *     imports it.</li>
 * <li>{@code SqlFunctionHandler} is LANGUAGE sql's call handler (functions.c fmgr_sql and
 *     init_sql_fcache): a function's body is analysed and planned once per session and kept
 *     until a catalog invalidation empties the relcache's name cache; each call binds its
 *     arguments as parameters and runs the statements in order, CommandCounterIncrement after
 *     each one that changes rows, the result being the last statement's first row. Calls nest
 *     at most 200 deep (54001 beyond, standing in for max_stack_depth).</li>
 * </ul>
 */
package org.tusk.tcop;
