package org.tusk.access.gin;

import org.tusk.catalog.ArrayTypes;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.Comparisons;

import java.util.ArrayList;
import java.util.List;

/**
 * array_ops (ginarrayproc.c): the keys of an array are its elements, nulls included as null
 * keys; the element type's btree comparison orders them (opckeytype anynonarray, resolved to the
 * column's element type).
 *
 * <ul>
 * <li>{@code &&} (1): any non-null query element present; no query elements match nothing.</li>
 * <li>{@code @>} (2): every query element present and none null; an empty query matches every
 *     non-null array (GIN_SEARCH_MODE_ALL).</li>
 * <li>{@code <@} (3): any row may match, empty arrays included (INCLUDE_EMPTY); the recheck decides.</li>
 * <li>{@code =} (4): every query element present; an empty query looks at empty arrays only.</li>
 * </ul>
 */
final class GinArrayProc implements GinOpclass {
    static final int OVERLAP = 1, CONTAINS = 2, CONTAINED = 3, EQUAL = 4;

    @Override
    public String name() {
        return "array_ops";
    }

    @Override
    public int keyType(int columnType) {
        return ArrayTypes.elementOf(columnType);
    }

    @Override
    public int compare(Object a, Object b, int keyType) {
        return Comparisons.compare(keyType, a, b);
    }

    /** ginarrayextract: deconstruct_array, nulls kept. */
    @Override
    public List<Object> extractValue(Object value, int keyType) {
        return new ArrayList<>(ArrayValue.of(value, keyType).elementList());
    }

    /** ginqueryarrayextract. */
    @Override
    public Query extractQuery(Object query, int strategy, int keyType) {
        List<Object> elems = new ArrayList<>(ArrayValue.of(query, keyType).elementList());
        SearchMode mode = switch (strategy) {
            case OVERLAP -> SearchMode.DEFAULT;
            case CONTAINS -> elems.isEmpty() ? SearchMode.ALL : SearchMode.DEFAULT;
            case CONTAINED -> SearchMode.INCLUDE_EMPTY;
            case EQUAL -> elems.isEmpty() ? SearchMode.INCLUDE_EMPTY : SearchMode.DEFAULT;
            default -> throw new IllegalArgumentException("ginqueryarrayextract: unknown strategy number: " + strategy);
        };
        return new Query(elems, mode);
    }

    /** ginarrayconsistent. */
    @Override
    public boolean consistent(boolean[] check, int strategy, Query query) {
        List<Object> e = query.entries();
        switch (strategy) {
            case OVERLAP -> {
                for (int i = 0; i < check.length; i++) if (check[i] && e.get(i) != null) return true;
                return false;
            }
            case CONTAINS -> {
                for (int i = 0; i < check.length; i++) if (!check[i] || e.get(i) == null) return false;
                return true;
            }
            case CONTAINED -> {
                return true;
            }
            case EQUAL -> {
                for (boolean c : check) if (!c) return false;
                return true;
            }
            default -> throw new IllegalArgumentException("ginarrayconsistent: unknown strategy number: " + strategy);
        }
    }
}
