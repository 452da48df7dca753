/**
 * Utility statement execution, as PostgreSQL's {@code commands/} (the code tcop/utility.c
 * dispatches to). Utility statements are not planned: the traffic cop hands the raw statement
 * node here. Only SET/RESET/SHOW live here so far; they act purely through
 * {@link org.tusk.utils.misc.SessionServices}. Transaction control statements are parsed into
 * TransactionStmt nodes but executed by the backend's transaction machinery, not here.
 */
package org.tusk.commands;
