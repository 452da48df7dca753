package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;

/**
 * The constant-input simplifications of clauses.c's eval_const_expressions that do not evaluate
 * anything: a strict function or operator with a NULL constant input is a NULL constant even
 * when its other inputs are not constants (evaluate_function), AND/OR drop their neutral
 * constants and collapse on a dominant one (simplify_and_arguments / simplify_or_arguments),
 * NOT is pushed into what it can negate exactly (negate_clause without operator negators),
 * and prepqual.c's find_duplicate_ors drops the FALSE and NULL arms of an OR in a qual, where
 * NULL and FALSE both reject the row.
 */
final class BoolFolding {
    private BoolFolding() {
    }

    /** Whether any argument is a NULL constant: a strict call on them is NULL. */
    static boolean hasNullInput(List<Expr> args) {
        for (Expr a : args) if (a instanceof Expr.Const c && c.value() == null) return true;
        return false;
    }

    static Expr nullConst(int type) {
        return new Expr.Const(type, -1, null, -1);
    }

    /** A BoolExpr whose arguments are already folded, simplified as eval_const_expressions does. */
    static Expr simplify(Expr.BoolExpr b) {
        if (b.op() == RawExpr.BoolOp.NOT) return negateClause(b.args().get(0));
        // AND: FALSE dominates, TRUE is neutral; OR: TRUE dominates, FALSE is neutral. A NULL
        // input is kept once (as the last argument) since it can still change the result.
        boolean and = b.op() == RawExpr.BoolOp.AND;
        List<Expr> kept = new ArrayList<>();
        boolean haveNull = false;
        for (Expr a : flatten(b)) {
            if (a instanceof Expr.Const c) {
                if (c.value() == null) {
                    haveNull = true;
                    continue;
                }
                if ((Boolean) c.value() != and) return new Expr.Const(TypeOids.BOOL, -1, !and, -1);
                continue;
            }
            kept.add(a);
        }
        if (haveNull) kept.add(nullConst(TypeOids.BOOL));
        if (kept.isEmpty()) return new Expr.Const(TypeOids.BOOL, -1, and, -1);
        if (kept.size() == 1) return kept.get(0);
        return new Expr.BoolExpr(b.op(), List.copyOf(kept));
    }

    /**
     * negate_clause, the cases that need no operator negator: a boolean constant is negated (NULL
     * stays NULL), NOT NOT x is x, NOT (x IS NULL) is x IS NOT NULL (not for a row, whose IS NOT
     * NULL means every field is non-null), and a BooleanTest turns into its opposite; anything
     * else gets a NOT.
     */
    static Expr negateClause(Expr arg) {
        if (arg instanceof Expr.Const c && c.type() == TypeOids.BOOL)
            return new Expr.Const(TypeOids.BOOL, -1, c.value() == null ? null : !(Boolean) c.value(), c.location());
        if (arg instanceof Expr.BoolExpr inner && inner.op() == RawExpr.BoolOp.NOT) return inner.args().get(0);
        if (arg instanceof Expr.NullTest nt && !isRow(nt.arg())) return new Expr.NullTest(nt.arg(), !nt.isNot());
        if (arg instanceof Expr.BooleanTest bt) {
            RawExpr.BoolTestType t = switch (bt.test()) {
                case IS_TRUE -> RawExpr.BoolTestType.IS_NOT_TRUE;
                case IS_NOT_TRUE -> RawExpr.BoolTestType.IS_TRUE;
                case IS_FALSE -> RawExpr.BoolTestType.IS_NOT_FALSE;
                case IS_NOT_FALSE -> RawExpr.BoolTestType.IS_FALSE;
                case IS_UNKNOWN -> RawExpr.BoolTestType.IS_NOT_UNKNOWN;
                case IS_NOT_UNKNOWN -> RawExpr.BoolTestType.IS_UNKNOWN;
            };
            return new Expr.BooleanTest(bt.arg(), t);
        }
        return new Expr.BoolExpr(RawExpr.BoolOp.NOT, List.of(arg));
    }

    private static boolean isRow(Expr e) {
        return e instanceof Expr.WholeRowVar || e instanceof Expr.RowExpr || e.type() == TypeOids.RECORD
                || org.tusk.catalog.TypeCache.lookupComposite(e.type()) != null;
    }

    /** Nested ANDs under an AND (ORs under an OR) are one list, as the parser's flattening leaves them. */
    private static List<Expr> flatten(Expr.BoolExpr b) {
        List<Expr> out = new ArrayList<>();
        for (Expr a : b.args()) {
            if (a instanceof Expr.BoolExpr inner && inner.op() == b.op()) out.addAll(flatten(inner));
            else out.add(a);
        }
        return out;
    }

    /**
     * find_duplicate_ors' constant handling for a WHERE (not CHECK) qual: an OR arm that is a
     * FALSE or NULL constant cannot make the qual true, so it goes; an OR left with one arm is
     * that arm, with none a FALSE constant. Recurses through AND and OR.
     */
    static Expr dropConstantOrArms(Expr qual) {
        if (!(qual instanceof Expr.BoolExpr b) || b.op() == RawExpr.BoolOp.NOT) return qual;
        List<Expr> args = new ArrayList<>();
        for (Expr a : b.args()) {
            Expr x = dropConstantOrArms(a);
            if (b.op() == RawExpr.BoolOp.OR && x instanceof Expr.Const c) {
                if (Boolean.TRUE.equals(c.value())) return x;
                continue;   // FALSE or NULL
            }
            args.add(x);
        }
        if (b.op() == RawExpr.BoolOp.OR) {
            if (args.isEmpty()) return new Expr.Const(TypeOids.BOOL, -1, false, -1);
            if (args.size() == 1) return args.get(0);
        }
        return new Expr.BoolExpr(b.op(), List.copyOf(args));
    }
}
