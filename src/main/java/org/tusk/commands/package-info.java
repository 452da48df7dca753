/**
 * Utility statement execution, as PostgreSQL's {@code commands/} (the code tcop/utility.c
 * dispatches to). Utility statements are not planned: the traffic cop hands the raw statement
 * node here. SET/RESET/SHOW act purely through {@link org.tusk.utils.misc.SessionServices};
 * {@link org.tusk.commands.TableCommands} carries out CREATE TABLE, CREATE INDEX and DROP
 * TABLE/INDEX through the statement's {@link org.tusk.executor.ExecEnvironment} catalog, and
 * increments the command counter between creating a table and its constraint indexes. Transaction control statements are parsed into
 * TransactionStmt nodes but executed by the backend's transaction machinery, not here.
 *
 * <h2>Databases, roles and privileges</h2>
 * {@link org.tusk.commands.DbCommands} (dbcommands.c), {@link org.tusk.commands.UserCommands}
 * (user.c), {@link org.tusk.commands.SettingCommands} (pg_db_role_setting.c) and
 * {@link org.tusk.commands.GrantCommands} (aclchk.c) act on cluster-wide objects,
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
 */
package org.tusk.commands;
