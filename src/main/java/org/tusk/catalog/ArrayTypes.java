package org.tusk.catalog;

import java.util.HashMap;
import java.util.Map;

/**
 * The built-in array types and their element types (pg_type's typarray and typelem, as
 * get_array_type and get_element_type read them), for every row {@link PgTypeRows} writes.
 * Built once; immutable.
 */
public final class ArrayTypes {
    private ArrayTypes() {}

    private static final Map<Integer, Integer> ARRAY_OF = new HashMap<>();
    private static final Map<Integer, Integer> ELEMENT_OF = new HashMap<>();

    static {
        for (PgTypeRows.TypeRow t : PgTypeRows.builtinTypes()) {
            if (t.typarray() != 0) ARRAY_OF.put(t.oid(), t.typarray());
            // a true array type: typelem set and typsubscript array_subscript_handler, varlena
            if (t.typelem() != 0 && t.typlen() == -1 && t.typsubscript() == PgTypeRows.F_ARRAY_SUBSCRIPT_HANDLER)
                ELEMENT_OF.put(t.oid(), t.typelem());
        }
    }

    /** get_array_type: the array type whose elements are {@code elem}, or 0. */
    public static int arrayOf(int elem) { return ARRAY_OF.getOrDefault(elem, 0); }

    /** get_element_type: the element type of array type {@code array}, or 0 if it is no array. */
    public static int elementOf(int array) { return ELEMENT_OF.getOrDefault(array, 0); }

    public static boolean isArray(int type) { return ELEMENT_OF.containsKey(type); }
}
