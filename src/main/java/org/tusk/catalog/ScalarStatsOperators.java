package org.tusk.catalog;

import org.tusk.access.common.DatumType;

/**
 * The operators std_typanalyze finds for a column (get_sort_group_operators over the type's
 * default btree operator class): its equality and less-than operators, whose pg_operator OIDs
 * ANALYZE stores as staopN of the most-common-values and histogram/correlation slots, and the
 * collation it stores as stacollN. Only the built-in scalar types whose values Tusk orders with
 * {@link org.tusk.utils.adt.Comparisons} and can store in an anyarray are listed; any other
 * type gets no operators, so ANALYZE stores only its null fraction, width and distinct count.
 *
 * @param eqOpr pg_operator OID of the = of the default btree opclass
 * @param ltOpr pg_operator OID of its &lt;
 * @param collation the column's collation (the type's typcollation: default for text types, C for name)
 */
public record ScalarStatsOperators(int eqOpr, int ltOpr, int collation) {
    /** The operators for a column of {@code type}, or null when it gets no scalar statistics. */
    public static ScalarStatsOperators forType(DatumType type) {
        int opType = switch (type) {
            // varchar has no operators of its own: text_ops serves it (binary coercible)
            case VARCHAR -> TypeOids.TEXT;
            case BOOL, CHAR, INT2, INT4, INT8, FLOAT4, FLOAT8, OID, NAME, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL, UUID,
                 TEXT, BPCHAR, BYTEA, NUMERIC -> type.oid();
            default -> 0;
        };
        if (opType == 0) return null;
        long eq = BuiltinObjectCatalogs.operatorOid("=", opType, opType);
        long lt = BuiltinObjectCatalogs.operatorOid("<", opType, opType);
        if (eq == 0 || lt == 0) return null;
        int collation = switch (type) {
            case TEXT, VARCHAR, BPCHAR -> Collations.DEFAULT;
            case NAME -> Collations.C;
            default -> 0;
        };
        return new ScalarStatsOperators((int) eq, (int) lt, collation);
    }
}
