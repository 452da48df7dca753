/**
 * The traffic cop's view of the SQL engine (PostgreSQL's {@code tcop/}): parse a query string into
 * statements ({@link org.tusk.tcop.Engine#parse}), analyse+plan one statement
 * ({@link org.tusk.tcop.Engine#prepare}) and run it as a portal
 * ({@link org.tusk.tcop.PreparedStatement}), yielding a row description, text rows and the
 * command tag. This is the top of the stack: it may import every other engine package, and no
 * other engine package imports it. The wire protocol and transaction machinery live above it.
 */
package org.tusk.tcop;
