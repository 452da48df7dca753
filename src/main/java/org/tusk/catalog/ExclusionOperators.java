package org.tusk.catalog;

/**
 * The operator facts an EXCLUDE constraint needs (pg_operator OIDs as pg_constraint.conexclop
 * stores them, and the B-tree operator families' names for messages), over Tusk's built-in
 * operator tables.
 */
public final class ExclusionOperators {
    private ExclusionOperators() {}

    /** pg_operator.oid of the built-in operator {@code name(left, right)}; 0 if it has none. */
    public static int oid(String name, int left, int right) {
        return (int) BuiltinObjectCatalogs.operatorOid(name, left, right);
    }

    /** The name of the built-in operator with pg_operator.oid {@code oid} (generate_operator_name), or null. */
    public static String name(int oid) {
        for (var e : BuiltinCatalog.allOperators().entrySet()) {
            for (PgOperator op : e.getValue()) {
                if (BuiltinObjectCatalogs.operatorOid(op.name(), op.left(), op.right()) == Integer.toUnsignedLong(oid)) return op.name();
            }
        }
        return null;
    }

    /** pg_opfamily.opfname of a B-tree family Tusk lists; null if none. */
    public static String familyName(int family) {
        for (OperatorClassCatalogs.Opclass c : OperatorClassCatalogs.CLASSES) if (c.family() == family) return c.familyName();
        return null;
    }
}
