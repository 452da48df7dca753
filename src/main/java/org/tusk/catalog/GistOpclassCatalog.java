package org.tusk.catalog;

import java.util.List;

/**
 * The GiST operator classes Tusk has (pg_opclass.dat's gist entries, with the OIDs a PostgreSQL 15
 * initdb gives them): box_ops, point_ops, poly_ops and circle_ops, whose keys are boxes
 * (opckeytype box for the last three), and range_ops for every range type. ResolveOpClass and
 * GetDefaultOpClass for access method gist read them here; the pg_opclass, pg_opfamily and
 * pg_amop rows are made from them ({@link OperatorClassCatalogs}).
 */
public final class GistOpclassCatalog {
    private GistOpclassCatalog() {}

    /** ANYRANGEOID: range_ops' input type, which every range type is taken as. */
    static final int ANYRANGE = 3831;

    static final List<OperatorClassCatalogs.Opclass> CLASSES = List.of(
            new OperatorClassCatalogs.Opclass(10060, "box_ops", 2593, "box_ops", 603, true, 0),
            new OperatorClassCatalogs.Opclass(10061, "point_ops", 1029, "point_ops", 600, true, 603),
            new OperatorClassCatalogs.Opclass(10062, "poly_ops", 2594, "poly_ops", 604, true, 603),
            new OperatorClassCatalogs.Opclass(10063, "circle_ops", 2595, "circle_ops", 718, true, 603),
            new OperatorClassCatalogs.Opclass(10078, "range_ops", 3919, "range_ops", ANYRANGE, true, 0));

    /** Whether the class's input type takes a column of {@code type} (anyrange takes every range type). */
    private static boolean accepts(OperatorClassCatalogs.Opclass c, int type) {
        return c.inputType() == type || c.inputType() == ANYRANGE && org.tusk.utils.adt.RangeTypes.isRange(type);
    }

    /** GetDefaultOpClass(type, GIST_AM_OID), 0 when the type has none. */
    public static int defaultFor(int type) {
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

    /** ConstructTupleDescriptor's key type: the class's opckeytype, else the column's type. */
    public static int keyType(int opclass, int columnType) {
        for (OperatorClassCatalogs.Opclass c : CLASSES) if (c.oid() == opclass && c.keyType() != 0) return c.keyType();
        return columnType;
    }

    /** The family of class {@code opclass}, 0 if it is not a GiST class Tusk has. */
    public static int familyOf(int opclass) {
        for (OperatorClassCatalogs.Opclass c : CLASSES) if (c.oid() == opclass) return c.family();
        return 0;
    }

    /**
     * pg_amop.dat's rows of these families (oid, family, left type, right type, strategy,
     * purpose 's' search or 'o' ordering, operator name, sort family), as PostgreSQL 15 has them.
     * (The anymultirange members of range_ops are left out: Tusk has no multiranges.)
     */
    private static final List<String> AMOP = List.of(
            "10299 2593 603 603 1 s << 0",
            "10300 2593 603 603 2 s &< 0",
            "10301 2593 603 603 3 s && 0",
            "10302 2593 603 603 4 s &> 0",
            "10303 2593 603 603 5 s >> 0",
            "10304 2593 603 603 6 s ~= 0",
            "10305 2593 603 603 7 s @> 0",
            "10306 2593 603 603 8 s <@ 0",
            "10307 2593 603 603 9 s &<| 0",
            "10308 2593 603 603 10 s <<| 0",
            "10309 2593 603 603 11 s |>> 0",
            "10310 2593 603 603 12 s |&> 0",
            "10311 2593 603 600 15 o <-> 1970",
            "10312 1029 600 600 11 s |>> 0",
            "10313 1029 600 600 30 s >^ 0",
            "10314 1029 600 600 1 s << 0",
            "10315 1029 600 600 5 s >> 0",
            "10316 1029 600 600 10 s <<| 0",
            "10317 1029 600 600 29 s <^ 0",
            "10318 1029 600 600 6 s ~= 0",
            "10319 1029 600 600 15 o <-> 1970",
            "10320 1029 600 603 28 s <@ 0",
            "10321 1029 600 604 48 s <@ 0",
            "10322 1029 600 718 68 s <@ 0",
            "10323 2594 604 604 1 s << 0",
            "10324 2594 604 604 2 s &< 0",
            "10325 2594 604 604 3 s && 0",
            "10326 2594 604 604 4 s &> 0",
            "10327 2594 604 604 5 s >> 0",
            "10328 2594 604 604 6 s ~= 0",
            "10329 2594 604 604 7 s @> 0",
            "10330 2594 604 604 8 s <@ 0",
            "10331 2594 604 604 9 s &<| 0",
            "10332 2594 604 604 10 s <<| 0",
            "10333 2594 604 604 11 s |>> 0",
            "10334 2594 604 604 12 s |&> 0",
            "10335 2594 604 600 15 o <-> 1970",
            "10336 2595 718 718 1 s << 0",
            "10337 2595 718 718 2 s &< 0",
            "10338 2595 718 718 3 s && 0",
            "10339 2595 718 718 4 s &> 0",
            "10340 2595 718 718 5 s >> 0",
            "10341 2595 718 718 6 s ~= 0",
            "10342 2595 718 718 7 s @> 0",
            "10343 2595 718 718 8 s <@ 0",
            "10344 2595 718 718 9 s &<| 0",
            "10345 2595 718 718 10 s <<| 0",
            "10346 2595 718 718 11 s |>> 0",
            "10347 2595 718 718 12 s |&> 0",
            "10348 2595 718 600 15 o <-> 1970",
            "10380 3919 3831 3831 1 s << 0",
            "10382 3919 3831 3831 2 s &< 0",
            "10384 3919 3831 3831 3 s && 0",
            "10386 3919 3831 3831 4 s &> 0",
            "10388 3919 3831 3831 5 s >> 0",
            "10390 3919 3831 3831 6 s -|- 0",
            "10392 3919 3831 3831 7 s @> 0",
            "10394 3919 3831 3831 8 s <@ 0",
            "10396 3919 3831 2283 16 s @> 0",
            "10397 3919 3831 3831 18 s = 0");

    /** One pg_amop row of a GiST family. */
    public record Member(long oid, int family, int left, int right, int strategy, char purpose, String operator, int sortFamily) {}

    private static final List<Member> MEMBERS = AMOP.stream().map(l -> {
        String[] f = l.split(" ");
        return new Member(Long.parseLong(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                Integer.parseInt(f[4]), f[5].charAt(0), f[6], Integer.parseInt(f[7]));
    }).toList();

    /** Every member row, in OID order. */
    public static List<Member> members() {
        return MEMBERS;
    }

    /**
     * The member of family {@code family} for operator {@code name} on ({@code left}, {@code right})
     * with purpose {@code purpose} (op_in_opfamily with get_op_opfamily_strategy), or null; a range
     * type matches anyrange and any type matches anyelement.
     */
    public static Member member(int family, String name, int left, int right, char purpose) {
        for (Member m : MEMBERS) {
            if (m.family() != family || m.purpose() != purpose || !m.operator().equals(name)) continue;
            if (typeMatches(m.left(), left) && typeMatches(m.right(), right)) return m;
        }
        return null;
    }

    private static boolean typeMatches(int declared, int actual) {
        if (declared == actual) return true;
        if (declared == ANYRANGE) return org.tusk.utils.adt.RangeTypes.isRange(actual);
        return declared == 2283;   // anyelement
    }

    /** The search member of family {@code family} whose operator is pg_operator {@code oprOid} (named {@code name}), or null. */
    public static Member memberByOperator(int family, String name, int oprOid) {
        for (Member m : MEMBERS) {
            if (m.family() == family && m.purpose() == 's' && m.operator().equals(name)
                    && BuiltinObjectCatalogs.operatorOid(name, m.left(), m.right()) == Integer.toUnsignedLong(oprOid)) return m;
        }
        return null;
    }

    /** The class's input type (opcintype), or {@code otherwise} for range_ops (anyrange) and unknown classes. */
    public static int inputType(int opclass, int otherwise) {
        for (OperatorClassCatalogs.Opclass c : CLASSES) if (c.oid() == opclass && c.inputType() != ANYRANGE) return c.inputType();
        return otherwise;
    }
}
