package org.tusk.nodes;

import java.util.List;

/**
 * A type name as written, after the grammar's mapping of SQL-standard spellings to the
 * pg_catalog names (INT -> int4, DOUBLE PRECISION -> float8, ...), as gram.y's SystemTypeName.
 */
public record TypeName(List<String> names, List<Integer> typmods, boolean array, int location) {
    public String lastName() { return names.get(names.size() - 1); }
}
