package org.tusk.optimizer;

import java.util.Set;

import org.tusk.catalog.ArrayTypes;
import org.tusk.catalog.TypeCache;

/**
 * Whether a grouping column can be sorted and whether it can be hashed: the SortGroupClause's
 * sortop and hashable flag that parse analysis fills in from the type's default btree and hash
 * operator classes (get_sort_group_operators), which preprocess_grouping_sets turns into the
 * unsortable and unhashable refs. Tusk has no pg_opclass to look the classes up in, so the
 * built-in types that have only one of the two classes in PostgreSQL 15 are listed here;
 * every other groupable type has both. A domain behaves as its base type, an array as its
 * element type (array_ops and hash_array_ops compare element by element).
 */
final class GroupingOperators {
    private GroupingOperators() {}

    /** xid, cid, aclitem: hash operator class only (no ordering). */
    private static final Set<Integer> HASH_ONLY = Set.of(28, 29, 1033);

    /** bit, varbit, money, tsvector, tsquery: btree operator class only (no hash support function). */
    private static final Set<Integer> BTREE_ONLY = Set.of(1560, 1562, 790, 3614, 3615);

    static boolean sortable(int type) {
        int t = element(type);
        return !HASH_ONLY.contains(t);
    }

    static boolean hashable(int type) {
        int t = element(type);
        return !BTREE_ONLY.contains(t);
    }

    private static int element(int type) {
        int t = TypeCache.baseType(type);
        int elem = ArrayTypes.elementOf(t);
        return elem != 0 ? TypeCache.baseType(elem) : t;
    }
}
