package org.tusk.access.common;

import java.lang.foreign.MemorySegment;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.Interval;
import org.tusk.utils.adt.Jsonb;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The built-in types whose values the tuple code converts between Java objects and their
 * on-disk form, with pg_type's typlen, typbyval, typalign and typstorage for each. Fixed-length
 * values are stored in native byte order exactly as the C Datum would be; varlena values are
 * their bytes (text as UTF-8, the server encoding) behind a varlena header ({@link Varlena}).
 * The Java values are those of {@code org.tusk.utils.adt}, except that the 32-bit unsigned
 * identifiers (oid, xid, regproc, regclass, regtype) read as Integer holding the uint32's bits;
 * a Long in the uint32 range (the executor's form of oid) is accepted when storing.
 *
 * <pre>
 * type         oid  len  byval align storage  Java value, stored form
 * bool          16    1  yes   c     p        Boolean
 * "char"        18    1  yes   c     p        String of 0 or 1 character (the byte; 0 is "")
 * int2          21    2  yes   s     p        Short
 * int4          23    4  yes   i     p        Integer
 * int8          20    8  yes   d     p        Long
 * float4       700    4  yes   i     p        Float
 * float8       701    8  yes   d     p        Double
 * oid           26    4  yes   i     p        Integer (the uint32's bits)
 * xid           28    4  yes   i     p        Integer (the uint32's bits)
 * regproc       24    4  yes   i     p        Integer (a pg_proc OID)
 * regclass    2205    4  yes   i     p        Integer (a pg_class OID)
 * regtype     2206    4  yes   i     p        Integer (a pg_type OID)
 * name          19   64  no    c     p        String (at most 63 UTF-8 bytes, NUL-padded)
 * date        1082    4  yes   i     p        LocalDate; int32 days since 2000-01-01
 * time        1083    8  yes   d     p        LocalTime; int64 microseconds since midnight
 * timestamp   1114    8  yes   d     p        LocalDateTime; int64 microseconds since 2000-01-01 00:00
 * timestamptz 1184    8  yes   d     p        Instant; int64 microseconds since 2000-01-01 00:00 UTC
 * interval    1186   16  no    d     p        Interval; int64 time (us), int32 day, int32 month
 * uuid        2950   16  no    c     p        UUID; 16 bytes, most significant first
 * text          25   -1  no    i     x        String
 * varchar     1043   -1  no    i     x        String
 * bpchar      1042   -1  no    i     x        String (already blank-padded to its typmod)
 * bytea         17   -1  no    i     x        byte[]
 * pg_node_tree 194   -1  no    i     x        String (Tusk stores an expression's SQL text)
 * numeric     1700   -1  no    i     m        BigDecimal; see {@link NumericFormat}
 * int2vector    22   -1  no    i     p        short[]; 1-D array, lower bound 0 ({@link ArrayFormat})
 * oidvector     30   -1  no    i     p        int[];   1-D array, lower bound 0
 * int2[]      1005   -1  no    i     x        short[]; 1-D array, lower bound 1
 * oid[]       1028   -1  no    i     x        int[];   1-D array, lower bound 1
 * text[]      1009   -1  no    i     x        String[]; 1-D array, lower bound 1, no null elements
 * aclitem[]   1034   -1  no    i     x        int[] of (grantee, grantor, privs) triples; 12-byte AclItems
 * anyarray    2277   -1  no    d     x        ArrayValue of a built-in element type, stored with that type (pg_statistic.stavaluesN)
 * enum types  3500    4  yes   i     p        EnumValue; the pg_enum row's OID (anyenum stands for every enum type)
 * composites  2249   -1  no    d     x        RecordValue; a HeapTupleHeader Datum ({@link CompositeFormat}; record stands for every composite type)
 * point        600   16  no    d     p        geo.Point; two float8 (x, y)
 * lseg         601   32  no    d     p        geo.Lseg; two points
 * path         602   -1  no    d     x        geo.Path; int32 npts, int32 closed, int32 pad, points
 * box          603   32  no    d     p        geo.Box; high (upper right) and low (lower left) corners
 * polygon      604   -1  no    d     x        geo.Polygon; int32 npts, bounding box, points
 * line         628   24  no    d     p        geo.Line; A, B, C of Ax + By + C = 0
 * circle       718   24  no    d     p        geo.Circle; center point, radius
 * timetz      1266   12  no    d     p        TimeTz; int64 microseconds since midnight, int32 zone (seconds west)
 * money        790    8  yes   d     p        Cash; int64 count of cents
 * bit         1560   -1  no    i     x        VarBit; int32 bit length, then the bits, most significant first
 * varbit      1562   -1  no    i     x        VarBit; the same
 * ranges      3831   -1  no    d     x        RangeValue; rangetypid, bounds, flags byte ({@link RangeFormat}; anyrange stands for every range type)
 * tsvector    3614   -1  no    i     x        tsearch.TsVector; WordEntry array, lexemes, positions ({@link TsVectorFormat})
 * tsquery     3615   -1  no    i     p        tsearch.TsQuery; QueryItem array, operand strings ({@link TsQueryFormat})
 * regconfig   3734    4  yes   i     p        Integer (a pg_ts_config OID)
 * regdictionary 3769  4  yes   i     p        Integer (a pg_ts_dict OID)
 * </pre>
 * Arrays of the other base types (bool[], int4[], int8[], float8[], numeric[], text-like,
 * date/time, uuid[], json[], jsonb[] ...: see {@link #elementType}) hold an ArrayValue and are
 * stored by {@link ArrayFormat#encode} with nulls and any number of dimensions; int2[], oid[],
 * text[] and float4[] accept both forms. json 114 is its text; jsonb 3802 a Jsonb stored as
 * {@link JsonbFormat} describes.
 * Not supported yet: infinite dates and timestamps, numeric NaN/Infinity, and anyarray values
 * of user-defined element types (enums, composites).
 */
public enum DatumType {
    BOOL(16, 1, true, 'c', 'p', Boolean.class),
    CHAR(18, 1, true, 'c', 'p', String.class),
    INT2(21, 2, true, 's', 'p', Short.class),
    INT4(23, 4, true, 'i', 'p', Integer.class),
    INT8(20, 8, true, 'd', 'p', Long.class),
    FLOAT4(700, 4, true, 'i', 'p', Float.class),
    FLOAT8(701, 8, true, 'd', 'p', Double.class),
    OID(26, 4, true, 'i', 'p', Integer.class),
    XID(28, 4, true, 'i', 'p', Integer.class),
    REGPROC(24, 4, true, 'i', 'p', Integer.class),
    REGCLASS(2205, 4, true, 'i', 'p', Integer.class),
    REGTYPE(2206, 4, true, 'i', 'p', Integer.class),
    NAME(19, 64, false, 'c', 'p', String.class),
    DATE(1082, 4, true, 'i', 'p', LocalDate.class),
    TIME(1083, 8, true, 'd', 'p', LocalTime.class),
    TIMESTAMP(1114, 8, true, 'd', 'p', LocalDateTime.class),
    TIMESTAMPTZ(1184, 8, true, 'd', 'p', Instant.class),
    INTERVAL(1186, 16, false, 'd', 'p', Interval.class),
    UUID(2950, 16, false, 'c', 'p', java.util.UUID.class),
    TEXT(25, -1, false, 'i', 'x', String.class),
    VARCHAR(1043, -1, false, 'i', 'x', String.class),
    BPCHAR(1042, -1, false, 'i', 'x', String.class),
    BYTEA(17, -1, false, 'i', 'x', byte[].class),
    PG_NODE_TREE(194, -1, false, 'i', 'x', String.class),
    NUMERIC(1700, -1, false, 'i', 'm', BigDecimal.class),
    INT2VECTOR(22, -1, false, 'i', 'p', short[].class),
    OIDVECTOR(30, -1, false, 'i', 'p', int[].class),
    INT2_ARRAY(1005, -1, false, 'i', 'x', short[].class),
    OID_ARRAY(1028, -1, false, 'i', 'x', int[].class),
    TEXT_ARRAY(1009, -1, false, 'i', 'x', String[].class),
    /** aclitem[]: (grantee, grantor, privs) triples; NULL is the default ACL. */
    ACLITEM_ARRAY(1034, -1, false, 'i', 'x', int[].class),
    FLOAT4_ARRAY(1021, -1, false, 'i', 'x', ArrayValue.class),
    BOOL_ARRAY(1000, -1, false, 'i', 'x', ArrayValue.class),
    BYTEA_ARRAY(1001, -1, false, 'i', 'x', ArrayValue.class),
    CHAR_ARRAY(1002, -1, false, 'i', 'x', ArrayValue.class),
    NAME_ARRAY(1003, -1, false, 'i', 'x', ArrayValue.class),
    INT8_ARRAY(1016, -1, false, 'd', 'x', ArrayValue.class),
    INT4_ARRAY(1007, -1, false, 'i', 'x', ArrayValue.class),
    REGPROC_ARRAY(1008, -1, false, 'i', 'x', ArrayValue.class),
    XID_ARRAY(1011, -1, false, 'i', 'x', ArrayValue.class),
    BPCHAR_ARRAY(1014, -1, false, 'i', 'x', ArrayValue.class),
    VARCHAR_ARRAY(1015, -1, false, 'i', 'x', ArrayValue.class),
    FLOAT8_ARRAY(1022, -1, false, 'd', 'x', ArrayValue.class),
    DATE_ARRAY(1182, -1, false, 'i', 'x', ArrayValue.class),
    TIME_ARRAY(1183, -1, false, 'd', 'x', ArrayValue.class),
    TIMESTAMP_ARRAY(1115, -1, false, 'd', 'x', ArrayValue.class),
    TIMESTAMPTZ_ARRAY(1185, -1, false, 'd', 'x', ArrayValue.class),
    INTERVAL_ARRAY(1187, -1, false, 'd', 'x', ArrayValue.class),
    NUMERIC_ARRAY(1231, -1, false, 'i', 'x', ArrayValue.class),
    REGCLASS_ARRAY(2210, -1, false, 'i', 'x', ArrayValue.class),
    REGTYPE_ARRAY(2211, -1, false, 'i', 'x', ArrayValue.class),
    UUID_ARRAY(2951, -1, false, 'i', 'x', ArrayValue.class),
    /** json: the text as given (validated by json_in). */
    JSON(114, -1, false, 'i', 'x', String.class),
    JSON_ARRAY(199, -1, false, 'i', 'x', ArrayValue.class),
    /** jsonb: the JsonbContainer binary tree ({@link JsonbFormat}). */
    JSONB(3802, -1, false, 'i', 'x', Jsonb.class),
    JSONB_ARRAY(3807, -1, false, 'i', 'x', ArrayValue.class),
    TSVECTOR(3614, -1, false, 'i', 'x', org.tusk.utils.adt.tsearch.TsVector.class),
    TSVECTOR_ARRAY(3643, -1, false, 'i', 'x', ArrayValue.class),
    TSQUERY(3615, -1, false, 'i', 'p', org.tusk.utils.adt.tsearch.TsQuery.class),
    TSQUERY_ARRAY(3645, -1, false, 'i', 'x', ArrayValue.class),
    REGCONFIG(3734, 4, true, 'i', 'p', Integer.class),
    REGCONFIG_ARRAY(3735, -1, false, 'i', 'x', ArrayValue.class),
    REGDICTIONARY(3769, 4, true, 'i', 'p', Integer.class),
    REGDICTIONARY_ARRAY(3770, -1, false, 'i', 'x', ArrayValue.class),
    /**
     * anyarray (pg_statistic.stavaluesN, attmissingval): an array of any built-in element type;
     * the stored array's header names its element type, which decoding reads back (anyarray_recv).
     */
    ANYARRAY(2277, -1, false, 'd', 'x', ArrayValue.class),
    /**
     * Every enum type (pg_type.typtype 'e'): the value is the pg_enum row's OID. Its oid() is
     * anyenum's; a column's own enum type OID is pg_attribute.atttypid, which the relcache keeps.
     */
    ENUM(3500, 4, true, 'i', 'p', org.tusk.utils.adt.EnumValue.class),
    /**
     * Every composite type (pg_type.typtype 'c'): a RecordValue stored as a HeapTupleHeader
     * Datum ({@link CompositeFormat}). Its oid() is record's; a column's own composite type is
     * pg_attribute.atttypid, and the value carries it in datum_typeid.
     */
    COMPOSITE(2249, -1, false, 'd', 'x', org.tusk.utils.adt.RecordValue.class),
    /**
     * Every array of a composite type (the array type named by the row type's typarray): an
     * ordinary array (construct_md_array) whose elements are composite Datums with 4-byte
     * headers at 'd' alignment, elemtype being the composite type's OID. Its oid() is record[]'s;
     * a column's own array type is pg_attribute.atttypid.
     */
    COMPOSITE_ARRAY(2287, -1, false, 'd', 'x', ArrayValue.class),
    // The geometric types (geo_decls.h structs, see GeoBinary) and their arrays.
    POINT(600, 16, false, 'd', 'p', org.tusk.utils.adt.geo.Point.class),
    LSEG(601, 32, false, 'd', 'p', org.tusk.utils.adt.geo.Lseg.class),
    PATH(602, -1, false, 'd', 'x', org.tusk.utils.adt.geo.Path.class),
    BOX(603, 32, false, 'd', 'p', org.tusk.utils.adt.geo.Box.class),
    POLYGON(604, -1, false, 'd', 'x', org.tusk.utils.adt.geo.Polygon.class),
    LINE(628, 24, false, 'd', 'p', org.tusk.utils.adt.geo.Line.class),
    CIRCLE(718, 24, false, 'd', 'p', org.tusk.utils.adt.geo.Circle.class),
    POINT_ARRAY(1017, -1, false, 'd', 'x', ArrayValue.class),
    LSEG_ARRAY(1018, -1, false, 'd', 'x', ArrayValue.class),
    PATH_ARRAY(1019, -1, false, 'd', 'x', ArrayValue.class),
    BOX_ARRAY(1020, -1, false, 'd', 'x', ArrayValue.class),
    POLYGON_ARRAY(1027, -1, false, 'd', 'x', ArrayValue.class),
    LINE_ARRAY(629, -1, false, 'd', 'x', ArrayValue.class),
    CIRCLE_ARRAY(719, -1, false, 'd', 'x', ArrayValue.class),
    /**
     * Every range type (pg_type.typtype 'r'): a RangeValue stored as {@link RangeFormat} describes,
     * carrying its range type's OID as the stored form does. Its oid() is anyrange's. DefineRange
     * aligns a range as 'd' when its subtype is 'd'-aligned, else as 'i': this is the 'd' one.
     */
    RANGE(3831, -1, false, 'd', 'x', org.tusk.utils.adt.RangeValue.class),
    /** The same for range types whose subtype is not 'd'-aligned (int4range, numrange, daterange). */
    RANGE_INT_ALIGNED(3831, -1, false, 'i', 'x', org.tusk.utils.adt.RangeValue.class),
    // time with time zone, money, bit and bit varying (date.h TimeTzADT, cash.h Cash, varbit.h VarBit)
    TIMETZ(1266, 12, false, 'd', 'p', org.tusk.utils.adt.TimeTz.class),
    MONEY(790, 8, true, 'd', 'p', org.tusk.utils.adt.Cash.class),
    BIT(1560, -1, false, 'i', 'x', org.tusk.utils.adt.VarBit.class),
    VARBIT(1562, -1, false, 'i', 'x', org.tusk.utils.adt.VarBit.class),
    TIMETZ_ARRAY(1270, -1, false, 'd', 'x', ArrayValue.class),
    MONEY_ARRAY(791, -1, false, 'd', 'x', ArrayValue.class),
    BIT_ARRAY(1561, -1, false, 'i', 'x', ArrayValue.class),
    VARBIT_ARRAY(1563, -1, false, 'i', 'x', ArrayValue.class);

    /** aclitem's type OID (the element type stored in an aclitem[]). */
    static final int ACLITEM_OID = 1033;

    /** NAMEDATALEN: a name is this many bytes including its terminating NUL. */
    public static final int NAMEDATALEN = 64;
    /** POSTGRES_EPOCH_JDATE as a date: day 0 of date, timestamp and timestamptz. */
    public static final LocalDate POSTGRES_EPOCH = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime POSTGRES_EPOCH_TS = POSTGRES_EPOCH.atStartOfDay();
    private static final Instant POSTGRES_EPOCH_INSTANT = Instant.parse("2000-01-01T00:00:00Z");

    private final int oid;
    private final int typlen;
    private final boolean typbyval;
    private final char typalign;
    private final char typstorage;
    private final Class<?> javaClass;

    DatumType(int oid, int typlen, boolean typbyval, char typalign, char typstorage, Class<?> javaClass) {
        this.oid = oid;
        this.typlen = typlen;
        this.typbyval = typbyval;
        this.typalign = typalign;
        this.typstorage = typstorage;
        this.javaClass = javaClass;
    }

    public int oid() { return oid; }
    public int typlen() { return typlen; }
    public boolean typbyval() { return typbyval; }
    public char typalign() { return typalign; }
    public char typstorage() { return typstorage; }
    public Class<?> javaClass() { return javaClass; }

    public boolean isVarlena() { return typlen == -1; }

    /** The type with pg_type OID {@code typeOid}, or null if the tuple code cannot store it. */
    public static DatumType forOid(int typeOid) {
        for (DatumType t : values()) if (t.oid == typeOid) return t;
        // a range type, built-in or user-defined (stored when its subtype can be)
        org.tusk.utils.adt.RangeTypes.Info range = typeOid == 3831 ? null : org.tusk.utils.adt.RangeTypes.find(typeOid);
        DatumType sub = range == null ? null : forOid(range.subtype());
        return sub == null ? null : forRange(sub.typalign());
    }

    /** The storage of a range type whose subtype has typalign {@code subtypeAlign} (DefineRange's choice). */
    public static DatumType forRange(char subtypeAlign) {
        return subtypeAlign == 'd' ? RANGE : RANGE_INT_ALIGNED;
    }

    /**
     * A type laid out as attlen {@code len}, attbyval {@code byval}, attalign {@code align}, or
     * null: what a dropped column (whose pg_attribute row keeps only the layout, atttypid being
     * 0) is stepped over as.
     */
    public static DatumType forLayout(int len, boolean byval, char align) {
        for (DatumType t : values()) if (t.typlen == len && t.typbyval == byval && t.typalign == align) return t;
        return null;
    }

    /** Whether the type's value is an unsigned 32-bit identifier held in an Integer. */
    public boolean isOidLike() {
        return this == OID || this == XID || this == REGPROC || this == REGCLASS || this == REGTYPE
                || this == REGCONFIG || this == REGDICTIONARY;
    }

    /**
     * The element type of an array type (the types whose Java value may be an {@link ArrayValue},
     * stored by {@link ArrayFormat#encode}), or null for any other type.
     */
    public DatumType elementType() {
        return switch (this) {
            case INT2_ARRAY -> INT2;
            case OID_ARRAY -> OID;
            case TEXT_ARRAY -> TEXT;
            case FLOAT4_ARRAY -> FLOAT4;
            case BOOL_ARRAY -> BOOL;
            case BYTEA_ARRAY -> BYTEA;
            case CHAR_ARRAY -> CHAR;
            case NAME_ARRAY -> NAME;
            case INT8_ARRAY -> INT8;
            case INT4_ARRAY -> INT4;
            case REGPROC_ARRAY -> REGPROC;
            case XID_ARRAY -> XID;
            case BPCHAR_ARRAY -> BPCHAR;
            case VARCHAR_ARRAY -> VARCHAR;
            case FLOAT8_ARRAY -> FLOAT8;
            case DATE_ARRAY -> DATE;
            case TIME_ARRAY -> TIME;
            case TIMESTAMP_ARRAY -> TIMESTAMP;
            case TIMESTAMPTZ_ARRAY -> TIMESTAMPTZ;
            case INTERVAL_ARRAY -> INTERVAL;
            case NUMERIC_ARRAY -> NUMERIC;
            case REGCLASS_ARRAY -> REGCLASS;
            case REGTYPE_ARRAY -> REGTYPE;
            case UUID_ARRAY -> UUID;
            case JSON_ARRAY -> JSON;
            case JSONB_ARRAY -> JSONB;
            case TSVECTOR_ARRAY -> TSVECTOR;
            case TSQUERY_ARRAY -> TSQUERY;
            case REGCONFIG_ARRAY -> REGCONFIG;
            case REGDICTIONARY_ARRAY -> REGDICTIONARY;
            case COMPOSITE_ARRAY -> COMPOSITE;
            case POINT_ARRAY -> POINT;
            case LSEG_ARRAY -> LSEG;
            case PATH_ARRAY -> PATH;
            case BOX_ARRAY -> BOX;
            case POLYGON_ARRAY -> POLYGON;
            case LINE_ARRAY -> LINE;
            case CIRCLE_ARRAY -> CIRCLE;
            case TIMETZ_ARRAY -> TIMETZ;
            case MONEY_ARRAY -> MONEY;
            case BIT_ARRAY -> BIT;
            case VARBIT_ARRAY -> VARBIT;
            default -> null;
        };
    }

    /** Whether {@code value} is a Java value this type can store (see the table above). */
    public boolean accepts(Object value) {
        if (javaClass.isInstance(value)) return true;
        if (value instanceof ArrayValue a) return this == ANYARRAY ? forOid(a.elemType()) != null : elementType() != null;
        return isOidLike() && value instanceof Long l && l >= Integer.MIN_VALUE && l <= 0xFFFFFFFFL;
    }

    /**
     * VARSIZE_ANY of {@code value} as heap_form_tuple stores it (what ANALYZE averages into
     * stawidth): the type length for a fixed-length type; for a varlena the payload plus a 1-byte
     * header when the whole fits in 127 bytes and the storage allows packing, else a 4-byte one.
     */
    public int storedSize(Object value) {
        if (typlen > 0) return typlen;
        if (typlen == -2) return ((String) value).getBytes(StandardCharsets.UTF_8).length + 1;
        int n = varlenaPayload(value).length;
        return typstorage != 'p' && n + 1 <= 127 ? n + 1 : n + 4;
    }

    /**
     * toast_datum_size / datumGetSize of {@code value} as a Datum of this type (pg_column_size):
     * the type length for a fixed-length type, strlen + 1 for a cstring-like one; for a
     * varlena, the bytes it takes as a Datum: a toasted one its stored size (compressed: the
     * whole compressed image; external: va_extsize), any other the payload plus the 4-byte
     * header an expression's result has.
     */
    public int datumSize(Object value) {
        if (typlen > 0) return typlen;
        if (typlen == -2) return ((String) value).getBytes(StandardCharsets.UTF_8).length + 1;
        if (value instanceof ToastedDatum t) return t.isExternal() ? t.pointer().extsize() : t.size();
        return varlenaPayload(value).length + Varlena.VARHDRSZ;
    }

    /** The bytes of a varlena value, without header. */
    byte[] varlenaPayload(Object value) {
        return switch (this) {
            case TEXT, VARCHAR, BPCHAR, PG_NODE_TREE, JSON -> ((String) value).getBytes(StandardCharsets.UTF_8);
            case BYTEA -> (byte[]) value;
            case JSONB -> JsonbFormat.encode((Jsonb) value);
            case TSVECTOR -> TsVectorFormat.encode((org.tusk.utils.adt.tsearch.TsVector) value);
            case TSQUERY -> TsQueryFormat.encode((org.tusk.utils.adt.tsearch.TsQuery) value);
            case COMPOSITE -> CompositeFormat.encode((org.tusk.utils.adt.RecordValue) value);
            case RANGE, RANGE_INT_ALIGNED -> RangeFormat.encode((org.tusk.utils.adt.RangeValue) value);
            case INT2_ARRAY, OID_ARRAY, TEXT_ARRAY -> value instanceof ArrayValue a ? ArrayFormat.encode(a, elementType())
                    : legacyArrayPayload(value);
            case NUMERIC -> NumericFormat.encode((BigDecimal) value);
            case BIT, VARBIT -> varbitPayload((org.tusk.utils.adt.VarBit) value);
            case PATH -> org.tusk.utils.adt.geo.GeoBinary.pathToDisk((org.tusk.utils.adt.geo.Path) value);
            case POLYGON -> org.tusk.utils.adt.geo.GeoBinary.polygonToDisk((org.tusk.utils.adt.geo.Polygon) value);
            case INT2VECTOR -> ArrayFormat.encodeInt2((short[]) value, INT2.oid, 0);
            case OIDVECTOR -> ArrayFormat.encodeInt4((int[]) value, OID.oid, 0);
            case ACLITEM_ARRAY -> ArrayFormat.encodeAcl((int[]) value, ACLITEM_OID);
            case ANYARRAY -> ArrayFormat.encode((ArrayValue) value, forOid(((ArrayValue) value).elemType()));
            default -> {
                if (elementType() != null) yield ArrayFormat.encode((ArrayValue) value, elementType());
                throw new IllegalStateException(this + " is not a varlena type");
            }
        };
    }

    /** struct VarBit after its varlena header: int32 bit_len in native order, then the bits. */
    private static byte[] varbitPayload(org.tusk.utils.adt.VarBit v) {
        byte[] bits = v.bytes();
        return java.nio.ByteBuffer.allocate(4 + bits.length).order(java.nio.ByteOrder.nativeOrder())
                .putInt(v.bitLength()).put(bits).array();
    }

    private byte[] legacyArrayPayload(Object value) {
        return switch (this) {
            case INT2_ARRAY -> ArrayFormat.encodeInt2((short[]) value, INT2.oid, 1);
            case OID_ARRAY -> ArrayFormat.encodeInt4((int[]) value, OID.oid, 1);
            default -> ArrayFormat.encodeText((String[]) value, TEXT.oid, 1);
        };
    }

    Object fromVarlenaPayload(byte[] payload) {
        return switch (this) {
            case TEXT, VARCHAR, BPCHAR, PG_NODE_TREE, JSON -> new String(payload, StandardCharsets.UTF_8);
            case BYTEA -> payload;
            case JSONB -> JsonbFormat.decode(payload);
            case TSVECTOR -> TsVectorFormat.decode(payload);
            case TSQUERY -> TsQueryFormat.decode(payload);
            case COMPOSITE -> CompositeFormat.decode(payload);
            case RANGE, RANGE_INT_ALIGNED -> RangeFormat.decode(payload);
            case NUMERIC -> NumericFormat.decode(payload);
            case BIT, VARBIT -> org.tusk.utils.adt.VarBit.of(
                    java.nio.ByteBuffer.wrap(payload).order(java.nio.ByteOrder.nativeOrder()).getInt(),
                    java.util.Arrays.copyOfRange(payload, 4, payload.length));
            case PATH -> org.tusk.utils.adt.geo.GeoBinary.pathFromDisk(payload);
            case POLYGON -> org.tusk.utils.adt.geo.GeoBinary.polygonFromDisk(payload);
            case INT2VECTOR -> ArrayFormat.decodeInt2(payload, INT2.oid);
            case OIDVECTOR -> ArrayFormat.decodeInt4(payload, OID.oid);
            // the catalog code reads these three as plain Java arrays when they have that shape
            case INT2_ARRAY -> ArrayFormat.isSimple(payload) ? ArrayFormat.decodeInt2(payload, INT2.oid) : ArrayFormat.decode(payload, INT2);
            case OID_ARRAY -> ArrayFormat.isSimple(payload) ? ArrayFormat.decodeInt4(payload, OID.oid) : ArrayFormat.decode(payload, OID);
            case TEXT_ARRAY -> ArrayFormat.isSimple(payload) ? ArrayFormat.decodeText(payload, TEXT.oid) : ArrayFormat.decode(payload, TEXT);
            case ACLITEM_ARRAY -> ArrayFormat.decodeAcl(payload, ACLITEM_OID);
            case ANYARRAY -> ArrayFormat.decode(payload, forOid(ArrayFormat.elementTypeOf(payload)));
            default -> {
                if (elementType() != null) yield ArrayFormat.decode(payload, elementType());
                throw new IllegalStateException(this + " is not a varlena type");
            }
        };
    }

    /** Stores a fixed-length value at {@code off}, which has this type's alignment (relative to a MAXALIGNed base). */
    void storeFixed(MemorySegment seg, long off, Object value) {
        switch (this) {
            case BOOL -> seg.set(JAVA_BYTE, off, (byte) ((Boolean) value ? 1 : 0));
            case CHAR -> seg.set(JAVA_BYTE, off, charByte((String) value));
            case INT2 -> seg.set(JAVA_SHORT, off, (Short) value);
            case INT4 -> seg.set(JAVA_INT, off, (Integer) value);
            case OID, XID, REGPROC, REGCLASS, REGTYPE, REGCONFIG, REGDICTIONARY -> seg.set(JAVA_INT, off, ((Number) value).intValue());
            case ENUM -> seg.set(JAVA_INT, off, ((org.tusk.utils.adt.EnumValue) value).oid());
            case INT8 -> seg.set(JAVA_LONG, off, (Long) value);
            case FLOAT4 -> seg.set(JAVA_FLOAT, off, (Float) value);
            case FLOAT8 -> seg.set(JAVA_DOUBLE, off, (Double) value);
            case DATE -> seg.set(JAVA_INT, off, org.tusk.utils.adt.DateTimes.dateToDatum((LocalDate) value));
            case TIME -> seg.set(JAVA_LONG, off, ((LocalTime) value).toNanoOfDay() / 1000);
            case TIMESTAMP -> seg.set(JAVA_LONG, off, org.tusk.utils.adt.DateTimes.timestampToDatum((LocalDateTime) value));
            case TIMESTAMPTZ -> seg.set(JAVA_LONG, off, org.tusk.utils.adt.DateTimes.timestamptzToDatum((Instant) value));
            case INTERVAL -> {
                Interval iv = (Interval) value;
                seg.set(JAVA_LONG, off, iv.micros());
                seg.set(JAVA_INT, off + 8, iv.days());
                seg.set(JAVA_INT, off + 12, iv.months());
            }
            case TIMETZ -> {
                org.tusk.utils.adt.TimeTz t = (org.tusk.utils.adt.TimeTz) value;
                seg.set(JAVA_LONG, off, t.micros());
                seg.set(JAVA_INT, off + 8, t.zone());
            }
            case MONEY -> seg.set(JAVA_LONG, off, ((org.tusk.utils.adt.Cash) value).value());
            case UUID -> {
                java.util.UUID u = (java.util.UUID) value;
                seg.set(JAVA_LONG_BE, off, u.getMostSignificantBits());
                seg.set(JAVA_LONG_BE, off + 8, u.getLeastSignificantBits());
            }
            case POINT, LSEG, BOX, LINE, CIRCLE -> {
                byte[] b = org.tusk.utils.adt.geo.GeoBinary.fixedToDisk(value);
                MemorySegment.copy(b, 0, seg, JAVA_BYTE, off, b.length);
            }
            case NAME -> {
                byte[] b = nameBytes((String) value);
                MemorySegment.copy(b, 0, seg, JAVA_BYTE, off, b.length);
                seg.asSlice(off + b.length, NAMEDATALEN - b.length).fill((byte) 0);
            }
            default -> throw new IllegalStateException(this + " is not a fixed-length type");
        }
    }

    Object fetchFixed(MemorySegment seg, long off) {
        return switch (this) {
            case BOOL -> seg.get(JAVA_BYTE, off) != 0;
            case CHAR -> charString(seg.get(JAVA_BYTE, off));
            case INT2 -> seg.get(JAVA_SHORT, off);
            case INT4, OID, XID, REGPROC, REGCLASS, REGTYPE, REGCONFIG, REGDICTIONARY -> seg.get(JAVA_INT, off);
            case INT8 -> seg.get(JAVA_LONG, off);
            case ENUM -> new org.tusk.utils.adt.EnumValue(seg.get(JAVA_INT, off));
            case FLOAT4 -> seg.get(JAVA_FLOAT, off);
            case FLOAT8 -> seg.get(JAVA_DOUBLE, off);
            case DATE -> org.tusk.utils.adt.DateTimes.dateFromDatum(seg.get(JAVA_INT, off));
            case TIME -> LocalTime.ofNanoOfDay(seg.get(JAVA_LONG, off) * 1000);
            case TIMESTAMP -> org.tusk.utils.adt.DateTimes.timestampFromDatum(seg.get(JAVA_LONG, off));
            case TIMESTAMPTZ -> org.tusk.utils.adt.DateTimes.timestamptzFromDatum(seg.get(JAVA_LONG, off));
            case INTERVAL -> new Interval(seg.get(JAVA_INT, off + 12), seg.get(JAVA_INT, off + 8), seg.get(JAVA_LONG, off));
            case UUID -> new java.util.UUID(seg.get(JAVA_LONG_BE, off), seg.get(JAVA_LONG_BE, off + 8));
            case TIMETZ -> new org.tusk.utils.adt.TimeTz(seg.get(JAVA_LONG, off), seg.get(JAVA_INT, off + 8));
            case MONEY -> new org.tusk.utils.adt.Cash(seg.get(JAVA_LONG, off));
            case POINT, LSEG, BOX, LINE, CIRCLE -> org.tusk.utils.adt.geo.GeoBinary.fixedFromDisk(oid,
                    seg.asSlice(off, typlen).toArray(JAVA_BYTE));
            case NAME -> {
                int len = 0;
                while (len < NAMEDATALEN && seg.get(JAVA_BYTE, off + len) != 0) len++;
                byte[] b = new byte[len];
                MemorySegment.copy(seg, JAVA_BYTE, off, b, 0, len);
                yield new String(b, StandardCharsets.UTF_8);
            }
            default -> throw new IllegalStateException(this + " is not a fixed-length type");
        };
    }

    private static final java.lang.foreign.ValueLayout.OfLong JAVA_LONG_BE =
            JAVA_LONG.withOrder(java.nio.ByteOrder.BIG_ENDIAN).withByteAlignment(1);

    /** charin: the first byte of the string, or 0 for an empty one. */
    private static byte charByte(String s) {
        if (s.isEmpty()) return 0;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b[0];
    }

    /** charout: the byte as a one-character string, "" for 0, a \ooo escape for a byte with the high bit set. */
    private static String charString(byte b) {
        if (b == 0) return "";
        if (b > 0) return String.valueOf((char) b);
        int u = Byte.toUnsignedInt(b);
        return "\\" + ((u >> 6) & 7) + ((u >> 3) & 7) + (u & 7);
    }

    private static byte[] nameBytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length >= NAMEDATALEN) {
            throw new IllegalArgumentException("name \"" + s + "\" is longer than " + (NAMEDATALEN - 1) + " bytes");
        }
        return b;
    }
}
