package org.tusk.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The pg_type rows initdb writes (pg_type.dat): every type of {@link BuiltinCatalog}, the types
 * the catalogs' own columns use, an array type for each that has one in PostgreSQL, and the row
 * types of the system catalogs. The I/O function columns (typinput, typoutput, typreceive,
 * typsend, typmodin, typmodout, typanalyze, typsubscript) hold PostgreSQL's pg_proc OIDs
 * (pg_proc.dat) even though Tusk's pg_proc is not a table: clients (psql, pgjdbc) compare and
 * print them as regproc values.
 */
public final class PgTypeRows {
    private PgTypeRows() {}

    public static final int ANYARRAY = 2277;
    public static final int ACLITEM_ARRAY = 1034;

    // pg_proc OIDs of the generic array and composite support functions
    static final int F_ARRAY_IN = 750, F_ARRAY_OUT = 751, F_ARRAY_RECV = 2400, F_ARRAY_SEND = 2401;
    static final int F_ARRAY_TYPANALYZE = 3816, F_ARRAY_SUBSCRIPT_HANDLER = 6179, F_RAW_ARRAY_SUBSCRIPT_HANDLER = 6180;
    static final int F_RECORD_IN = 2290, F_RECORD_OUT = 2291, F_RECORD_RECV = 2402, F_RECORD_SEND = 2403;

    /**
     * One pg_type row's distinguishing values; the rest (typnamespace 11, typowner 10,
     * typisdefined, typdelim ',', typnotnull false, typbasetype 0, typtypmod -1, typndims 0)
     * is the same for every built-in type.
     */
    public record TypeRow(int oid, String typname, int typlen, boolean typbyval, char typtype, char typcategory,
                          boolean typispreferred, int typrelid, int typsubscript, int typelem, int typarray,
                          int typinput, int typoutput, int typreceive, int typsend, int typmodin, int typmodout,
                          int typanalyze, char typalign, char typstorage, int typcollation) {}

    private static TypeRow base(int oid, String name, int len, boolean byval, char cat, boolean pref, int array,
                                int in, int out, int recv, int send, int modin, int modout, char align, char storage,
                                int collation) {
        return new TypeRow(oid, name, len, byval, 'b', cat, pref, 0, 0, 0, array, in, out, recv, send, modin, modout,
                0, align, storage, collation);
    }

    private static TypeRow pseudo(int oid, String name, int len, boolean byval, int array, int in, int out, int recv,
                                  int send, char align, char storage) {
        return new TypeRow(oid, name, len, byval, 'p', 'P', false, 0, 0, 0, array, in, out, recv, send, 0, 0, 0,
                align, storage, 0);
    }

    /** The fixed-OID base and pseudo types (pg_type.dat values). */
    private static final List<TypeRow> BASE = List.of(
            base(16, "bool", 1, true, 'B', true, 1000, 1242, 1243, 2436, 2437, 0, 0, 'c', 'p', 0),
            base(17, "bytea", -1, false, 'U', false, 1001, 1244, 31, 2412, 2413, 0, 0, 'i', 'x', 0),
            base(18, "char", 1, true, 'Z', false, 1002, 1245, 33, 2434, 2435, 0, 0, 'c', 'p', 0),
            new TypeRow(19, "name", 64, false, 'b', 'S', false, 0, F_RAW_ARRAY_SUBSCRIPT_HANDLER, 18, 1003, 34, 35,
                    2422, 2423, 0, 0, 0, 'c', 'p', SystemCatalogs.C_COLLATION_OID),
            base(20, "int8", 8, true, 'N', false, 1016, 460, 461, 2408, 2409, 0, 0, 'd', 'p', 0),
            base(21, "int2", 2, true, 'N', false, 1005, 38, 39, 2404, 2405, 0, 0, 's', 'p', 0),
            new TypeRow(22, "int2vector", -1, false, 'b', 'A', false, 0, F_ARRAY_SUBSCRIPT_HANDLER, 21, 1006, 40, 41,
                    2410, 2411, 0, 0, 0, 'i', 'p', 0),
            base(23, "int4", 4, true, 'N', false, 1007, 42, 43, 2406, 2407, 0, 0, 'i', 'p', 0),
            base(24, "regproc", 4, true, 'N', false, 1008, 44, 45, 2444, 2445, 0, 0, 'i', 'p', 0),
            base(25, "text", -1, false, 'S', true, 1009, 46, 47, 2414, 2415, 0, 0, 'i', 'x', SystemCatalogs.DEFAULT_COLLATION_OID),
            base(26, "oid", 4, true, 'N', true, 1028, 1798, 1799, 2418, 2419, 0, 0, 'i', 'p', 0),
            base(27, "tid", 6, false, 'U', false, 1010, 48, 49, 2438, 2439, 0, 0, 's', 'p', 0),
            base(28, "xid", 4, true, 'U', false, 1011, 50, 51, 2440, 2441, 0, 0, 'i', 'p', 0),
            base(29, "cid", 4, true, 'U', false, 1012, 52, 53, 2442, 2443, 0, 0, 'i', 'p', 0),
            new TypeRow(30, "oidvector", -1, false, 'b', 'A', false, 0, F_ARRAY_SUBSCRIPT_HANDLER, 26, 1013, 54, 55,
                    2420, 2421, 0, 0, 0, 'i', 'p', 0),
            base(194, "pg_node_tree", -1, false, 'Z', false, 0, 195, 196, 197, 198, 0, 0, 'i', 'x',
                    SystemCatalogs.DEFAULT_COLLATION_OID),
            base(700, "float4", 4, true, 'N', false, 1021, 200, 201, 2424, 2425, 0, 0, 'i', 'p', 0),
            base(701, "float8", 8, true, 'N', true, 1022, 214, 215, 2426, 2427, 0, 0, 'd', 'p', 0),
            pseudo(705, "unknown", -2, false, 0, 109, 110, 2416, 2417, 'c', 'p'),
            base(869, "inet", -1, false, 'I', true, 1041, 910, 911, 2496, 2497, 0, 0, 'i', 'm', 0),
            base(1033, "aclitem", 12, false, 'U', false, 1034, 1031, 1032, 0, 0, 0, 0, 'i', 'p', 0),
            base(1042, "bpchar", -1, false, 'S', false, 1014, 1044, 1045, 2430, 2431, 2913, 2914, 'i', 'x',
                    SystemCatalogs.DEFAULT_COLLATION_OID),
            base(1043, "varchar", -1, false, 'S', false, 1015, 1046, 1047, 2432, 2433, 2915, 2916, 'i', 'x',
                    SystemCatalogs.DEFAULT_COLLATION_OID),
            base(1082, "date", 4, true, 'D', false, 1182, 1084, 1085, 2468, 2469, 0, 0, 'i', 'p', 0),
            base(1083, "time", 8, true, 'D', false, 1183, 1143, 1144, 2470, 2471, 2909, 2910, 'd', 'p', 0),
            base(1114, "timestamp", 8, true, 'D', false, 1115, 1312, 1313, 2474, 2475, 2905, 2906, 'd', 'p', 0),
            base(1184, "timestamptz", 8, true, 'D', true, 1185, 1150, 1151, 2476, 2477, 2907, 2908, 'd', 'p', 0),
            base(1186, "interval", 16, false, 'T', true, 1187, 1160, 1161, 2478, 2479, 2903, 2904, 'd', 'p', 0),
            base(1700, "numeric", -1, false, 'N', false, 1231, 1701, 1702, 2460, 2461, 2917, 2918, 'i', 'm', 0),
            base(2205, "regclass", 4, true, 'N', false, 2210, 2218, 2219, 2452, 2453, 0, 0, 'i', 'p', 0),
            // regprocedure, regnamespace and regrole (RegProcBuiltins, IntrospectionBuiltins), cstring (the
            // argument of the type input functions) and anyenum (EnumBuiltins); typarray 0: Tusk has no
            // arrays of these (PostgreSQL's _regprocedure 2207, _regnamespace 4090, _regrole 4097, _cstring 1263)
            base(2202, "regprocedure", 4, true, 'N', false, 0, 2212, 2213, 2446, 2447, 0, 0, 'i', 'p', 0),
            base(4089, "regnamespace", 4, true, 'N', false, 0, 4084, 4085, 4087, 4088, 0, 0, 'i', 'p', 0),
            base(4096, "regrole", 4, true, 'N', false, 0, 4098, 4092, 4094, 4095, 0, 0, 'i', 'p', 0),
            pseudo(2275, "cstring", -2, false, 0, 2292, 2293, 2500, 2501, 'c', 'p'),
            pseudo(3500, "anyenum", 4, true, 0, 3504, 3505, 0, 0, 'i', 'p'),
            base(2206, "regtype", 4, true, 'N', false, 2211, 2220, 2221, 2454, 2455, 0, 0, 'i', 'p', 0),
            pseudo(2249, "record", -1, false, 2287, F_RECORD_IN, F_RECORD_OUT, F_RECORD_RECV, F_RECORD_SEND, 'd', 'x'),
            pseudo(2276, "any", 4, true, 0, 2294, 2295, 0, 0, 'i', 'p'),
            pseudo(ANYARRAY, "anyarray", -1, false, 0, 2296, 2297, 2502, 2503, 'd', 'x'),
            pseudo(2278, "void", 4, true, 0, 2298, 2299, 3120, 3121, 'i', 'p'),
            pseudo(2279, "trigger", 4, true, 0, 2300, 2301, 0, 0, 'i', 'p'),
            pseudo(2281, "internal", 8, true, 0, 2304, 2305, 0, 0, 'd', 'p'),
            pseudo(2283, "anyelement", 4, true, 0, 2312, 2313, 0, 0, 'i', 'p'),
            pseudo(2776, "anynonarray", 4, true, 0, 2777, 2778, 0, 0, 'i', 'p'),
            pseudo(5077, "anycompatible", 4, true, 0, 5086, 5087, 0, 0, 'i', 'p'),
            pseudo(5078, "anycompatiblearray", -1, false, 0, 5088, 5089, 5090, 5091, 'd', 'x'),
            pseudo(5080, "anycompatiblerange", -1, false, 0, 5094, 5095, 0, 0, 'd', 'x'),
            base(114, "json", -1, false, 'U', false, 199, 321, 322, 323, 324, 0, 0, 'i', 'x', 0),
            base(3802, "jsonb", -1, false, 'U', false, 3807, 3806, 3804, 3805, 3803, 0, 0, 'i', 'x', 0),
            base(4072, "jsonpath", -1, false, 'U', false, 4073, 4001, 4002, 4003, 4004, 0, 0, 'i', 'x', 0),
            // the text search types (tsvector's typanalyze is ts_typanalyze 3688)
            new TypeRow(3614, "tsvector", -1, false, 'b', 'U', false, 0, 0, 0, 3643, 3610, 3611, 3639, 3638, 0, 0,
                    3688, 'i', 'x', 0),
            base(3615, "tsquery", -1, false, 'U', false, 3645, 3612, 3613, 3641, 3640, 0, 0, 'i', 'p', 0),
            base(3734, "regconfig", 4, true, 'N', false, 3735, 3736, 3737, 3738, 3739, 0, 0, 'i', 'p', 0),
            base(3769, "regdictionary", 4, true, 'N', false, 3770, 3771, 3772, 3773, 3774, 0, 0, 'i', 'p', 0),
            base(2950, "uuid", 16, false, 'U', false, 2951, 2952, 2953, 2961, 2962, 0, 0, 'c', 'p', 0),
            // the geometric types; the fixed-length ones subscript into their float8/point members
            new TypeRow(600, "point", 16, false, 'b', 'G', false, 0, F_RAW_ARRAY_SUBSCRIPT_HANDLER, 701, 1017, 117, 118,
                    2428, 2429, 0, 0, 0, 'd', 'p', 0),
            new TypeRow(601, "lseg", 32, false, 'b', 'G', false, 0, F_RAW_ARRAY_SUBSCRIPT_HANDLER, 600, 1018, 119, 120,
                    2480, 2481, 0, 0, 0, 'd', 'p', 0),
            base(602, "path", -1, false, 'G', false, 1019, 121, 122, 2482, 2483, 0, 0, 'd', 'x', 0),
            new TypeRow(603, "box", 32, false, 'b', 'G', false, 0, F_RAW_ARRAY_SUBSCRIPT_HANDLER, 600, 1020, 123, 124,
                    2484, 2485, 0, 0, 0, 'd', 'p', 0),
            base(604, "polygon", -1, false, 'G', false, 1027, 347, 348, 2486, 2487, 0, 0, 'd', 'x', 0),
            new TypeRow(628, "line", 24, false, 'b', 'G', false, 0, F_RAW_ARRAY_SUBSCRIPT_HANDLER, 701, 629, 1490, 1491,
                    2488, 2489, 0, 0, 0, 'd', 'p', 0),
            base(718, "circle", 24, false, 'G', false, 719, 1450, 1451, 2490, 2491, 0, 0, 'd', 'p', 0),
            base(3220, "pg_lsn", 8, true, 'U', false, 3221, 3229, 3230, 3238, 3239, 0, 0, 'd', 'p', 0),
            // full transaction ids and the snapshots made of them (Xid8Builtins)
            base(5069, "xid8", 8, true, 'U', false, 271, 5070, 5081, 5082, 5083, 0, 0, 'd', 'p', 0),
            base(5038, "pg_snapshot", -1, false, 'U', false, 5039, 5055, 5056, 5057, 5058, 0, 0, 'd', 'x', 0),
            base(2970, "txid_snapshot", -1, false, 'U', false, 2949, 2939, 2940, 2941, 2942, 0, 0, 'd', 'x', 0),
            // money, time with time zone, bit and bit varying (TimeTzBuiltins, BitBuiltins, MoneyBuiltins)
            base(790, "money", 8, true, 'N', false, 791, 886, 887, 2492, 2493, 0, 0, 'd', 'p', 0),
            base(1266, "timetz", 12, false, 'D', false, 1270, 1350, 1351, 2472, 2473, 2911, 2912, 'd', 'p', 0),
            base(1560, "bit", -1, false, 'V', false, 1561, 1564, 1565, 2456, 2457, 2919, 2920, 'i', 'x', 0),
            base(1562, "varbit", -1, false, 'V', true, 1563, 1579, 1580, 2458, 2459, 2902, 2921, 'i', 'x', 0),
            // the range types (typtype 'r', range_in/out/recv/send, range_typanalyze) and their array types
            range(3904, "int4range", 'i', 3905), range(3906, "numrange", 'i', 3907), range(3908, "tsrange", 'd', 3909),
            range(3910, "tstzrange", 'd', 3911), range(3912, "daterange", 'i', 3913), range(3926, "int8range", 'd', 3927),
            pseudo(3831, "anyrange", -1, false, 0, 3832, 3833, 0, 0, 'd', 'x'));

    /** pg_proc OIDs of range_in, range_out, range_recv, range_send and range_typanalyze. */
    static final int F_RANGE_IN = 3834, F_RANGE_OUT = 3835, F_RANGE_RECV = 3836, F_RANGE_SEND = 3837,
            F_RANGE_TYPANALYZE = 3916;

    /** A range type's pg_type row: varlena, extended, aligned as its subtype. */
    static TypeRow range(int oid, String name, char align) {
        return range(oid, name, align, 0);
    }

    /** The same with array type {@code array}. */
    static TypeRow range(int oid, String name, char align, int array) {
        return new TypeRow(oid, name, -1, false, 'r', 'R', false, 0, 0, 0, array, F_RANGE_IN, F_RANGE_OUT, F_RANGE_RECV,
                F_RANGE_SEND, 0, 0, F_RANGE_TYPANALYZE, align, 'x', 0);
    }

    /** The pg_type rows of the built-in types and their array types, ordered by OID of the element. */
    public static List<TypeRow> builtinTypes() {
        List<TypeRow> rows = new ArrayList<>();
        for (TypeRow t : BASE) {
            rows.add(t);
            if (t.typarray() != 0) rows.add(arrayOf(t));
        }
        return rows;
    }

    /** The array type of {@code elem} as PostgreSQL's genbki/AssignTypeArrayOid builds it ("_" + name). */
    /** {@link #arrayOf(TypeRow)} named {@code name} (makeArrayTypeName's choice). */
    static TypeRow arrayOf(TypeRow elem, String name) {
        TypeRow a = arrayOf(elem);
        return new TypeRow(a.oid(), name, a.typlen(), a.typbyval(), a.typtype(), a.typcategory(), a.typispreferred(),
                a.typrelid(), a.typsubscript(), a.typelem(), a.typarray(), a.typinput(), a.typoutput(), a.typreceive(),
                a.typsend(), a.typmodin(), a.typmodout(), a.typanalyze(), a.typalign(), a.typstorage(), a.typcollation());
    }

    static TypeRow arrayOf(TypeRow elem) {
        // Arrays of a pseudo-type (_record) stay pseudo-types of category P.
        boolean pseudo = elem.typtype() == 'p';
        return new TypeRow(elem.typarray(), "_" + elem.typname(), -1, false, pseudo ? 'p' : 'b', pseudo ? 'P' : 'A', false, 0,
                F_ARRAY_SUBSCRIPT_HANDLER, elem.oid(), 0, F_ARRAY_IN, F_ARRAY_OUT, F_ARRAY_RECV, F_ARRAY_SEND,
                elem.typmodin(), elem.typmodout(), F_ARRAY_TYPANALYZE, elem.typalign() == 'd' ? 'd' : 'i', 'x',
                elem.typcollation());
    }

    /** The composite row type of relation {@code relOid} named {@code name} (heap.c AddNewRelationType). */
    public static TypeRow rowType(int typeOid, String name, int relOid, int arrayOid) {
        return new TypeRow(typeOid, name, -1, false, 'c', 'C', false, relOid, 0, 0, arrayOid, F_RECORD_IN,
                F_RECORD_OUT, F_RECORD_RECV, F_RECORD_SEND, 0, 0, 0, 'd', 'x', 0);
    }

    /** typdelim: box (whose text contains commas) and box[] separate array elements by ';' (pg_type.dat). */
    public static char typdelim(TypeRow t) {
        return t.oid() == TypeOids.BOX || t.oid() == TypeOids.BOX_ARRAY ? ';' : ',';
    }

    /** The pg_type row of {@code t} in {@code namespace}, owned by {@code owner}, as catalog values. */
    public static Object[] toRow(TypeRow t, int namespace, int owner) {
        SystemCatalog c = SystemCatalogs.PG_TYPE;
        Object[] r = c.newRow();
        c.set(r, "oid", t.oid());
        c.set(r, "typname", t.typname());
        c.set(r, "typnamespace", namespace);
        c.set(r, "typowner", owner);
        c.set(r, "typlen", (short) t.typlen());
        c.set(r, "typbyval", t.typbyval());
        c.set(r, "typtype", String.valueOf(t.typtype()));
        c.set(r, "typcategory", String.valueOf(t.typcategory()));
        c.set(r, "typispreferred", t.typispreferred());
        c.set(r, "typisdefined", true);
        c.set(r, "typdelim", String.valueOf(typdelim(t)));
        c.set(r, "typrelid", t.typrelid());
        c.set(r, "typsubscript", t.typsubscript());
        c.set(r, "typelem", t.typelem());
        c.set(r, "typarray", t.typarray());
        c.set(r, "typinput", t.typinput());
        c.set(r, "typoutput", t.typoutput());
        c.set(r, "typreceive", t.typreceive());
        c.set(r, "typsend", t.typsend());
        c.set(r, "typmodin", t.typmodin());
        c.set(r, "typmodout", t.typmodout());
        c.set(r, "typanalyze", t.typanalyze());
        c.set(r, "typalign", String.valueOf(t.typalign()));
        c.set(r, "typstorage", String.valueOf(t.typstorage()));
        c.set(r, "typnotnull", false);
        c.set(r, "typbasetype", 0);
        c.set(r, "typtypmod", -1);
        c.set(r, "typndims", 0);
        c.set(r, "typcollation", t.typcollation());
        return r;
    }
}
