/**
 * Utility statement execution, as PostgreSQL's {@code commands/} (the code tcop/utility.c
 * dispatches to). Utility statements are not planned: the traffic cop hands the raw statement
 * node here. SET/RESET/SHOW act purely through {@link org.tusk.utils.misc.SessionServices};
 * {@link org.tusk.commands.TableCommands} carries out CREATE TABLE, CREATE INDEX and DROP
 * TABLE/INDEX through the statement's {@link org.tusk.executor.ExecEnvironment} catalog, and
 * increments the command counter between creating a table and its constraint indexes. Transaction control statements are parsed into
 * TransactionStmt nodes but executed by the backend's transaction machinery, not here.
 */
package org.tusk.commands;
