package org.tusk.optimizer;

import static org.tusk.catalog.TypeOids.BOOL;

import java.util.List;

import org.tusk.catalog.PgOperator;
import org.tusk.nodes.Expr;

/**
 * clauses.c's simplify_boolean_equality: {@code x = true} and {@code x <> false} are just
 * {@code x}, {@code x = false} and {@code x <> true} are {@code NOT x} (either side may be the
 * constant). A NULL constant is left alone, as the comparison is then NULL, not x. This is what
 * turns a CYCLE clause's {@code is_cycle <> true} into {@code NOT is_cycle}, and lets an index on
 * a boolean column match {@code WHERE b = true}.
 */
final class BooleanEquality {
    private BooleanEquality() {}

    /** The simpler form of {@code op(args)}, or null when it is not a boolean (in)equality with a constant side. */
    static Expr simplify(PgOperator op, List<Expr> args) {
        if (args.size() != 2 || op.left() != BOOL || op.right() != BOOL) return null;
        boolean eq = "=".equals(op.name());
        if (!eq && !"<>".equals(op.name())) return null;
        for (int i = 0; i < 2; i++) {
            if (!(args.get(i) instanceof Expr.Const c)) continue;
            if (c.value() == null) return null;
            Expr other = args.get(1 - i);
            // true = x and false <> x are x; false = x and true <> x are NOT x
            return (Boolean) c.value() == eq ? other : BoolFolding.negateClause(other);
        }
        return null;
    }
}
