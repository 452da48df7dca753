package org.tusk.catalog;

import java.util.List;

/**
 * The built-in GIN operator classes (pg_opclass.dat, pg_opfamily.dat, pg_amop.dat, pg_amproc.dat
 * for gin), with PostgreSQL 15 initdb's OIDs: array_ops (anyarray, keys of the element type),
 * jsonb_ops (jsonb's default, text keys) and jsonb_path_ops (int4 hash keys). The operator class
 * implementations are {@code access.gin}'s; this is their catalog face, for CREATE INDEX's
 * operator class resolution, the planner's operator matching and the catalog rows.
 */
public final class GinOpclassCatalog {
    private GinOpclassCatalog() {}

    /** GIN_AM_OID (pg_am.dat) and its handler's pg_proc OID (ginhandler). */
    public static final int GIN_AM_OID = 2742, F_GINHANDLER = 333;
    private static final int ANYARRAY = 2277, JSONB = 3802, TEXT = 25, INT4 = 23, TEXT_ARRAY = 1009, JSONPATH = 4072;
    /** opckeytype anynonarray: the indexed array's element type. */
    private static final int ANYNONARRAY = 2776;

    /** One GIN operator class and its family. */
    public record Opclass(int oid, String name, int family, String familyName, int inputType, boolean isDefault, int keyType) {}

    /** One pg_amop row: operator {@code name}(left, right) is strategy {@code strategy} of {@code family}. */
    public record Amop(int oid, int family, int left, int right, int strategy, String name, int operatorOid) {}

    public static final List<Opclass> CLASSES = List.of(
            new Opclass(10064, "array_ops", 2745, "array_ops", ANYARRAY, true, ANYNONARRAY),
            new Opclass(10090, "jsonb_ops", 4036, "jsonb_ops", JSONB, true, TEXT),
            new Opclass(10091, "jsonb_path_ops", 4037, "jsonb_path_ops", JSONB, false, INT4));

    public static final List<Amop> AMOPS = List.of(
            new Amop(10349, 2745, ANYARRAY, ANYARRAY, 1, "&&", 2750),
            new Amop(10350, 2745, ANYARRAY, ANYARRAY, 2, "@>", 2751),
            new Amop(10351, 2745, ANYARRAY, ANYARRAY, 3, "<@", 2752),
            new Amop(10352, 2745, ANYARRAY, ANYARRAY, 4, "=", 1070),
            new Amop(10456, 4036, JSONB, JSONB, 7, "@>", 3246),
            new Amop(10457, 4036, JSONB, TEXT, 9, "?", 3247),
            new Amop(10458, 4036, JSONB, TEXT_ARRAY, 10, "?|", 3248),
            new Amop(10459, 4036, JSONB, TEXT_ARRAY, 11, "?&", 3249),
            new Amop(10460, 4036, JSONB, JSONPATH, 15, "@?", 4012),
            new Amop(10461, 4036, JSONB, JSONPATH, 16, "@@", 4013),
            new Amop(10462, 4037, JSONB, JSONB, 7, "@>", 3246),
            new Amop(10463, 4037, JSONB, JSONPATH, 15, "@?", 4012),
            new Amop(10464, 4037, JSONB, JSONPATH, 16, "@@", 4013));

    /** The class named {@code name} (with no schema: all are in pg_catalog), or null. */
    public static Opclass byName(String name) {
        for (Opclass c : CLASSES) if (c.name().equals(name)) return c;
        return null;
    }

    public static Opclass byOid(int oid) {
        for (Opclass c : CLASSES) if (c.oid() == oid) return c;
        return null;
    }

    /** GetDefaultOpClass(type, GIN_AM_OID): array_ops for an array type, jsonb_ops for jsonb, else null. */
    public static Opclass defaultFor(int typeOid) {
        if (typeOid == JSONB) return CLASSES.get(1);
        if (ArrayTypes.isArray(typeOid) && ArrayTypes.elementOf(typeOid) != 0) return CLASSES.get(0);
        return null;
    }

    /** Whether the class takes a column of {@code typeOid} (anyarray: any array type). */
    public static boolean accepts(Opclass c, int typeOid) {
        return c.inputType() == ANYARRAY ? ArrayTypes.isArray(typeOid) : c.inputType() == typeOid;
    }

    /** The type of the keys the index stores for a column of {@code columnType} (the index attribute's type). */
    public static int keyType(Opclass c, int columnType) {
        return c.keyType() == ANYNONARRAY ? ArrayTypes.elementOf(columnType) : c.keyType();
    }

    /**
     * The strategy number of operator {@code name}({@code left}, {@code right}) in class
     * {@code opclassOid}'s family, or 0 if the family does not have it. anyarray matches every
     * array type, as the polymorphic operator does.
     */
    public static int strategyOf(int opclassOid, String name, int left, int right) {
        Opclass c = byOid(opclassOid);
        if (c == null) return 0;
        for (Amop a : AMOPS) {
            if (a.family() != c.family() || !a.name().equals(name)) continue;
            if (typeMatches(a.left(), left) && typeMatches(a.right(), right)) return a.strategy();
        }
        return 0;
    }

    private static boolean typeMatches(int declared, int actual) {
        return declared == actual || declared == ANYARRAY && (actual == ANYARRAY || ArrayTypes.isArray(actual));
    }

    /** pg_opfamily rows of the GIN families. */
    static List<Object[]> familyRows(long nsp, long owner) {
        return CLASSES.stream().map(c -> new Object[] {(long) c.family(), (long) GIN_AM_OID, c.familyName(), nsp, owner})
                .toList();
    }

    /** pg_opclass rows. */
    static List<Object[]> classRows(long nsp, long owner) {
        return CLASSES.stream().map(c -> new Object[] {(long) c.oid(), (long) GIN_AM_OID, c.name(), nsp, owner, (long) c.family(),
                (long) c.inputType(), c.isDefault(), (long) c.keyType()}).toList();
    }

    /** pg_amop rows (amoppurpose 's', search). */
    static List<Object[]> amopRows() {
        return AMOPS.stream().map(a -> new Object[] {(long) a.oid(), (long) a.family(), (long) a.left(), (long) a.right(),
                (short) a.strategy(), "s", (long) a.operatorOid(), (long) GIN_AM_OID, 0L}).toList();
    }
}
