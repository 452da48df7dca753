package org.tusk.catalog;


/**
 * Whether an operator is mergejoinable: pg_operator.oprcanmerge of the built-in operators
 * (PostgreSQL 15's values), what op_mergejoinable answers for them. Such an equality is a
 * btree family's, hence transitive, which is what the planner's equivalence classes rely on.
 * Operators created by CREATE OPERATOR are treated as not mergejoinable: Tusk keeps no btree
 * operator families for them.
 */
public final class OperatorMerging {
    private OperatorMerging() {}

    /** pg_operator.oprcanmerge of built-in operator (name, left, right); false for any other. */
    public static boolean oprcanmerge(String name, int left, int right) {
        return BuiltinOperatorFlags.canMerge(name, left, right);
    }
}
