package org.tusk.parser;

import java.util.List;

import org.tusk.catalog.ColumnDef;

/**
 * A WITH query visible to name resolution (an entry of p_ctenamespace): its name and output
 * columns. {@code selfReference} is set while the recursive term of a recursive CTE is being
 * analysed: a reference then reads the work table. {@code withoutReturning} marks an INSERT,
 * UPDATE or DELETE without RETURNING, which has no rows to read.
 */
record CteItem(String name, List<ColumnDef> columns, boolean selfReference, boolean withoutReturning) {
    CteItem(String name, List<ColumnDef> columns, boolean selfReference) {
        this(name, columns, selfReference, false);
    }
}
