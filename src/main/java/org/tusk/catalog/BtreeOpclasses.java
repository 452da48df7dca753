package org.tusk.catalog;

import java.util.Map;

/**
 * The default B-tree operator class of each storable type (pg_opclass.dat, opcdefault for
 * btree), which index_create records in pg_index.indclass (GetDefaultOpClass). Only some of
 * PostgreSQL's opclasses have fixed OIDs (int4_ops 1978, text_ops 3126, ...); genbki assigns the
 * others during initdb, and Tusk has no pg_opclass table to assign them in, so for those types
 * indclass holds 0 (InvalidOid) while the type still counts as indexable. varchar has no opclass
 * of its own: it is binary-coercible to text and uses text_ops, as in PostgreSQL.
 */
public final class BtreeOpclasses {
    private BtreeOpclasses() {}

    /** Marks a type whose default opclass exists but has no fixed OID. */
    private static final int UNFIXED = 0;

    private static final Map<Integer, Integer> DEFAULTS = Map.ofEntries(
            Map.entry(16, UNFIXED),     // bool_ops
            Map.entry(1042, UNFIXED),   // bpchar_ops
            Map.entry(17, UNFIXED),     // bytea_ops
            Map.entry(18, UNFIXED),     // char_ops
            Map.entry(1082, 3122),      // date_ops (DATE_BTREE_OPS_OID)
            Map.entry(700, UNFIXED),    // float4_ops
            Map.entry(701, 3123),       // float8_ops (FLOAT8_BTREE_OPS_OID)
            Map.entry(21, 1979),        // int2_ops (INT2_BTREE_OPS_OID)
            Map.entry(23, 1978),        // int4_ops (INT4_BTREE_OPS_OID)
            Map.entry(20, 3124),        // int8_ops (INT8_BTREE_OPS_OID)
            Map.entry(1186, UNFIXED),   // interval_ops
            Map.entry(869, UNFIXED),    // inet_ops
            Map.entry(19, UNFIXED),     // name_ops
            Map.entry(1700, 3125),      // numeric_ops (NUMERIC_BTREE_OPS_OID)
            Map.entry(26, 1981),        // oid_ops (OID_BTREE_OPS_OID)
            Map.entry(30, UNFIXED),     // oidvector_ops
            Map.entry(25, 3126),        // text_ops (TEXT_BTREE_OPS_OID)
            Map.entry(1043, 3126),      // text_ops, for varchar
            Map.entry(1083, UNFIXED),   // time_ops
            Map.entry(1184, 3127),      // timestamptz_ops (TIMESTAMPTZ_BTREE_OPS_OID)
            Map.entry(1114, 3128),      // timestamp_ops (TIMESTAMP_BTREE_OPS_OID)
            Map.entry(2950, UNFIXED),   // uuid_ops
            Map.entry(3802, UNFIXED),   // jsonb_ops
            Map.entry(3220, UNFIXED),   // pg_lsn_ops
            Map.entry(1560, UNFIXED),   // bit_ops
            Map.entry(1562, UNFIXED),   // varbit_ops
            Map.entry(1266, UNFIXED),   // timetz_ops
            Map.entry(790, UNFIXED),    // money_ops
            Map.entry(3614, UNFIXED),   // tsvector_ops
            Map.entry(3615, UNFIXED));  // tsquery_ops

    /** Whether the type has a default B-tree operator class. */
    public static boolean hasDefault(int typeOid) {
        // array_ops (on anyarray) serves every array type, range_ops (on anyrange) every range type
        return DEFAULTS.containsKey(typeOid) || ArrayTypes.isArray(typeOid) && typeOid != 22 && typeOid != 30
                || org.tusk.utils.adt.RangeTypes.isRange(typeOid) || isRecordOpsType(typeOid);
    }

    /** RECORD_BTREE_OPS: record_ops (btrecordcmp), the default class of record and, binary-coercibly, of every composite type. */
    public static final int RECORD_OPS = 10034;

    /**
     * Whether record_ops is the type's default class (GetDefaultOpClass through IsBinaryCoercible:
     * a composite type is binary-coercible to record).
     */
    public static boolean isRecordOpsType(int typeOid) {
        return typeOid == TypeOids.RECORD || TypeCache.lookupComposite(typeOid) != null;
    }

    /** The default opclass's OID for pg_index.indclass: its fixed OID, or 0 if PostgreSQL assigns it at initdb. */
    public static int defaultFor(int typeOid) {
        Integer fixed = DEFAULTS.get(typeOid);
        if (fixed != null) return fixed;
        return isRecordOpsType(typeOid) ? RECORD_OPS : 0;
    }

    /** TEXT_BTREE_PATTERN_OPS_OID, VARCHAR_BTREE_PATTERN_OPS_OID, BPCHAR_BTREE_PATTERN_OPS_OID (pg_opclass.dat). */
    public static final int TEXT_PATTERN_OPS = 4217, VARCHAR_PATTERN_OPS = 4218, BPCHAR_PATTERN_OPS = 4219;

    /**
     * A B-tree operator class Tusk has, by name: its OID (0 where PostgreSQL assigns it at
     * initdb) and input type (opcintype). The pattern classes compare strings byte by byte
     * (the ~<~ operators), which is how Tusk compares text under every collation, so their
     * ordering is text_ops' ordering.
     */
    public record Opclass(String name, int oid, int inputType, boolean isDefault) {}

    private static final Map<String, Integer> NAMED_DEFAULTS = Map.ofEntries(
            Map.entry("bool_ops", 16), Map.entry("bpchar_ops", 1042), Map.entry("bytea_ops", 17), Map.entry("char_ops", 18),
            Map.entry("date_ops", 1082), Map.entry("float4_ops", 700), Map.entry("float8_ops", 701),
            Map.entry("int2_ops", 21), Map.entry("int4_ops", 23), Map.entry("int8_ops", 20), Map.entry("interval_ops", 1186),
            Map.entry("inet_ops", 869), Map.entry("name_ops", 19), Map.entry("numeric_ops", 1700), Map.entry("oid_ops", 26),
            Map.entry("oidvector_ops", 30), Map.entry("text_ops", 25), Map.entry("time_ops", 1083),
            Map.entry("timestamptz_ops", 1184), Map.entry("timestamp_ops", 1114), Map.entry("uuid_ops", 2950),
            Map.entry("jsonb_ops", 3802), Map.entry("pg_lsn_ops", 3220),
            Map.entry("bit_ops", 1560), Map.entry("varbit_ops", 1562), Map.entry("timetz_ops", 1266),
            Map.entry("money_ops", 790),
            Map.entry("tsvector_ops", 3614), Map.entry("tsquery_ops", 3615),
            Map.entry("range_ops", org.tusk.utils.adt.RangeTypes.ANYRANGE));

    /** The operator class named {@code name}, or null if Tusk has none of that name. */
    public static Opclass byName(String name) {
        return switch (name) {
            case "text_pattern_ops" -> new Opclass(name, TEXT_PATTERN_OPS, 25, false);
            case "varchar_pattern_ops" -> new Opclass(name, VARCHAR_PATTERN_OPS, 25, false);
            case "bpchar_pattern_ops" -> new Opclass(name, BPCHAR_PATTERN_OPS, 1042, false);
            default -> {
                Integer type = NAMED_DEFAULTS.get(name);
                yield type == null ? null : new Opclass(name, defaultFor(type), type, true);
            }
        };
    }

    /** The name of a non-default operator class OID (for pg_get_indexdef), or null. */
    public static String nonDefaultName(int opclassOid) {
        return switch (opclassOid) {
            case TEXT_PATTERN_OPS -> "text_pattern_ops";
            case VARCHAR_PATTERN_OPS -> "varchar_pattern_ops";
            case BPCHAR_PATTERN_OPS -> "bpchar_pattern_ops";
            default -> null;
        };
    }

    /**
     * The OID pg_index.indclass records for operator class {@code oc} on a column of type
     * {@code columnType}: the class's fixed OID, or 0 for the column type's own default class
     * whose OID Tusk does not fix ({@link #defaultFor}); a class whose input type is another type
     * the column is binary-coercible to (bpchar_ops on text) is recorded by its pg_opclass OID,
     * since 0 would read back as the column type's default.
     */
    public static int indclassFor(Opclass oc, int columnType) {
        if (!oc.isDefault()) return oc.oid();
        int own = columnType == 1043 ? 25 : columnType;
        if (oc.inputType() == own) return defaultFor(columnType);
        for (OperatorClassCatalogs.Opclass c : OperatorClassCatalogs.CLASSES)
            if (c.name().equals(oc.name())) return c.oid();
        return defaultFor(columnType);
    }

    /**
     * IsBinaryCoercible for an operator class's input type (ResolveOpClass): the column's own
     * type, or one pg_cast converts it to without a function (castmethod 'b'): varchar to text,
     * text and varchar to bpchar.
     */
    public static boolean accepts(int inputType, int columnType) {
        if (inputType == columnType) return true;
        if (inputType == 25) return columnType == 1043;
        if (inputType == 1042) return columnType == 25 || columnType == 1043;
        return false;
    }

    /** The name of built-in class {@code opclassOid}, or null. */
    public static String className(int opclassOid) {
        for (OperatorClassCatalogs.Opclass c : OperatorClassCatalogs.CLASSES) if (c.oid() == opclassOid) return c.name();
        return null;
    }

    /** pg_opclass.opcintype by class OID, for the classes Tusk lists (built once). */
    private static final java.util.Map<Integer, Integer> INPUT_TYPES = inputTypes();

    private static java.util.Map<Integer, Integer> inputTypes() {
        java.util.Map<Integer, Integer> m = new java.util.HashMap<>();
        for (OperatorClassCatalogs.Opclass c : OperatorClassCatalogs.CLASSES) m.putIfAbsent(c.oid(), c.inputType());
        return java.util.Map.copyOf(m);
    }

    /**
     * IsBinaryCoercible(columnType, inputType) for a partition key's class (ResolveOpClass): the
     * same type, or an implicit cast without a function (pg_cast castmethod 'b', castcontext
     * 'i': int4 to oid, varchar to text, text to bpchar, ...).
     */
    public static boolean binaryCoercible(int columnType, int inputType) {
        if (columnType == inputType) return true;
        PgCast c = BuiltinCatalog.cast(columnType, inputType);
        return c != null && c.binaryCoercible() && c.context() == 'i';
    }

    /**
     * The type whose comparison a partition key column of type {@code columnType} (a base type)
     * is ordered by under class {@code opclassOid} (partsupfunc, from the class's family): the
     * class's input type when that is another type the column is binary-coercible to, else 0
     * (the column's own type; varchar compares as text either way).
     */
    public static int partitionComparisonType(int opclassOid, int columnType) {
        if (opclassOid == 0) return 0;
        Integer input = INPUT_TYPES.get(opclassOid);
        if (input == null || input == columnType || input == 25 && columnType == 1043) return 0;
        return binaryCoercible(columnType, input) ? input : 0;
    }

    /**
     * The type whose comparison function orders index column values of type {@code columnType}
     * under operator class {@code opclassOid} (the family's BTORDER_PROC, which PostgreSQL takes
     * from the opfamily, not from the column's type): the class's input type when it is another
     * type the column was binary-coerced to (bpcharcmp for text under bpchar_ops), else 0, the
     * column's own type's comparison (varchar is compared as text either way).
     */
    public static int coercedInputType(int opclassOid, int columnType) {
        if (opclassOid == 0) return 0;
        for (OperatorClassCatalogs.Opclass c : OperatorClassCatalogs.CLASSES) {
            if (c.oid() != opclassOid) continue;
            int input = c.inputType();
            if (input == columnType || input == 25 && columnType == 1043) return 0;
            return accepts(input, columnType) ? input : 0;
        }
        return 0;
    }

    /**
     * get_opclass_name for an index key of type {@code keyType}: the class's name unless it is
     * the type's default (GetDefaultOpClass), so a pattern class, or a class of another type the
     * key is binary-coercible to (bpchar_ops on text); null when the default.
     */
    public static String nonDefaultName(int opclassOid, int keyType) {
        GinOpclassCatalog.Opclass gin = GinOpclassCatalog.byOid(opclassOid);
        if (gin != null) return gin.isDefault() ? null : gin.name();   // a GIN index's class (jsonb_path_ops)
        String pattern = nonDefaultName(opclassOid);
        if (pattern != null || coercedInputType(opclassOid, keyType) == 0) return pattern;
        for (OperatorClassCatalogs.Opclass c : OperatorClassCatalogs.CLASSES) if (c.oid() == opclassOid) return c.name();
        return null;
    }

    /** An operator class's family and input type (pg_opclass.opcfamily, opcintype). */
    public record FamilyAndInput(int family, int inputType) {}

    /**
     * The family and input type of operator class {@code opclassOid} (as pg_index.indclass holds
     * it), or, for 0, of the default class of {@code columnType} (whose OID Tusk may not record);
     * varchar's default is text_ops and an array type's array_ops. A type with no class Tusk
     * lists gets family 0 and itself as input type.
     */
    public static FamilyAndInput familyOf(int opclassOid, int columnType) {
        if (opclassOid != 0) {
            for (OperatorClassCatalogs.Opclass c : OperatorClassCatalogs.CLASSES)
                if (c.oid() == opclassOid) return new FamilyAndInput(c.family(), c.inputType());
        }
        int type = columnType == 1043 ? 25 : ArrayTypes.isArray(columnType) ? 2277 : columnType;
        for (OperatorClassCatalogs.Opclass c : OperatorClassCatalogs.CLASSES)
            if (c.isDefault() && c.inputType() == type) return new FamilyAndInput(c.family(), c.inputType());
        return new FamilyAndInput(0, type);
    }
}
