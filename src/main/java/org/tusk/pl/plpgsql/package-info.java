/**
 * PL/pgSQL (PostgreSQL's src/pl/plpgsql): the compiler ({@link org.tusk.pl.plpgsql.PlCompiler},
 * pl_gram.y + pl_comp.c), the interpreter ({@link org.tusk.pl.plpgsql.PlExec}, pl_exec.c), the SQL
 * layer it runs statements through ({@link org.tusk.pl.plpgsql.PlSql}, SPI's role) and the call,
 * validator and inline handlers ({@link org.tusk.pl.plpgsql.PlpgsqlHandler}, pl_handler.c).
 *
 * <p>Invariants. A compiled function ({@link org.tusk.pl.plpgsql.PlTree.Function}) is immutable
 * except for the plan each {@link org.tusk.pl.plpgsql.PlTree.PlExpr} keeps; everything a call
 * changes lives in its {@link org.tusk.pl.plpgsql.PlFrame}. The compiled form is cached per
 * function OID and replaced when the pg_proc row it came from differs; a kept plan is used only
 * while the relcache's name-cache generation and the types of its parameters are those it was
 * planned with. Names in SQL text resolve to variables only through the analyzer's
 * {@link org.tusk.parser.ColumnRefHook}; a name that is also a column is an error
 * (plpgsql.variable_conflict = error, the default). Every SQL statement runs in a fresh statement
 * environment (snapshot taken now, current command id) and a row-changing one ends with
 * CommandCounterIncrement, so later statements see its changes.
 *
 * <p>Locking and transactions. Nothing here is shared between processes: a backend has one
 * handler and runs one call at a time (nested calls nest frames). Table locks are taken by the
 * statements as they open relations. A block with an EXCEPTION clause runs in an internal
 * subtransaction ({@link org.tusk.pl.plpgsql.PlHost#beginSubTransaction}); when a handler catches
 * an error the subtransaction is rolled back (its buffer pins released first) before the handler
 * runs, so the handler sees the state before the block.
 *
 * <p>Trigger functions (plpgsql_exec_trigger). The trigger manager calls
 * {@link org.tusk.pl.plpgsql.PlpgsqlHandler#callTrigger} through the handler tcop installs for
 * plpgsql's language OID. A trigger function is compiled once per table (plpgsql_HashKey's
 * trigrelOid) with NEW, OLD and TG_* declared before FOUND; {@link org.tusk.pl.plpgsql.PlTrigger}
 * fills them for each firing (NEW and OLD keep the table's row shape even when NULL, so NEW.col
 * reads NULL in a DELETE or statement trigger) and turns the value RETURN gave into the row the
 * operation goes on with, checked against the table as convert_tuples_by_position checks it.
 * A call's transition tables ({@link org.tusk.pl.plpgsql.PlTransitionTables}) shadow other
 * relations of the same unqualified name in its statements; plans made while they are visible
 * are not kept, since the next firing has other rows.
 *
 * <p>Not built yet: cursors (OPEN/FETCH/CLOSE, refcursor), assignment to array elements, FOREACH ... SLICE,
 * COMMIT/ROLLBACK in procedures, RETURNS record without OUT parameters.
 */
package org.tusk.pl.plpgsql;
