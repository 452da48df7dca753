package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.TypeCache;
import org.tusk.nodes.Expr;

/**
 * The type whose default btree and hash operator classes sort, group and hash an expression's
 * values, as parse_oper.c's get_sort_group_operators finds the sort and equality operators of
 * a SortGroupClause through the type cache (lookup_type_cache of a domain looks at its base
 * type). Plan nodes carry this type with each sort, grouping or hash key so the executor
 * compares the values as that operator class does (a character(n) key without its trailing
 * blanks), not as a generic Datum compare.
 */
final class SortGroupTypes {
    private SortGroupTypes() {}

    /** The type whose default operator classes order and equate {@code e}'s values. */
    static int of(Expr e) {
        return of(e.type());
    }

    /** The type whose default operator classes order and equate values of {@code type} (a domain: its base type). */
    static int of(int type) {
        return type == 0 ? 0 : TypeCache.baseType(type);
    }

    /** {@link #of(Expr)} of each expression. */
    static List<Integer> ofAll(List<? extends Expr> exprs) {
        List<Integer> types = new ArrayList<>(exprs.size());
        for (Expr e : exprs) types.add(of(e));
        return List.copyOf(types);
    }
}
