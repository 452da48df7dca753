package org.tusk.catalog;

import java.util.List;

/**
 * The hash operator classes Tusk has (pg_opclass.dat's hash entries, with the OIDs a PostgreSQL 15
 * initdb gives them) and their families' pg_amop rows (pg_amop.dat: one equality operator per
 * pair of types, strategy 1, HTEqualStrategyNumber). ResolveOpClass and GetDefaultOpClass for
 * access method hash read them here; the catalog rows are made from them
 * ({@link OperatorClassCatalogs}). Each family's hash support function (pg_amproc's procnum 1:
 * hashint4, hashtext, ...) is {@code access.hash.HashSupport}'s; the cross-type members of a
 * family (int2/int4/int8, float4/float8, text/name) hash equal values alike, as PostgreSQL's
 * hash functions are written to; enum_ops takes every enum type. Not yet: numeric_ops
 * (hash_numeric), the network, macaddr, array, record, range, multirange, jsonb, xid, cid, tid,
 * aclitem and pg_lsn classes.
 */
public final class HashOpclassCatalog {
    private HashOpclassCatalog() {}

    /** ANYENUMOID: enum_ops' input type, which every enum type is taken as. */
    static final int ANYENUM = 3500;

    static final List<OperatorClassCatalogs.Opclass> CLASSES = List.of(
            new OperatorClassCatalogs.Opclass(10005, "bpchar_ops", 427, "bpchar_ops", 1042, true, 0),
            new OperatorClassCatalogs.Opclass(10008, "char_ops", 431, "char_ops", 18, true, 0),
            new OperatorClassCatalogs.Opclass(10011, "date_ops", 435, "date_ops", 1082, true, 0),
            new OperatorClassCatalogs.Opclass(10013, "float4_ops", 1971, "float_ops", 700, true, 0),
            new OperatorClassCatalogs.Opclass(10014, "float8_ops", 1971, "float_ops", 701, true, 0),
            new OperatorClassCatalogs.Opclass(10019, "int2_ops", 1977, "integer_ops", 21, true, 0),
            new OperatorClassCatalogs.Opclass(10020, "int4_ops", 1977, "integer_ops", 23, true, 0),
            new OperatorClassCatalogs.Opclass(10021, "int8_ops", 1977, "integer_ops", 20, true, 0),
            new OperatorClassCatalogs.Opclass(10023, "interval_ops", 1983, "interval_ops", 1186, true, 0),
            new OperatorClassCatalogs.Opclass(10029, "name_ops", 1995, "text_ops", 19, true, 0),
            new OperatorClassCatalogs.Opclass(10031, "oid_ops", 1990, "oid_ops", 26, true, 0),
            new OperatorClassCatalogs.Opclass(10037, "text_ops", 1995, "text_ops", 25, true, 0),
            new OperatorClassCatalogs.Opclass(10039, "time_ops", 1997, "time_ops", 1083, true, 0),
            new OperatorClassCatalogs.Opclass(10040, "timestamptz_ops", 1999, "timestamptz_ops", 1184, true, 0),
            new OperatorClassCatalogs.Opclass(10045, "varchar_ops", 1995, "text_ops", 25, false, 0),
            new OperatorClassCatalogs.Opclass(10046, "timestamp_ops", 2040, "timestamp_ops", 1114, true, 0),
            new OperatorClassCatalogs.Opclass(10048, "bool_ops", 2222, "bool_ops", 16, true, 0),
            new OperatorClassCatalogs.Opclass(10049, "bytea_ops", 2223, "bytea_ops", 17, true, 0),
            new OperatorClassCatalogs.Opclass(10056, "text_pattern_ops", 2229, "text_pattern_ops", 25, false, 0),
            new OperatorClassCatalogs.Opclass(10057, "varchar_pattern_ops", 2229, "text_pattern_ops", 25, false, 0),
            new OperatorClassCatalogs.Opclass(10058, "bpchar_pattern_ops", 2231, "bpchar_pattern_ops", 1042, false, 0),
            new OperatorClassCatalogs.Opclass(10066, "uuid_ops", 2969, "uuid_ops", 2950, true, 0),
            new OperatorClassCatalogs.Opclass(10070, "enum_ops", 3523, "enum_ops", ANYENUM, true, 0));

    /** One pg_amop row of a hash family: the {@code =} operator on (left, right), strategy 1. */
    public record Member(long oid, int family, int left, int right) {}

    /** pg_amop.dat's hash rows of these families (oid, family, left type, right type), as PostgreSQL 15 numbers them. */
    private static final List<Member> MEMBERS = List.of(
            new Member(10255, 427, 1042, 1042), new Member(10256, 431, 18, 18), new Member(10257, 435, 1082, 1082),
            new Member(10258, 1971, 700, 700), new Member(10259, 1971, 701, 701), new Member(10260, 1971, 700, 701),
            new Member(10261, 1971, 701, 700), new Member(10263, 1977, 21, 21), new Member(10264, 1977, 23, 23),
            new Member(10265, 1977, 20, 20), new Member(10266, 1977, 21, 23), new Member(10267, 1977, 21, 20),
            new Member(10268, 1977, 23, 21), new Member(10269, 1977, 23, 20), new Member(10270, 1977, 20, 21),
            new Member(10271, 1977, 20, 23), new Member(10272, 1983, 1186, 1186), new Member(10275, 1990, 26, 26),
            new Member(10278, 1995, 25, 25), new Member(10279, 1995, 19, 19), new Member(10280, 1995, 19, 25),
            new Member(10281, 1995, 25, 19), new Member(10282, 1997, 1083, 1083), new Member(10283, 1999, 1184, 1184),
            new Member(10285, 2040, 1114, 1114), new Member(10286, 2222, 16, 16), new Member(10287, 2223, 17, 17),
            new Member(10292, 2229, 25, 25), new Member(10293, 2231, 1042, 1042), new Member(10295, 2969, 2950, 2950),
            new Member(10358, 3523, ANYENUM, ANYENUM));

    /** Every member row, in OID order. */
    public static List<Member> members() {
        return MEMBERS;
    }

    /** IsBinaryCoercible for what a hash class takes: its own input type, or varchar for a class on text. */
    private static boolean accepts(OperatorClassCatalogs.Opclass c, int type) {
        return c.inputType() == type || c.inputType() == TypeOids.TEXT && type == TypeOids.VARCHAR
                || c.inputType() == ANYENUM && isEnum(type);
    }

    /** Whether {@code type} is an enum type (typcategory 'E'), which anyenum takes. */
    private static boolean isEnum(int type) {
        if (type == ANYENUM) return false;
        PgType t = BuiltinCatalog.type(type);
        return t != null && t.category() == 'E';
    }

    /** GetDefaultOpClass(type, HASH_AM_OID): the default class of the type itself, else one it is binary-coercible to; 0 for none. */
    public static int defaultFor(int type) {
        for (OperatorClassCatalogs.Opclass c : CLASSES) if (c.isDefault() && c.inputType() == type) return c.oid();
        for (OperatorClassCatalogs.Opclass c : CLASSES) if (c.isDefault() && accepts(c, type)) return c.oid();
        return 0;
    }

    /** The class named {@code name}, or null. */
    public static OperatorClassCatalogs.Opclass byName(String name) {
        for (OperatorClassCatalogs.Opclass c : CLASSES) if (c.name().equals(name)) return c;
        return null;
    }

    /** Whether class {@code opclass} takes a column of {@code type}. */
    public static boolean accepts(int opclass, int type) {
        for (OperatorClassCatalogs.Opclass c : CLASSES) if (c.oid() == opclass) return accepts(c, type);
        return false;
    }

    /** The family of class {@code opclass}, 0 if it is not a hash class Tusk has. */
    public static int familyOf(int opclass) {
        for (OperatorClassCatalogs.Opclass c : CLASSES) if (c.oid() == opclass) return c.family();
        return 0;
    }

    /** The name of class {@code opclass}, null if it is not a hash class Tusk has. */
    public static String name(int opclass) {
        for (OperatorClassCatalogs.Opclass c : CLASSES) if (c.oid() == opclass) return c.name();
        return null;
    }

    /** The class's input type (opcintype), 0 for a class Tusk does not have. */
    public static int inputType(int opclass) {
        for (OperatorClassCatalogs.Opclass c : CLASSES) if (c.oid() == opclass) return c.inputType();
        return 0;
    }

    /** op_in_opfamily for {@code =} on ({@code left}, {@code right}) in {@code family}. */
    public static boolean isMember(int family, int left, int right) {
        for (Member m : MEMBERS) if (m.family() == family && m.left() == left && m.right() == right) return true;
        return false;
    }
}
