package org.tusk.parser;

import static org.tusk.catalog.TypeOids.TEXT;
import static org.tusk.catalog.TypeOids.UNKNOWN;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ArrayTypes;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.BuiltinFunction;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.PolymorphicFunction;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.error.SqlState;

/**
 * Calls written with VARIADIC (FuncCall.func_variadic): the last argument is an array passed as
 * the variadic parameter itself. For a user function with a VARIADIC array parameter that is an
 * ordinary argument (see {@link UserFunctions}); for a built-in declared VARIADIC "any" (concat,
 * concat_ws, format), the function sees the array's elements as its trailing arguments, as
 * PostgreSQL's functions do when get_fn_expr_variadic says so.
 */
final class VariadicCalls {
    private VariadicCalls() {}

    /**
     * The parameters before VARIADIC "any" in pg_proc.dat's declarations of the built-ins that
     * have any (concat_ws(text, VARIADIC "any"), format(text, VARIADIC "any")); Tusk's built-in
     * catalog records such functions without their parameter list.
     */
    private static final java.util.Map<String, Integer> FIXED_PARAMETERS = java.util.Map.of("concat_ws", 1, "format", 1);

    /** ParseFuncOrColumn: "VARIADIC argument must be an array". */
    static void checkArray(Analyzer a, Expr arg, RawExpr raw) {
        if (arg.type() != UNKNOWN && !ArrayTypes.isArray(arg.type())) {
            throw a.err(SqlState.DATATYPE_MISMATCH, "VARIADIC argument must be an array", raw.location());
        }
    }

    /**
     * A VARIADIC call of a VARIADIC "any" built-in: the leading arguments as text, and the array
     * spread into text arguments when the function runs. A NULL array makes concat and concat_ws
     * return NULL (concat_internal) and gives format no arguments (text_format).
     */
    static Expr variadicAny(Analyzer a, PgProc p, List<Expr> args, List<RawExpr> raws, int location, String sig) {
        // with VARIADIC written, the call has exactly the declared parameters: the fixed ones and the array
        if (args.size() != FIXED_PARAMETERS.getOrDefault(p.name(), 0) + 1) {
            throw a.err(SqlState.UNDEFINED_FUNCTION, "function " + sig + " does not exist", location)
                    .withHint("No function matches the given name and argument types. You might need to add explicit type casts.");
        }
        Expr last = args.get(args.size() - 1);
        checkArray(a, last, raws.get(raws.size() - 1));
        if (last.type() == UNKNOWN) {
            throw a.err(SqlState.DATATYPE_MISMATCH, "VARIADIC argument must be an array", raws.get(raws.size() - 1).location());
        }
        List<Expr> conv = new ArrayList<>();
        for (int i = 0; i < args.size() - 1; i++) {
            Expr e = args.get(i);
            int loc = raws.get(i).location();
            if (e.type() == UNKNOWN) conv.add(a.coerce(e, TEXT, -1, ParseCoerce.Context.IMPLICIT, loc));
            else if (ParseCoerce.isStringCategory(e.type())) conv.add(e);
            else conv.add(new Expr.CoerceViaIO(e, TEXT, loc));
        }
        conv.add(last);
        int elemType = ArrayTypes.elementOf(last.type());
        if (p.impl() instanceof PolymorphicFunction pf) return polymorphicSpread(p, pf, conv, elemType, location);
        BuiltinFunction inner = p.impl();
        BuiltinFunction spread = (ctx, values) -> {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < values.length - 1; i++) out.add(values[i]);
            ArrayValue arr = (ArrayValue) values[values.length - 1];
            if (arr == null && !p.name().equals("format")) return null;
            if (arr != null) {
                for (Object el : arr.elements()) {
                    out.add(el == null || ParseCoerce.isStringCategory(elemType) ? el
                            : BuiltinCatalog.type(elemType).output().out(el, ctx.outputSettings()));
                }
            }
            return inner.invoke(ctx, out.toArray());
        };
        List<Integer> argTypes = new ArrayList<>();
        for (Expr e : conv) argTypes.add(e.type());
        // not strict: a NULL array means "no variadic arguments", not a NULL result
        PgProc bound = new PgProc(p.oid(), p.name(), argTypes, p.resultType(), false, p.volatility(), false, spread);
        return new Expr.FuncExpr(bound, conv, p.resultType(), location);
    }

    /**
     * A VARIADIC call of a built-in that needs its arguments' actual types (json_build_object,
     * json_build_array): the array's elements become the arguments, each of the element type,
     * so the implementation is bound per call to as many arguments as the array has elements
     * (extract_variadic_args). A NULL array makes the result NULL, as extract_variadic_args'
     * callers in json.c and jsonb.c return.
     */
    private static Expr polymorphicSpread(PgProc p, PolymorphicFunction pf, List<Expr> conv, int elemType, int location) {
        int fixed = conv.size() - 1;
        List<Integer> fixedTypes = new ArrayList<>();
        for (int i = 0; i < fixed; i++) fixedTypes.add(conv.get(i).type());
        BuiltinFunction spread = (ctx, values) -> {
            ArrayValue arr = (ArrayValue) values[values.length - 1];
            if (arr == null) return null;
            List<Object> out = new ArrayList<>();
            List<Integer> types = new ArrayList<>(fixedTypes);
            for (int i = 0; i < fixed; i++) out.add(values[i]);
            for (Object el : arr.elements()) {
                out.add(el);
                types.add(elemType);
            }
            return pf.bind(types, p.resultType()).invoke(ctx, out.toArray());
        };
        List<Integer> argTypes = new ArrayList<>();
        for (Expr e : conv) argTypes.add(e.type());
        PgProc bound = new PgProc(p.oid(), p.name(), argTypes, p.resultType(), false, p.volatility(), false, spread);
        return new Expr.FuncExpr(bound, conv, p.resultType(), location);
    }
}
