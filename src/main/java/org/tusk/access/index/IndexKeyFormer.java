package org.tusk.access.index;

import org.tusk.utils.cache.Relation;

/**
 * FormIndexDatum with the partial-index test before it (PostgreSQL's catalog/index.c
 * FormIndexDatum and the ExecQual of ii_Predicate in IndexBuildHeapScan / ExecInsertIndexTuples):
 * the key values an index holds for one heap row, or null if the row is outside a partial
 * index's predicate. A key column on a table column copies that column; an expression column
 * evaluates the expression on the row, which only layers above the access methods can do, so
 * they pass a former in when an index has expressions or a predicate.
 */
@FunctionalInterface
public interface IndexKeyFormer {
    /** The index's keys for {@code heapValues} (the heap row's column values, attnum - 1), or null to leave the row out. */
    Object[] form(Object[] heapValues);

    /** The former of an index whose keys are all plain table columns and that has no predicate. */
    static IndexKeyFormer ofColumns(Relation index) {
        Relation.IndexInfo info = index.index();
        if (info.hasExpressions() || info.predicate() != null) {
            throw new IllegalStateException("index " + index.name() + " has expressions or a predicate: its keys need the executor");
        }
        return row -> {
            // the key columns, then the INCLUDE columns (indkey order)
            Object[] keys = new Object[info.natts()];
            for (int i = 0; i < keys.length; i++) keys[i] = info.attnum(i) <= row.length ? row[info.attnum(i) - 1] : null;
            return keys;
        };
    }
}
