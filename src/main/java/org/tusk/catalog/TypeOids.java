package org.tusk.catalog;

/** PostgreSQL's OIDs of the built-in types Tusk knows (pg_type.dat). */
public final class TypeOids {
    private TypeOids() {}

    public static final int INVALID = 0;
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    /** "char": one byte, shown as a one-character string (pg_database.datlocprovider, pg_class.relkind). */
    public static final int CHAR = 18;
    public static final int NAME = 19;
    /** name[] (_name). */
    public static final int NAME_ARRAY = 1003;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int XID = 28;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int INET = 869;
    public static final int VARCHAR = 1043;
    public static final int BPCHAR = 1042;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int NUMERIC = 1700;
    public static final int PG_LSN = 3220;
    public static final int XID8 = 5069;
    public static final int PG_SNAPSHOT = 5038;
    public static final int TXID_SNAPSHOT = 2970;
    public static final int TEXT_ARRAY = 1009;
    /** aclitem and aclitem[] (pg_database.datacl). */
    public static final int ACLITEM = 1033, ACLITEM_ARRAY = 1034;
    public static final int RECORD = 2249, RECORD_ARRAY = 2287;
    public static final int VOID = 2278;
    /** The trigger pseudo-type: what a trigger function returns. */
    public static final int TRIGGER = 2279;
    /** Pseudo-type "any", used only as the declared argument type of variadic built-ins like concat(). */
    public static final int ANY = 2276;
    /** internal: a pointer to a C structure in PostgreSQL (here an aggregate state only the executor sees). */
    public static final int INTERNAL = 2281;

    // Arrays, uuid, json (ArrayBuiltins, UuidBuiltins, JsonBuiltins)
    public static final int UUID = 2950;
    public static final int JSON = 114;
    public static final int JSONB = 3802;
    public static final int INT2_ARRAY = 1005, INT4_ARRAY = 1007, INT8_ARRAY = 1016, FLOAT8_ARRAY = 1022,
            NUMERIC_ARRAY = 1231, BOOL_ARRAY = 1000, UUID_ARRAY = 2951, JSONB_ARRAY = 3807, JSON_ARRAY = 199;
    /** The geometric types (GeometricBuiltins) and their array types. */
    public static final int POINT = 600, LSEG = 601, PATH = 602, BOX = 603, POLYGON = 604, LINE = 628, CIRCLE = 718;
    public static final int POINT_ARRAY = 1017, LSEG_ARRAY = 1018, PATH_ARRAY = 1019, BOX_ARRAY = 1020,
            POLYGON_ARRAY = 1027, LINE_ARRAY = 629, CIRCLE_ARRAY = 719;
    /** money, time with time zone, bit and bit varying, and their array types. */
    public static final int MONEY = 790, TIMETZ = 1266, BIT = 1560, VARBIT = 1562;
    public static final int MONEY_ARRAY = 791, TIMETZ_ARRAY = 1270, BIT_ARRAY = 1561, VARBIT_ARRAY = 1563;
    /** The polymorphic pseudo-types (parse_coerce.c's IsPolymorphicType). */
    public static final int ANYELEMENT = 2283, ANYARRAY = 2277, ANYNONARRAY = 2776, ANYCOMPATIBLE = 5077,
            ANYCOMPATIBLEARRAY = 5078, ANYCOMPATIBLERANGE = 5080;

    /**
     * IsPolymorphicType: anyelement, anyarray, anynonarray, anyenum, anyrange, anymultirange and
     * their anycompatible counterparts, whose actual type a call decides.
     */
    public static boolean isPolymorphic(int type) {
        return switch (type) {
            case ANYELEMENT, ANYARRAY, ANYNONARRAY, ANYCOMPATIBLE, ANYCOMPATIBLEARRAY, ANYCOMPATIBLERANGE,
                 3500 /* anyenum */, 3831 /* anyrange */, 4537 /* anymultirange */,
                 5079 /* anycompatiblenonarray */, 4538 /* anycompatiblemultirange */ -> true;
            default -> false;
        };
    }
}
