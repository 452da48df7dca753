package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.INT4;
import static org.tusk.catalog.TypeOids.RECORD;

import java.util.function.IntPredicate;

import org.tusk.utils.adt.RecordValue;
import org.tusk.utils.adt.RowTypes;

/**
 * The built-ins on composite values (pg_operator.dat / pg_proc.dat entries of record): the
 * comparison operators record_eq, record_ne, record_lt, record_le, record_gt, record_ge and the
 * btree support function btrecordcmp. A named composite type reaches them through its implicit
 * binary coercion to record, so they also give ORDER BY, GROUP BY and DISTINCT on rows their
 * ordering (the record_ops opclass).
 */
final class RowTypeBuiltins {
    private RowTypeBuiltins() {}

    static void register(BuiltinRegistry r) {
        cmpOp(r, "=", c -> c == 0);
        cmpOp(r, "<>", c -> c != 0);
        cmpOp(r, "<", c -> c < 0);
        cmpOp(r, "<=", c -> c <= 0);
        cmpOp(r, ">", c -> c > 0);
        cmpOp(r, ">=", c -> c >= 0);
        r.fn("btrecordcmp", java.util.List.of(RECORD, RECORD), INT4, (ctx, a) -> cmp(a[0], a[1]));
        r.fn("row_to_json", java.util.List.of(RECORD), TypeOids.JSON, PgProc.Volatility.STABLE, true, (ctx, a) -> rowToJson((RecordValue) a[0], false, ctx));
        r.fn("row_to_json", java.util.List.of(RECORD, BOOL), TypeOids.JSON, PgProc.Volatility.STABLE, true,
                (ctx, a) -> rowToJson((RecordValue) a[0], (Boolean) a[1], ctx));
    }

    /**
     * composite_to_json: an object of the row's fields in order, each value as datum_to_json
     * gives it (a nested composite as an object too); with {@code lineFeeds} the fields are
     * separated by ",\n ". Field names are the row's own (a row constructor's f1, f2, ..., a
     * whole-row reference's column names) or its named type's.
     */
    static String rowToJson(RecordValue r, boolean lineFeeds, FunctionCallContext c) {
        java.util.List<String> names = r.names();
        if (names == null) {
            TypeCache.CompositeType ct = TypeCache.lookupComposite(r.typeOid());
            names = ct != null ? ct.names() : null;
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < r.size(); i++) {
            if (i > 0) sb.append(lineFeeds ? ",\n " : ",");
            String name = names != null && i < names.size() ? names.get(i) : "f" + (i + 1);
            sb.append(org.tusk.utils.adt.JsonbIO.escape(name)).append(':');
            Object v = r.get(i);
            if (v instanceof RecordValue nested) sb.append(rowToJson(nested, false, c));
            else sb.append(JsonBuiltins.toJsonText(v, r.types().get(i), c));
        }
        return sb.append('}').toString();
    }

    private static void cmpOp(BuiltinRegistry r, String name, IntPredicate test) {
        r.op(name, RECORD, RECORD, BOOL, (ctx, a) -> test.test(cmp(a[0], a[1])));
    }

    /** record_cmp: the rows must have comparable columns (42804 otherwise). */
    private static int cmp(Object a, Object b) {
        RecordValue x = (RecordValue) a, y = (RecordValue) b;
        RowTypes.checkComparable(x, y, BuiltinCatalog::formatType);
        return RowTypes.cmp(x, y);
    }
}
