package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.FunctionDdl;
import org.tusk.catalog.OrderedSetAggregate;
import org.tusk.catalog.PgAggregate;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.PgType;
import org.tusk.catalog.PolymorphicAggregate;
import org.tusk.catalog.PolymorphicFunction;
import org.tusk.catalog.MovingUserAggregate;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.UserAggregate;
import org.tusk.catalog.UserAggregateImpl;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * User-defined aggregates in function resolution (func_get_detail finding a pg_proc row of
 * prokind 'a'): each candidate becomes a {@link PgAggregate} whose implementation runs the
 * aggregate's support functions ({@link UserAggregateImpl}), with the initial value converted by
 * the state type's input function (GetAggInitVal) once per analysed call.
 */
final class UserAggregates {
    private UserAggregates() {}

    /** The user aggregates named {@code name} visible in {@code schemaOrNull} (or the search path). */
    static List<PgAggregate> candidates(Analyzer a, String schemaOrNull, String name) {
        if (a.env() == null) return List.of();
        FunctionDdl functions = a.env().catalog().functions();
        if (functions == null) return List.of();
        List<PgAggregate> out = new ArrayList<>();
        for (UserAggregate u : functions.aggregates().candidates(schemaOrNull, name)) {
            out.add(new PgAggregate(u.name(), u.argTypes(), u.resultType(), impl(functions, u, a.zone()), u.variadicType(),
                    u.oid()));
        }
        return out;
    }

    /** {@code builtins} followed by the user aggregates of that name found through the search path. */
    static List<PgAggregate> withUser(Analyzer a, String name, List<PgAggregate> builtins) {
        List<PgAggregate> user = candidates(a, null, name);
        if (user.isEmpty()) return builtins;
        List<PgAggregate> all = new ArrayList<>(builtins);
        all.addAll(user);
        return all;
    }

    private static PgAggregate.Impl impl(FunctionDdl functions, UserAggregate u, InputSettings zone) {
        if (u.kind() != 'n') {
            // CREATE AGGREGATE admitted only orderedsetaggs.c's final functions: run that built-in
            OrderedSetAggregate os = BuiltinCatalog.orderedSetFinal(BuiltinCatalog.functionByOid(u.finalFn()));
            if (os == null) throw PgException.error(SqlState.UNDEFINED_FUNCTION, "cache lookup failed for function " + u.finalFn());
            return os;
        }
        if (ParsePolymorphic.anyPolymorphic(u.argTypes()) || ParsePolymorphic.isPolymorphic(u.transType())) {
            // the support functions and the state type are known only once the call's argument
            // types are (resolve_aggregate_transtype in parse analysis, build_aggregate_transfn_expr)
            return (PolymorphicAggregate) (args, result) -> bound(functions, u, args, result, zone);
        }
        return bound(functions, u, u.argTypes(), u.resultType(), zone);
    }

    /**
     * The aggregate run with concrete argument types {@code args} and result type {@code result}:
     * a polymorphic state type takes what the arguments make it (resolve_aggregate_transtype),
     * the initial value is read with that type (GetAggInitVal), and polymorphic support functions
     * are bound to the concrete types.
     */
    private static PgAggregate.Impl bound(FunctionDdl functions, UserAggregate u, List<Integer> args, int result, InputSettings zone) {
        int transType = resolveTransType(u, args);
        List<Integer> transArgs = new ArrayList<>();
        transArgs.add(transType);
        transArgs.addAll(args);
        PgProc trans = proc(functions, u.transFn(), transArgs, transType);
        PgProc fin = null;
        if (u.finalFn() != 0) {
            List<Integer> finalArgs = new ArrayList<>();
            finalArgs.add(transType);
            if (u.finalExtra()) finalArgs.addAll(args);
            fin = proc(functions, u.finalFn(), finalArgs, result);
        }
        Object init = null;
        if (u.initVal() != null) {
            PgType t = BuiltinCatalog.type(transType);
            if (t == null) throw PgException.error(SqlState.UNDEFINED_OBJECT, "cache lookup failed for type " + transType);
            init = t.input().in(u.initVal(), zone);
        }
        UserAggregateImpl plain = new UserAggregateImpl(trans, fin, init, args.size(), u.finalExtra());
        if (u.mtransFn() == 0) return plain;
        int mtransType = resolveType(u, args, u.mtransType());
        List<Integer> margs = new ArrayList<>();
        margs.add(mtransType);
        margs.addAll(args);
        PgProc mtrans = proc(functions, u.mtransFn(), margs, mtransType);
        PgProc minv = proc(functions, u.minvtransFn(), margs, mtransType);
        PgProc mfin = null;
        if (u.mfinalFn() != 0) {
            List<Integer> mfinalArgs = new ArrayList<>();
            mfinalArgs.add(mtransType);
            if (u.mfinalExtra()) mfinalArgs.addAll(args);
            mfin = proc(functions, u.mfinalFn(), mfinalArgs, result);
        }
        Object minit = null;
        if (u.minitVal() != null) {
            PgType t = BuiltinCatalog.type(mtransType);
            if (t == null) throw PgException.error(SqlState.UNDEFINED_OBJECT, "cache lookup failed for type " + mtransType);
            minit = t.input().in(u.minitVal(), zone);
        }
        return new MovingUserAggregate(plain,
                new org.tusk.catalog.MovingAggregateImpl(mtrans, minv, mfin, minit, args.size(), u.mfinalExtra()));
    }

    /** resolve_aggregate_transtype: a polymorphic state type resolved against the actual arguments. */
    private static int resolveTransType(UserAggregate u, List<Integer> args) {
        return resolveType(u, args, u.transType());
    }

    private static int resolveType(UserAggregate u, List<Integer> args, int declared) {
        if (!ParsePolymorphic.isPolymorphic(declared)) return declared;
        try {
            return ParsePolymorphic.resolve(u.argTypes(), args, declared, true).result();
        } catch (ParsePolymorphic.Inconsistent e) {
            throw PgException.error(SqlState.DATATYPE_MISMATCH, e.getMessage());
        }
    }

    /**
     * A polymorphic LANGUAGE sql support function bound to the aggregate's argument types
     * (a polymorphic parameter takes the type in its position, when that one is concrete), so its
     * body is analysed with them, as fmgr_sql does with the types the aggregate call passes.
     */
    private static SqlFunction boundSql(SqlFunction f, List<Integer> argTypes) {
        java.util.Map<Integer, Integer> resolved = new java.util.HashMap<>();
        for (int i = 0; i < f.argTypes().size() && i < argTypes.size(); i++) {
            int d = f.argTypes().get(i), t = argTypes.get(i);
            if (ParsePolymorphic.isPolymorphic(d) && !ParsePolymorphic.isPolymorphic(t)) resolved.putIfAbsent(d, t);
        }
        if (resolved.isEmpty()) return f;
        return f.withResolvedTypes(t -> resolved.getOrDefault(t, t));
    }

    /** The support function with pg_proc OID {@code oid}, bound to the aggregate's concrete types if it is polymorphic. */
    private static PgProc proc(FunctionDdl functions, int oid, List<Integer> argTypes, int resultType) {
        PgProc p = BuiltinCatalog.functionByOid(oid);
        if (p == null) {
            SqlFunction f = functions.byOid(oid);
            if (f == null) throw PgException.error(SqlState.UNDEFINED_FUNCTION, "cache lookup failed for function " + oid);
            return boundSql(f, argTypes).asProc();
        }
        if (p.impl() instanceof PolymorphicFunction pf) {
            return new PgProc(p.oid(), p.name(), argTypes, resultType, p.strict(), p.volatility(), false,
                    pf.bind(argTypes, resultType));
        }
        return p;
    }
}
