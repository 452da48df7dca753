package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * json[b]_populate_record(set) (jsonfuncs.c populate_record_worker, populate_composite,
 * populate_record, populate_record_field, populate_array, populate_scalar, populate_domain):
 * a row of a composite type filled from a JSON object, field by column name, recursively
 * through arrays (nested JSON arrays with matching sub-array lengths), composites (nested
 * objects) and domains (filled as their base type, then checked).
 *
 * <p>A JSON string given for an array or composite column is read with the type's input
 * function instead; a scalar column gets the input function of the value's text (a string
 * de-escaped; json and jsonb columns take the JSON value itself). Columns the object does not
 * name keep the base record's values, or are NULL (still domain-checked) when there is none.
 *
 * <p>The json form works on the document text, as PostgreSQL's semantic-action parser does:
 * values keep their spelling (a json column gets the value exactly as written) and of duplicate
 * keys the last wins. The jsonb form works on the {@link Jsonb} tree. Type facts come from the
 * caller's {@link Types}, since this package knows no catalogs.
 */
public final class JsonPopulate {
    /** What populate_record_field does with a type (jsonfuncs.c TypeCat). */
    public enum Category { SCALAR, ARRAY, COMPOSITE, DOMAIN, COMPOSITE_DOMAIN }

    /** The catalog and executor services the population needs. */
    public interface Types {
        Category category(int type);

        /** The element type of an array type. */
        int elementType(int arrayType);

        /** getBaseTypeAndTypmod: the bottom base type of a domain. */
        int domainBase(int domainType);

        /** domain_check: every constraint of the domain stack on {@code value} (may be null). */
        void domainCheck(int domainType, Object value);

        /** The column names, types and typmods of a composite type (lookup_rowtype_tupdesc). */
        List<String> columnNames(int compositeType);

        List<Integer> columnTypes(int compositeType);

        List<Integer> columnTypmods(int compositeType);

        /** InputFunctionCall with the column's typmod. */
        Object input(int type, int typmod, String text);
    }

    private final Types types;
    private final boolean isJson;
    /** The caller's row type for an anonymous record (the column definition list), or null. */
    private List<String> rowNames;
    private List<Integer> rowTypes, rowTypmods;

    /** @param isJson whether the values are json text (else jsonb nodes) */
    public JsonPopulate(Types types, boolean isJson) {
        this.types = types;
        this.isJson = isJson;
    }

    /**
     * Gives the top-level record type when it is record itself: the column definition list of
     * a call in FROM (get_record_type_from_query's expectedDesc). Returns this.
     */
    public JsonPopulate withRowType(List<String> names, List<Integer> colTypes, List<Integer> typmods) {
        this.rowNames = List.copyOf(names);
        this.rowTypes = List.copyOf(colTypes);
        this.rowTypmods = List.copyOf(typmods);
        return this;
    }

    /**
     * populate_composite at the top of json[b]_populate_record: {@code json} is the json text
     * or the Jsonb; {@code base} the record argument (or null).
     */
    public RecordValue record(int type, RecordValue base, Object json) {
        Object v = isJson ? json : ((Jsonb) json).root();
        return (RecordValue) composite(type, null, base, v, false);
    }

    /**
     * The objects of json[b]_populate_recordset's array (populate_recordset_worker): each element
     * must be an object ("argument of F must be an array of objects"), the whole an array
     * ("cannot call F on a non-array" / "on a scalar" for jsonb, "on an object" / "on a scalar"
     * for json, as the semantic actions report them).
     */
    public List<Object> recordsetElements(Object json, String funcname) {
        List<Object> out = new ArrayList<>();
        if (isJson) {
            JsonTopLevel top = JsonTopLevel.split((String) json);
            if (top.kind() == JsonTopLevel.Kind.OBJECT) throw invalid("cannot call " + funcname + " on an object");
            if (top.kind() == JsonTopLevel.Kind.SCALAR) throw invalid("cannot call " + funcname + " on a scalar");
            for (String e : top.values()) {
                if (!e.startsWith("{")) throw invalid("argument of " + funcname + " must be an array of objects");
                out.add(e);
            }
        } else {
            Object root = ((Jsonb) json).root();
            if (!(root instanceof List<?> l)) {
                throw invalid(root instanceof Map<?, ?> ? "cannot call " + funcname + " on a non-array"
                        : "cannot call " + funcname + " on a scalar");
            }
            for (Object e : l) {
                if (!(e instanceof Map<?, ?>)) throw invalid("argument of " + funcname + " must be an array of objects");
                out.add(e);
            }
        }
        return out;
    }

    /** One row of json[b]_populate_recordset: populate_record with the element object and the base record. */
    public RecordValue recordsetRow(int type, RecordValue base, Object element) {
        return (RecordValue) composite(type, null, base, element, false);
    }

    private static PgException invalid(String msg) {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE, msg);
    }

    // ------------------------------------------------------------------ values: json text or jsonb node

    /** A json value is its text (null: absent); a jsonb value is its node (null: absent). */
    private boolean isNull(Object v) {
        if (v == null) return true;
        return isJson ? ((String) v).equals("null") : v == Jsonb.NULL;
    }

    private boolean isString(Object v) {
        return v != null && (isJson ? ((String) v).startsWith("\"") : v instanceof String);
    }

    private boolean isArray(Object v) {
        return v != null && (isJson ? ((String) v).startsWith("[") : v instanceof List<?>);
    }

    private List<?> children(Object v) {
        return isJson ? JsonTopLevel.split((String) v).values() : (List<?>) v;
    }

    // ------------------------------------------------------------------ populate_record_field

    private Object field(int type, int typmod, String colname, Object defaultVal, Object v) {
        Category cat = types.category(type);
        boolean isnull = isNull(v);
        // a JSON string for an array or composite goes through the type's input function
        if (isString(v) && (cat == Category.ARRAY || cat == Category.COMPOSITE || cat == Category.COMPOSITE_DOMAIN))
            cat = Category.SCALAR;
        if (isnull && cat != Category.DOMAIN && cat != Category.COMPOSITE_DOMAIN) return null;
        return switch (cat) {
            case SCALAR -> scalar(type, typmod, v);
            case ARRAY -> new ArrayBuilder(types.elementType(type), typmod, colname).build(v);
            case COMPOSITE, COMPOSITE_DOMAIN -> composite(type, colname, (RecordValue) defaultVal, v, isnull);
            case DOMAIN -> {
                Object res = isnull ? null : field(types.domainBase(type), typmod, colname, null, v);
                types.domainCheck(type, res);
                yield res;
            }
        };
    }

    /** populate_scalar. */
    private Object scalar(int type, int typmod, Object v) {
        String str;
        if (isJson) {
            String raw = (String) v;
            if (raw.startsWith("\"")) {
                String s = (String) JsonbIO.parseTree(raw);
                // a json or jsonb column gets a valid JSON literal
                str = type == JSON || type == JSONB ? JsonbIO.escape(s) : s;
            } else {
                str = raw;
            }
        } else {
            if (type == JSONB) return new Jsonb(v);
            if (type == JSON && !(v instanceof List<?> || v instanceof Map<?, ?>)) str = JsonbIO.out(new Jsonb(v), false);
            else if (v instanceof String s) str = s;
            else if (v instanceof Boolean b) str = b ? "true" : "false";
            else if (v instanceof BigDecimal d) str = Numerics.numericOut(d);
            else str = JsonbIO.out(new Jsonb(v), false);
        }
        return types.input(type, typmod, str);
    }

    private static final int JSON = 114, JSONB = 3802, RECORD = 2249;

    /** populate_composite: a row from a JSON object, then the domain check of a domain over a composite. */
    private Object composite(int type, String colname, RecordValue defaultVal, Object v, boolean isnull) {
        Category cat = types.category(type);
        int base = cat == Category.COMPOSITE_DOMAIN ? types.domainBase(type) : type;
        Object result = null;
        if (!isnull) result = record(base, defaultVal, object(v));
        if (base != type && type != RECORD) types.domainCheck(type, result);
        return result;
    }

    /** JsValueToJsObject: the object's fields by key, the last of duplicates winning. */
    private Map<String, Object> object(Object v) {
        if (isJson) {
            JsonTopLevel top = JsonTopLevel.split((String) v);
            if (top.kind() == JsonTopLevel.Kind.ARRAY) throw invalid("cannot call populate_composite on an array");
            if (top.kind() == JsonTopLevel.Kind.SCALAR) throw invalid("cannot call populate_composite on a scalar");
            Map<String, Object> m = new HashMap<>();
            for (int i = 0; i < top.keys().size(); i++) m.put(top.keys().get(i), top.values().get(i));
            return m;
        }
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        throw invalid(v instanceof List<?> ? "cannot call populate_composite on an array"
                : "cannot call populate_composite on a scalar");
    }

    /** populate_record. */
    private RecordValue record(int type, RecordValue defaultVal, Map<String, Object> obj) {
        if (defaultVal != null && obj.isEmpty()) return defaultVal;
        List<String> names;
        List<Integer> colTypes, typmods;
        if (type == RECORD && defaultVal != null) {
            // an anonymous record argument: its own columns, named f1, f2, ...
            colTypes = defaultVal.types();
            names = new ArrayList<>();
            typmods = new ArrayList<>();
            for (int i = 0; i < colTypes.size(); i++) {
                names.add(defaultVal.names() != null ? defaultVal.names().get(i) : "f" + (i + 1));
                typmods.add(-1);
            }
        } else if (type == RECORD && rowNames != null) {
            names = rowNames;
            colTypes = rowTypes;
            typmods = rowTypmods;
        } else {
            names = types.columnNames(type);
            colTypes = types.columnTypes(type);
            typmods = types.columnTypmods(type);
        }
        Object[] values = new Object[names.size()];
        if (defaultVal != null) for (int i = 0; i < values.length; i++) values[i] = defaultVal.get(i);
        for (int i = 0; i < values.length; i++) {
            String name = names.get(i);
            boolean found = obj.containsKey(name);
            if (defaultVal != null && !found) continue;
            values[i] = field(colTypes.get(i), typmods.get(i), name, values[i], found ? obj.get(name) : null);
        }
        return new RecordValue(type, colTypes, Arrays.asList(values));
    }

    // ------------------------------------------------------------------ populate_array

    /** populate_array's context: the dimensions found so far and the elements in order. */
    private final class ArrayBuilder {
        private final int elemType, elemTypmod;
        private final String colname;
        private int ndims;
        private int[] dims, sizes;
        private final List<Object> elems = new ArrayList<>();

        ArrayBuilder(int elemType, int elemTypmod, String colname) {
            this.elemType = elemType;
            this.elemTypmod = elemTypmod;
            this.colname = colname;
        }

        ArrayValue build(Object v) {
            dim(v, 1);
            dims[0] = sizes[0];
            int[] lbs = new int[ndims];
            Arrays.fill(lbs, 1);
            if (elems.isEmpty()) return ArrayValue.empty(elemType);
            return new ArrayValue(elemType, dims, lbs, elems.toArray());
        }

        /** populate_array_dim_jsonb: one (sub-)array at nesting level {@code ndim}. */
        private void dim(Object v, int ndim) {
            if (!isArray(v)) reportExpectedArray(ndim - 1);
            List<?> kids = children(v);
            if (ndims <= 0 && (kids.isEmpty() || !isArray(kids.get(0)))) assignNdims(ndim);
            for (Object k : kids) {
                if (ndims > 0 && ndim >= ndims) {
                    elems.add(field(elemType, elemTypmod, null, null, k));
                    sizes[ndim - 1]++;
                } else {
                    dim(k, ndim + 1);
                    checkDimension(ndim);
                }
            }
        }

        private void assignNdims(int n) {
            if (n <= 0) reportExpectedArray(n);
            ndims = n;
            dims = new int[n];
            Arrays.fill(dims, -1);
            sizes = new int[n];
        }

        /** populate_array_check_dimension: every sub-array of a level has the same length. */
        private void checkDimension(int ndim) {
            int d = sizes[ndim];
            if (dims[ndim] == -1) dims[ndim] = d;
            else if (dims[ndim] != d)
                throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed JSON array")
                        .withDetail("Multidimensional arrays must have sub-arrays with matching dimensions.");
            sizes[ndim] = 0;
            if (ndim > 0) sizes[ndim - 1]++;
        }

        /** populate_array_report_expected_array. */
        private void reportExpectedArray(int ndim) {
            PgException e = invalid("expected JSON array");
            if (ndim <= 0) {
                if (colname != null) e = e.withHint("See the value of key \"" + colname + "\".");
            } else {
                StringBuilder idx = new StringBuilder();
                for (int i = 0; i < ndim; i++) idx.append('[').append(sizes[i]).append(']');
                e = e.withHint(colname != null ? "See the array element " + idx + " of key \"" + colname + "\"."
                        : "See the array element " + idx + ".");
            }
            throw e;
        }
    }
}
