package org.tusk.catalog;

import java.util.HashMap;
import java.util.Map;

/**
 * The built-in array types and their element types (pg_type's typarray and typelem, as
 * get_array_type and get_element_type read them), for every row {@link PgTypeRows} writes.
 * Built once; immutable. The array types of user enum and composite types are answered from the
 * session's {@link TypeCache}.
 */
public final class ArrayTypes {
    private ArrayTypes() {}

    private static final Map<Integer, Integer> ARRAY_OF = new HashMap<>();
    private static final Map<Integer, Integer> ELEMENT_OF = new HashMap<>();
    private static final Map<Integer, Integer> RAW_ELEMENT_OF = new HashMap<>();

    static {
        for (PgTypeRows.TypeRow t : PgTypeRows.builtinTypes()) {
            if (t.typarray() != 0) ARRAY_OF.put(t.oid(), t.typarray());
            // a true array type: typelem set and typsubscript array_subscript_handler, varlena
            if (t.typelem() != 0 && t.typlen() == -1 && t.typsubscript() == PgTypeRows.F_ARRAY_SUBSCRIPT_HANDLER)
                ELEMENT_OF.put(t.oid(), t.typelem());
            // fixed-length geometric types subscript as 0-based arrays of their members (raw_array_subscript_handler)
            // and so does name, as 64 "char" bytes (pg_dump tests typname[0] = '_')
            if ((t.typcategory() == 'G' || t.oid() == TypeOids.NAME) && t.typlen() > 0
                    && t.typsubscript() == PgTypeRows.F_RAW_ARRAY_SUBSCRIPT_HANDLER)
                RAW_ELEMENT_OF.put(t.oid(), t.typelem());
        }
    }

    /** OIDs from here on are user objects (FirstNormalObjectId): their types are in the session's TypeCache. */
    private static final int FIRST_NORMAL_OBJECT_ID = 16384;

    /** get_array_type: the array type whose elements are {@code elem}, or 0. */
    public static int arrayOf(int elem) {
        Integer a = ARRAY_OF.get(elem);
        if (a != null) return a;
        return Integer.compareUnsigned(elem, FIRST_NORMAL_OBJECT_ID) >= 0 ? TypeCache.installedArrayOf(elem) : 0;
    }

    /** get_element_type: the element type of array type {@code array}, or 0 if it is no array. */
    public static int elementOf(int array) {
        Integer e = ELEMENT_OF.get(array);
        if (e != null) return e;
        return Integer.compareUnsigned(array, FIRST_NORMAL_OBJECT_ID) >= 0 ? TypeCache.installedElementOf(array) : 0;
    }

    /**
     * The member type of a fixed-length type subscripted as a raw array (point[0] is its x as
     * float8, box[1] its low corner, name[0] its first byte as "char"), or 0. Only the geometric
     * types point, lseg, box and line, and name.
     */
    public static int rawElementOf(int type) { return RAW_ELEMENT_OF.getOrDefault(type, 0); }

    public static boolean isArray(int type) { return elementOf(type) != 0; }
}
