package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.JsonPopulate;
import org.tusk.utils.adt.Numerics;
import org.tusk.utils.adt.RecordValue;
import org.tusk.utils.adt.Texts;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * json_populate_record, json_populate_recordset and their jsonb forms (jsonfuncs.c
 * populate_record_worker, populate_recordset_worker): the result type is the first argument's,
 * which must be a row type (a composite, a domain over one, or an anonymous record that is not
 * NULL). The functions are not strict: a NULL base record means "no defaults", a NULL document
 * returns the base record (no rows for the set form). The population itself is
 * {@link JsonPopulate}; this class supplies the catalog's type facts and the executor's domain
 * checks.
 */
final class JsonPopulateBuiltins {
    private JsonPopulateBuiltins() {}

    static void register(BuiltinRegistry r) {
        for (int t : new int[] {JSON, JSONB}) {
            String p = t == JSON ? "json" : "jsonb";
            boolean isJson = t == JSON;
            String one = p + "_populate_record", set = p + "_populate_recordset";
            PolymorphicFunction rec = (argTypes, result) -> new RecordCall(one, argTypes.get(0), isJson, null);
            r.fn(one, List.of(ANYELEMENT, t), ANYELEMENT, Volatility.STABLE, false, rec);
            SetReturningFunction.Polymorphic rows = (argTypes, result) -> new RecordsetCall(set, argTypes.get(0), isJson, null);
            r.fn(set, List.of(ANYELEMENT, t), ANYELEMENT, Volatility.STABLE, false, rows);
            // json[b]_to_record[set]: populate_record_worker without a record argument, the row
            // type being the call's column definition list; strict, as pg_proc.dat declares them
            String toOne = p + "_to_record", toSet = p + "_to_recordset";
            r.fn(toOne, List.of(t), RECORD, Volatility.STABLE, true, new ToRecordCall(toOne, isJson, null));
            r.fn(toSet, List.of(t), RECORD, Volatility.STABLE, true, new ToRecordsetCall(toSet, isJson, null));
            if (isJson) {
                // use_json_as_text: accepted and ignored, as json.c has done since 9.4
                r.fn(one, List.of(ANYELEMENT, t, BOOL), ANYELEMENT, Volatility.STABLE, false, rec);
                r.fn(set, List.of(ANYELEMENT, t, BOOL), ANYELEMENT, Volatility.STABLE, false, rows);
            }
        }
    }

    /** get_record_type_from_argument, and get_record_type_from_query's refusal for a NULL anonymous record. */
    private static void checkRowType(String funcname, int argType, Object base, List<ColumnDef> columns) {
        JsonPopulate.Category cat = CatalogTypes.INSTANCE.category(argType);
        if (cat != JsonPopulate.Category.COMPOSITE && cat != JsonPopulate.Category.COMPOSITE_DOMAIN)
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "first argument of " + funcname + " must be a row type");
        if (argType == RECORD && base == null && columns == null) throw noRowType(funcname);
    }

    /** get_record_type_from_query without an expected tuple descriptor. */
    private static PgException noRowType(String funcname) {
        return PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "could not determine row type for result of " + funcname)
                .withHint("Provide a non-null record argument, or call the function in the FROM clause using a column definition list.");
    }

    /** The population, with the column definition list as the row type of an anonymous record. */
    private static JsonPopulate populator(FunctionCallContext c, boolean isJson, List<ColumnDef> columns) {
        JsonPopulate pop = new JsonPopulate(new CatalogTypes(c), isJson);
        if (columns == null) return pop;
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>(), typmods = new ArrayList<>();
        for (ColumnDef d : columns) {
            names.add(d.name());
            types.add(d.typeOid());
            typmods.add(d.typmod());
        }
        return pop.withRowType(names, types, typmods);
    }

    private static Object populateRecord(String funcname, int argType, Object[] a, boolean isJson, FunctionCallContext c,
                                         List<ColumnDef> columns) {
        checkRowType(funcname, argType, a[0], columns);
        if (a[1] == null) return a[0];
        return populator(c, isJson, columns).record(argType, (RecordValue) a[0], a[1]);
    }

    private static Iterator<?> populateRecordset(String funcname, int argType, Object[] a, boolean isJson,
                                                 FunctionCallContext c, List<ColumnDef> columns) {
        checkRowType(funcname, argType, a[0], columns);
        if (a[1] == null) return List.of().iterator();
        JsonPopulate pop = populator(c, isJson, columns);
        List<Object> elems = pop.recordsetElements(a[1], funcname);
        RecordValue base = (RecordValue) a[0];
        List<Object> out = new ArrayList<>();
        for (Object e : elems) out.add(pop.recordsetRow(argType, base, e));
        return out.iterator();
    }

    /** json[b]_populate_record bound to its argument type, and to a column definition list when it has one. */
    private record RecordCall(String funcname, int argType, boolean isJson, List<ColumnDef> columns)
            implements ColumnListFunction {
        @Override
        public Object invoke(FunctionCallContext c, Object[] a) {
            return populateRecord(funcname, argType, a, isJson, c, columns);
        }

        @Override
        public BuiltinFunction bindColumns(List<ColumnDef> cols) {
            return new RecordCall(funcname, argType, isJson, cols);
        }
    }

    /** json[b]_populate_recordset, likewise. */
    private record RecordsetCall(String funcname, int argType, boolean isJson, List<ColumnDef> columns)
            implements SetReturningFunction, ColumnListFunction {
        @Override
        public Iterator<?> iterate(FunctionCallContext c, Object[] a) {
            return populateRecordset(funcname, argType, a, isJson, c, columns);
        }

        @Override
        public Object invoke(FunctionCallContext c, Object[] a) {
            return SetReturningFunction.super.invoke(c, a);
        }

        @Override
        public BuiltinFunction bindColumns(List<ColumnDef> cols) {
            return new RecordsetCall(funcname, argType, isJson, cols);
        }
    }

    /** json[b]_to_record: the document's object as a row of the column definition list. */
    private record ToRecordCall(String funcname, boolean isJson, List<ColumnDef> columns) implements ColumnListFunction {
        @Override
        public Object invoke(FunctionCallContext c, Object[] a) {
            if (columns == null) throw noRowType(funcname);
            return populator(c, isJson, columns).record(RECORD, null, a[0]);
        }

        @Override
        public BuiltinFunction bindColumns(List<ColumnDef> cols) {
            return new ToRecordCall(funcname, isJson, cols);
        }
    }

    /** json[b]_to_recordset: one row of the column definition list per object of the document's array. */
    private record ToRecordsetCall(String funcname, boolean isJson, List<ColumnDef> columns)
            implements SetReturningFunction, ColumnListFunction {
        @Override
        public Iterator<?> iterate(FunctionCallContext c, Object[] a) {
            if (columns == null) throw noRowType(funcname);
            JsonPopulate pop = populator(c, isJson, columns);
            List<Object> out = new ArrayList<>();
            for (Object e : pop.recordsetElements(a[0], funcname)) out.add(pop.recordsetRow(RECORD, null, e));
            return out.iterator();
        }

        @Override
        public Object invoke(FunctionCallContext c, Object[] a) {
            return SetReturningFunction.super.invoke(c, a);
        }

        @Override
        public BuiltinFunction bindColumns(List<ColumnDef> cols) {
            return new ToRecordsetCall(funcname, isJson, cols);
        }
    }

    /** The catalog's answers to {@link JsonPopulate.Types}: typcache facts, input functions, domain checks. */
    private static final class CatalogTypes implements JsonPopulate.Types {
        static final CatalogTypes INSTANCE = new CatalogTypes(null);
        private final FunctionCallContext ctx;

        CatalogTypes(FunctionCallContext ctx) {
            this.ctx = ctx;
        }

        public JsonPopulate.Category category(int type) {
            if (TypeCache.lookupDomain(type) != null) {
                return TypeCache.lookupComposite(domainBase(type)) != null ? JsonPopulate.Category.COMPOSITE_DOMAIN
                        : JsonPopulate.Category.DOMAIN;
            }
            if (type == RECORD || TypeCache.lookupComposite(type) != null) return JsonPopulate.Category.COMPOSITE;
            if (ArrayTypes.elementOf(type) != 0) return JsonPopulate.Category.ARRAY;
            return JsonPopulate.Category.SCALAR;
        }

        public int elementType(int arrayType) {
            return ArrayTypes.elementOf(arrayType);
        }

        public int domainBase(int domainType) {
            int t = domainType;
            for (DomainInfo d = TypeCache.lookupDomain(t); d != null; d = TypeCache.lookupDomain(t)) t = d.baseType();
            return t;
        }

        public void domainCheck(int domainType, Object value) {
            ctx.checkDomain(domainType, value);
        }

        private TypeCache.CompositeType composite(int type) {
            TypeCache.CompositeType c = TypeCache.lookupComposite(type);
            if (c == null) throw PgException.error(SqlState.INTERNAL_ERROR, "type " + type + " is not composite");
            return c;
        }

        public List<String> columnNames(int type) { return composite(type).names(); }

        public List<Integer> columnTypes(int type) { return composite(type).types(); }

        public List<Integer> columnTypmods(int type) { return composite(type).typmods(); }

        /** The input function, then the length coercion its typmod asks for (bpcharin, varcharin, numeric_in). */
        public Object input(int type, int typmod, String text) {
            Object v = BuiltinCatalog.type(type).input().in(text, ctx.inputSettings());
            if (typmod < 0 || v == null) return v;
            return switch (type) {
                case BPCHAR -> Texts.bpchar((String) v, typmod, false);
                case VARCHAR -> Texts.varcharCheck((String) v, typmod);
                case NUMERIC -> Numerics.applyTypmod((BigDecimal) v, typmod);
                default -> v;
            };
        }
    }
}
