package org.tusk.catalog;

import java.util.List;

/**
 * A built-in returning record whose row type is not fixed by its declaration but given by the
 * caller: the column definition list of a call in FROM ({@code f(...) AS x(a int, b text)}),
 * which PostgreSQL hands the function as ReturnSetInfo.expectedDesc and get_call_result_type
 * reports as the function's tuple descriptor (json_to_record, jsonb_to_recordset,
 * json_populate_record(NULL::record, ...)). Parse analysis binds the call to the list with
 * {@link #bindColumns}; the bound implementation is what the executor calls (a
 * {@link SetReturningFunction} for a set-returning one). The unbound implementation, called
 * where no list can be given, reports that the row type cannot be determined.
 */
public interface ColumnListFunction extends BuiltinFunction {
    /** The implementation producing rows of {@code columns} (names, types and typmods in order). */
    BuiltinFunction bindColumns(List<ColumnDef> columns);
}
