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

    /**
     * An operator's signature. Not a concatenated string: the planner asks about every clause of
     * every query (equivalence classes, hash and merge joins), and building and hashing a string
     * per question was a few per cent of a simple query's CPU.
     */
    private record Key(String name, int left, int right) {
        @Override public int hashCode() { return (name.hashCode() * 31 + left) * 31 + right; }

        @Override public boolean equals(Object o) {
            return o instanceof Key k && left == k.left && right == k.right && name.equals(k.name);
        }
    }

    /**
     * Built on first use from the built-in pg_operator rows, which are constant data; never
     * replaced with other content, so it is not per-session state (two threads racing to build
     * it build equal maps).
     */
    private static volatile Map<Key, Flags> flags;

    private static Flags of(String name, int left, int right) {
        Map<Key, Flags> m = flags;
        if (m == null) {
            Map<Key, Flags> built = new HashMap<>();
            // operatorRows' layout: oid, oprname, oprnamespace, oprowner, oprkind, oprcanmerge, oprcanhash, oprleft, oprright, ...
            for (Object[] row : BuiltinObjectCatalogs.operatorRows())
                built.put(new Key((String) row[1], (int) (long) (Long) row[7], (int) (long) (Long) row[8]),
                        new Flags((Boolean) row[5], (Boolean) row[6]));
            flags = m = built;
        }
        return m.get(new Key(name, left, right));
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
