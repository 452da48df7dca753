package org.tusk.parser;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.PgOperator;
import org.tusk.catalog.TypeCache;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.SqlState;

/**
 * {@code ORDER BY expr USING op} (parse_clause.c addTargetToSortList, SORTBY_USING): the
 * operator, looked up for the sort key's type on both sides (compatible_oper_opid), must be
 * the "less than" or "greater than" member of a B-tree operator family
 * (get_equality_op_for_ordering_op); which of the two decides whether the key sorts ascending
 * or descending, and NULLS FIRST is the default exactly when it sorts descending.
 *
 * <p>Tusk's B-tree families are the default ones of each sortable type, whose ordering
 * operators are {@code <} and {@code >}, and text_pattern_ops, whose are {@code ~<~} and
 * {@code ~>~}.
 */
final class SortUsing {
    private SortUsing() {}

    /** The direction an operator sorts in, and the operator to print back (null for the type's default ones). */
    record Direction(boolean desc, String printedOp) {}

    static Direction resolve(Analyzer a, Stmt.SortBy sb, int type) {
        String op = sb.useOp().get(sb.useOp().size() - 1);
        int base = TypeCache.baseType(type);
        int t = base == org.tusk.catalog.TypeOids.VARCHAR || base == org.tusk.catalog.TypeOids.BPCHAR
                ? org.tusk.catalog.TypeOids.TEXT : base;
        if (op.equals("<") || op.equals(">")) {
            a.checkSortablePublic(type, sb.location());
            return new Direction(op.equals(">"), null);
        }
        boolean exists = false;
        for (PgOperator o : BuiltinCatalog.operators(op)) exists |= o.left() == t && o.right() == t;
        if (!exists) {
            String tn = BuiltinCatalog.formatType(type);
            throw a.err(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + tn + " " + op + " " + tn, sb.useOpLocation())
                    .withHint("No operator matches the given name and argument types. You might need to add explicit type casts.");
        }
        if (op.equals("~<~") || op.equals("~>~")) return new Direction(op.equals("~>~"), op);
        throw a.err(SqlState.WRONG_OBJECT_TYPE, "operator " + op + " is not a valid ordering operator", sb.useOpLocation())
                .withHint("Ordering operators must be \"<\" or \">\" members of btree operator families.");
    }

    /** The key's direction: DESC/ASC as written, or as the USING operator sorts. */
    static Direction direction(Analyzer a, Stmt.SortBy sb, int type) {
        return sb.useOp() == null ? new Direction(sb.desc(), null) : resolve(a, sb, type);
    }

    static boolean desc(Analyzer a, Stmt.SortBy sb, int type) {
        return direction(a, sb, type).desc();
    }

    /** The key's NULLS FIRST: as written, else first exactly when it sorts descending. */
    static boolean nullsFirst(Stmt.SortBy sb, boolean desc) {
        return sb.nullsFirst() != null ? sb.nullsFirst() : desc;
    }
}
