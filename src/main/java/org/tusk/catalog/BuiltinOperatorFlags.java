package org.tusk.catalog;

import java.util.HashMap;
import java.util.Map;

/**
 * pg_operator.oprcanmerge and oprcanhash of the built-in operators (PostgreSQL 15's values), keyed
 * by (name, left, right) and read once per process from the built-in operator rows. Shared by
 * {@link OperatorMerging} and {@link OperatorHashing}, which add their own rules on top.
 */
final class BuiltinOperatorFlags {
    private BuiltinOperatorFlags() {}

    /** {canmerge, canhash} of one operator. */
    private record Flags(boolean canMerge, boolean canHash) {}

    private static volatile Map<String, Flags> flags;

    private static Flags of(String name, int left, int right) {
        Map<String, Flags> m = flags;
        if (m == null) {
            Map<String, Flags> built = new HashMap<>();
            // operatorRows' layout: oid, oprname, oprnamespace, oprowner, oprkind, oprcanmerge, oprcanhash, oprleft, oprright, ...
            for (Object[] row : BuiltinObjectCatalogs.operatorRows())
                built.put(Pg15CatalogData.key((String) row[1], (Long) row[7], (Long) row[8]),
                        new Flags((Boolean) row[5], (Boolean) row[6]));
            flags = m = Map.copyOf(built);
        }
        return m.get(Pg15CatalogData.key(name, left, right));
    }

    /** oprcanmerge of a built-in operator; false for any other. */
    static boolean canMerge(String name, int left, int right) {
        Flags f = of(name, left, right);
        return f != null && f.canMerge();
    }

    /** oprcanhash of a built-in operator; false for any other. */
    static boolean canHash(String name, int left, int right) {
        Flags f = of(name, left, right);
        return f != null && f.canHash();
    }

    /** A built-in operator (name, left, right) exists and has no oprcanhash. */
    static boolean existsWithoutHash(String name, int left, int right) {
        Flags f = of(name, left, right);
        return f != null && !f.canHash();
    }
}
