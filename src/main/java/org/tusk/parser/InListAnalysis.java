package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ArrayTypes;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;
import org.tusk.parser.ParseCoerce.Context;

/**
 * {@code x [NOT] IN (a, b, ...)} as PostgreSQL's parse_expr.c transformAExprIn builds it: the items
 * without Vars of this query level, when there are at least two and they share a common type with
 * the left operand that has an array type, become one ScalarArrayOpExpr {@code x = ANY (ARRAY[...])}
 * ({@code x <> ALL (...)} for NOT IN), which the planner folds to a constant array when the items
 * are constants; the other items, or all of them when there is no such type, are compared one by
 * one and joined by OR (AND for NOT IN). The left operand is analysed once and shared by every
 * comparison, as PostgreSQL copies the same tree.
 */
final class InListAnalysis {
    private InListAnalysis() {}

    static Expr transform(Analyzer a, RawExpr.InList in) {
        String opName = in.not() ? "<>" : "=";
        boolean useOr = !in.not();
        if (in.arg() instanceof RawExpr.RowExpr) return rowIn(a, in, opName, useOr);
        Expr lexpr = a.transformExpr(in.arg());
        List<Expr> rexprs = new ArrayList<>();
        List<Integer> rlocs = new ArrayList<>();
        List<Expr> rnonvars = new ArrayList<>();
        List<Integer> nonvarLocs = new ArrayList<>();
        List<Expr> rvars = new ArrayList<>();
        List<Integer> varLocs = new ArrayList<>();
        for (RawExpr item : in.list()) {
            Expr e = a.transformExpr(item);
            rexprs.add(e);
            rlocs.add(item.location());
            if (containsVarsOfLevelZero(e)) {
                rvars.add(e);
                varLocs.add(item.location());
            } else {
                rnonvars.add(e);
                nonvarLocs.add(item.location());
            }
        }
        Expr result = null;
        // ScalarArrayOpExpr is only useful with more than one item without Vars
        if (rnonvars.size() > 1) {
            List<Expr> all = new ArrayList<>();
            all.add(lexpr);
            all.addAll(rnonvars);
            List<Integer> locs = new ArrayList<>();
            locs.add(in.arg().location());
            locs.addAll(nonvarLocs);
            int scalar = ParseCoerce.selectCommonType(all, locs, null, a.src());
            if (scalar != 0 && !verifyCommonType(scalar, all)) scalar = 0;
            // a RECORD common type is left to the row comparisons below, which cope with unlike row types
            int arrayType = scalar != 0 && scalar != org.tusk.catalog.TypeOids.RECORD ? ArrayTypes.arrayOf(scalar) : 0;
            if (arrayType != 0) {
                List<Expr> elems = new ArrayList<>();
                for (int i = 0; i < rnonvars.size(); i++)
                    elems.add(a.coerce(rnonvars.get(i), scalar, -1, Context.IMPLICIT, nonvarLocs.get(i)));
                Expr array = new Expr.ArrayExpr(scalar, arrayType, elems, false, -1);
                result = ArrayAnalysis.makeScalarArrayOp(a, opName, useOr, lexpr, array, in.arg().location(), -1,
                        in.location());
                rexprs = rvars;   // only the items with Vars are left to compare one by one
                rlocs = varLocs;
            }
        }
        List<Expr> cmps = new ArrayList<>();
        if (result != null) cmps.add(result);
        for (int i = 0; i < rexprs.size(); i++) {
            Expr cmp = a.makeOp(opName, lexpr, rexprs.get(i), in.arg().location(), rlocs.get(i), in.location());
            cmps.add(a.coerceToBoolean(cmp, "IN", in.location()));
        }
        return combine(cmps, useOr);
    }

    /** ROW(...) IN (ROW(...), ...): one row comparison per item (make_row_comparison_op). */
    private static Expr rowIn(Analyzer a, RawExpr.InList in, String opName, boolean useOr) {
        List<Expr> cmps = new ArrayList<>();
        for (RawExpr item : in.list()) cmps.add(a.coerceToBoolean(a.transformOp(opName, in.arg(), item, in.location()),
                "IN", in.location()));
        return combine(cmps, useOr);
    }

    /** PostgreSQL nests the comparisons left-deep; Tusk's BoolExpr is n-ary, which deparses alike. */
    private static Expr combine(List<Expr> cmps, boolean useOr) {
        if (cmps.size() == 1) return cmps.get(0);
        return new Expr.BoolExpr(useOr ? RawExpr.BoolOp.OR : RawExpr.BoolOp.AND, cmps);
    }

    /** verify_common_type: every input can be coerced implicitly to the selected type. */
    private static boolean verifyCommonType(int common, List<Expr> exprs) {
        for (Expr e : exprs) if (!ParseCoerce.canCoerce(e.type(), common, Context.IMPLICIT)) return false;
        return true;
    }

    /** contain_vars_of_level(e, 0): a Var of this query level (outer references do not count). */
    static boolean containsVarsOfLevelZero(Expr e) {
        if (e instanceof Expr.Var v && v.levelsup() == 0) return true;
        for (Expr c : Analyzer.children(e)) if (containsVarsOfLevelZero(c)) return true;
        return false;
    }
}
