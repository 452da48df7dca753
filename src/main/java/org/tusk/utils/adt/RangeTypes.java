package org.tusk.utils.adt;

import java.time.LocalDate;
import java.util.Map;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * What the range code needs to know of a range type, the pg_range row as typcache.c's
 * TypeCacheEntry keeps it (rngelemtype, rngcanonical, rngmultitypid): for the built-in range
 * types of pg_range.dat from an immutable table, for user-defined ones (CREATE TYPE AS RANGE)
 * through the {@link Lookup} the backend's type cache installs (lookup_type_cache), as
 * {@link Enums} reads pg_enum.
 */
public final class RangeTypes {
    private RangeTypes() {}

    /** pg_range.dat OIDs: the range types, their multirange types and the pseudo-types. */
    public static final int INT4RANGE = 3904, NUMRANGE = 3906, TSRANGE = 3908, TSTZRANGE = 3910, DATERANGE = 3912,
            INT8RANGE = 3926;
    public static final int INT4MULTIRANGE = 4451, NUMMULTIRANGE = 4532, TSMULTIRANGE = 4533, TSTZMULTIRANGE = 4534,
            DATEMULTIRANGE = 4535, INT8MULTIRANGE = 4536;
    public static final int ANYRANGE = 3831, ANYMULTIRANGE = 4537;

    /** rngcanonical: the function that puts a discrete range's bounds in canonical form, or NONE. */
    public enum Canonical { NONE, INT4, INT8, DATE }

    /** One pg_range row: rngtypid, rngsubtype, rngmultitypid, rngcanonical. */
    public record Info(int rangeOid, String name, int subtype, int multirangeOid, Canonical canonical) {}

    private static final Map<Integer, Info> BUILTIN = Map.of(
            INT4RANGE, new Info(INT4RANGE, "int4range", 23, INT4MULTIRANGE, Canonical.INT4),
            NUMRANGE, new Info(NUMRANGE, "numrange", 1700, NUMMULTIRANGE, Canonical.NONE),
            TSRANGE, new Info(TSRANGE, "tsrange", 1114, TSMULTIRANGE, Canonical.NONE),
            TSTZRANGE, new Info(TSTZRANGE, "tstzrange", 1184, TSTZMULTIRANGE, Canonical.NONE),
            DATERANGE, new Info(DATERANGE, "daterange", 1082, DATEMULTIRANGE, Canonical.DATE),
            INT8RANGE, new Info(INT8RANGE, "int8range", 20, INT8MULTIRANGE, Canonical.INT8));

    /** lookup_type_cache(TYPECACHE_RANGE_INFO) for user-defined range types: the pg_range data, or null. */
    @FunctionalInterface
    public interface Lookup { Info range(int typeOid); }

    private static volatile Lookup lookup;

    /** Installs the process's lookup of user-defined range types (the session's type cache). */
    public static void install(Lookup l) {
        lookup = l;
    }

    /** The built-in range types, by OID. */
    public static Map<Integer, Info> builtins() { return BUILTIN; }

    /** The pg_range data of {@code typeOid}, or null if it is not a range type. */
    public static Info find(int typeOid) {
        Info i = BUILTIN.get(typeOid);
        if (i != null || Integer.compareUnsigned(typeOid, FIRST_NORMAL_OBJECT_ID) < 0) return i;
        Lookup l = lookup;
        return l == null ? null : l.range(typeOid);
    }

    /** FirstNormalObjectId: user-defined types have OIDs from here on. */
    private static final int FIRST_NORMAL_OBJECT_ID = 16384;

    /** range_get_typcache: as find, but a missing type is an internal error. */
    public static Info info(int typeOid) {
        Info i = find(typeOid);
        if (i == null) throw PgException.error(SqlState.INTERNAL_ERROR, "type " + Integer.toUnsignedString(typeOid) + " is not a range type");
        return i;
    }

    public static boolean isRange(int typeOid) { return find(typeOid) != null; }

    /**
     * int4range_canonical, int8range_canonical, daterange_canonical: an exclusive finite lower
     * bound becomes the next value, inclusive; an inclusive finite upper bound becomes the next
     * value, exclusive. Overflow raises the subtype's out-of-range error.
     */
    static RangeBound canonicalize(Canonical c, RangeBound b) {
        if (c == Canonical.NONE || b.infinite() || b.inclusive() == b.lower()) return b;
        Object next = switch (c) {
            case INT4 -> {
                int v = (Integer) b.value();
                if (v == Integer.MAX_VALUE) throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
                yield v + 1;
            }
            case INT8 -> {
                long v = (Long) b.value();
                if (v == Long.MAX_VALUE) throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
                yield v + 1;
            }
            case DATE -> ((LocalDate) b.value()).plusDays(1);
            case NONE -> b.value();
        };
        return new RangeBound(next, false, b.lower(), b.lower());
    }
}
