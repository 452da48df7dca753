package org.tusk.catalog;

import java.util.Set;
import java.util.TreeSet;

import org.tusk.utils.cache.Relation;

/**
 * PostgreSQL's get_primary_key_attnos (pg_constraint.c): the columns of a table's primary key,
 * which every other column of the table functionally depends on. Parse analysis uses this to
 * accept ungrouped columns (check_functional_grouping) and the planner to drop redundant GROUP BY
 * columns (remove_useless_groupby_columns).
 */
public final class PrimaryKeys {
    private PrimaryKeys() {}

    /**
     * The attnums of {@code table}'s primary key, or null when it has none, or when it is
     * DEFERRABLE and {@code deferrableOk} is false: a deferrable key's index is not checked at
     * insertion (indimmediate false), so until the recheck at commit the key may hold duplicates
     * and proves nothing about the rows.
     */
    public static Set<Integer> attnos(Catalog catalog, Relation table, boolean deferrableOk) {
        for (Relation index : catalog.indexesOf(table)) {
            Relation.IndexInfo info = index.index();
            if (!info.primary()) continue;
            if (!deferrableOk && !info.immediate()) return null;
            Set<Integer> out = new TreeSet<>();
            for (int attno : info.keyAttnums()) out.add(attno);
            return out;
        }
        return null;
    }
}
