package org.tusk.parser;

import java.util.List;

import org.tusk.catalog.ColumnDef;

/**
 * A WITH query visible to name resolution (an entry of p_ctenamespace): its name and output
 * columns. {@code selfReference} is set while the recursive term of a recursive CTE is being
 * analysed: a reference then reads the work table. {@code withoutReturning} marks an INSERT,
 * UPDATE or DELETE without RETURNING, which has no rows to read. {@code starColumns} is how
 * many leading columns {@code *} expands to: the recursive term's self-reference of a WITH
 * query with SEARCH or CYCLE does not expand to the columns those clauses add.
 */
record CteItem(String name, List<ColumnDef> columns, boolean selfReference, boolean withoutReturning, int starColumns) {
    CteItem(String name, List<ColumnDef> columns, boolean selfReference) {
        this(name, columns, selfReference, false, columns.size());
    }

    CteItem(String name, List<ColumnDef> columns, boolean selfReference, boolean withoutReturning) {
        this(name, columns, selfReference, withoutReturning, columns.size());
    }
}
