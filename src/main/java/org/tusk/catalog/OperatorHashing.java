package org.tusk.catalog;


/**
 * Whether an equality operator can be implemented by hashing: pg_operator.oprcanhash of the
 * built-in operators (PostgreSQL 15's values) and subselect.c's hash_ok_operator, which also
 * wants the operator strict and, for the polymorphic array and record equalities, an input type
 * whose values can be hashed (op_hashjoinable with the input type). Operators created by
 * CREATE OPERATOR are treated as not hashable, whatever HASHES said: Tusk keeps no hash
 * operator families for them; so is equality of a named composite type (PostgreSQL hashes it
 * when every column's type hashes).
 */
public final class OperatorHashing {
    private OperatorHashing() {}

    /** pg_operator.oprcanhash of built-in operator (name, left, right); false for any other. */
    public static boolean oprcanhash(String name, int left, int right) {
        return BuiltinOperatorFlags.canHash(name, left, right);
    }

    /**
     * Whether values of built-in type {@code type} are known not to hash: its own "=" operator
     * exists and has no oprcanhash (money, for one). Array, record, domain and user-defined
     * types are not judged here.
     */
    public static boolean knownNotHashable(int type) {
        if (type <= 0 || type >= CastDdl.FIRST_NORMAL_OBJECT_ID || ArrayTypes.elementOf(type) != 0 || type == TypeOids.RECORD)
            return false;
        return BuiltinOperatorFlags.existsWithoutHash("=", type, type);
    }

    /**
     * hash_ok_operator: a binary, strict operator with oprcanhash; array equality only over an
     * element type whose own equality hashes, record equality only over a named composite type
     * (an anonymous record's columns are unknown, so the type cache claims no hashing for it).
     */
    public static boolean hashOk(PgOperator op, int leftInputType) {
        if (op.left() == 0 || !op.strict()) return false;
        // array_eq and record_eq come bound to their input types (ParsePolymorphic.bind)
        boolean arrayEq = op.name().equals("=") && (op.left() == TypeOids.ANYARRAY || ArrayTypes.elementOf(op.left()) != 0);
        if (arrayEq) {
            int elem = ArrayTypes.elementOf(leftInputType);
            return oprcanhash("=", TypeOids.ANYARRAY, TypeOids.ANYARRAY) && elem != 0 && oprcanhash("=", elem, elem);
        }
        if (op.name().equals("=") && op.left() == TypeOids.RECORD)
            return oprcanhash("=", TypeOids.RECORD, TypeOids.RECORD) && leftInputType != TypeOids.RECORD;
        return oprcanhash(op.name(), op.left(), op.right());
    }
}
