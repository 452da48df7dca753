package org.tusk.parser;

import java.util.List;

import org.tusk.catalog.ColumnDef;

/**
 * A WITH query visible to name resolution (an entry of p_ctenamespace): its name and output
 * columns. {@code selfReference} is set while the recursive term of a recursive CTE is being
 * analysed: a reference then reads the work table.
 */
record CteItem(String name, List<ColumnDef> columns, boolean selfReference) {}
