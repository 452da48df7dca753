package org.tusk.commands;

import static org.tusk.catalog.TypeOids.ANY;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.tusk.catalog.AggregateDdl;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.FunctionDdl;
import org.tusk.catalog.PgCast;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.PgType;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.UserAggregate;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.Stmt.CreateAggregateStmt.AggDefElem;
import org.tusk.nodes.TypeName;
import org.tusk.parser.ParseCoerce;
import org.tusk.parser.ParseFunc;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE [OR REPLACE] AGGREGATE and DROP AGGREGATE (PostgreSQL's commands/aggregatecmds.c
 * DefineAggregate and catalog/pg_aggregate.c AggregateCreate/lookup_agg_function, and
 * RemoveObjects for OBJECT_AGGREGATE). Support functions are looked up among the built-ins and
 * the user's functions with the argument types PostgreSQL uses for each (transition: state type
 * then the inputs; final: the state type, plus the inputs with FINALFUNC_EXTRA; combine: two
 * states), and must match them without run-time coercion.
 *
 * <p>Ordered-set and hypothetical-set aggregates ({@code name(direct ORDER BY aggregated)}, aggkind
 * 'o'/'h') take the state type internal and the built-in ordered_set_transition[_multi] with one
 * of orderedsetaggs.c's final functions; they run as the built-in aggregate of that final function.
 *
 * <p>Not supported: polymorphic state types, user ordered-set aggregates over other support functions.
 */
public final class AggregateCommands {
    private AggregateCommands() {}

    /** The parsed definition list (DefineAggregate's loop over parameters). */
    private static final class Definition {
        List<String> transFn, finalFn, combineFn, serialFn, deserialFn, mtransFn, minvtransFn, mfinalFn;
        TypeName baseType, transType, mtransType;
        String baseTypeText, initVal, minitVal, parallel, finalModify, mfinalModify;
        boolean finalExtra, mfinalExtra, hypothetical;
        int transSpace, mtransSpace;
        List<String> sortOp;
    }

    public static void define(Stmt.CreateAggregateStmt s, String queryString, ExecContext ctx, Consumer<String> warnings) {
        ExecEnvironment env = ctx.env();
        FunctionDdl functions = env.catalog().functions();
        List<String> qn = s.name();
        if (qn.size() > 2) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: "
                    + String.join(".", qn));
        }
        String name = qn.get(qn.size() - 1);
        int nsp = functions.targetNamespace(qn.size() == 2 ? qn.get(0) : null);
        Definition d = parse(s.definition(), warnings);

        if (d.transType == null) throw PgException.error("42P13", "aggregate stype must be specified");
        if (d.transFn == null) throw PgException.error("42P13", "aggregate sfunc must be specified");

        // the input types: from the argument list, or BASETYPE in the old syntax
        List<Integer> argTypes = new ArrayList<>();
        List<String> argNames = new ArrayList<>();
        int variadicType = 0;
        if (s.args() == null) {
            if (d.baseType == null && d.baseTypeText == null) throw PgException.error("42P13", "aggregate input type must be specified");
            String bt = d.baseType != null ? String.join(".", d.baseType.names()) : d.baseTypeText;
            if (!bt.equalsIgnoreCase("any")) {
                argTypes.add(d.baseType != null ? ParseCoerce.resolveTypeName(d.baseType, queryString).oid() : typeByText(bt));
                argNames.add("");
            }
        } else {
            if (d.baseType != null || d.baseTypeText != null) {
                throw PgException.error("42P13", "basetype is redundant with aggregate input type specification");
            }
            if (d.hypothetical && s.directArgs() < 0) {
                throw PgException.error("42P13", "only ordered-set aggregates can be hypothetical");
            }
            for (Stmt.FunctionParameter p : s.args()) {
                if (p.mode() == 'o' || p.mode() == 'b') throw PgException.error("42P13", "aggregates cannot have output arguments");
                int t = argType(p.type(), queryString);
                if (p.mode() == 'v') {
                    variadicType = switch (t) {
                        case ANY -> ANY;
                        case org.tusk.catalog.TypeOids.ANYARRAY -> org.tusk.catalog.TypeOids.ANYELEMENT;
                        case org.tusk.catalog.TypeOids.ANYCOMPATIBLEARRAY -> org.tusk.catalog.TypeOids.ANYCOMPATIBLE;
                        default -> org.tusk.catalog.ArrayTypes.elementOf(t);
                    };
                    if (variadicType == 0) throw PgException.error("42P13", "VARIADIC parameter must be an array");
                }
                argTypes.add(t);
                argNames.add(p.name() == null ? "" : p.name());
            }
        }
        char kind = s.args() == null || s.directArgs() < 0 ? 'n' : d.hypothetical ? 'h' : 'o';
        int numDirectArgs = kind == 'n' ? 0 : s.directArgs();
        if (kind != 'n') {
            // DefineAggregate: the moving-aggregate and parallel options make no sense for an ordered set
            if (d.mtransFn != null || d.minvtransFn != null || d.mfinalFn != null || d.mtransType != null
                    || d.combineFn != null || d.serialFn != null) {
                throw PgException.error("42P13", d.combineFn != null || d.serialFn != null
                        ? "ordered-set aggregates cannot have combine, serialization or deserialization functions"
                        : "ordered-set aggregates cannot have moving-aggregate implementations");
            }
        }
        if ((d.serialFn == null) != (d.deserialFn == null)) {
            throw PgException.error("42P13", "must specify both or neither of serialization and deserialization functions");
        }
        if (d.mtransType != null && d.mtransFn == null) {
            throw PgException.error("42P13", "aggregate msfunc must be specified when mstype is specified");
        }
        if (d.mtransFn != null && d.mtransType == null) {
            throw PgException.error("42P13", "aggregate mstype must be specified when msfunc is specified");
        }
        if (d.mtransFn != null && d.minvtransFn == null) {
            throw PgException.error("42P13", "aggregate minvfunc must be specified when msfunc is specified");
        }
        if (d.mtransFn == null && (d.minvtransFn != null || d.mfinalFn != null || d.minitVal != null)) {
            throw PgException.error("42P13", "aggregate msfunc must be specified when "
                    + (d.minvtransFn != null ? "minvfunc" : d.mfinalFn != null ? "mfinalfunc" : "minitcond") + " is specified");
        }
        if (d.parallel != null && !List.of("safe", "restricted", "unsafe").contains(d.parallel.toLowerCase(Locale.ROOT))) {
            throw PgException.error("42601", "parameter \"parallel\" must be SAFE, RESTRICTED, or UNSAFE");
        }
        int transType = stateType(d.transType, queryString, env.currentUserIsSuperuser());
        int mtransType = d.mtransType == null ? 0 : stateType(d.mtransType, queryString, env.currentUserIsSuperuser());
        checkPolymorphicStateType(transType, argTypes, "transition");
        if (mtransType != 0) checkPolymorphicStateType(mtransType, argTypes, "transition");
        if (d.initVal != null) checkInitVal(transType, d.initVal, ctx);
        if (d.minitVal != null) checkInitVal(mtransType, d.minitVal, ctx);

        // AggregateCreate: the support functions
        List<Integer> transArgs = new ArrayList<>();
        transArgs.add(transType);
        // an ordered-set transition function takes the aggregated arguments only; a lone VARIADIC
        // argument stands for both lists (AggregateCreate's nargs_transfn)
        transArgs.addAll(kind == 'n' || numDirectArgs == argTypes.size()
                ? argTypes : argTypes.subList(numDirectArgs, argTypes.size()));
        Found trans = lookup(functions, d.transFn, transArgs);
        if (trans.resultType != transType) {
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "return type of transition function " + last(d.transFn)
                    + " is not " + BuiltinCatalog.formatType(transType));
        }
        if (trans.strict && d.initVal == null && (argTypes.isEmpty() || !binaryCoercible(argTypes.get(0), transType))) {
            throw PgException.error("42P13",
                    "must not omit initial value when transition function is strict and transition type is not compatible with input type");
        }
        int finalOid = 0, resultType = transType;
        if (d.finalFn != null) {
            List<Integer> finalArgs = new ArrayList<>();
            finalArgs.add(transType);
            if (d.finalExtra) finalArgs.addAll(argTypes);
            else if (kind != 'n') finalArgs.addAll(argTypes.subList(0, numDirectArgs));
            Found fin = lookup(functions, d.finalFn, finalArgs);
            finalOid = fin.oid;
            resultType = fin.resultType;
        }
        int combineOid = 0;
        if (d.combineFn != null) {
            Found comb = lookup(functions, d.combineFn, List.of(transType, transType));
            if (comb.resultType != transType) {
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "return type of combine function " + last(d.combineFn)
                        + " is not " + BuiltinCatalog.formatType(transType));
            }
            combineOid = comb.oid;
        }
        int serialOid = 0, deserialOid = 0;
        if (d.serialFn != null) {
            serialOid = lookup(functions, d.serialFn, List.of(transType)).oid;
            deserialOid = lookup(functions, d.deserialFn, List.of(org.tusk.catalog.TypeOids.BYTEA, transType)).oid;
        }
        int mtransOid = 0, minvOid = 0, mfinalOid = 0;
        if (d.mtransFn != null) {
            List<Integer> margs = new ArrayList<>();
            margs.add(mtransType);
            margs.addAll(argTypes);
            Found mt = lookup(functions, d.mtransFn, margs);
            if (mt.resultType != mtransType) {
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "return type of transition function " + last(d.mtransFn)
                        + " is not " + BuiltinCatalog.formatType(mtransType));
            }
            Found inv = lookup(functions, d.minvtransFn, margs);
            if (inv.resultType != mtransType) {
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "return type of inverse transition function "
                        + last(d.minvtransFn) + " is not " + BuiltinCatalog.formatType(mtransType));
            }
            if (mt.strict != inv.strict) {
                throw PgException.error("42P13",
                        "strictness of aggregate's forward and inverse transition functions must match");
            }
            if (mt.strict && d.minitVal == null && (argTypes.isEmpty() || !binaryCoercible(argTypes.get(0), mtransType))) {
                throw PgException.error("42P13",
                        "must not omit initial value when transition function is strict and transition type is not compatible with input type");
            }
            mtransOid = mt.oid;
            minvOid = inv.oid;
            if (d.mfinalFn != null) {
                List<Integer> mfargs = new ArrayList<>();
                mfargs.add(mtransType);
                if (d.mfinalExtra) mfargs.addAll(argTypes);
                Found mf = lookup(functions, d.mfinalFn, mfargs);
                if (mf.resultType != resultType) {
                    throw PgException.error("42P13",
                            "moving-aggregate implementation returns type " + BuiltinCatalog.formatType(mf.resultType)
                                    + ", but plain implementation returns type " + BuiltinCatalog.formatType(resultType));
                }
                mfinalOid = mf.oid;
            } else if (mtransType != resultType) {
                throw PgException.error("42P13",
                        "moving-aggregate implementation returns type " + BuiltinCatalog.formatType(mtransType)
                                + ", but plain implementation returns type " + BuiltinCatalog.formatType(resultType));
            }
        }
        char finalModify = modify(d.finalModify, "finalfunc_modify");
        char mfinalModify = modify(d.mfinalModify, "mfinalfunc_modify");
        boolean anyNamed = argNames.stream().anyMatch(n -> !n.isEmpty());
        UserAggregate a = new UserAggregate(0, name, nsp, 0, List.copyOf(argTypes), anyNamed ? argNames : List.of(),
                resultType, kind, numDirectArgs, variadicType, trans.oid, finalOid, combineOid, serialOid, deserialOid, mtransOid,
                minvOid, mfinalOid, d.finalExtra, d.mfinalExtra, finalModify, mfinalModify, 0, transType, d.transSpace,
                mtransType, d.mtransSpace, d.initVal, d.minitVal);
        int aggOid = functions.aggregates().create(a, s.replace(), functions.find(nsp, name, argTypes));
        functions.aggregates().recordSupportDependencies(functions.aggregates().byOid(aggOid), env.catalog().dependencies());
        // after AggregateCreate's own checks (a kind change is refused first); failing here aborts the creation
        if (kind != 'n') requireOrderedSetSupport(trans.oid, finalOid);
    }

    /**
     * Tusk runs an ordered-set aggregate as the built-in one whose support functions it names:
     * the executor sorts the input itself (what ordered_set_transition[_multi] does into a
     * tuplesort) and the final function is one of orderedsetaggs.c's. Other support functions
     * would need a C-level internal state, which only those built-ins have.
     */
    private static void requireOrderedSetSupport(int transOid, int finalOid) {
        PgProc t = BuiltinCatalog.functionByOid(transOid);
        PgProc f = finalOid == 0 ? null : BuiltinCatalog.functionByOid(finalOid);
        boolean known = t != null && (t.name().equals("ordered_set_transition") || t.name().equals("ordered_set_transition_multi"))
                && f != null && BuiltinCatalog.orderedSetFinal(f) != null;
        if (!known) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "ordered-set aggregates other than those built from "
                    + "ordered_set_transition and a built-in final function are not supported");
        }
    }

    /** DefineAggregate's definition loop: unknown names only warn, as PostgreSQL's do. */
    private static Definition parse(List<AggDefElem> defs, Consumer<String> warnings) {
        Definition d = new Definition();
        for (AggDefElem e : defs) {
            switch (e.name()) {
                case "sfunc", "sfunc1" -> d.transFn = funcName(e);
                case "finalfunc" -> d.finalFn = funcName(e);
                case "combinefunc" -> d.combineFn = funcName(e);
                case "serialfunc" -> d.serialFn = funcName(e);
                case "deserialfunc" -> d.deserialFn = funcName(e);
                case "msfunc" -> d.mtransFn = funcName(e);
                case "minvfunc" -> d.minvtransFn = funcName(e);
                case "mfinalfunc" -> d.mfinalFn = funcName(e);
                case "finalfunc_extra" -> d.finalExtra = bool(e);
                case "mfinalfunc_extra" -> d.mfinalExtra = bool(e);
                case "finalfunc_modify" -> d.finalModify = e.value();
                case "mfinalfunc_modify" -> d.mfinalModify = e.value();
                case "sortop" -> d.sortOp = List.of(e.value());
                case "basetype" -> {
                    d.baseType = e.type();
                    d.baseTypeText = e.value();
                }
                case "hypothetical" -> d.hypothetical = bool(e);
                case "stype", "stype1" -> d.transType = typeName(e);
                case "sspace" -> d.transSpace = integer(e);
                case "mstype" -> d.mtransType = typeName(e);
                case "msspace" -> d.mtransSpace = integer(e);
                case "initcond", "initcond1" -> d.initVal = e.value();
                case "minitcond" -> d.minitVal = e.value();
                case "parallel" -> d.parallel = e.value();
                default -> warnings.accept("aggregate attribute \"" + e.name() + "\" not recognized");
            }
        }
        return d;
    }

    private static List<String> funcName(AggDefElem e) {
        if (e.type() == null) {
            if (e.value() == null) throw PgException.error(SqlState.SYNTAX_ERROR, e.name() + " requires a parameter");
            return List.of(e.value());
        }
        return e.type().names();
    }

    private static TypeName typeName(AggDefElem e) {
        if (e.type() == null) {
            if (e.value() == null) throw PgException.error(SqlState.SYNTAX_ERROR, e.name() + " requires a parameter");
            return new TypeName(List.of(e.value().toLowerCase(Locale.ROOT)), List.of(), false, e.location());
        }
        return e.type();
    }

    /** defGetBoolean: no value, true/false/on/off/1/0. */
    private static boolean bool(AggDefElem e) {
        if (e.value() == null) return true;
        return switch (e.value().toLowerCase(Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw PgException.error(SqlState.SYNTAX_ERROR, e.name() + " requires a Boolean value");
        };
    }

    private static int integer(AggDefElem e) {
        try {
            return Integer.parseInt(e.value());
        } catch (RuntimeException ex) {
            throw PgException.error(SqlState.SYNTAX_ERROR, e.name() + " requires an integer value");
        }
    }

    private static char modify(String v, String param) {
        if (v == null) return 'r';
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "read_only" -> 'r';
            case "shareable" -> 's';
            case "read_write" -> 'w';
            default -> throw PgException.error(SqlState.SYNTAX_ERROR,
                    "parameter \"" + param + "\" must be READ_ONLY, SHAREABLE, or READ_WRITE");
        };
    }

    /** An argument's type; "any" is the pseudo-type of aggregates that take any input. */
    private static int argType(TypeName tn, String queryString) {
        if (tn.names().size() == 1 && tn.lastName().equals("any") && !tn.array()) return ANY;
        return ParseCoerce.resolveTypeName(tn, queryString).oid();
    }

    private static int typeByText(String text) {
        PgType t = BuiltinCatalog.typeByName(text.toLowerCase(Locale.ROOT));
        if (t == null) throw PgException.error(SqlState.UNDEFINED_OBJECT, "type \"" + text + "\" does not exist");
        return t.oid();
    }

    /**
     * The transition type (DefineAggregate): a pseudo-type other than a polymorphic one cannot
     * hold a state, except internal for a superuser, since the support functions of an internal
     * state are C code trusting what they are handed.
     */
    private static int stateType(TypeName tn, String queryString, boolean superuser) {
        int t = ParseCoerce.resolveTypeName(tn, queryString).oid();
        PgType pt = BuiltinCatalog.type(t);
        if (pt != null && pt.category() == PgType.CAT_PSEUDO && !isPolymorphic(t)
                && !(t == org.tusk.catalog.TypeOids.INTERNAL && superuser)) {
            throw PgException.error("42P13", "aggregate transition data type cannot be "
                    + BuiltinCatalog.formatType(t));
        }
        return t;
    }

    private static boolean isPolymorphic(int t) {
        return isFamily1(t) || isFamily2(t);
    }

    private static boolean isFamily1(int t) {
        return t == org.tusk.catalog.TypeOids.ANYELEMENT || t == org.tusk.catalog.TypeOids.ANYARRAY
                || t == org.tusk.catalog.TypeOids.ANYNONARRAY || t == org.tusk.utils.adt.RangeTypes.ANYRANGE;
    }

    private static boolean isFamily2(int t) {
        return t == org.tusk.catalog.TypeOids.ANYCOMPATIBLE || t == org.tusk.catalog.TypeOids.ANYCOMPATIBLEARRAY;
    }

    /**
     * AggregateCreate's check_valid_polymorphic_signature for the state type: a polymorphic state
     * can only be deduced from an input of the same polymorphic family.
     */
    private static void checkPolymorphicStateType(int stateType, List<Integer> argTypes, String what) {
        String detail = null;
        if (isFamily1(stateType) && argTypes.stream().noneMatch(AggregateCommands::isFamily1)) {
            detail = "A result of type " + BuiltinCatalog.formatType(stateType) + " requires at least one input of type "
                    + "anyelement, anyarray, anynonarray, anyenum, anyrange, or anymultirange.";
        } else if (isFamily2(stateType) && argTypes.stream().noneMatch(AggregateCommands::isFamily2)) {
            detail = "A result of type " + BuiltinCatalog.formatType(stateType) + " requires at least one input of type "
                    + "anycompatible, anycompatiblearray, anycompatiblenonarray, anycompatiblerange, or anycompatiblemultirange.";
        }
        if (detail != null) {
            throw PgException.error("42P13", "cannot determine " + what + " data type").withDetail(detail);
        }
    }

    /** DefineAggregate checks the initial value by running the state type's input function on it. */
    private static void checkInitVal(int type, String text, ExecContext ctx) {
        PgType t = BuiltinCatalog.type(type);
        // a pseudo-type state (polymorphic, internal) has no input function to check with yet
        if (t != null && t.input() != null && t.category() != PgType.CAT_PSEUDO) t.input().in(text, ctx.inputSettings());
    }

    private static boolean binaryCoercible(int from, int to) {
        if (from == to || to == ANY) return true;
        PgCast c = BuiltinCatalog.cast(from, to);
        return c != null && c.method() == PgCast.Method.BINARY;
    }

    private static String last(List<String> qn) {
        return qn.get(qn.size() - 1);
    }

    /** A support function found by {@link #lookup}: its pg_proc OID, result type and strictness. */
    private record Found(int oid, int resultType, boolean strict) {}

    /**
     * lookup_agg_function: the function {@code qn} callable with exactly {@code types} (implicit
     * coercion may choose it, but the chosen argument types must be the given ones or binary
     * coercible from them, since the executor passes the values unconverted).
     */
    private static Found lookup(FunctionDdl functions, List<String> qn, List<Integer> types) {
        String schema = qn.size() == 2 ? qn.get(0) : null;
        String name = last(qn);
        List<List<Integer>> sigs = new ArrayList<>();
        List<Found> found = new ArrayList<>();
        List<Boolean> retset = new ArrayList<>();
        if (schema == null || schema.equals("pg_catalog")) {
            for (PgProc p : BuiltinCatalog.functions(name)) {
                if (p.variadicAny() || p.argTypes().size() != types.size()) continue;
                sigs.add(p.argTypes());
                found.add(new Found(p.oid(), p.resultType(), p.strict()));
                retset.add(p.retset());
            }
        }
        if (schema == null || !schema.equals("pg_catalog")) {
            for (SqlFunction f : functions.candidates(schema, name)) {
                if (f.argTypes().size() != types.size()) continue;
                sigs.add(f.argTypes());
                found.add(new Found(f.oid(), f.resultType(), f.strict()));
                retset.add(f.retset());
            }
        }
        int idx = sigs.isEmpty() ? ParseFunc.NONE : ParseFunc.select(sigs, types);
        String sig = String.join(".", qn) + "(" + signature(types) + ")";
        if (idx == ParseFunc.AMBIGUOUS) throw PgException.error(SqlState.AMBIGUOUS_FUNCTION, "function " + sig + " is not unique");
        if (idx == ParseFunc.NONE) throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function " + sig + " does not exist");
        if (retset.get(idx)) throw PgException.error(SqlState.DATATYPE_MISMATCH, "function " + sig + " returns a set");
        List<Integer> chosen = resolvePolymorphic(sigs.get(idx), types);
        for (int i = 0; i < types.size(); i++) {
            if (!binaryCoercible(types.get(i), chosen.get(i))) {
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "function " + name + "(" + signature(chosen)
                        + ") requires run-time type coercion");
            }
        }
        Found f = found.get(idx);
        int declaredResult = f.resultType;
        for (int i = 0; i < chosen.size(); i++) {
            // a polymorphic result takes what the same polymorphic argument resolved to
            if (sigs.get(idx).get(i) == declaredResult && chosen.get(i) != declaredResult) {
                return new Found(f.oid, chosen.get(i), f.strict);
            }
        }
        return f;
    }

    /**
     * The declared argument types with polymorphic ones replaced by what the actual types make
     * them (enforce_generic_type_consistency, as lookup_agg_function does before its binary
     * coercibility check): anyelement/anynonarray/anyarray take the actual type, and the
     * anycompatible family the common type of its actual arguments, the one every other can be
     * cast to implicitly.
     */
    private static List<Integer> resolvePolymorphic(List<Integer> declared, List<Integer> actual) {
        int common = 0;
        for (int i = 0; i < declared.size(); i++) {
            int d = declared.get(i), a = actual.get(i);
            if (d != org.tusk.catalog.TypeOids.ANYCOMPATIBLE || a == org.tusk.catalog.TypeOids.ANYCOMPATIBLE) continue;
            if (common == 0 || common != a && implicitlyCastable(common, a)) common = a;
        }
        List<Integer> out = new ArrayList<>(declared);
        for (int i = 0; i < declared.size(); i++) {
            int d = declared.get(i), a = actual.get(i);
            switch (d) {
                case org.tusk.catalog.TypeOids.ANYELEMENT, org.tusk.catalog.TypeOids.ANYNONARRAY,
                     org.tusk.catalog.TypeOids.ANYARRAY, org.tusk.catalog.TypeOids.ANYCOMPATIBLEARRAY -> out.set(i, a);
                case org.tusk.catalog.TypeOids.ANYCOMPATIBLE -> out.set(i, common == 0 ? a : common);
                default -> { }
            }
        }
        return out;
    }

    private static boolean implicitlyCastable(int from, int to) {
        PgCast c = BuiltinCatalog.cast(from, to);
        return c != null && c.context() == 'i';
    }

    private static String signature(List<Integer> types) {
        List<String> s = new ArrayList<>();
        for (int t : types) s.add(BuiltinCatalog.formatType(t));
        return String.join(", ", s);
    }

    /**
     * LookupAggWithArgs: the user-defined aggregate of that name and argument types; 42883
     * "aggregate name(types) does not exist" ({@code *} for no arguments), or 42809 if a plain
     * function has that signature. Null only with {@code missingOk}, when there is no such aggregate.
     */
    public static UserAggregate lookup(Stmt.DropAggregateStmt.AggregateRef ref, String queryString, ExecEnvironment env) {
        return lookup(ref, queryString, env, false);
    }

    private static UserAggregate lookup(Stmt.DropAggregateStmt.AggregateRef ref, String queryString, ExecEnvironment env,
                                        boolean missingOk) {
        FunctionDdl functions = env.catalog().functions();
        AggregateDdl aggregates = functions.aggregates();
        List<String> qn = ref.name();
        String schema = qn.size() == 2 ? qn.get(0) : null;
        String shown = String.join(".", qn);
        List<Integer> types = new ArrayList<>();
        for (TypeName tn : ref.argTypes()) {
            try {
                types.add(argType(tn, queryString));
            } catch (PgException e) {
                // LookupTypeNameOid is called without a ParseState here: the error has no position
                if (!SqlState.UNDEFINED_OBJECT.equals(e.sqlState()) || e.position() == 0) throw e;
                throw PgException.error(e.sqlState(), e.getMessage());
            }
        }
        for (UserAggregate a : aggregates.candidates(schema, last(qn))) if (a.argTypes().equals(types)) return a;
        if (missingOk) return null;
        String args = types.isEmpty() ? "*" : signature(types);
        if (!types.isEmpty() && functions.candidates(schema, last(qn)).stream().anyMatch(f -> f.argTypes().equals(types))) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "function " + shown + "(" + args + ") is not an aggregate");
        }
        throw PgException.error(SqlState.UNDEFINED_FUNCTION, "aggregate " + shown + "(" + args + ") does not exist");
    }

    /** RemoveObjects(OBJECT_AGGREGATE): LookupAggWithArgs for each name, then RemoveFunctionById. */
    public static void drop(Stmt.DropAggregateStmt s, String queryString, ExecEnvironment env, Consumer<String> notices) {
        List<UserAggregate> victims = new ArrayList<>();
        for (Stmt.DropAggregateStmt.AggregateRef ref : s.aggregates()) {
            UserAggregate found = lookup(ref, queryString, env, s.missingOk());
            if (found == null) {
                List<String> written = new ArrayList<>();
                for (TypeName tn : ref.argTypes()) written.add(String.join(".", tn.names()) + (tn.array() ? "[]" : ""));
                notices.accept("aggregate " + String.join(".", ref.name()) + "(" + String.join(",", written)
                        + ") does not exist, skipping");
                continue;
            }
            victims.add(found);
        }
        if (victims.isEmpty()) return;
        // RemoveObjects: performMultipleDeletions, so objects depending on the aggregate block or cascade
        List<org.tusk.catalog.ObjectAddress> targets = new ArrayList<>();
        for (UserAggregate a : victims) targets.add(new org.tusk.catalog.ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, a.oid(), 0));
        env.catalog().dependencies().performDeletion(targets, s.cascade());
    }
}
