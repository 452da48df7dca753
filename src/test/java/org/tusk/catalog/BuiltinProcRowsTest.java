package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The built-ins' pg_proc rows against PostgreSQL 15's (pg_proc.dat as initdb leaves it): every
 * built-in PostgreSQL also has carries its OID, and its definition (result type, kind,
 * strictness, volatility, proretset, provariadic) is PostgreSQL's, except the differences listed
 * here, which are the definitions still to be fixed.
 */
class BuiltinProcRowsTest {
    /**
     * Known differences (OID: column), each a built-in whose Java definition is not yet
     * pg_proc.dat's. Fixing one removes it from this list; a new one fails the test.
     */
    private static final Set<String> KNOWN = Set.of(
            "384 provolatile", "395 provolatile",            // array_to_string: stable in PostgreSQL
            "1199 provolatile",                              // age(timestamptz, timestamptz): immutable in PostgreSQL
            "3205 proisstrict", "3491 proisstrict",          // json[b]_to_recordset: not strict in PostgreSQL
            "3423 provolatile", "3424 provolatile",          // pg_partition_tree volatile, pg_partition_root immutable
            "3713 provolatile", "3715 provolatile",          // ts_token_type(oid), ts_parse(oid, text): immutable
            // VARIADIC "any": the hypothetical-set aggregates and their support functions
            "3971 provariadic", "3986 provariadic", "3987 provariadic", "3988 provariadic", "3989 provariadic",
            "3990 provariadic", "3991 provariadic", "3992 provariadic", "3993 provariadic");

    @Test
    void builtinsHavePostgresDefinitions() {
        Map<Integer, String[]> pg = BuiltinProcRows.pgProcs();
        List<String> differences = new ArrayList<>();
        int matched = 0;
        for (BuiltinProcRows.Routine r : BuiltinProcRows.routines(pg)) {
            String[] f = pg.get(r.oid());
            if (f == null) {
                assertTrue(r.oid() >= org.tusk.access.transam.OidGenerator.FIRST_BUILTIN_AUTO_OID, r.name()
                        + " has an OID below Tusk's range that PostgreSQL does not give it");
                continue;
            }
            matched++;
            assertEquals(f[BuiltinProcRows.NAME], r.name(), "proname of " + r.oid());
            if (!r.variadicAny()) {
                assertEquals(f[BuiltinProcRows.ARGTYPES], Pg15ProcOids.key("", r.argTypes()).substring(1),
                        "proargtypes of " + r.name());
            }
            check(differences, r.oid(), "prorettype", f[BuiltinProcRows.RETTYPE], Integer.toString(r.resultType()));
            check(differences, r.oid(), "prokind", f[BuiltinProcRows.KIND], String.valueOf(r.kind()));
            check(differences, r.oid(), "proretset", f[BuiltinProcRows.RETSET], r.retset() ? "t" : "f");
            check(differences, r.oid(), "provariadic", f[BuiltinProcRows.VARIADIC], Integer.toString(r.variadic()));
            if (r.kind() == 'f') {
                check(differences, r.oid(), "proisstrict", f[BuiltinProcRows.STRICT], r.strict() ? "t" : "f");
                check(differences, r.oid(), "provolatile", f[BuiltinProcRows.VOLATILE], String.valueOf(r.volatility()));
            }
        }
        assertTrue(matched > 1300, "built-ins with PostgreSQL's OIDs: " + matched);
        List<String> unexpected = differences.stream().filter(d -> !KNOWN.contains(d.substring(0, d.indexOf(" (")))).toList();
        assertEquals(List.of(), unexpected, "built-in definitions that differ from pg_proc.dat");
    }

    private static void check(List<String> out, int oid, String column, String pg, String tusk) {
        if (!pg.equals(tusk)) out.add(oid + " " + column + " (PostgreSQL " + pg + ", Tusk " + tusk + ")");
    }

    @Test
    void rowsHaveUniqueOidsAndPostgresNumbers() {
        List<Object[]> rows = BuiltinProcRows.procRows(10);
        Set<Integer> oids = new HashSet<>();
        Map<String, Integer> byName = new java.util.HashMap<>();
        for (Object[] v : rows) {
            int oid = (Integer) SystemCatalogs.PG_PROC.get(v, "oid");
            assertTrue(oids.add(oid), "duplicate pg_proc OID " + oid);
            assertTrue(BuiltinCatalog.isBuiltinRoutine(oid));
            int[] args = (int[]) SystemCatalogs.PG_PROC.get(v, "proargtypes");
            byName.put(SystemCatalogs.PG_PROC.get(v, "proname") + java.util.Arrays.toString(args), oid);
        }
        assertEquals(870, byName.get("lower[25]"));
        assertEquals(177, byName.get("int4pl[23, 23]"));
        assertEquals(2803, byName.get("count[]"));
        assertEquals(3100, byName.get("row_number[]"));
        assertEquals(3058, byName.get("concat[2276]"));
        assertEquals(1646, byName.get("RI_FKey_cascade_del[]"));
        // make_interval's per-arity entries are the one row of the function with defaults
        assertEquals(1, rows.stream().filter(v -> "make_interval".equals(SystemCatalogs.PG_PROC.get(v, "proname"))).count());
    }

    @Test
    void everyAggregateRowHasItsPgAggregateRow() {
        Set<Integer> aggregates = new HashSet<>();
        for (Object[] v : BuiltinProcRows.procRows(10)) {
            if ("a".equals(SystemCatalogs.PG_PROC.get(v, "prokind"))) aggregates.add((Integer) SystemCatalogs.PG_PROC.get(v, "oid"));
        }
        Set<Integer> fnoids = new HashSet<>();
        for (Object[] v : BuiltinProcRows.aggregateRows()) fnoids.add((Integer) SystemCatalogs.PG_AGGREGATE.get(v, "aggfnoid"));
        assertEquals(aggregates, fnoids);
        assertTrue(fnoids.contains(2147));   // count("any")
    }

    @Test
    void prosrcIsUnescaped() {
        assertEquals("a\nb\\c\td", BuiltinProcRows.unescape("a\\nb\\\\c\\td"));
    }
}
