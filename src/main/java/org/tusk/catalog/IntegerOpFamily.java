package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.INT2;
import static org.tusk.catalog.TypeOids.INT4;
import static org.tusk.catalog.TypeOids.INT8;


/**
 * The btree integer_ops operator family (pg_opfamily 1976) as the planner needs it: int2, int4
 * and int8 compare with each other through the cross-type operators (int48eq, int84lt, ...),
 * which are members of the same family as the same-type ones. PostgreSQL's planner asks
 * op_in_opfamily / get_mergejoin_opfamilies / get_op_btree_interpretation; Tusk's planner knows
 * one family with cross-type members, so it asks this class. An operator of the family can be
 * an index condition on a column of either side's type (the btree scan compares with
 * btint48cmp and friends, which {@code BTOrdering} implements) and a merge or hash join key (the
 * executor's key comparison and hashing treat equal integers of any width as equal, as the
 * family's hash functions hashint4/hashint8 do).
 */
public final class IntegerOpFamily {
    private IntegerOpFamily() {}

    /** Whether {@code type} is one of integer_ops' input types. */
    public static boolean member(int type) {
        return type == INT2 || type == INT4 || type == INT8;
    }

    /**
     * Whether {@code op} compares two types of one btree family: the same type, or two
     * integer types (a cross-type member of integer_ops).
     */
    public static boolean oneFamily(PgOperator op) {
        return op.left() == op.right() || member(op.left()) && member(op.right());
    }

    /** Whether {@code op} is a cross-type member of integer_ops (int48eq, int24lt, ...). */
    public static boolean crossType(PgOperator op) {
        return op.left() != op.right() && member(op.left()) && member(op.right());
    }
}
