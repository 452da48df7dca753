package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.SqlFunction;

/**
 * Calls of user-defined functions with polymorphic parameters (anyelement, anyarray,
 * anynonarray, anycompatible*, anyrange, anyenum): enforce_generic_type_consistency fixes the actual types
 * from the call's arguments, and the function is bound to them, as fmgr/funcapi do with
 * get_call_result_type and functions.c with the call expression's argument types, so its body is
 * analysed with concrete types and check_sql_fn_retval checks the resolved result type. A call
 * whose arguments are inconsistent fails as for a built-in polymorphic function.
 */
final class PolymorphicSqlCalls {
    private PolymorphicSqlCalls() {}

    /** {@code c} bound to the call's argument {@code types}; {@code c} itself when nothing is polymorphic. */
    static UserFunctions.Candidate bind(Analyzer a, UserFunctions.Candidate c, List<Integer> types, int location) {
        SqlFunction f = c.fn();
        boolean poly = c.signature().stream().anyMatch(ParsePolymorphic::isPolymorphicUserType)
                || ParsePolymorphic.isPolymorphicUserType(f.resultType())
                || f.outColumns().stream().anyMatch(o -> ParsePolymorphic.isPolymorphicUserType(o.typeOid()));
        if (!poly) return c;
        List<Integer> sig = c.signature();
        // enforce once for the error, then map every declared polymorphic type through the same resolution
        ParsePolymorphic.enforce(a, sig, types, f.resultType(), location);
        java.util.function.IntUnaryOperator resolve = t -> ParsePolymorphic.isPolymorphicUserType(t)
                ? ParsePolymorphic.enforce(a, sig, types, t, location).result() : t;
        SqlFunction bound = f.withResolvedTypes(resolve);
        List<Integer> boundSig = new ArrayList<>();
        for (int t : sig) boundSig.add(resolve.applyAsInt(t));
        return new UserFunctions.Candidate(bound, bound.asProc(), List.copyOf(boundSig), c.positions(), c.nvargs());
    }
}
