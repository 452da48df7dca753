package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.RECORD;
import static org.tusk.catalog.TypeOids.RECORD_ARRAY;

import org.tusk.utils.adt.ArrayIO;

/**
 * The array of anonymous records, {@code record[]} (pg_type.dat's _record, OID 2287): the type
 * of {@code ARRAY[ROW(...)]} and of the path columns that SEARCH DEPTH FIRST and CYCLE add to a
 * recursive WITH query (rewriteSearchCycle.c). It is a pseudo-type (category P) as in
 * PostgreSQL: a table column cannot have it, but expressions can. Output is array_out over
 * record_out; input goes through array_in to record_in, which refuses anonymous records as
 * PostgreSQL does. The array operators and functions (=, &lt;, ||, array_cat, array_append,
 * = ANY) are the polymorphic ones of {@link ArrayBuiltins}: they compare elements with
 * record_cmp (the element is a {@link org.tusk.utils.adt.RecordValue}).
 */
final class RecordArrayBuiltins {
    private RecordArrayBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.type(new PgType(RECORD_ARRAY, "_record", "record[]", -1, false, 'P', false,
                (s, z) -> ArrayIO.in(s, RECORD, x -> BuiltinCatalog.type(RECORD).input().in(x, z)),
                (v, os) -> ArrayBuiltins.out(v, RECORD, os)));
    }
}
