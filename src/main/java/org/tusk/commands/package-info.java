/**
 * Utility statement execution, as PostgreSQL's {@code commands/} (the code tcop/utility.c
 * dispatches to). Utility statements are not planned: the traffic cop hands the raw statement
 * node here. SET/RESET/SHOW act purely through {@link org.tusk.utils.misc.SessionServices}; the
 * others work through the statement's {@link org.tusk.executor.ExecEnvironment} (catalog, table
 * and index access methods, snapshot, command id) and end with a CommandCounterIncrement, so
 * the next statement of the transaction sees their effects.
 *
 * <p>Rules: {@link org.tusk.commands.RuleCommands} (rewriteDefine.c DefineRule,
 * RenameRewriteRule, rewriteRemove.c) analyses a rule's condition and actions with OLD and NEW
 * bound (org.tusk.rewrite.RuleActions) to report errors at CREATE RULE, checks the event's use of
 * OLD/NEW (42P17), and stores the texts; all three statements take AccessExclusiveLock on the
 * relation. ALTER VIEW ... ALTER COLUMN SET/DROP DEFAULT goes through AlterTableCommand: the
 * default an INSERT through the view gives the column.
 *
 * <p>Row-level security: {@link org.tusk.commands.PolicyCommands} (policy.c CreatePolicy,
 * AlterPolicy, rename_policy; tablecmds.c's ENABLE/DISABLE/FORCE/NO FORCE ROW LEVEL SECURITY)
 * takes AccessExclusiveLock on the table, requires its ownership, resolves the TO roles (PUBLIC
 * alone wins, with a WARNING), analyses USING and WITH CHECK against the table
 * (org.tusk.rewrite.PolicyExpressions: boolean, no aggregates or window functions) and stores
 * their text; DROP POLICY goes through performDeletion.
 *
 * <p>Views, CREATE TABLE AS and inheritance: {@link org.tusk.commands.ViewCommands} (view.c
 * DefineView) analyses the query for the view's column names and types (42601 for more column
 * names than columns, 42701 for duplicates), makes a view over a temporary table temporary with
 * PostgreSQL's NOTICE, and stores it with a dependency on each relation the query reads; its
 * WITH (...) options and WITH [LOCAL | CASCADED] CHECK OPTION clause become pg_class.reloptions
 * ({@link org.tusk.commands.ViewOptions}: check_option only, which needs an automatically
 * updatable view, 0A000 with view_query_is_auto_updatable's reason as HINT);
 * {@link org.tusk.commands.CreateAsCommands} (createas.c) creates the table of CREATE TABLE AS /
 * SELECT INTO from the query's output columns, and the traffic cop then fills it with an INSERT
 * of the same query ("SELECT n"); EXPLAIN of CREATE TABLE AS / SELECT INTO asks its
 * {@code relationExists} (CreateTableAsRelExists) before planning, and under ANALYZE the traffic
 * cop creates the table the same way and stores the explained plan's rows in it (intorel_receive,
 * table_tuple_insert; the new table has no indexes); {@link org.tusk.commands.InheritanceMerge} is MergeAttributes
 * for CREATE TABLE ... INHERITS; ALTER TABLE ADD COLUMN recurses to inheritance children (or
 * merges into a child's same-named column); DROP TABLE/VIEW goes through the catalog's deletion
 * walk (RESTRICT/CASCADE).
 *
 * <ul>
 * <li>{@link org.tusk.commands.TableCommands}: CREATE TABLE (with storage parameters,
 *     {@link org.tusk.commands.RelOptions}, which ALTER TABLE SET/RESET (...) also uses; LIKE
 *     clauses through {@link org.tusk.commands.TableLikeExpansion}, whose source is locked
 *     AccessShare while its columns, CHECKs and, once the table exists, indexes, storage and
 *     comments are copied; DEFERRABLE keys get indimmediate false; serial and GENERATED ALWAYS / BY DEFAULT AS IDENTITY
 *     columns get a sequence), DROP TABLE/INDEX/SEQUENCE. It increments the command counter
 *     between creating a table and its constraint indexes. UNLOGGED tables are refused (0A000):
 *     without an init fork a crash would leave a torn table.</li>
 * <li>{@link org.tusk.commands.ConstraintsSetCommand}: SET CONSTRAINTS, resolving names through
 *     the search path and handing the state to the executor's DeferredTriggers.</li>
 * <li>{@link org.tusk.commands.IndexCommands} (indexcmds.c DefineIndex): CREATE INDEX under
 *     ShareLock on the table; key columns are table columns or immutable expressions, a WHERE
 *     clause makes a partial index, operator classes (the types' defaults by name and the
 *     *_pattern_ops classes) and COLLATE "C"/"POSIX"/"default" are accepted (a column's
 *     attcollation, an expression's derived collation, else the element's COLLATE goes to
 *     indcollation; ADD CONSTRAINT ... USING INDEX needs the column's collation). Column
 *     collations ({@link org.tusk.commands.ColumnCollations}, GetColumnDefCollation): CREATE TABLE,
 *     ADD COLUMN and ALTER COLUMN TYPE take a COLLATE (42804 on a non-collatable type, 42704 unknown);
 *     LIKE copies attcollation; inheritance merges require equal collations ("column ... has a
 *     collation conflict", 42P21), as does adding a column to a child that has it. PARTITION OF
 *     column options ignore COLLATE, as PostgreSQL 15's MergeAttributes does. pg_index.indexprs and
 *     indpred keep the expressions' SQL text, analysed again wherever keys are formed
 *     ({@code executor.IndexKeys}: every index insertion path, the build, REINDEX). WITH (...)
 *     storage parameters are validated as btoptions does ({@link org.tusk.commands.IndexRelOptions})
 *     and are in the index's pg_class row before its build reads them; operator class
 *     parameters are refused (no B-tree class has options). ON ONLY on a partitioned table makes
 *     the partitioned index alone, invalid until ALTER INDEX ... ATTACH PARTITION has given
 *     every partition an index (validatePartitionedIndex in
 *     {@link org.tusk.commands.PartitionIndexes}). A build stores the table's and the index's
 *     relpages and reltuples (index_update_stats).</li>
 * <li>{@link org.tusk.commands.AlterIndexCommand}: ALTER INDEX SET/RESET (storage parameters)
 *     and ALTER COLUMN n SET STATISTICS; {@link org.tusk.commands.IndexConstraintCommand}: ALTER
 *     TABLE ... ADD [CONSTRAINT c] PRIMARY KEY | UNIQUE USING INDEX i (transformIndexConstraint's
 *     checks, the rename NOTICE, index_check_primary_key, index_constraint_create). Both run under
 *     ALTER TABLE's AccessExclusiveLock.</li>
 * <li>{@link org.tusk.commands.OnCommitActions}: ON COMMIT DELETE ROWS / DROP of temporary
 *     tables, carried out by the traffic cop's commit path before the commit record
 *     (PreCommit_on_commit_actions); the list is the backend's own and needs no lock.</li>
 * <li>{@link org.tusk.commands.ReindexCommand} (ExecReindex): REINDEX INDEX (ShareLock on the
 *     table, then AccessExclusiveLock on the index), TABLE (ShareLock on the table,
 *     AccessExclusiveLock per index), SCHEMA/DATABASE/SYSTEM (not in a transaction block; all
 *     tables in the statement's one transaction, where PostgreSQL commits per table). Each index
 *     is rebuilt bottom-up into a new relfilenode; the old file goes at commit. A partitioned
 *     table or index is reindexed through its leaves ({@link org.tusk.commands.ReindexPartitions});
 *     unlike PostgreSQL this is also allowed inside a transaction block. TABLESPACE is
 *     refused (0A000).</li>
 * <li>The concurrent index commands, run by the traffic cop at top level outside a transaction
 *     block with a {@link org.tusk.commands.TransactionSteps} (commit and start the next
 *     transaction, session locks, virtual-transaction waits):
 *     {@link org.tusk.commands.ConcurrentIndexBuild} (CREATE INDEX CONCURRENTLY's phases),
 *     {@link org.tusk.commands.DropIndexConcurrently} and
 *     {@link org.tusk.commands.ReindexConcurrently}. Invariants: the table (and every index
 *     involved) is held ShareUpdateExclusiveLock as a session lock from the first transaction to
 *     the last and released in a finally block (an abort does not release session locks); each
 *     wait is made at the start of a fresh transaction, before it takes a snapshot, so no waiter
 *     holds back another's WaitForOlderSnapshots; each catalog change is committed before the
 *     wait that depends on others having seen it. An error leaves the committed steps in place,
 *     as in PostgreSQL (an invalid index, a _ccnew or _ccold index).</li>
 * <li>{@link org.tusk.commands.CommentCommand} (comment.c): COMMENT ON relations of every kind,
 *     columns, table constraints, schemas, types and user functions, into pg_description (the
 *     object locked as get_object_address does: ShareUpdateExclusiveLock on a relation). Comments
 *     on roles and databases (pg_shdescription) are not supported yet.</li>
 * <li>{@link org.tusk.commands.CopyCommand} (copy.c, copyfrom.c, copyto.c): COPY FROM / TO in text
 *     and CSV. Data comes through a {@link org.tusk.commands.CopySource} and goes to a
 *     {@link org.tusk.commands.CopySink}: the traffic cop's copy sub-protocol, or a server file
 *     (superusers only, 42501 otherwise). COPY FROM takes RowExclusiveLock and inserts each row
 *     through the table AM and every index, as ModifyTable's INSERT; COPY TO takes AccessShareLock
 *     and scans with the statement's snapshot. Errors carry PostgreSQL's CONTEXT line.
 *     COPY FROM ... WHERE skips the rows its condition rejects (after defaults, before
 *     constraints); FORCE_QUOTE (COPY TO), FORCE_NOT_NULL and FORCE_NULL (COPY FROM) apply in CSV
 *     per column ({@link org.tusk.commands.CopyColumnFlags}), checked as ProcessCopyOptions checks them.
 *     HEADER MATCH (COPY FROM) checks the header line's fields against the copied columns' names,
 *     in order, before any row is read (NextCopyFromRawFields), with its 22P04 errors.</li>
 * <li>{@link org.tusk.commands.OperatorCommands}: CREATE OPERATOR (DefineOperator: the function
 *     found by the argument types, SETOF arguments refused, unknown attributes a WARNING),
 *     ALTER OPERATOR ... SET (RESTRICT, JOIN) and DROP OPERATOR: a user operator goes through
 *     pg_depend (CASCADE), a built-in one cannot be dropped (2BP01), a missing one is 42883 or,
 *     with IF EXISTS, a NOTICE. ALTER OPERATOR ... OWNER TO is not run yet.</li>
 * <li>{@link org.tusk.commands.OpclassCommands}: CREATE OPERATOR CLASS / FAMILY, ALTER OPERATOR
 *     FAMILY ... ADD / DROP and DROP OPERATOR CLASS / FAMILY for btree and hash (superuser only, as
 *     in PostgreSQL); members are checked as assignOperTypes / assignProcTypes check them (search
 *     operators return boolean, btree support 1 is (t1, t2) returns int4, hash 1 / 2 return int4 /
 *     int8), an operator without argument types is taken on the class's input type, and strategy
 *     and support numbers must lie in the method's range. Ordering operators (FOR ORDER BY) are
 *     refused: neither method supports them.</li>
 * <li>{@link org.tusk.commands.CastCommands}: CREATE CAST / DROP CAST (CreateCast's checks of the
 *     types, the function's signature, WITHOUT FUNCTION's superuser and physical compatibility).</li>
 * <li>{@link org.tusk.commands.DefineTypeCommand}: CREATE TYPE name (shell) and CREATE TYPE name (...)
 *     (base type; superuser only; I/O functions must be LANGUAGE internal type I/O functions, else
 *     0A000). {@link org.tusk.commands.ShellTypes}: CREATE FUNCTION's NOTICE for shell argument and
 *     result types, and the error for SQL functions.</li>
 * <li>{@link org.tusk.commands.TruncateCommand}: AccessExclusiveLock on every table first, then
 *     new relfilenodes; the old files go at commit, so ROLLBACK restores the rows.</li>
 * <li>{@link org.tusk.commands.AlterTableCommand}: AccessExclusiveLock for the whole statement;
 *     ADD COLUMN with a non-null default rewrites the table (no attmissingval).
 *     {@link org.tusk.commands.DropColumnCommand} (ATExecDropColumn) changes only the catalog:
 *     the attribute stays as a dropped one (see the catalog package), so attribute numbers and
 *     stored tuples are untouched; it drops the table's indexes and constraints that use the
 *     column, and refuses (2BP01) without CASCADE when views or other tables' foreign keys use
 *     it; it recurses to inheritance children (ONLY: the children keep the column, now local).
 *     {@link org.tusk.commands.AlterColumnTypeCommand} (ATExecAlterColumnType + ATRewriteTable)
 *     retypes the column and its index columns and, unless the change is binary-coercible,
 *     rewrites table and indexes into new relfilenodes (old files removed at commit), checking
 *     NOT NULL and CHECK constraints on the new rows; a view using the column refuses it. Every
 *     child and index touched is locked AccessExclusiveLock before it is changed.</li>
 * <li>{@link org.tusk.commands.ConstraintCommands}: CHECK and FOREIGN KEY constraints of CREATE
 *     TABLE and ALTER TABLE ADD (named as ChooseConstraintName does, existing rows checked unless
 *     NOT VALID or the table is new; a foreign key's referenced table is locked
 *     ShareRowExclusiveLock and its key must match a unique index), DROP CONSTRAINT (a PRIMARY
 *     KEY/UNIQUE with foreign keys on its index needs CASCADE), RENAME and VALIDATE CONSTRAINT.
 *     DROP TABLE of a referenced table needs CASCADE, which drops the foreign keys; TRUNCATE of
 *     one needs the referencing tables truncated with it (CASCADE adds them).</li>
 * <li>{@link org.tusk.commands.VacuumCommand}: ShareUpdateExclusiveLock per table; lazy VACUUM
 *     through {@code TableAm.vacuum}, whose index pass is {@code IndexAm.indexBulkDelete} of every
 *     index, then pg_class statistics; ANALYZE counts rows into pg_class and estimates each column's
 *     null fraction, width, distinct values, most common values, histogram and correlation from a
 *     sample into pg_statistic. A named partitioned table brings every partition below it (ANALYZE without names takes the
 *     partitioned tables too); ANALYZE
 *     of the partitioned table itself samples its leaves in proportion to their rows into
 *     statistics of the whole tree (stainherit true) and its pg_class.reltuples. The
 *     traffic cop refuses VACUUM inside a transaction block. VACUUM FULL ({@link org.tusk.commands.VacuumFull})
 *     takes AccessExclusiveLock, copies the rows some snapshot may still need into new storage
 *     ({@code TableAm.copyForCluster}) and rebuilds the indexes without uniqueness checks, as
 *     cluster.c does without an index; catalogs are refused.</li>
 * <li>{@link org.tusk.commands.SequenceCommands}: CREATE SEQUENCE's option checks (init_params);
 *     the generators themselves are {@code access.sequence.Sequences}.</li>
 * </ul>
 * Transaction control statements are parsed into TransactionStmt nodes but executed by the
 * backend's transaction machinery, not here.
 *
 * <h2>Databases, roles and privileges</h2>
 * {@link org.tusk.commands.DbCommands} (dbcommands.c), {@link org.tusk.commands.UserCommands}
 * (user.c), {@link org.tusk.commands.SettingCommands} (pg_db_role_setting.c) and
 * {@link org.tusk.commands.GrantCommands} (aclchk.c) and
 * {@link org.tusk.commands.RoleMembershipCommands} (user.c GrantRole, AddRoleMems, DelRoleMems)
 * and {@link org.tusk.commands.OwnedObjectsCommands} (REASSIGN OWNED, DROP OWNED: user.c and
 * pg_shdepend.c, over the current database's catalogs, as Tusk keeps no pg_shdepend)
 * act on cluster-wide objects,
 * so they need more of the backend than a statement environment: {@link
 * org.tusk.commands.SharedObjectEnv} (the shared catalogs, other sessions, checkpoints, WAL,
 * locks on database objects), which the traffic cop implements. Their rules:
 * <ul>
 * <li>Every change to pg_authid / pg_database goes through the session's
 * {@link org.tusk.catalog.SharedCatalog}, which takes ExclusiveLock on the catalog before reading
 * what it will change, so the existence checks (42710, 42P04) and the change are atomic with
 * respect to other sessions' DDL; readers never wait.</li>
 * <li>CREATE DATABASE holds ShareLock on the template's database object (a new session takes
 * RowExclusiveLock on its database's object at connection start, after publishing its
 * databaseId), then counts the template's other sessions; DROP and RENAME hold
 * AccessExclusiveLock on the database likewise. Sessions are counted by the databaseId of
 * client PGPROCs, waiting up to 5 s for ending ones (CountOtherDBBackends).</li>
 * <li>CREATE and DROP DATABASE refuse to run inside a transaction block (25001), as their file
 * operations cannot be undone, and force a synchronous commit.</li>
 * <li>Privilege tests re-read the current role from the shared catalog, so ALTER ROLE takes
 * effect from the next statement in every session.</li>
 * </ul>
 *
 * <p>{@link org.tusk.commands.CompositeTypeCommands} (typecmds.c DefineCompositeType) runs
 * CREATE TYPE ... AS (...) and DROP TYPE of a stand-alone composite type (which drops its
 * relkind 'c' relation; a table's or view's row type cannot be dropped alone, 2BP01).
 *
 * <p>{@link org.tusk.commands.TypeCommands} (typecmds.c) and
 * {@link org.tusk.commands.FunctionCommands} (functioncmds.c) run CREATE/ALTER/DROP TYPE for
 * enum types and CREATE/DROP FUNCTION for LANGUAGE sql; the catalog rows are written by the
 * catalog package. A function's body is validated at CREATE (check_function_bodies on), errors
 * in an AS '...' body pointing into the CREATE statement. {@link org.tusk.commands.RoutineDependencies}
 * records what a routine's argument defaults and SQL-standard body (RETURN / BEGIN ATOMIC) use:
 * relations of the range tables, columns read, user functions called and regclass constants
 * (recordDependencyOnExpr), NORMAL rows from the routine, replaced with the definition by CREATE
 * OR REPLACE; information_schema's routine_*_usage views read them. DROP SCHEMA
 * ({@link org.tusk.commands.SchemaCommands}) lists the schema's relations and routines in OID
 * (creation) order and drops the routines through the deletion walk, quietly, having named them.
 * {@link org.tusk.commands.AggregateCommands}
 * (aggregatecmds.c DefineAggregate, pg_aggregate.c's checks) runs CREATE [OR REPLACE]/DROP
 * AGGREGATE, looking support functions up as lookup_agg_function does (no run-time coercion);
 * {@link org.tusk.commands.AlterFunctionCommands} runs ALTER FUNCTION/AGGREGATE (RENAME TO,
 * SET SCHEMA, OWNER TO through the shared catalogs' roles, and AlterFunction's attributes).
 * CREATE PROCEDURE stores a prokind 'p' routine (its OUT parameters part of its signature, its
 * result record when it has output parameters, void otherwise; STRICT, volatility and LEAKPROOF
 * are "invalid attribute in procedure definition"); DROP and ALTER of FUNCTION, PROCEDURE and
 * ROUTINE find their object through {@link org.tusk.commands.RoutineLookup} (LookupFuncWithArgs),
 * whose messages name the kind written and which refuses a routine of the other kind (42809).
 * A body with polymorphic arguments is only parsed at CREATE (fmgr_sql_validator); a
 * SQL-standard body with them is refused, since it would have to be analysed now.
 * They run in the caller's transaction
 * like CREATE TABLE, without locks of their own on the objects (as for relation names, two
 * sessions creating the same name at once can both succeed: no catalog unique indexes yet).
 *
 * <p>{@link org.tusk.commands.PartitionCommands} (tablecmds.c) runs CREATE TABLE ... PARTITION
 * BY (ComputePartitionAttrs, then a relkind 'p' relation), CREATE TABLE ... PARTITION OF (an
 * INHERITS child of the parent, then its bound), ALTER TABLE ATTACH PARTITION (columns must
 * match the parent's exactly; existing rows are checked at once) and DETACH PARTITION (not
 * CONCURRENTLY). {@link org.tusk.commands.PartitionKeyDefinition} is ComputePartitionAttrs: it
 * runs once the relation exists, so that key expressions
 * ({@link org.tusk.parser.PartitionKeyAnalysis}) are analysed over its row; each element gets
 * its type (no pseudo-types), collation (a collatable type must have one, COLLATE on another is
 * 42804) and btree operator class, and an expression is stored deparsed in partexprs. A key
 * column cannot be dropped (42P16). {@link org.tusk.commands.PartitionIndexes} builds
 * partitioned indexes (DefineIndex on a partitioned table, AttachPartitionEnsureIndexes,
 * ATExecAttachPartitionIdx): a relkind 'I' index on the partitioned table and, on every
 * partition, an attached index of the same definition, matched among the partition's
 * unattached indexes (CompareIndexInfo: key columns by name, expressions, predicate,
 * uniqueness; one backing a constraint only by one that does too) or created; CREATE TABLE ...
 * PARTITION OF and ATTACH PARTITION do this for every index of the parent, DETACH detaches the
 * partition's indexes. A unique index on a partitioned table must contain every key column and
 * the key no expression (0A000), as uniqueness is only enforced inside each partition.
 * {@link org.tusk.commands.ConstraintInheritance} keeps CHECK constraints following inheritance
 * and partitioning as PostgreSQL does: every child (partition or INHERITS child) holds its own
 * pg_constraint copy of each inheritable CHECK of its parents, with conislocal (also defined on
 * the child) and coninhcount (from how many direct parents); a partition's copies are never
 * local. CREATE TABLE copies them (MergeAttributes), a same-named constraint of the same
 * expression merges with a NOTICE (MergeWithExistingConstraint), ALTER TABLE ADD CHECK recurses
 * one level at a time unless ONLY or NO INHERIT, DROP CONSTRAINT recurses and refuses to drop an
 * inherited copy alone (42P16), ATTACH requires the parent's constraints on the table
 * (MergeConstraintsIntoExisting) and DETACH makes them local again. The executor therefore
 * checks a row against its own table's constraints only. All of this runs under the
 * AccessExclusiveLock the ALTER/CREATE holds on the child (children are locked as reached). {@link org.tusk.commands.PartitionBounds} transforms a written bound into
 * constants of the key types and checks it against the parent's other partitions with
 * PostgreSQL's messages (42P17 overlap, empty range, hash moduli; 23514 when an existing
 * default partition holds rows the new partition would own). The parent is locked
 * AccessExclusiveLock throughout.
 *
 * <p>CREATE/ALTER/DROP DOMAIN ({@link org.tusk.commands.DomainCommands}) analyse DEFAULT and
 * CHECK expressions before the catalog rows are written; ALTER DOMAIN ADD CONSTRAINT (without
 * NOT VALID), VALIDATE CONSTRAINT and SET NOT NULL read every stored value of every table column
 * declared with the domain (or a domain over it) through SPI, in the current transaction, and
 * fail with 23514 / 23502 as validateDomainConstraint does. No lock is taken on those tables
 * beyond what SPI's SELECT takes (PostgreSQL takes ShareLock): a concurrent insert can slip a
 * bad value in between. DROP DOMAIN finds dependent columns through pg_attribute, dependent
 * domains through typbasetype and dependent functions through pg_proc (no pg_depend); CASCADE
 * is refused (0A000) when columns or functions depend on the domain.
 *
 * <p>LISTEN, UNLISTEN and NOTIFY ({@link org.tusk.commands.Async}, async.c) keep everything
 * backend-local until the transaction ends; the shared queue is
 * {@link org.tusk.storage.ipc.AsyncQueue}. Invariants: {@code listenChannels} changes only at
 * commit (AtCommit_Notify), in the order the actions were written; the backend is registered in
 * the queue exactly while it listens to something (it registers at the pre-commit of its first
 * LISTEN, so no notification committed after its LISTEN commits is missed, and leaves when the
 * last channel goes, when a LISTEN aborts after pre-commit, and at session end through ProcExit,
 * which backend_reuse runs too); notifications enter the queue only at pre-commit, under the
 * transaction's top-level xid and holding AccessExclusiveLock on object (0, pg_database, 0) until
 * the transaction ends, so that queue order is commit order; a reader delivers an entry only once
 * its xid has committed, skips aborted ones, and stops at one still in progress. Duplicates are
 * folded as in PostgreSQL 15: against the same (sub)transaction level when queued, and against the
 * parent's when a subtransaction commits. Delivery happens only while the backend is idle outside
 * a transaction (tcop's NotifyInterrupt): before ReadyForQuery, or at once when a notifier's
 * SIGUSR1 interrupts the wait for the client.
 */
package org.tusk.commands;
