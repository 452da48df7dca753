package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.DateTimes;
import org.tusk.utils.adt.JsonFuncs;
import org.tusk.utils.adt.JsonTextPath;
import org.tusk.utils.adt.JsonTextStripNulls;
import org.tusk.utils.adt.Jsonb;
import org.tusk.utils.adt.JsonbIO;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * json and jsonb (json.c, jsonb.c, jsonfuncs.c, jsonb_op.c): the types, their operators
 * (-> ->> #> #>> @> <@ ? ?| ?& || - #- and btree comparison for jsonb), the constructors
 * (to_json[b], json[b]_build_object/array, json[b]_agg, json[b]_object_agg) and the
 * scalar-valued processing functions. json values are the validated text; the path operators
 * and json_extract_path[_text] return slices of that text as PostgreSQL does (JsonTextPath),
 * while the other functions on json parse it into the jsonb tree.
 */
final class JsonBuiltins {
    private JsonBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.type(new PgType(JSON, "json", "json", -1, false, 'U', false, (s, z) -> JsonbIO.jsonIn(s), (v, z) -> (String) v));
        r.type(new PgType(JSONB, "jsonb", "jsonb", -1, false, 'U', false, (s, z) -> JsonbIO.jsonbIn(s),
                (v, z) -> JsonbIO.out((Jsonb) v, false)));
        r.cast(JSON, JSONB, 'a', (c, a) -> JsonbIO.jsonbIn((String) a[0]));
        r.cast(JSONB, JSON, 'a', (c, a) -> JsonbIO.out((Jsonb) a[0], false));
        operators(r);
        functions(r);
        aggregates(r);
    }

    static Object node(Object v, int type) {
        return type == JSONB ? ((Jsonb) v).root() : JsonbIO.parseTree((String) v);
    }

    private static Object wrap(Object node, int type) {
        if (node == null) return null;
        Jsonb j = new Jsonb(node);
        return type == JSONB ? j : JsonbIO.out(j, false);
    }

    private static List<Object> textArray(Object v) {
        return ArrayValue.of(v, TEXT).elementList();
    }

    private static void operators(BuiltinRegistry r) {
        // json answers from its text (get_worker's slices), jsonb from its tree
        for (boolean asText : new boolean[] {false, true}) {
            int result = asText ? TEXT : JSON;
            r.op(asText ? "->>" : "->", JSON, TEXT, result, (c, a) -> JsonTextPath.field((String) a[0], (String) a[1], asText));
            r.op(asText ? "->>" : "->", JSON, INT4, result, (c, a) -> JsonTextPath.element((String) a[0], (Integer) a[1], asText));
            r.op(asText ? "#>>" : "#>", JSON, TEXT_ARRAY, result, (c, a) -> JsonTextPath.path((String) a[0], textArray(a[1]), asText));
        }
        int t = JSONB;
        r.op("->", t, TEXT, t, (c, a) -> wrap(JsonFuncs.field(node(a[0], t), (String) a[1]), t));
        r.op("->", t, INT4, t, (c, a) -> wrap(JsonFuncs.element(node(a[0], t), (Integer) a[1]), t));
        r.op("->>", t, TEXT, TEXT, (c, a) -> JsonFuncs.text(JsonFuncs.field(node(a[0], t), (String) a[1])));
        r.op("->>", t, INT4, TEXT, (c, a) -> JsonFuncs.text(JsonFuncs.element(node(a[0], t), (Integer) a[1])));
        r.op("#>", t, TEXT_ARRAY, t, (c, a) -> wrap(JsonFuncs.path(node(a[0], t), textArray(a[1])), t));
        r.op("#>>", t, TEXT_ARRAY, TEXT, (c, a) -> JsonFuncs.text(JsonFuncs.path(node(a[0], t), textArray(a[1]))));
        String[] cmp = {"=", "<>", "<", "<=", ">", ">="};
        for (String n : cmp) {
            r.op(n, JSONB, JSONB, BOOL, (c, a) -> {
                int x = ((Jsonb) a[0]).compareTo((Jsonb) a[1]);
                return switch (n) {
                    case "=" -> x == 0;
                    case "<>" -> x != 0;
                    case "<" -> x < 0;
                    case "<=" -> x <= 0;
                    case ">" -> x > 0;
                    default -> x >= 0;
                };
            });
        }
        r.op("@>", JSONB, JSONB, BOOL, (c, a) -> JsonFuncs.contains(root(a[0]), root(a[1])));
        r.op("<@", JSONB, JSONB, BOOL, (c, a) -> JsonFuncs.contains(root(a[1]), root(a[0])));
        r.op("?", JSONB, TEXT, BOOL, (c, a) -> JsonFuncs.exists(root(a[0]), (String) a[1]));
        r.op("?|", JSONB, TEXT_ARRAY, BOOL, (c, a) -> {
            for (Object k : textArray(a[1])) if (k != null && JsonFuncs.exists(root(a[0]), (String) k)) return true;
            return false;
        });
        r.op("?&", JSONB, TEXT_ARRAY, BOOL, (c, a) -> {
            for (Object k : textArray(a[1])) if (k != null && !JsonFuncs.exists(root(a[0]), (String) k)) return false;
            return true;
        });
        r.op("||", JSONB, JSONB, JSONB, (c, a) -> new Jsonb(JsonFuncs.concat(root(a[0]), root(a[1]))));
        r.op("-", JSONB, TEXT, JSONB, (c, a) -> new Jsonb(JsonFuncs.deleteKey(root(a[0]), (String) a[1])));
        r.op("-", JSONB, INT4, JSONB, (c, a) -> new Jsonb(JsonFuncs.deleteIndex(root(a[0]), (Integer) a[1])));
        r.op("-", JSONB, TEXT_ARRAY, JSONB, (c, a) -> {
            Object n = root(a[0]);
            for (Object k : textArray(a[1])) if (k != null) n = JsonFuncs.deleteKey(n, (String) k);
            return new Jsonb(n);
        });
        r.op("#-", JSONB, TEXT_ARRAY, JSONB, (c, a) -> new Jsonb(JsonFuncs.deletePath(root(a[0]), textArray(a[1]))));
    }

    private static Object root(Object v) { return ((Jsonb) v).root(); }

    private static void functions(BuiltinRegistry r) {
        for (int t : new int[] {JSON, JSONB}) {
            String p = t == JSON ? "json" : "jsonb";
            r.fn(p + "_typeof", List.of(t), TEXT, (c, a) -> Jsonb.typeName(node(a[0], t)));
            r.fn(p + "_array_length", List.of(t), INT4, (c, a) -> JsonFuncs.arrayLength(node(a[0], t)));
            r.fn(p + "_strip_nulls", List.of(t), t, (c, a) -> t == JSON
                    ? JsonTextStripNulls.strip((String) a[0])
                    : wrap(JsonFuncs.stripNulls(node(a[0], t)), t));
            r.fn(p + "_extract_path", List.of(t, TEXT_ARRAY), t, (c, a) -> t == JSON
                    ? JsonTextPath.path((String) a[0], textArray(a[1]), false)
                    : wrap(JsonFuncs.path(node(a[0], t), textArray(a[1])), t));
            r.fn(p + "_extract_path_text", List.of(t, TEXT_ARRAY), TEXT, (c, a) -> t == JSON
                    ? JsonTextPath.path((String) a[0], textArray(a[1]), true)
                    : JsonFuncs.text(JsonFuncs.path(node(a[0], t), textArray(a[1]))));
            int target = t;
            PolymorphicFunction to = (argTypes, result) -> (c, a) -> target == JSONB
                    ? new Jsonb(toNode(a[0], argTypes.get(0), c)) : toJsonText(a[0], argTypes.get(0), c);
            r.fn("to_" + p, List.of(ANYELEMENT), t, Volatility.STABLE, true, to);
            variadic(r, p + "_build_object", t, (argTypes, result) -> (c, a) -> buildObject(a, argTypes, target, p, c));
            variadic(r, p + "_build_array", t, (argTypes, result) -> (c, a) -> buildArray(a, argTypes, target, c));
            r.fn(p + "_build_object", List.of(), t, Volatility.STABLE, false, (c, a) -> wrap(Jsonb.newObject(), target));
            r.fn(p + "_build_array", List.of(), t, Volatility.STABLE, false, (c, a) -> target == JSON ? "[]" : new Jsonb(List.of()));
        }
        r.fn("jsonb_pretty", List.of(JSONB), TEXT, (c, a) -> JsonbIO.out((Jsonb) a[0], true));
        r.fn("jsonb_set", List.of(JSONB, TEXT_ARRAY, JSONB), JSONB,
                (c, a) -> new Jsonb(JsonFuncs.set(root(a[0]), textArray(a[1]), root(a[2]), true)));
        r.fn("jsonb_set", List.of(JSONB, TEXT_ARRAY, JSONB, BOOL), JSONB,
                (c, a) -> new Jsonb(JsonFuncs.set(root(a[0]), textArray(a[1]), root(a[2]), (Boolean) a[3])));
        r.fn("jsonb_insert", List.of(JSONB, TEXT_ARRAY, JSONB), JSONB,
                (c, a) -> new Jsonb(JsonFuncs.insert(root(a[0]), textArray(a[1]), root(a[2]), false)));
        r.fn("jsonb_insert", List.of(JSONB, TEXT_ARRAY, JSONB, BOOL), JSONB,
                (c, a) -> new Jsonb(JsonFuncs.insert(root(a[0]), textArray(a[1]), root(a[2]), (Boolean) a[3])));
    }

    /** A VARIADIC "any" function whose implementation is bound to the actual argument types. */
    private static void variadic(BuiltinRegistry r, String name, int result, PolymorphicFunction f) {
        r.procs.computeIfAbsent(name, k -> new ArrayList<>())
                .add(new PgProc(r.oidFor(name, List.of(), true), name, List.of(), result, false, Volatility.STABLE, true, f));
    }

    private static Object buildObject(Object[] a, List<Integer> types, int target, String p, FunctionCallContext c) {
        if (a.length % 2 != 0)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "argument list must have even number of elements")
                    .withHint("The arguments of " + p + "_build_object() must consist of alternating keys and values.");
        if (target == JSONB) {
            TreeMap<String, Object> m = Jsonb.newObject();
            for (int i = 0; i < a.length; i += 2) {
                // jsonb_build_object: its own message for a NULL key
                if (a[i] == null)
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "argument " + (i + 1) + ": key must not be null");
                m.put(key(a, types, i, c), toNode(a[i + 1], types.get(i + 1), c));
            }
            return new Jsonb(Collections.unmodifiableMap(m));
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < a.length; i += 2) {
            if (i > 0) sb.append(", ");
            JsonbIO.escape(sb, key(a, types, i, c));
            sb.append(" : ").append(toJsonText(a[i + 1], types.get(i + 1), c));
        }
        return sb.append('}').toString();
    }

    private static String key(Object[] a, List<Integer> types, int i, FunctionCallContext c) {
        if (a[i] == null)
            throw PgException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "argument " + (i + 1) + " cannot be null")
                    .withHint("Object keys should be text.");
        checkScalarKey(types.get(i));
        return a[i] instanceof String s ? s : BuiltinCatalog.type(types.get(i)).output().out(a[i], c.outputSettings());
    }

    /**
     * datum_to_json(b) with key_scalar: an object key may not be of the array, composite, json or
     * jsonb category (a domain counts as its base type).
     */
    private static void checkScalarKey(int type) {
        int t = TypeCache.baseType(type);
        if (ArrayTypes.elementOf(t) != 0 || t == JSON || t == JSONB || t == RECORD || TypeCache.lookupComposite(t) != null)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "key value must be scalar, not array, composite, or json");
    }

    private static Object buildArray(Object[] a, List<Integer> types, int target, FunctionCallContext c) {
        if (target == JSONB) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < a.length; i++) l.add(toNode(a[i], types.get(i), c));
            return new Jsonb(Collections.unmodifiableList(l));
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(toJsonText(a[i], types.get(i), c));
        }
        return sb.append(']').toString();
    }

    // ------------------------------------------------------------------ datum_to_json / datum_to_jsonb

    private static boolean isNumber(int t) {
        return t == INT2 || t == INT4 || t == INT8 || t == FLOAT4 || t == FLOAT8 || t == NUMERIC || t == OID;
    }

    /**
     * A value of the pseudo-type anyarray (pg_stats.histogram_bounds) is an array of the element
     * type it carries, as the array header tells json_categorize_type's caller in PostgreSQL.
     */
    private static int actualArrayType(Object v, int type) {
        if (type != TypeOids.ANYARRAY || !(v instanceof ArrayValue a)) return type;
        int t = ArrayTypes.arrayOf(a.elemType());
        return t != 0 ? t : type;
    }

    /** datum_to_jsonb: the jsonb node of a value of {@code type}. */
    static Object toNode(Object v, int type, FunctionCallContext c) {
        if (v == null) return Jsonb.NULL;
        type = actualArrayType(v, type);
        if (type == JSONB) return ((Jsonb) v).root();
        if (type == JSON) return JsonbIO.parseTree((String) v);
        if (type == BOOL) return v;
        if (v instanceof org.tusk.utils.adt.RecordValue rec) return recordNode(rec, c);
        int elem = ArrayTypes.elementOf(type);
        if (elem != 0) return arrayNode(ArrayValue.of(v, elem), elem, c);
        if (isNumber(type)) {
            if (v instanceof Double d && (d.isNaN() || d.isInfinite()) || v instanceof Float f && (f.isNaN() || f.isInfinite()))
                return BuiltinCatalog.type(type).output().out(v, c.outputSettings());
            return JsonFuncs.number(v);
        }
        String xsd = xsdDateTime(v, c);
        if (xsd != null) return xsd;
        return BuiltinCatalog.type(type).output().out(v, c.outputSettings());
    }

    /** composite_to_jsonb: an object of the record's fields by column name (f1, f2, ... for anonymous records). */
    private static Object recordNode(org.tusk.utils.adt.RecordValue r, FunctionCallContext c) {
        List<String> names = r.names();
        if (names == null) {
            TypeCache.CompositeType ct = TypeCache.lookupComposite(r.typeOid());
            names = ct != null ? ct.names() : null;
        }
        TreeMap<String, Object> m = Jsonb.newObject();
        for (int i = 0; i < r.size(); i++) {
            String name = names != null && i < names.size() ? names.get(i) : "f" + (i + 1);
            m.put(name, toNode(r.get(i), r.types().get(i), c));
        }
        return Collections.unmodifiableMap(m);
    }

    private static Object arrayNode(ArrayValue a, int elem, FunctionCallContext c) {
        if (a.ndim() == 0) return List.of();
        return arrayLevel(a, elem, 0, new int[] {0}, c);
    }

    private static List<Object> arrayLevel(ArrayValue a, int elem, int dim, int[] next, FunctionCallContext c) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < a.dim(dim); i++) {
            if (dim == a.ndim() - 1) out.add(toNode(a.get(next[0]++), elem, c));
            else out.add(arrayLevel(a, elem, dim + 1, next, c));
        }
        return Collections.unmodifiableList(out);
    }

    /** datum_to_json: the json text of a value of {@code type}. */
    static String toJsonText(Object v, int type, FunctionCallContext c) {
        if (v == null) return "null";
        type = actualArrayType(v, type);
        if (type == JSON) return (String) v;
        if (type == JSONB) return JsonbIO.out((Jsonb) v, false);
        if (type == BOOL) return (Boolean) v ? "true" : "false";
        if (v instanceof org.tusk.utils.adt.RecordValue rec) return RowTypeBuiltins.rowToJson(rec, false, c);
        int elem = ArrayTypes.elementOf(type);
        if (elem != 0) return arrayToJson(v, type, false, c);
        if (isNumber(type)) {
            String s = BuiltinCatalog.type(type).output().out(v, c.outputSettings());
            return s.matches("-?[0-9.eE+-]+") ? s : JsonbIO.escape(s);
        }
        String xsd = xsdDateTime(v, c);
        if (xsd != null) return JsonbIO.escape(xsd);
        return JsonbIO.escape(BuiltinCatalog.type(type).output().out(v, c.outputSettings()));
    }

    /**
     * array_to_json (json.c array_to_json_internal, array_dim_to_json): nested brackets for the
     * dimensions; with line feeds, the elements of the outermost dimension are separated by ",\n ".
     */
    static String arrayToJson(Object v, int arrayType, boolean lineFeeds, FunctionCallContext c) {
        int elem = ArrayTypes.elementOf(arrayType);
        ArrayValue a = ArrayValue.of(v, elem);
        if (a.ndim() == 0) return "[]";
        StringBuilder sb = new StringBuilder();
        arrayText(sb, a, elem, 0, new int[] {0}, c, lineFeeds);
        return sb.toString();
    }

    private static void arrayText(StringBuilder sb, ArrayValue a, int elem, int dim, int[] next, FunctionCallContext c) {
        arrayText(sb, a, elem, dim, next, c, false);
    }

    private static void arrayText(StringBuilder sb, ArrayValue a, int elem, int dim, int[] next, FunctionCallContext c,
                                  boolean lineFeeds) {
        sb.append('[');
        for (int i = 0; i < a.dim(dim); i++) {
            if (i > 0) sb.append(lineFeeds && dim == 0 ? ",\n " : ",");
            if (dim == a.ndim() - 1) sb.append(toJsonText(a.get(next[0]++), elem, c));
            else arrayText(sb, a, elem, dim + 1, next, c);
        }
        sb.append(']');
    }

    /** JsonEncodeDateTime: dates and timestamps in XML Schema form, or null for other values. */
    private static String xsdDateTime(Object v, FunctionCallContext c) {
        if (v instanceof LocalDate d) return DateTimes.dateOut(d);
        if (v instanceof LocalDateTime t) return DateTimes.timestampOut(t).replaceFirst(" ", "T");
        if (v instanceof Instant i) {
            String s = DateTimes.timestamptzOut(i, c.timeZone()).replaceFirst(" ", "T");
            // the offset as +hh:mm
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([+-]\\d\\d)(:\\d\\d)?(:\\d\\d)?$").matcher(s);
            if (m.find() && m.group(2) == null) s = s.substring(0, m.start()) + m.group(1) + ":00";
            return s;
        }
        return null;
    }

    // ------------------------------------------------------------------ aggregates

    private static void aggregates(BuiltinRegistry r) {
        for (int t : new int[] {JSON, JSONB}) {
            String p = t == JSON ? "json" : "jsonb";
            r.agg(p + "_agg", ANYELEMENT, t, (PolymorphicAggregate) (argTypes, result) -> new JsonAgg(argTypes.get(0), t));
            r.aggs.computeIfAbsent(p + "_object_agg", k -> new ArrayList<>()).add(new PgAggregate(p + "_object_agg",
                    List.of(TypeOids.ANY, TypeOids.ANY), t, (PolymorphicAggregate) (argTypes, result) -> new JsonObjectAgg(argTypes, t)));
        }
    }

    private record JsonAgg(int type, int target) implements PgAggregate.Impl {
        public Object init() { return null; }

        public boolean strict() { return false; }

        @SuppressWarnings("unchecked")
        public Object transition(Object state, Object value) {
            List<Object> s = state == null ? new ArrayList<>() : (List<Object>) state;
            s.add(value == null ? NULL_INPUT : value);
            return s;
        }

        public Object finish(Object state) {
            return finish(NO_CALL_CONTEXT, state);
        }

        /** json_agg_finalfn: values are written as the calling session shows them (TimeZone, extra_float_digits). */
        @Override
        @SuppressWarnings("unchecked")
        public Object finish(FunctionCallContext c, Object state) {
            if (state == null) return null;
            List<Object> s = (List<Object>) state;
            if (target == JSONB) {
                List<Object> out = new ArrayList<>();
                for (Object v : s) out.add(v == NULL_INPUT ? Jsonb.NULL : toNode(v, type, c));
                return new Jsonb(Collections.unmodifiableList(out));
            }
            // json_agg_transfn: arrays and rows after the first start on a new line
            boolean structured = isArrayOrComposite(type);
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < s.size(); i++) {
                Object v = s.get(i);
                if (i > 0) sb.append(v != NULL_INPUT && structured ? ", \n " : ", ");
                sb.append(v == NULL_INPUT ? "null" : toJsonText(v, type, c));
            }
            return sb.append(']').toString();
        }
    }

    /** json_categorize_type's JSONTYPE_ARRAY or JSONTYPE_COMPOSITE (a domain counts as its base type). */
    private static boolean isArrayOrComposite(int type) {
        int t = TypeCache.baseType(type);
        return ArrayTypes.elementOf(t) != 0 || t == RECORD || TypeCache.lookupComposite(t) != null;
    }

    private record JsonObjectAgg(List<Integer> types, int target) implements PgAggregate.Impl {
        public Object init() { return null; }

        public boolean strict() { return false; }

        @SuppressWarnings("unchecked")
        public Object transition(Object state, Object value) {
            Object[] kv = (Object[]) value;
            if (kv[0] == null)
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "field name must not be null");
            List<Object[]> s = state == null ? new ArrayList<>() : (List<Object[]>) state;
            s.add(kv.clone());
            return s;
        }

        public Object finish(Object state) {
            return finish(NO_CALL_CONTEXT, state);
        }

        /** json_object_agg_finalfn: as json_agg's, in the calling session's settings. */
        @Override
        @SuppressWarnings("unchecked")
        public Object finish(FunctionCallContext c, Object state) {
            if (state == null) return null;
            List<Object[]> s = (List<Object[]>) state;
            if (target == JSONB) {
                TreeMap<String, Object> m = Jsonb.newObject();
                for (Object[] kv : s) m.put(keyText(kv[0], c), toNode(kv[1], types.get(1), c));
                return new Jsonb(Collections.unmodifiableMap(m));
            }
            StringBuilder sb = new StringBuilder("{ ");
            for (int i = 0; i < s.size(); i++) {
                if (i > 0) sb.append(", ");
                JsonbIO.escape(sb, keyText(s.get(i)[0], c));
                sb.append(" : ").append(toJsonText(s.get(i)[1], types.get(1), c));
            }
            return sb.append(" }").toString();
        }

        private String keyText(Object k, FunctionCallContext c) {
            return k instanceof String str ? str : BuiltinCatalog.type(types.get(0)).output().out(k, c.outputSettings());
        }
    }

    /** Marks a NULL input in an aggregate's state list. */
    private static final Object NULL_INPUT = new Object();

    /**
     * The output settings of a final function called without a call context (the executor always
     * passes one): PostgreSQL's defaults, in UTC. Holds nothing.
     */
    private static final FunctionCallContext NO_CALL_CONTEXT = new FunctionCallContext() {
        public org.tusk.utils.misc.SessionServices session() { throw new IllegalStateException("no session"); }
        public java.time.ZoneId timeZone() { return java.time.ZoneOffset.UTC; }
    };
}
