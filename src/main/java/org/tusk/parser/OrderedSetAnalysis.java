package org.tusk.parser;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ArrayTypes;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.OrderedSetAggregate;
import org.tusk.catalog.PgAggregate;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.error.SqlState;

/**
 * Calls of ordered-set and hypothetical-set aggregates, {@code name(direct args) WITHIN GROUP
 * (ORDER BY aggregated args)} (parse_func.c ParseFuncOrColumn for aggkind 'o'/'h', with
 * unify_hypothetical_args, and parse_agg.c transformAggregateCall with aggdirectargs).
 *
 * <p>The function is looked up on the direct arguments followed by the WITHIN GROUP keys. An
 * ordered-set aggregate has a fixed number of direct arguments; a hypothetical-set one takes one
 * per key, and each direct argument and its key are coerced to their common type, since the
 * direct arguments form a row compared with the sorted input rows. The direct arguments are
 * ordinary expressions of the query level the aggregate belongs to (they are evaluated once per
 * group); the keys are inside the aggregate.
 */
final class OrderedSetAnalysis {
    private final Analyzer a;

    OrderedSetAnalysis(Analyzer a) {
        this.a = a;
    }

    static boolean isOrderedSet(PgAggregate g) {
        return g.impl() instanceof OrderedSetAggregate;
    }

    static boolean anyOrderedSet(List<PgAggregate> cands) {
        for (PgAggregate g : cands) if (isOrderedSet(g)) return true;
        return false;
    }

    /**
     * Analyses {@code f}. Without WITHIN GROUP, returns null unless {@code f} would call an
     * ordered-set aggregate, which is an error; the caller then goes on with the other candidates.
     */
    Expr transform(RawExpr.FuncCall f, String name, List<PgAggregate> cands) {
        List<PgAggregate> osa = new ArrayList<>();
        for (PgAggregate g : cands) if (isOrderedSet(g)) osa.add(g);
        if (!f.withinGroup()) {
            for (PgAggregate g : osa) {
                OrderedSetAggregate impl = (OrderedSetAggregate) g.impl();
                boolean fits = impl.kind() == 'h' ? !f.args().isEmpty() : g.argTypes().size() == f.args().size();
                if (fits && !f.star())
                    throw a.err(SqlState.WRONG_OBJECT_TYPE, "WITHIN GROUP is required for ordered-set aggregate " + name,
                            f.location());
            }
            return null;
        }
        if (osa.isEmpty()) {
            if (!cands.isEmpty())
                throw a.err(SqlState.WRONG_OBJECT_TYPE,
                        name + " is not an ordered-set aggregate, so it cannot have WITHIN GROUP", f.location());
            if (!BuiltinCatalog.functions(name).isEmpty())
                throw a.err(SqlState.WRONG_OBJECT_TYPE, "WITHIN GROUP specified, but " + name + " is not an aggregate function",
                        f.location());
        }
        if (f.over() != null && !osa.isEmpty())
            throw a.err(SqlState.WRONG_OBJECT_TYPE, "OVER is not supported for ordered-set aggregate " + name, f.location());
        a.noteAggregateCall(f.location());

        Expr filter = null;
        if (f.filter() != null) {
            String kind = a.exprKind();
            a.setExprKind("FILTER");
            try {
                filter = a.coerceToBoolean(a.transformExpr(f.filter()), "FILTER", f.filter().location());
            } finally {
                a.setExprKind(kind);
            }
        }
        // the direct arguments belong to the query level, not to the aggregate's input
        List<Expr> direct = new ArrayList<>();
        for (RawExpr r : f.args()) direct.add(a.transformExpr(r));
        List<Expr> keys = new ArrayList<>();
        boolean wasInAgg = a.inAgg;
        a.inAgg = true;
        try {
            for (Stmt.SortBy sb : f.aggOrder()) keys.add(a.transformExpr(sb.node()));
        } finally {
            a.inAgg = wasInAgg;
        }
        ParseSrf.checkCallArgs(a, direct, "aggregate function calls");
        ParseSrf.checkCallArgs(a, keys, "aggregate function calls");

        List<Integer> types = new ArrayList<>();
        for (Expr e : direct) types.add(e.type());
        for (Expr e : keys) types.add(e.type());
        String sig = name + "(" + ParseFunc.signature(types) + ")";
        PgAggregate g = choose(f, name, osa, direct.size(), keys.size(), types, sig);
        OrderedSetAggregate impl = (OrderedSetAggregate) g.impl();

        List<Expr> directOut = new ArrayList<>();
        List<Expr> keysOut = new ArrayList<>();
        if (impl.kind() == 'h') {
            unifyHypothetical(f, direct, keys, directOut, keysOut);
        } else {
            for (int i = 0; i < direct.size(); i++)
                directOut.add(a.coerce(direct.get(i), g.argTypes().get(i), -1, Context.IMPLICIT, f.args().get(i).location()));
            for (int i = 0; i < keys.size(); i++) {
                int want = g.argTypes().get(direct.size() + i);
                Expr k = keys.get(i);
                int loc = f.aggOrder().get(i).node().location();
                if (want == ANYELEMENT || want == ANY) {
                    if (k.type() == UNKNOWN) k = a.coerce(k, TEXT, -1, Context.IMPLICIT, loc);
                } else {
                    k = a.coerce(k, want, -1, Context.IMPLICIT, loc);
                }
                keysOut.add(k);
            }
        }
        List<Expr.AggSort> order = new ArrayList<>();
        for (int i = 0; i < keysOut.size(); i++) {
            Stmt.SortBy sb = f.aggOrder().get(i);
            Expr k = keysOut.get(i);
            a.checkSortablePublic(k.type(), sb.location());
            SortUsing.Direction dir = SortUsing.direction(a, sb, k.type());
            order.add(new Expr.AggSort(k, dir.desc(), SortUsing.nullsFirst(sb, dir.desc()), dir.printedOp()));
        }
        int argType = keysOut.get(0).type();
        int result = switch (g.resultType()) {
            case ANYELEMENT -> argType;
            case ANYARRAY -> ArrayTypes.arrayOf(argType);
            default -> g.resultType();
        };
        if (result == 0)
            throw a.err(SqlState.UNDEFINED_OBJECT, "could not find array type for data type "
                    + BuiltinCatalog.formatType(argType), f.location());
        Expr.Aggref call = new Expr.Aggref(g, List.copyOf(keysOut), false, -1, result, false, filter, List.copyOf(order),
                0, -1, List.copyOf(directOut));
        return AggLevels.place(a, call, f.location());
    }

    /**
     * func_get_detail among the ordered-set aggregates of the name, with the errors
     * ParseFuncOrColumn gives when the numbers of direct and aggregated arguments do not fit.
     */
    private PgAggregate choose(RawExpr.FuncCall f, String name, List<PgAggregate> osa, int numDirect, int numKeys,
                               List<Integer> types, String sig) {
        List<PgAggregate> usable = new ArrayList<>();
        List<List<Integer>> sigs = new ArrayList<>();
        PgAggregate hypothetical = null, wrongDirect = null;
        for (PgAggregate g : osa) {
            OrderedSetAggregate impl = (OrderedSetAggregate) g.impl();
            if (impl.kind() == 'h') {
                hypothetical = g;
                continue;
            }
            if (g.argTypes().size() != numDirect + numKeys) continue;
            if (impl.numDirectArgs() != numDirect) {
                wrongDirect = g;
                continue;
            }
            usable.add(g);
            sigs.add(g.argTypes());
        }
        if (hypothetical != null) {
            if (numDirect != numKeys)
                throw a.err(SqlState.UNDEFINED_FUNCTION, "function " + sig + " does not exist", f.location())
                        .withHint("To use the hypothetical-set aggregate " + name + ", the number of hypothetical direct "
                                + "arguments (here " + numDirect + ") must match the number of ordering columns (here "
                                + numKeys + ").");
            return hypothetical;
        }
        int idx = usable.isEmpty() ? ParseFunc.NONE : ParseFunc.select(sigs, types);
        if (idx == ParseFunc.AMBIGUOUS)
            throw ParseFunc.notUnique(a, sig, f.location());
        if (idx == ParseFunc.NONE) {
            var e = a.err(SqlState.UNDEFINED_FUNCTION, "function " + sig + " does not exist", f.location());
            if (usable.isEmpty() && wrongDirect != null) {
                int want = ((OrderedSetAggregate) wrongDirect.impl()).numDirectArgs();
                throw e.withHint("There is an ordered-set aggregate " + name + ", but it requires " + want + " direct argument"
                        + (want == 1 ? "" : "s") + ", not " + numDirect + ".");
            }
            throw e.withHint("No function matches the given name and argument types. You might need to add explicit type casts.");
        }
        return usable.get(idx);
    }

    /**
     * unify_hypothetical_args: each direct argument and the WITHIN GROUP key it stands for are
     * coerced to their common type (select_common_type, the key first).
     */
    private void unifyHypothetical(RawExpr.FuncCall f, List<Expr> direct, List<Expr> keys, List<Expr> directOut,
                                   List<Expr> keysOut) {
        for (int i = 0; i < direct.size(); i++) {
            int dloc = f.args().get(i).location();
            int kloc = f.aggOrder().get(i).node().location();
            int common = ParseCoerce.selectCommonType(List.of(keys.get(i), direct.get(i)), List.of(kloc, dloc),
                    "WITHIN GROUP", a.src());
            directOut.add(a.coerce(direct.get(i), common, -1, Context.IMPLICIT, dloc));
            keysOut.add(a.coerce(keys.get(i), common, -1, Context.IMPLICIT, kloc));
        }
    }
}
