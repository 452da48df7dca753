package org.tusk.catalog;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether an operator is mergejoinable: pg_operator.oprcanmerge of the built-in operators
 * (PostgreSQL 15's values), what op_mergejoinable answers for them. Such an equality is a
 * btree family's, hence transitive, which is what the planner's equivalence classes rely on.
 * Operators created by CREATE OPERATOR are treated as not mergejoinable: Tusk keeps no btree
 * operator families for them.
 */
public final class OperatorMerging {
    private OperatorMerging() {}

    private static volatile Map<String, Boolean> canMerge;

    /** pg_operator.oprcanmerge of built-in operator (name, left, right); false for any other. */
    public static boolean oprcanmerge(String name, int left, int right) {
        Map<String, Boolean> m = canMerge;
        if (m == null) {
            Map<String, Boolean> built = new HashMap<>();
            // operatorRows' layout: oid, oprname, oprnamespace, oprowner, oprkind, oprcanmerge, oprcanhash, oprleft, oprright, ...
            for (Object[] row : BuiltinObjectCatalogs.operatorRows())
                built.put(Pg15CatalogData.key((String) row[1], (Long) row[7], (Long) row[8]), (Boolean) row[5]);
            canMerge = m = Map.copyOf(built);
        }
        return m.getOrDefault(Pg15CatalogData.key(name, left, right), false);
    }
}
