package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ArrayTypes;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.PgAggregate;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.error.SqlState;

/**
 * Calls of an aggregate declared with a VARIADIC array parameter, written without VARIADIC
 * (least_agg(q1, q2) for least_agg(VARIADIC anyarray)). As FuncnameGetCandidates does, such an
 * aggregate competes in its expanded form: the fixed parameters followed by as many copies of
 * the element type (provariadic) as the call has trailing arguments, at least one. Once it is
 * chosen, ParseFuncOrColumn packs the trailing arguments into an ARRAY[...] of the resolved
 * element type, so the aggregate, and its transition function, receive one array argument.
 *
 * <p>A VARIADIC "any" aggregate takes its arguments as they are; it is not expanded here.
 */
final class VariadicAggregates {
    private VariadicAggregates() {}

    /** Whether {@code agg} has a VARIADIC parameter whose trailing arguments are packed into an array. */
    static boolean packsArguments(PgAggregate agg) {
        return agg.variadicType() != 0 && agg.variadicType() != TypeOids.ANY;
    }

    /**
     * The expanded form of {@code agg} for a call with {@code nargs} arguments (the same record
     * but with the expanded parameter types), or null if the call has too few arguments.
     */
    static PgAggregate expand(PgAggregate agg, int nargs) {
        int fixed = agg.argTypes().size() - 1;
        if (nargs <= fixed) return null;
        List<Integer> types = new ArrayList<>(agg.argTypes().subList(0, fixed));
        while (types.size() < nargs) types.add(agg.variadicType());
        return new PgAggregate(agg.name(), List.copyOf(types), agg.resultType(), agg.impl(), agg.variadicType());
    }

    /** The call's arguments and their types after packing. */
    record Packed(List<Expr> args, List<Integer> types) {}

    /**
     * The trailing arguments past {@code declared}'s fixed parameters, coerced to the element
     * type that resolving {@code expanded} against the actual types gives, as one ArrayExpr
     * (located where the first of them is, as exprLocation of the list).
     */
    static Packed pack(Analyzer a, PgAggregate declared, PgAggregate expanded, List<Expr> args, List<Integer> types,
                       List<RawExpr> raws, int location) {
        int fixed = declared.argTypes().size() - 1;
        List<Integer> resolved = ParsePolymorphic.enforce(a, expanded.argTypes(), types, expanded.resultType(), location).args();
        int elem = resolved.get(resolved.size() - 1);
        int arrayType = ArrayTypes.arrayOf(elem);
        if (arrayType == 0)
            throw a.err(SqlState.UNDEFINED_OBJECT, "could not find array type for data type " + BuiltinCatalog.formatType(elem),
                    raws.get(fixed).location());
        List<Expr> elements = new ArrayList<>();
        for (int i = fixed; i < args.size(); i++)
            elements.add(a.coerce(args.get(i), elem, -1, ParseCoerce.Context.IMPLICIT, raws.get(i).location()));
        List<Expr> packedArgs = new ArrayList<>(args.subList(0, fixed));
        packedArgs.add(new Expr.ArrayExpr(elem, arrayType, List.copyOf(elements), false, raws.get(fixed).location()));
        List<Integer> packedTypes = new ArrayList<>(types.subList(0, fixed));
        packedTypes.add(arrayType);
        return new Packed(packedArgs, packedTypes);
    }
}
