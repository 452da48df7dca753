package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.PgCast.Method;
import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.Bools;
import org.tusk.utils.adt.Comparisons;
import org.tusk.utils.adt.DateTimes;
import org.tusk.utils.adt.Floats;
import org.tusk.utils.adt.Lsns;
import org.tusk.utils.adt.NameArrays;
import org.tusk.utils.misc.SessionServices;
import org.tusk.utils.adt.Inet;
import org.tusk.utils.adt.Interval;
import org.tusk.utils.adt.Ints;
import org.tusk.utils.adt.Numerics;
import org.tusk.utils.adt.Texts;
import org.tusk.utils.adt.TextArrays;
import org.tusk.utils.adt.VoidValue;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The static, immutable built-in catalog: types, functions, operators, casts and aggregates,
 * with PostgreSQL's type OIDs. Built once at class initialisation and never modified; lookups
 * return unmodifiable lists. Per-session state never lives here.
 */
public final class BuiltinCatalog {
    private BuiltinCatalog() {}

    private static final Map<Integer, PgType> TYPES;
    private static final Map<String, PgType> TYPES_BY_NAME;
    private static final Map<String, List<PgProc>> PROCS;
    private static final Map<Integer, PgProc> PROCS_BY_OID;
    private static final Map<String, List<PgOperator>> OPERATORS;
    private static final Map<Long, PgCast> CASTS;
    private static final Map<String, ParameterInfo> PARAMETERS;
    private static final Map<String, java.util.Set<List<Integer>>> VARIADICS;
    private static final Map<String, List<PgAggregate>> AGGREGATES;
    private static final Map<String, List<PgWindowFunc>> WINDOW_FUNCS;
    private static final Map<PgAggregate, Integer> AGGREGATE_OIDS;
    private static final Map<PgWindowFunc, Integer> WINDOW_OIDS;
    private static final java.util.Set<Integer> ROUTINE_OIDS;

    public static PgType type(int oid) {
        PgType t = TYPES.get(oid);
        if (t == null) t = TypeCache.lookupInstalled(oid);   // user-defined types live in the heap catalogs
        if (t == null) throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for type " + oid);
        return t;
    }

    public static PgType typeByName(String typname) { return TYPES_BY_NAME.get(typname); }

    public static List<PgProc> functions(String name) { return PROCS.getOrDefault(name, List.of()); }

    /** The built-in function with pg_proc OID {@code oid} (a support function named in pg_aggregate), or null. */
    public static PgProc functionByOid(int oid) {
        return PROCS_BY_OID.get(oid);
    }

    /** The built-in ordered-set aggregate whose final function is {@code finalFn} (percentile_disc_final, ...), or null. */
    public static OrderedSetAggregate orderedSetFinal(PgProc finalFn) {
        return OrderedSetAggregates.forFinal(finalFn);
    }

    /**
     * The named parameters of a built-in function (its proargnames and proargdefaults): each
     * default is the text of a constant cast to the type named alongside, or null for none.
     */
    public record ParameterInfo(List<String> names, List<String> defaults, List<String> types) {}

    /** The named parameters of the built-in function {@code name}, or null if it has none. */
    public static ParameterInfo parameterInfo(String name) { return PARAMETERS.get(name); }

    /** Whether built-in {@code p} declares its last parameter VARIADIC over a concrete array type (provariadic). */
    public static boolean isVariadic(PgProc p) {
        java.util.Set<List<Integer>> v = VARIADICS.get(p.name());
        return v != null && v.contains(p.argTypes());
    }

    public static List<PgOperator> operators(String name) {
        List<PgOperator> builtin = OPERATORS.getOrDefault(name, List.of());
        // operators users create live in pg_operator (CREATE OPERATOR, OperatorDdl)
        List<PgOperator> user = OperatorDdl.lookupInstalled(name);
        if (user.isEmpty()) return builtin;
        List<PgOperator> all = new java.util.ArrayList<>(builtin);
        all.addAll(user);
        return all;
    }

    public static List<PgAggregate> aggregates(String name) { return AGGREGATES.getOrDefault(name, List.of()); }

    public static List<PgWindowFunc> windowFunctions(String name) { return WINDOW_FUNCS.getOrDefault(name, List.of()); }

    /** The built-in window function implementation whose prosrc is {@code prosrc} ("window_nth_value"), or null. */
    public static PgWindowFunc.Impl windowImplementation(String prosrc) { return WindowBuiltins.implementation(prosrc); }

    public static PgCast cast(int source, int target) {
        PgCast c = CASTS.get(((long) source << 32) | target);
        // casts users create live in pg_cast (CREATE CAST, CastDdl)
        return c != null ? c : CastDdl.lookupInstalled(source, target);
    }

    /** Every built-in cast (the rows of pg_cast), in no particular order. */
    public static java.util.Collection<PgCast> allCasts() { return CASTS.values(); }

    /** Every built-in operator (the rows of pg_operator), by name. */
    public static Map<String, List<PgOperator>> allOperators() { return OPERATORS; }

    /** Every built-in function (pg_proc OID to entry). */
    public static Map<Integer, PgProc> allFunctions() { return PROCS_BY_OID; }

    /** Every built-in aggregate with its pg_proc OID (PostgreSQL's where PostgreSQL has it). */
    public static Map<PgAggregate, Integer> allAggregates() { return AGGREGATE_OIDS; }

    /** Every built-in window function with its pg_proc OID. */
    public static Map<PgWindowFunc, Integer> allWindowFunctions() { return WINDOW_OIDS; }

    /**
     * Whether {@code oid} is the pg_proc OID of a built-in function, aggregate or window
     * function (or of a type I/O function, {@link BuiltinProcRows}): bootstrap writes their rows, and the lookups of user routines in pg_proc
     * ({@link FunctionDdl}, {@link AggregateDdl}) pass over them, since these tables resolve them.
     */
    public static boolean isBuiltinRoutine(int oid) {
        // below FirstGenbkiObjectId every pg_proc OID is pg_proc.dat's
        return Integer.compareUnsigned(oid, FIRST_GENBKI_OBJECT_ID) < 0 || ROUTINE_OIDS.contains(oid);
    }

    /** FirstGenbkiObjectId (access/transam.h): OIDs below it are the fixed ones of the catalog .dat files. */
    private static final int FIRST_GENBKI_OBJECT_ID = 10000;

    /**
     * The elements of an aclitem[] value: the shared catalog views give them as text already;
     * pg_class.relacl read from the heap is (grantee, grantor, privs) triples, shown as
     * aclitemout shows them: role names through the session's {@link ObjectNames} (putid), the
     * OID of a role that no longer exists.
     */
    static List<?> aclElements(Object v) {
        if (v instanceof int[] triples) return Acl.toText(triples, SharedCatalogViews::roleOut);
        return TextArrays.elements(v);
    }

    /**
     * A call of polymorphic built-in {@code p} with anyenum bound to {@code enumType}: the same
     * pg_proc entry with result type {@code resultType} and a body that knows the actual type.
     */
    public static PgProc bindAnyEnum(PgProc p, int enumType, int resultType) {
        return new PgProc(p.oid(), p.name(), p.argTypes(), resultType, p.strict(), p.volatility(), p.variadicAny(),
                EnumBuiltins.bindFor(p, enumType));
    }

    /** ANYENUMOID: the pseudo-type standing for any enum type in built-in signatures. */
    public static final int ANYENUM = EnumBuiltins.ANYENUM;

    /** format_type_be(): the SQL name of a type, for messages. */
    public static String formatType(int oid) {
        PgType t = TYPES.get(oid);
        if (t == null) t = TypeCache.lookupInstalled(oid);
        return t == null ? "???" : t.sqlName();
    }

    // ------------------------------------------------------------------ build

    private static PgType t(int oid, String name, String sqlName, int len, boolean byval, char cat, boolean pref,
                            PgType.Input in, PgType.Output out) {
        return new PgType(oid, name, sqlName, len, byval, cat, pref, in, out);
    }

    static {
        List<PgType> types = List.of(
                t(BOOL, "bool", "boolean", 1, true, 'B', true, (s, z) -> Bools.boolin(s), (v, z) -> Bools.boolout((Boolean) v)),
                t(BYTEA, "bytea", "bytea", -1, false, 'U', false, (s, z) -> Texts.byteaIn(s), (v, z) -> Texts.byteaOut((byte[]) v, z)),
                t(NAME, "name", "name", 64, false, 'S', false, (s, z) -> Texts.namein(s), (v, z) -> (String) v),
                // charin keeps the first byte; charout prints it (the empty string for \0)
                t(CHAR, "char", "\"char\"", 1, true, 'Z', false, (s, z) -> s.isEmpty() ? "" : s.substring(0, 1),
                        (v, z) -> (String) v),
                t(NAME_ARRAY, "_name", "name[]", -1, false, 'A', false, (s, z) -> NameArrays.in(s),
                        (v, z) -> NameArrays.out((String[]) v)),
                t(INT8, "int8", "bigint", 8, true, 'N', false, (s, z) -> Ints.int8in(s), (v, z) -> v.toString()),
                t(INT2, "int2", "smallint", 2, true, 'N', false, (s, z) -> Ints.int2in(s), (v, z) -> v.toString()),
                t(INT4, "int4", "integer", 4, true, 'N', false, (s, z) -> Ints.int4in(s), (v, z) -> v.toString()),
                t(TEXT, "text", "text", -1, false, 'S', true, (s, z) -> s, (v, z) -> (String) v),
                t(OID, "oid", "oid", 4, true, 'N', true, (s, z) -> Ints.oidin(s), (v, z) -> Ints.oidout(v)),
                t(XID, "xid", "xid", 4, true, 'U', false, (s, z) -> Ints.oidin(s), (v, z) -> Ints.oidout(v)),
                t(FLOAT4, "float4", "real", 4, true, 'N', false, (s, z) -> Floats.float4in(s), (v, z) -> Floats.float4out((Float) v, z.extraFloatDigits())),
                t(FLOAT8, "float8", "double precision", 8, true, 'N', true, (s, z) -> Floats.float8in(s), (v, z) -> Floats.float8out((Double) v, z.extraFloatDigits())),
                t(UNKNOWN, "unknown", "unknown", -2, false, 'X', false, (s, z) -> s, (v, z) -> (String) v),
                t(INET, "inet", "inet", -1, false, 'I', true, (s, z) -> Inet.inetIn(s), (v, z) -> Inet.inetOut((Inet) v)),
                t(VARCHAR, "varchar", "character varying", -1, false, 'S', false, (s, z) -> s, (v, z) -> (String) v),
                t(BPCHAR, "bpchar", "character", -1, false, 'S', false, (s, z) -> s, (v, z) -> (String) v),
                t(DATE, "date", "date", 4, true, 'D', false, DateTimes::dateIn, (v, z) -> DateTimes.dateOut((LocalDate) v, z)),
                t(TIME, "time", "time without time zone", 8, true, 'D', false, (s, z) -> DateTimes.timeIn(s), (v, z) -> DateTimes.timeOut((LocalTime) v)),
                t(TIMESTAMP, "timestamp", "timestamp without time zone", 8, true, 'D', false, DateTimes::timestampIn,
                        (v, z) -> DateTimes.timestampOut((LocalDateTime) v, z)),
                t(TIMESTAMPTZ, "timestamptz", "timestamp with time zone", 8, true, 'D', true, DateTimes::timestamptzIn,
                        (v, z) -> DateTimes.timestamptzOut((Instant) v, z)),
                t(INTERVAL, "interval", "interval", 16, false, 'T', true, DateTimes::intervalIn,
                        (v, z) -> DateTimes.intervalOut((Interval) v, z)),
                t(NUMERIC, "numeric", "numeric", -1, false, 'N', false, (s, z) -> Numerics.numericIn(s),
                        (v, z) -> Numerics.numericOut((BigDecimal) v)),
                t(RECORD, "record", "record", -1, false, 'P', false, (s, z) -> {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "input of anonymous composite types is not implemented");
                }, (v, z) -> v instanceof org.tusk.utils.adt.RecordValue rv ? rv.out((t, x) -> type(t).output().out(x, z))
                        : String.valueOf(v)),
                t(VOID, "void", "void", 4, true, 'P', false, (s, z) -> VoidValue.VOID, (v, z) -> ""),
                t(PG_LSN, "pg_lsn", "pg_lsn", 8, true, 'U', false, (s, z) -> Lsns.lsnIn(s), (v, z) -> Lsns.lsnOut((Long) v)),
                t(ANY, "any", "\"any\"", 4, true, 'P', false, (s, z) -> s, (v, z) -> String.valueOf(v)),
                t(ACLITEM, "aclitem", "aclitem", 12, false, 'U', false, (s, z) -> {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "aclitem input is not supported yet");
                }, (v, z) -> (String) v),
                t(ACLITEM_ARRAY, "_aclitem", "aclitem[]", -1, false, 'A', false, (s, z) -> AclInput.arrayIn(s), (v, z) -> TextArrays.arrayOut(aclElements(v))),
                t(TEXT_ARRAY, "_text", "text[]", -1, false, 'A', false, (s, z) -> TextArrays.arrayIn(s),
                        (v, z) -> TextArrays.arrayOut(v)));
        Builder b = new Builder();
        b.numericOperators();
        b.comparisonOperators();
        b.bpcharOperators();
        b.bpcharFunctions();
        b.otherOperators();
        b.functions();
        b.sharedCatalogFunctions();
        b.casts();
        b.aggregates();
        // Further areas register themselves here, each from its own class (one line per area).
        ObjectDescriptionBuiltins.register(b);
        ByteaBitCountBuiltins.register(b); LsnNumericBuiltins.register(b);
        TextSearchBuiltins.register(b);
        TextSearchHeadlineBuiltins.register(b);
        TextSearchQueryBuiltins.register(b);
        DbSizeBuiltins.register(b);
        AdvisoryLockBuiltins.register(b);
        DumpSupportBuiltins.register(b);
        SerialSequenceBuiltins.register(b);
        OverlayPositionBuiltins.register(b);
        RoutineVisibilityBuiltins.register(b);
        ByteaLikeBuiltins.register(b);
        IntrospectionBuiltins.register(b);
        SettingsBuiltins.register(b);
        IntSumBuiltins.register(b);
        ScalarBuiltins.register(b);
        WindowBuiltins.register(b);
        InternalStateAggregateSupport.register(b);
        Xid8Builtins.register(b);
        InternalFunctions.register(b);
        ArrayBuiltins.register(b);
        ArrayUserBuiltins.register(b);
        FloatDegreeBuiltins.register(b);
        IntegerBitAggregates.register(b);
        UuidBuiltins.register(b);
        SrfBuiltins.register(b);
        JsonBuiltins.register(b);
        JsonProcessingBuiltins.register(b);
        JsonPopulateBuiltins.register(b);
        ProcSignatures.register(b);
        EnumBuiltins.register(b);
        SystemColumnBuiltins.register(b);
        ViewFunctions.register(b);
        DescribeBuiltins.register(b);
        CommentBuiltins.register(b);
        DateTimeBuiltins.register(b);
        NumericBuiltins.register(b);
        FormattingBuiltins.register(b);
        StatisticalAggregates.register(b);
        OrderedSetAggregates.register(b);
        PatternOperators.register(b);
        NameTextOperators.register(b);
        IntegerCrossTypeOperators.register(b);
        ArrayAndByteaAggregates.register(b);
        MiscStringBuiltins.register(b);
        PartitionBuiltins.register(b);
        AggregateSupportBuiltins.register(b);
        RowTypeBuiltins.register(b);
        PrivilegeBuiltins.register(b);
        InformationSchemaBuiltins.register(b);
        RegProcBuiltins.register(b);
        GeometricBuiltins.register(b);
        TriggerBuiltins.register(b);
        RecordArrayBuiltins.register(b);
        JsonPathBuiltins.register(b);
        TimeTzBitMoneyBuiltins.register(b);
        RangeBuiltins.register(b);
        IntegerCrossTypeOperators.registerArithmetic(b);
        StatBuiltins.register(b);

        Map<Integer, PgType> byOid = new HashMap<>();
        Map<String, PgType> byName = new HashMap<>();
        List<PgType> allTypes = new ArrayList<>(types);
        allTypes.addAll(b.types);
        for (PgType ty : allTypes) {
            byOid.put(ty.oid(), ty);
            byName.put(ty.typname(), ty);
        }
        TYPES = Collections.unmodifiableMap(byOid);
        TYPES_BY_NAME = Collections.unmodifiableMap(byName);
        PROCS = freeze(b.procs);
        Map<Integer, PgProc> procsByOid = new HashMap<>();
        PROCS.values().forEach(l -> l.forEach(p -> procsByOid.put(p.oid(), p)));
        PROCS_BY_OID = Collections.unmodifiableMap(procsByOid);
        OPERATORS = freeze(b.ops);
        AGGREGATES = freeze(b.aggs);
        WINDOW_FUNCS = freeze(b.windowFuncs);
        // the aggregates' and window functions' pg_proc OIDs, given in a fixed order (by name and
        // argument types) so that every process numbers Tusk's own ones alike
        Comparator<String> alphabetical = Comparator.naturalOrder();
        Map<PgAggregate, Integer> aggOids = new java.util.IdentityHashMap<>();
        AGGREGATES.entrySet().stream().sorted(Map.Entry.comparingByKey(alphabetical)).forEach(e -> e.getValue().stream()
                .sorted(Comparator.comparing(a -> Pg15ProcOids.key(a.name(), a.argTypes())))
                .forEach(a -> aggOids.put(a, b.oidFor(a.name(), a.argTypes(), false))));
        Map<PgWindowFunc, Integer> windowOids = new java.util.IdentityHashMap<>();
        WINDOW_FUNCS.entrySet().stream().sorted(Map.Entry.comparingByKey(alphabetical)).forEach(e -> e.getValue().stream()
                .sorted(Comparator.comparing(w -> Pg15ProcOids.key(w.name(), w.argTypes())))
                .forEach(w -> windowOids.put(w, b.oidFor(w.name(), w.argTypes(), false))));
        AGGREGATE_OIDS = Collections.unmodifiableMap(aggOids);
        WINDOW_OIDS = Collections.unmodifiableMap(windowOids);
        java.util.Set<Integer> routineOids = new java.util.HashSet<>(procsByOid.keySet());
        routineOids.addAll(aggOids.values());
        routineOids.addAll(windowOids.values());
        ROUTINE_OIDS = java.util.Set.copyOf(routineOids);
        CASTS = Collections.unmodifiableMap(b.casts);
        PARAMETERS = Map.copyOf(b.parameters);
        VARIADICS = Map.copyOf(b.variadics);
    }

    private static <T> Map<String, List<T>> freeze(Map<String, List<T>> m) {
        Map<String, List<T>> r = new HashMap<>();
        m.forEach((k, v) -> r.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(r);
    }

    /** The original built-in groups; each further area registers itself through {@link BuiltinRegistry}. */
    private static final class Builder extends BuiltinRegistry {
        void numericOperators() {
            for (int ty : new int[] {INT2, INT4, INT8}) {
                int bits = bits(ty);
                op("+", ty, ty, ty, (c, a) -> box(ty, Ints.add(l(a[0]), l(a[1]), bits)));
                op("-", ty, ty, ty, (c, a) -> box(ty, Ints.sub(l(a[0]), l(a[1]), bits)));
                op("*", ty, ty, ty, (c, a) -> box(ty, Ints.mul(l(a[0]), l(a[1]), bits)));
                op("/", ty, ty, ty, (c, a) -> box(ty, Ints.div(l(a[0]), l(a[1]), bits)));
                op("%", ty, ty, ty, (c, a) -> box(ty, Ints.mod(l(a[0]), l(a[1]), bits)));
                op("-", 0, ty, ty, (c, a) -> box(ty, Ints.neg(l(a[0]), bits)));
                op("+", 0, ty, ty, (c, a) -> a[0]);
                op("@", 0, ty, ty, (c, a) -> box(ty, Ints.abs(l(a[0]), bits)));
                fn("abs", List.of(ty), ty, (c, a) -> box(ty, Ints.abs(l(a[0]), bits)));
                fn("mod", List.of(ty, ty), ty, (c, a) -> box(ty, Ints.mod(l(a[0]), l(a[1]), bits)));
            }
            op("+", FLOAT8, FLOAT8, FLOAT8, (c, a) -> Floats.add(d(a[0]), d(a[1])));
            op("-", FLOAT8, FLOAT8, FLOAT8, (c, a) -> Floats.sub(d(a[0]), d(a[1])));
            op("*", FLOAT8, FLOAT8, FLOAT8, (c, a) -> Floats.mul(d(a[0]), d(a[1])));
            op("/", FLOAT8, FLOAT8, FLOAT8, (c, a) -> Floats.div(d(a[0]), d(a[1])));
            op("^", FLOAT8, FLOAT8, FLOAT8, (c, a) -> Floats.power(d(a[0]), d(a[1])));
            op("-", 0, FLOAT8, FLOAT8, (c, a) -> -d(a[0]));
            op("+", 0, FLOAT8, FLOAT8, (c, a) -> a[0]);
            op("@", 0, FLOAT8, FLOAT8, (c, a) -> Math.abs(d(a[0])));
            op("+", FLOAT4, FLOAT4, FLOAT4, (c, a) -> Floats.add4(f(a[0]), f(a[1])));
            op("-", FLOAT4, FLOAT4, FLOAT4, (c, a) -> Floats.sub4(f(a[0]), f(a[1])));
            op("*", FLOAT4, FLOAT4, FLOAT4, (c, a) -> Floats.mul4(f(a[0]), f(a[1])));
            op("/", FLOAT4, FLOAT4, FLOAT4, (c, a) -> Floats.div4(f(a[0]), f(a[1])));
            op("-", 0, FLOAT4, FLOAT4, (c, a) -> -f(a[0]));
            op("+", 0, FLOAT4, FLOAT4, (c, a) -> a[0]);
            op("+", NUMERIC, NUMERIC, NUMERIC, (c, a) -> Numerics.add(n(a[0]), n(a[1])));
            op("-", NUMERIC, NUMERIC, NUMERIC, (c, a) -> Numerics.sub(n(a[0]), n(a[1])));
            op("*", NUMERIC, NUMERIC, NUMERIC, (c, a) -> Numerics.mul(n(a[0]), n(a[1])));
            op("/", NUMERIC, NUMERIC, NUMERIC, (c, a) -> Numerics.div(n(a[0]), n(a[1])));
            op("%", NUMERIC, NUMERIC, NUMERIC, (c, a) -> Numerics.mod(n(a[0]), n(a[1])));
            op("-", 0, NUMERIC, NUMERIC, (c, a) -> n(a[0]).negate());
            op("^", NUMERIC, NUMERIC, NUMERIC, (c, a) -> Numerics.power(n(a[0]), n(a[1])));
            op("+", 0, NUMERIC, NUMERIC, (c, a) -> a[0]);
            op("@", 0, NUMERIC, NUMERIC, (c, a) -> n(a[0]).abs());
        }

        void comparisonOperators() {
            for (int ty : new int[] {BOOL, INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, TEXT, NAME, OID, BYTEA, DATE, TIME,
                    TIMESTAMP, TIMESTAMPTZ, INTERVAL, INET, CHAR}) {
                op("=", ty, ty, BOOL, (c, a) -> Comparisons.compare(ty, a[0], a[1]) == 0);
                op("<>", ty, ty, BOOL, (c, a) -> Comparisons.compare(ty, a[0], a[1]) != 0);
                op("<", ty, ty, BOOL, (c, a) -> Comparisons.compare(ty, a[0], a[1]) < 0);
                op("<=", ty, ty, BOOL, (c, a) -> Comparisons.compare(ty, a[0], a[1]) <= 0);
                op(">", ty, ty, BOOL, (c, a) -> Comparisons.compare(ty, a[0], a[1]) > 0);
                op(">=", ty, ty, BOOL, (c, a) -> Comparisons.compare(ty, a[0], a[1]) >= 0);
            }
        }

        /**
         * bpchareq, bpcharne, bpcharlt, bpcharle, bpchargt, bpcharge (varchar.c): character
         * compared with trailing blanks insignificant (bpcharcmp), so 'a'::char(3) = 'a ' and
         * varchar = character resolve to them (one exact argument beats text = text's none).
         */
        void bpcharOperators() {
            op("=", BPCHAR, BPCHAR, BOOL, (c, a) -> Comparisons.compareBpchar((String) a[0], (String) a[1]) == 0);
            op("<>", BPCHAR, BPCHAR, BOOL, (c, a) -> Comparisons.compareBpchar((String) a[0], (String) a[1]) != 0);
            op("<", BPCHAR, BPCHAR, BOOL, (c, a) -> Comparisons.compareBpchar((String) a[0], (String) a[1]) < 0);
            op("<=", BPCHAR, BPCHAR, BOOL, (c, a) -> Comparisons.compareBpchar((String) a[0], (String) a[1]) <= 0);
            op(">", BPCHAR, BPCHAR, BOOL, (c, a) -> Comparisons.compareBpchar((String) a[0], (String) a[1]) > 0);
            op(">=", BPCHAR, BPCHAR, BOOL, (c, a) -> Comparisons.compareBpchar((String) a[0], (String) a[1]) >= 0);
        }

        /**
         * bpchar_larger, bpchar_smaller (varchar.c): the larger/smaller by bpcharcmp, the first on
         * a tie; octet_length(character) (bpcharoctetlen) counts the padding blanks, where
         * length(character) (bpcharlen, through text) does not.
         */
        void bpcharFunctions() {
            // the operators' functions bpchareq ... bpcharge (bpcharcmp itself is not exposed: its
            // result is varstr_cmp's, whose magnitude follows the collation's strcoll)
            String[] ops = {"eq", "ne", "lt", "le", "gt", "ge"};
            for (String op : ops) {
                fn("bpchar" + op, List.of(BPCHAR, BPCHAR), BOOL, (c, a) -> {
                    int cmp = Comparisons.compareBpchar((String) a[0], (String) a[1]);
                    return switch (op) {
                        case "eq" -> cmp == 0;
                        case "ne" -> cmp != 0;
                        case "lt" -> cmp < 0;
                        case "le" -> cmp <= 0;
                        case "gt" -> cmp > 0;
                        default -> cmp >= 0;
                    };
                });
            }
            fn("octet_length", List.of(BPCHAR), INT4,
                    (c, a) -> ((String) a[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            fn("bpchar_larger", List.of(BPCHAR, BPCHAR), BPCHAR,
                    (c, a) -> Comparisons.compareBpchar((String) a[0], (String) a[1]) >= 0 ? a[0] : a[1]);
            fn("bpchar_smaller", List.of(BPCHAR, BPCHAR), BPCHAR,
                    (c, a) -> Comparisons.compareBpchar((String) a[0], (String) a[1]) <= 0 ? a[0] : a[1]);
        }

        void otherOperators() {
            op("||", TEXT, TEXT, TEXT, (c, a) -> (String) a[0] + a[1]);
            op("~~", TEXT, TEXT, BOOL, (c, a) -> Texts.like((String) a[0], (String) a[1], '\\', false));
            op("!~~", TEXT, TEXT, BOOL, (c, a) -> !Texts.like((String) a[0], (String) a[1], '\\', false));
            op("~~*", TEXT, TEXT, BOOL, (c, a) -> Texts.like((String) a[0], (String) a[1], '\\', true));
            op("!~~*", TEXT, TEXT, BOOL, (c, a) -> !Texts.like((String) a[0], (String) a[1], '\\', true));
            op("+", TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, (c, a) -> DateTimes.addInterval((Instant) a[0], (Interval) a[1], c.timeZone()));
            op("-", TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ,
                    (c, a) -> DateTimes.addInterval((Instant) a[0], DateTimes.negate((Interval) a[1]), c.timeZone()));
            op("-", TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL,
                    (c, a) -> DateTimes.diff(DateTimes.microsBetween((Instant) a[0], (Instant) a[1])));
            op("+", TIMESTAMP, INTERVAL, TIMESTAMP, (c, a) -> DateTimes.addInterval((LocalDateTime) a[0], (Interval) a[1]));
            op("-", TIMESTAMP, INTERVAL, TIMESTAMP,
                    (c, a) -> DateTimes.addInterval((LocalDateTime) a[0], DateTimes.negate((Interval) a[1])));
            op("-", TIMESTAMP, TIMESTAMP, INTERVAL,
                    (c, a) -> DateTimes.diff(DateTimes.microsBetween((LocalDateTime) a[0], (LocalDateTime) a[1])));
            op("+", DATE, INT4, DATE, (c, a) -> ((LocalDate) a[0]).plusDays((Integer) a[1]));
            op("-", DATE, INT4, DATE, (c, a) -> ((LocalDate) a[0]).minusDays((Integer) a[1]));
            op("-", DATE, DATE, INT4, (c, a) -> Ints.toInt4(((LocalDate) a[0]).toEpochDay() - ((LocalDate) a[1]).toEpochDay()));
            op("+", INTERVAL, INTERVAL, INTERVAL, (c, a) -> {
                Interval x = (Interval) a[0], y = (Interval) a[1];
                return new Interval(Math.addExact(x.months(), y.months()), Math.addExact(x.days(), y.days()),
                        Math.addExact(x.micros(), y.micros()));
            });
            op("-", INTERVAL, INTERVAL, INTERVAL, (c, a) -> {
                Interval x = (Interval) a[0], y = (Interval) a[1];
                return new Interval(Math.subtractExact(x.months(), y.months()), Math.subtractExact(x.days(), y.days()),
                        Math.subtractExact(x.micros(), y.micros()));
            });
            op("-", 0, INTERVAL, INTERVAL, (c, a) -> DateTimes.negate((Interval) a[0]));
            op("*", INTERVAL, FLOAT8, INTERVAL, (c, a) -> DateTimes.multiply((Interval) a[0], d(a[1])));
            op("*", FLOAT8, INTERVAL, INTERVAL, (c, a) -> DateTimes.multiply((Interval) a[1], d(a[0])));
            op("/", INTERVAL, FLOAT8, INTERVAL, (c, a) -> DateTimes.divide((Interval) a[0], d(a[1])));
        }

        /**
         * Functions over roles, databases and privileges that psql's \\l and \\du use
         * (pg_get_userbyid in ruleutils.c, pg_encoding_to_char in mbutils.c, array_to_string in
         * arrayfuncs.c for the array types Tusk has).
         */
        void sharedCatalogFunctions() {
            Volatility S = Volatility.STABLE;
            fn("pg_get_userbyid", List.of(OID), NAME, S, true, (c, a) -> c.session().roleName(((Number) a[0]).intValue())
                    .orElse("unknown (OID=" + Integer.toUnsignedString(((Number) a[0]).intValue()) + ")"));
            fn("pg_encoding_to_char", List.of(INT4), NAME, S, true, (c, a) -> org.tusk.utils.adt.Encodings.name(((Number) a[0]).intValue()));
            for (int arr : new int[] {ACLITEM_ARRAY}) {
                fn("array_to_string", List.of(arr, TEXT), TEXT, S, true, (c, a) -> TextArrays.arrayToString(aclElements(a[0]), (String) a[1], null));
                fn("array_to_string", List.of(arr, TEXT, TEXT), TEXT, S, false, (c, a) -> a[0] == null || a[1] == null ? null
                        : TextArrays.arrayToString(aclElements(a[0]), (String) a[1], (String) a[2]));
            }
        }

        void functions() {
            Volatility S = Volatility.STABLE, V = Volatility.VOLATILE;
            fn("now", List.of(), TIMESTAMPTZ, S, true, (c, a) -> DateTimes.micros(c.session().transactionStart()));
            fn("transaction_timestamp", List.of(), TIMESTAMPTZ, S, true, (c, a) -> DateTimes.micros(c.session().transactionStart()));
            fn("statement_timestamp", List.of(), TIMESTAMPTZ, S, true, (c, a) -> DateTimes.micros(c.session().statementStart()));
            fn("clock_timestamp", List.of(), TIMESTAMPTZ, V, true, (c, a) -> DateTimes.micros(Instant.now()));
            fn("pg_postmaster_start_time", List.of(), TIMESTAMPTZ, S, true, (c, a) -> DateTimes.micros(c.session().postmasterStart()));
            fn("version", List.of(), TEXT, S, true, (c, a) -> VERSION);
            fn("current_database", List.of(), NAME, S, true, (c, a) -> c.session().currentDatabase());
            fn("current_schema", List.of(), NAME, S, true, (c, a) -> currentSchema(c));
            fn("current_schemas", List.of(BOOL), NAME_ARRAY, S, true, (c, a) -> currentSchemas(c, (Boolean) a[0]));
            fn("current_user", List.of(), NAME, S, true, (c, a) -> c.session().currentUser());
            fn("session_user", List.of(), NAME, S, true, (c, a) -> c.session().sessionUser());
            fn("current_setting", List.of(TEXT), TEXT, S, true, (c, a) -> c.session().showSetting((String) a[0]));
            fn("current_setting", List.of(TEXT, BOOL), TEXT, S, true, (c, a) -> {
                try {
                    return c.session().showSetting((String) a[0]);
                } catch (PgException e) {
                    if ((Boolean) a[1] && SqlState.UNDEFINED_OBJECT.equals(e.sqlState())) return null;
                    throw e;
                }
            });
            fn("set_config", List.of(TEXT, TEXT, BOOL), TEXT, V, false, (c, a) -> {
                if (a[0] == null)
                    throw PgException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "SET requires parameter name");
                boolean local = a[2] != null && (Boolean) a[2];
                c.session().setSetting((String) a[0], (String) a[1], local);
                return c.session().showSetting((String) a[0]);
            });
            fn("pg_backend_pid", List.of(), INT4, S, true, (c, a) -> c.session().backendPid());
            // async.c: pg_notify is not strict (a NULL channel is "channel name cannot be empty")
            fn("pg_notify", List.of(TEXT, TEXT), VOID, V, false, (c, a) -> {
                c.session().asyncNotify((String) a[0], (String) a[1]);
                return VoidValue.VOID;
            });
            fn("pg_listening_channels", List.of(), TEXT, S, true,
                    (SetReturningFunction) (c, a) -> c.session().listeningChannels().iterator());
            fn("pg_notification_queue_usage", List.of(), FLOAT8, V, true, (c, a) -> c.session().notificationQueueUsage());
            fn("txid_current", List.of(), INT8, S, true, (c, a) -> c.session().currentTransactionId());
            fn("pg_current_wal_lsn", List.of(), PG_LSN, V, true, (c, a) -> c.session().walLsn(SessionServices.WalPosition.WRITE));
            fn("pg_current_wal_insert_lsn", List.of(), PG_LSN, V, true, (c, a) -> c.session().walLsn(SessionServices.WalPosition.INSERT));
            fn("pg_current_wal_flush_lsn", List.of(), PG_LSN, V, true, (c, a) -> c.session().walLsn(SessionServices.WalPosition.FLUSH));
            fn("pg_switch_wal", List.of(), PG_LSN, V, true, (c, a) -> c.session().switchWal());
            // xlogfuncs.c: Tusk has no hot standby; backends start only after WAL replay has ended
            fn("pg_is_in_recovery", List.of(), BOOL, V, true, (c, a) -> false);
            fn("lastval", List.of(), INT8, V, true, (c, a) -> c.session().lastval());
            // amcheck's bt_index_check; takes the index name as text (Tusk has no regclass input yet).
            fn("bt_index_check", List.of(TEXT), VOID, V, true, (c, a) -> {
                c.session().btIndexCheck((String) a[0]);
                return VoidValue.VOID;
            });
            fn("pg_sleep", List.of(FLOAT8), VOID, V, true, (c, a) -> {
                c.session().sleep((Double) a[0]);
                return VoidValue.VOID;
            });
            fn("pg_terminate_backend", List.of(INT4), BOOL, V, true, (c, a) -> c.session().terminateBackend((Integer) a[0], 0));
            fn("pg_terminate_backend", List.of(INT4, INT8), BOOL, V, true, (c, a) -> {
                long timeout = (Long) a[1];
                if (timeout < 0)
                    throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"timeout\" must not be negative");
                return c.session().terminateBackend((Integer) a[0], timeout);
            });
            fn("pg_cancel_backend", List.of(INT4), BOOL, V, true, (c, a) -> c.session().cancelBackend((Integer) a[0]));
            fn("inet_client_addr", List.of(), INET, S, false,
                    (c, a) -> c.session().clientAddr() == null ? null : Inet.of(c.session().clientAddr()));
            fn("inet_client_port", List.of(), INT4, S, false,
                    (c, a) -> c.session().clientAddr() == null ? null : c.session().clientPort());

            for (String name : new String[] {"length", "char_length", "character_length"})
                fn(name, List.of(TEXT), INT4, (c, a) -> Texts.length((String) a[0]));
            fn("octet_length", List.of(TEXT), INT4, (c, a) -> ((String) a[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            fn("lower", List.of(TEXT), TEXT, (c, a) -> Texts.lower((String) a[0]));
            fn("upper", List.of(TEXT), TEXT, (c, a) -> Texts.upper((String) a[0]));
            for (String name : new String[] {"substr", "substring"}) {
                fn(name, List.of(TEXT, INT4), TEXT, (c, a) -> Texts.substr((String) a[0], (Integer) a[1], null));
                fn(name, List.of(TEXT, INT4, INT4), TEXT,
                        (c, a) -> Texts.substr((String) a[0], (Integer) a[1], (long) (Integer) a[2]));
            }
            fn("btrim", List.of(TEXT), TEXT, (c, a) -> Texts.trim((String) a[0], " ", true, true));
            fn("btrim", List.of(TEXT, TEXT), TEXT, (c, a) -> Texts.trim((String) a[0], (String) a[1], true, true));
            fn("ltrim", List.of(TEXT), TEXT, (c, a) -> Texts.trim((String) a[0], " ", true, false));
            fn("ltrim", List.of(TEXT, TEXT), TEXT, (c, a) -> Texts.trim((String) a[0], (String) a[1], true, false));
            fn("rtrim", List.of(TEXT), TEXT, (c, a) -> Texts.trim((String) a[0], " ", false, true));
            fn("rtrim", List.of(TEXT, TEXT), TEXT, (c, a) -> Texts.trim((String) a[0], (String) a[1], false, true));
            fn("repeat", List.of(TEXT, INT4), TEXT, (c, a) -> Texts.repeat((String) a[0], (Integer) a[1]));
            procs.computeIfAbsent("concat", k -> new ArrayList<>()).add(new PgProc(oidFor("concat", List.of(), true), "concat", List.of(), TEXT, false,
                    Volatility.STABLE, true, (c, a) -> {
                        StringBuilder sb = new StringBuilder();
                        for (Object o : a) if (o != null) sb.append((String) o);
                        return sb.toString();
                    }));

            fn("abs", List.of(FLOAT8), FLOAT8, (c, a) -> Math.abs(d(a[0])));
            fn("abs", List.of(FLOAT4), FLOAT4, (c, a) -> Math.abs(f(a[0])));
            fn("abs", List.of(NUMERIC), NUMERIC, (c, a) -> n(a[0]).abs());
            fn("round", List.of(FLOAT8), FLOAT8, (c, a) -> Math.rint(d(a[0])));
            fn("round", List.of(NUMERIC), NUMERIC, (c, a) -> Numerics.round(n(a[0]), 0));
            fn("round", List.of(NUMERIC, INT4), NUMERIC, (c, a) -> Numerics.round(n(a[0]), (Integer) a[1]));
            fn("trunc", List.of(FLOAT8), FLOAT8, (c, a) -> {
                double x = d(a[0]);
                return x < 0 ? Math.ceil(x) : Math.floor(x);
            });
            fn("trunc", List.of(NUMERIC), NUMERIC, (c, a) -> Numerics.trunc(n(a[0]), 0));
            fn("trunc", List.of(NUMERIC, INT4), NUMERIC, (c, a) -> Numerics.trunc(n(a[0]), (Integer) a[1]));
            fn("floor", List.of(FLOAT8), FLOAT8, (c, a) -> Math.floor(d(a[0])));
            fn("floor", List.of(NUMERIC), NUMERIC, (c, a) -> Numerics.floor(n(a[0])));
            for (String name : new String[] {"ceil", "ceiling"}) {
                fn(name, List.of(FLOAT8), FLOAT8, (c, a) -> Math.ceil(d(a[0])));
                fn(name, List.of(NUMERIC), NUMERIC, (c, a) -> Numerics.ceil(n(a[0])));
            }
            fn("sqrt", List.of(FLOAT8), FLOAT8, (c, a) -> Floats.sqrt(d(a[0])));
            fn("sqrt", List.of(NUMERIC), NUMERIC, (c, a) -> Numerics.sqrt(n(a[0])));
            fn("power", List.of(FLOAT8, FLOAT8), FLOAT8, (c, a) -> Floats.power(d(a[0]), d(a[1])));
            fn("pow", List.of(FLOAT8, FLOAT8), FLOAT8, (c, a) -> Floats.power(d(a[0]), d(a[1])));
            fn("power", List.of(NUMERIC, NUMERIC), NUMERIC, (c, a) -> Numerics.power(n(a[0]), n(a[1])));
            fn("pow", List.of(NUMERIC, NUMERIC), NUMERIC, (c, a) -> Numerics.power(n(a[0]), n(a[1])));
            fn("mod", List.of(NUMERIC, NUMERIC), NUMERIC, (c, a) -> Numerics.mod(n(a[0]), n(a[1])));
            fn("pi", List.of(), FLOAT8, (c, a) -> Math.PI);
            fn("like_escape", List.of(TEXT, TEXT), TEXT, (c, a) -> Texts.likeEscape((String) a[0], (String) a[1]));
            fn("random", List.of(), FLOAT8, V, true, (c, a) -> c.session().randomState().nextDouble());
            fn("setseed", List.of(FLOAT8), VOID, V, true, (c, a) -> {
                double seed = d(a[0]);
                if (seed < -1 || seed > 1 || Double.isNaN(seed)) {
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                            "setseed parameter " + (Double.isNaN(seed) ? "nan" : Double.isInfinite(seed) ? (seed > 0 ? "inf" : "-inf")
                                    : Floats.formatG(seed, 6)) + " is out of allowed range [-1,1]");
                }
                c.session().randomState().fseed(seed);
                return VoidValue.VOID;
            });
        }

        void casts() {
            cast(BOOL, INT4, 'e', (c, a) -> (Boolean) a[0] ? 1 : 0);
            cast(INT4, BOOL, 'e', (c, a) -> (Integer) a[0] != 0);
            cast(NAME, TEXT, 'i', (c, a) -> a[0]);
            cast(TEXT, NAME, 'i', (c, a) -> Texts.namein((String) a[0]));
            cast(VARCHAR, NAME, 'i', (c, a) -> Texts.namein((String) a[0]));
            cast(NAME, VARCHAR, 'a', (c, a) -> a[0]);
            cast(TEXT, VARCHAR, 'i', null);
            cast(VARCHAR, TEXT, 'i', null);
            cast(TEXT, BPCHAR, 'i', null);
            cast(VARCHAR, BPCHAR, 'i', null);
            cast(BPCHAR, TEXT, 'i', (c, a) -> Texts.bpcharTrim((String) a[0]));
            cast(BPCHAR, VARCHAR, 'i', (c, a) -> Texts.bpcharTrim((String) a[0]));
            for (int s : new int[] {INT2, INT4, INT8}) {
                for (int t : new int[] {INT2, INT4, INT8}) {
                    if (s == t) continue;
                    char ctx = bits(t) > bits(s) ? 'i' : 'a';
                    cast(s, t, ctx, switch (t) {
                        case INT2 -> (c, a) -> Ints.int2(a[0]);
                        case INT4 -> (c, a) -> Ints.int4(a[0]);
                        default -> (c, a) -> Ints.int8(a[0]);
                    });
                }
                // int4 -> oid is binary (negative values wrap); int8 -> oid is i8tooid, which checks the range
                if (s == INT4) relabelCast(s, OID, 'i', (c, a) -> l(a[0]) & 0xFFFFFFFFL);
                else cast(s, OID, 'i', s != INT8 ? (c, a) -> l(a[0]) & 0xFFFFFFFFL : (c, a) -> {
                    long v = l(a[0]);
                    if (v < 0 || v > 0xFFFFFFFFL)
                        throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "OID out of range");
                    return v;
                });
                cast(s, FLOAT4, 'i', (c, a) -> (float) l(a[0]));
                cast(s, FLOAT8, 'i', (c, a) -> (double) l(a[0]));
                cast(s, NUMERIC, 'i', (c, a) -> BigDecimal.valueOf(l(a[0])));
                cast(FLOAT4, s, 'a', (c, a) -> box(s, Ints.fromDouble(f(a[0]), sqlName(s), min(s), max(s))));
                cast(FLOAT8, s, 'a', (c, a) -> box(s, Ints.fromDouble(d(a[0]), sqlName(s), min(s), max(s))));
                cast(NUMERIC, s, 'a', (c, a) -> box(s, Ints.fromNumeric(n(a[0]), sqlName(s), min(s), max(s))));
            }
            cast(OID, INT8, 'a', (c, a) -> Comparisons.unsigned32((Number) a[0]));
            cast(OID, INT4, 'a', (c, a) -> (int) l(a[0]));
            cast(FLOAT4, FLOAT8, 'i', (c, a) -> (double) f(a[0]));
            cast(FLOAT4, NUMERIC, 'a', (c, a) -> Numerics.fromDouble(f(a[0]), 6));
            cast(FLOAT8, FLOAT4, 'a', (c, a) -> Floats.toFloat4(d(a[0])));
            cast(FLOAT8, NUMERIC, 'a', (c, a) -> Numerics.fromDouble(d(a[0])));
            cast(NUMERIC, FLOAT4, 'i', (c, a) -> Floats.toFloat4(Numerics.toDouble(n(a[0]))));
            cast(NUMERIC, FLOAT8, 'i', (c, a) -> {
                double r = n(a[0]).doubleValue();
                if (Double.isInfinite(r))
                    throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "\"" + Numerics.numericOut(n(a[0])) + "\" is out of range for type double precision");
                return r;
            });
            cast(DATE, TIMESTAMP, 'i', (c, a) -> ((LocalDate) a[0]).atStartOfDay());
            cast(DATE, TIMESTAMPTZ, 'i', (c, a) -> ((LocalDate) a[0]).atStartOfDay(c.timeZone()).toInstant());
            cast(TIME, INTERVAL, 'i', (c, a) -> new Interval(0, 0, ((LocalTime) a[0]).toNanoOfDay() / 1000));
            cast(TIMESTAMP, DATE, 'a', (c, a) -> ((LocalDateTime) a[0]).toLocalDate());
            cast(TIMESTAMP, TIME, 'a', (c, a) -> ((LocalDateTime) a[0]).toLocalTime());
            cast(TIMESTAMP, TIMESTAMPTZ, 'i', (c, a) -> ((LocalDateTime) a[0]).atZone(c.timeZone()).toInstant());
            cast(TIMESTAMPTZ, DATE, 'a', (c, a) -> ((Instant) a[0]).atZone(c.timeZone()).toLocalDate());
            cast(TIMESTAMPTZ, TIME, 'a', (c, a) -> ((Instant) a[0]).atZone(c.timeZone()).toLocalTime());
            cast(TIMESTAMPTZ, TIMESTAMP, 'a', (c, a) -> ((Instant) a[0]).atZone(c.timeZone()).toLocalDateTime());
            cast(INTERVAL, TIME, 'a', (c, a) -> LocalTime.ofNanoOfDay(
                    Math.floorMod(((Interval) a[0]).micros(), Interval.USECS_PER_DAY) * 1000));
            cast(BOOL, TEXT, 'a', (c, a) -> (Boolean) a[0] ? "true" : "false");
            cast(BOOL, VARCHAR, 'a', (c, a) -> (Boolean) a[0] ? "true" : "false");
            ioCast(INET, TEXT, 'a');
            ioCast(INET, VARCHAR, 'a');
        }

        static String sqlName(int t) { return t == INT2 ? "smallint" : t == INT4 ? "integer" : "bigint"; }
        static long min(int t) { return t == INT2 ? Short.MIN_VALUE : t == INT4 ? Integer.MIN_VALUE : Long.MIN_VALUE; }
        static long max(int t) { return t == INT2 ? Short.MAX_VALUE : t == INT4 ? Integer.MAX_VALUE : Long.MAX_VALUE; }

        void aggregates() {
            SimpleAgg count = new SimpleAgg(() -> 0L, (s, v) -> (Long) s + 1, s -> s);
            agg("count", 0, INT8, count);
            agg("count", ANY, INT8, count);
            for (int ty : new int[] {INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, TEXT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ,
                    INTERVAL, INET, OID}) {
                agg("min", ty, ty, new SimpleAgg(() -> null, (s, v) -> s == null || Comparisons.compare(ty, v, s) < 0 ? v : s, s -> s));
                agg("max", ty, ty, new SimpleAgg(() -> null, (s, v) -> s == null || Comparisons.compare(ty, v, s) > 0 ? v : s, s -> s));
            }
            // max(character)/min(character): bpchar_larger/bpchar_smaller, comparing as bpcharcmp
            // (trailing blanks insignificant; a tie keeps the earlier value) and returning character
            agg("min", BPCHAR, BPCHAR, new SimpleAgg(() -> null,
                    (s, v) -> s == null || Comparisons.compareBpchar((String) v, (String) s) < 0 ? v : s, s -> s));
            agg("max", BPCHAR, BPCHAR, new SimpleAgg(() -> null,
                    (s, v) -> s == null || Comparisons.compareBpchar((String) v, (String) s) > 0 ? v : s, s -> s));
            agg("sum", INT2, INT8, new SimpleAgg(() -> null, (s, v) -> s == null ? l(v) : Ints.add((Long) s, l(v), 64), s -> s));
            agg("sum", INT4, INT8, new SimpleAgg(() -> null, (s, v) -> s == null ? l(v) : Ints.add((Long) s, l(v), 64), s -> s));
            agg("sum", INT8, NUMERIC, new SimpleAgg(() -> null,
                    (s, v) -> s == null ? BigDecimal.valueOf(l(v)) : n(s).add(BigDecimal.valueOf(l(v))), s -> s));
            agg("sum", NUMERIC, NUMERIC, new SimpleAgg(() -> null, (s, v) -> s == null ? v : Numerics.add(n(s), n(v)), s -> s));
            agg("sum", FLOAT8, FLOAT8, new SimpleAgg(() -> null, (s, v) -> s == null ? v : Floats.add(d(s), d(v)), s -> s));
            agg("sum", FLOAT4, FLOAT4, new SimpleAgg(() -> null, (s, v) -> s == null ? v : Floats.add4(f(s), f(v)), s -> s));
            agg("sum", INTERVAL, INTERVAL, new SimpleAgg(() -> null, (s, v) -> {
                if (s == null) return v;
                Interval x = (Interval) s, y = (Interval) v;
                return new Interval(x.months() + y.months(), x.days() + y.days(), x.micros() + y.micros());
            }, s -> s));
            // bool_and/every and bool_or (booland_statefunc, boolor_statefunc)
            SimpleAgg boolAnd = new SimpleAgg(() -> null, (s, v) -> s == null ? v : (Boolean) s && (Boolean) v, s -> s);
            agg("bool_and", BOOL, BOOL, boolAnd);
            agg("every", BOOL, BOOL, boolAnd);
            agg("bool_or", BOOL, BOOL, new SimpleAgg(() -> null, (s, v) -> s == null ? v : (Boolean) s || (Boolean) v, s -> s));
            // string_agg(text, text) (string_agg_transfn): the delimiter goes before every value but the first
            aggs.computeIfAbsent("string_agg", k -> new ArrayList<>()).add(new PgAggregate("string_agg", List.of(TEXT, TEXT),
                    TEXT, new SimpleAgg(() -> null, (s, v) -> {
                        Object[] in = (Object[]) v;
                        String value = (String) in[0], delim = in[1] == null ? "" : (String) in[1];
                        return s == null ? new StringBuilder(value) : ((StringBuilder) s).append(delim).append(value);
                    }, Object::toString)));
            // avg keeps {sum, count}
            for (int ty : new int[] {INT2, INT4, INT8, NUMERIC}) {
                agg("avg", ty, NUMERIC, new SimpleAgg(() -> null, (s, v) -> {
                    BigDecimal x = v instanceof BigDecimal bd ? bd : BigDecimal.valueOf(l(v));
                    if (s == null) return new Object[] {x, 1L};
                    Object[] st = (Object[]) s;
                    return new Object[] {Numerics.add(n(st[0]), x), (Long) st[1] + 1};
                }, s -> Numerics.div(n(((Object[]) s)[0]), BigDecimal.valueOf((Long) ((Object[]) s)[1]))));
            }
            for (int ty : new int[] {FLOAT4, FLOAT8}) {
                agg("avg", ty, FLOAT8, new SimpleAgg(() -> null, (s, v) -> {
                    if (s == null) return new double[] {d(v), 1};
                    double[] st = (double[]) s;
                    return new double[] {Floats.add(st[0], d(v)), st[1] + 1};
                }, s -> ((double[]) s)[0] / ((double[]) s)[1]));
            }
        }
    }

    /** What version() returns. */
    public static final String VERSION = org.tusk.utils.init.Version.DESCRIPTION;

    /**
     * current_schemas(include_implicit): the search path's schemas, pg_catalog first when implicit
     * ones are wanted and the setting does not list it. "$user" is left out: there is no CREATE
     * SCHEMA yet, so a schema named after the user cannot exist (PostgreSQL lists only existing ones).
     */
    private static String[] currentSchemas(FunctionCallContext c, boolean implicit) {
        String path;
        try {
            path = c.session().showSetting("search_path");
        } catch (PgException e) {
            path = "\"$user\", public";
        }
        List<String> out = new ArrayList<>();
        for (String part : path.split(",")) {
            String p = part.strip();
            if (p.isEmpty() || p.equals("\"$user\"") || p.equals("$user")) continue;
            if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) p = p.substring(1, p.length() - 1).replace("\"\"", "\"");
            else p = p.toLowerCase(java.util.Locale.ROOT);
            if (!out.contains(p)) out.add(p);
        }
        if (implicit && !out.contains("pg_catalog")) out.add(0, "pg_catalog");
        return out.toArray(new String[0]);
    }

    private static String currentSchema(FunctionCallContext c) {
        String path;
        try {
            path = c.session().showSetting("search_path");
        } catch (PgException e) {
            return "public";
        }
        // fetch_search_path(false)'s first entry: schemas that do not exist are not on the path
        Catalog cat = c.catalog();
        for (String part : path.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            if (p.equals("\"$user\"") || p.equals("$user")) {
                if (cat == null) continue;
                p = c.session().currentUser();
            } else if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
                p = p.substring(1, p.length() - 1).replace("\"\"", "\"");
            } else {
                p = p.toLowerCase(java.util.Locale.ROOT);
            }
            if (cat != null && cat.namespaceOid(p) == 0) continue;
            return p;
        }
        return null;
    }
}
