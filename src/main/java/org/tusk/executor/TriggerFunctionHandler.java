package org.tusk.executor;

/**
 * A language's way of running a trigger function (the trigger branch of a PL call handler, e.g.
 * plpgsql_call_handler's plpgsql_exec_trigger): called with the {@link TriggerData} of one firing.
 * A language installs its handler with {@link TriggerFunctions#installLanguageHandler}.
 */
public interface TriggerFunctionHandler {
    /**
     * Runs trigger function {@code fnOid} for {@code td}. For a BEFORE or INSTEAD OF row-level
     * trigger the result is the row to go on with (the values of the table's columns; a new array
     * or {@code td.trigTuple()}/{@code td.newTuple()} unchanged), or null to skip the operation
     * for this row ("RETURN NULL"). For AFTER and statement-level triggers the result is ignored.
     */
    Object[] callTrigger(int fnOid, TriggerData td, ExecContext ctx);
}
