package org.tusk.catalog;

import static org.tusk.catalog.SystemCatalogs.PG_AGGREGATE;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.utils.adt.ArrayValue;

/**
 * The pg_proc and pg_aggregate rows of Tusk's built-in functions, aggregates and window
 * functions, which bootstrap writes as genbki.pl writes pg_proc.dat's (PostgreSQL 15 has 3,228
 * such functions; Tusk has the ones it implements). Each row is the built-in's definition in
 * {@link BuiltinCatalog}: its OID (PostgreSQL's where PostgreSQL has the function, given by
 * {@link BuiltinRegistry#oidFor}), name, argument and result types, strictness, volatility,
 * proretset, provariadic and kind. What the Java tables do not model (prolang, procost, prorows,
 * prosupport, prosecdef, proleakproof, proparallel, the parameter names, modes and defaults, and
 * prosrc, the C symbol or SQL body) is pg_proc.dat's for that OID (resource pg_proc.tsv); a
 * function PostgreSQL does not have is LANGUAGE internal with pg_proc.dat's defaults (procost 1,
 * proparallel safe) and its own name as prosrc. An overload the tables keep per arity for a
 * PostgreSQL function with parameter defaults (make_interval(int4), ...) is that function's one
 * row, not a row of its own. The text input and output functions that the built-in types'
 * pg_type rows name and that are not callable functions in Tusk (array_in, record_out, ...) have
 * pg_proc.dat's rows too, so that drivers can name them ('array_in'::regproc); a call of one by
 * name is still "function ... does not exist".
 *
 * <p>pg_aggregate rows are pg_aggregate.dat's for the aggregates PostgreSQL has (their support
 * functions named by PostgreSQL's OIDs, which have pg_proc rows only where Tusk implements them
 * as callable functions); an aggregate PostgreSQL lacks gets aggkind 'n', its result as
 * aggtranstype and no support functions, since Tusk's aggregates run as Java code.
 *
 * <p>Function resolution does not read these rows: it uses the Java tables, and the lookups of
 * user routines skip them ({@link BuiltinCatalog#isBuiltinRoutine}). They are built only by
 * bootstrap and by the test that compares them with PostgreSQL's.
 */
final class BuiltinProcRows {
    private BuiltinProcRows() {}

    private static final int PG_CATALOG = SystemCatalogs.PG_CATALOG_NAMESPACE;
    private static final int INTERNAL = InternalFunctions.INTERNAL_LANGUAGE_ID;

    /** pg_proc.tsv's columns, by position. */
    static final int OID = 0, NAME = 1, ARGTYPES = 2, RETTYPE = 3, KIND = 4, STRICT = 5, VOLATILE = 6, RETSET = 7,
            LANG = 8, COST = 9, ROWS = 10, VARIADIC = 11, SUPPORT = 12, SECDEF = 13, LEAKPROOF = 14, PARALLEL = 15,
            NARGS = 16, NARGDEFAULTS = 17, ALLARGTYPES = 18, ARGMODES = 19, ARGNAMES = 20, ARGDEFAULTS = 21, SRC = 22;

    /** PostgreSQL 15's pg_proc rows (pg_proc.tsv), by OID. */
    static Map<Integer, String[]> pgProcs() {
        Map<Integer, String[]> m = new HashMap<>(4096);
        for (String[] f : Pg15CatalogData.read("pg_proc.tsv")) m.put(Integer.parseInt(f[OID]), f);
        return m;
    }

    /** PostgreSQL 15's pg_aggregate rows (pg_aggregate.tsv), by aggfnoid. */
    static Map<Integer, String[]> pgAggregates() {
        Map<Integer, String[]> m = new HashMap<>();
        for (String[] f : Pg15CatalogData.read("pg_aggregate.tsv")) m.put(Integer.parseInt(f[0]), f);
        return m;
    }

    /** One built-in routine as its pg_proc row needs it. */
    record Routine(int oid, String name, List<Integer> argTypes, int resultType, char kind, boolean strict,
                   char volatility, boolean retset, int variadic, boolean variadicAny) {}

    /** Every built-in routine that has a pg_proc row of its own, in OID order. */
    static List<Routine> routines(Map<Integer, String[]> pg) {
        List<Routine> out = new ArrayList<>();
        Map<String, List<PgProc>> byName = new HashMap<>();
        for (PgProc p : BuiltinCatalog.allFunctions().values()) byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
        for (PgProc p : BuiltinCatalog.allFunctions().values()) {
            if (!pg.containsKey(p.oid()) && coveredByDefaults(p, byName.get(p.name()), pg)) continue;
            int variadic = p.variadicAny() ? Pg15ProcOids.ANY
                    : BuiltinCatalog.isVariadic(p) ? ArrayTypes.elementOf(p.argTypes().get(p.argTypes().size() - 1)) : 0;
            out.add(new Routine(p.oid(), p.name(), p.argTypes(), p.resultType(), 'f', p.strict(), volatility(p.volatility()),
                    p.retset(), variadic, p.variadicAny()));
        }
        BuiltinCatalog.allAggregates().forEach((a, oid) -> out.add(new Routine(oid, a.name(), a.argTypes(), a.resultType(),
                'a', false, 'i', false, a.variadicType(), false)));
        BuiltinCatalog.allWindowFunctions().forEach((w, oid) -> out.add(new Routine(oid, w.name(), w.argTypes(),
                w.resultType(), 'w', false, 'i', false, 0, false)));
        // the text I/O functions the built-in types' pg_type rows name (array_in, record_out, ...):
        // Tusk implements them as its types' input and output, not as functions callable by name
        java.util.Set<Integer> have = new java.util.HashSet<>();
        for (Routine r : out) have.add(r.oid());
        for (PgTypeRows.TypeRow t : PgTypeRows.builtinTypes()) {
            for (int io : new int[] {t.typinput(), t.typoutput()}) {
                String[] f = pg.get(io);
                if (f == null || !have.add(io)) continue;
                List<Integer> args = new ArrayList<>();
                for (int a : oids(f[ARGTYPES])) args.add(a);
                out.add(new Routine(io, f[NAME], args, Integer.parseInt(f[RETTYPE]), f[KIND].charAt(0), f[STRICT].equals("t"),
                        f[VOLATILE].charAt(0), f[RETSET].equals("t"), Integer.parseInt(f[VARIADIC]), false));
            }
        }
        out.sort(Comparator.comparingInt(r -> r.oid() + Integer.MIN_VALUE));
        return out;
    }

    /**
     * Whether {@code p}, which has no PostgreSQL OID, is a shorter-arity entry of another built-in
     * of its name that is PostgreSQL's function with parameter defaults covering the difference.
     */
    private static boolean coveredByDefaults(PgProc p, List<PgProc> sameName, Map<Integer, String[]> pg) {
        for (PgProc full : sameName) {
            String[] f = pg.get(full.oid());
            if (full == p || f == null) continue;
            int n = full.argTypes().size(), defaults = Integer.parseInt(f[NARGDEFAULTS]);
            if (n > p.argTypes().size() && n - defaults <= p.argTypes().size()
                    && full.argTypes().subList(0, p.argTypes().size()).equals(p.argTypes())) return true;
        }
        return false;
    }

    private static char volatility(PgProc.Volatility v) {
        return switch (v) {
            case IMMUTABLE -> 'i';
            case STABLE -> 's';
            case VOLATILE -> 'v';
        };
    }

    /** The pg_proc rows of the built-ins, as heap values. */
    static List<Object[]> procRows(int owner) {
        Map<Integer, String[]> pg = pgProcs();
        List<Object[]> rows = new ArrayList<>();
        for (Routine r : routines(pg)) rows.add(procRow(r, pg.get(r.oid()), owner));
        return rows;
    }

    private static Object[] procRow(Routine p, String[] f, int owner) {
        SystemCatalog c = PG_PROC;
        Object[] r = c.newRow();
        c.set(r, "oid", p.oid());
        c.set(r, "proname", p.name());
        c.set(r, "pronamespace", PG_CATALOG);
        c.set(r, "proowner", owner);
        c.set(r, "prolang", f != null ? Integer.parseInt(f[LANG]) : INTERNAL);
        c.set(r, "procost", f != null ? Float.parseFloat(f[COST]) : 1f);
        c.set(r, "prorows", f != null ? Float.parseFloat(f[ROWS]) : p.retset() ? 1000f : 0f);
        c.set(r, "provariadic", p.variadic());
        c.set(r, "prosupport", f != null ? Integer.parseInt(f[SUPPORT]) : 0);
        c.set(r, "prokind", String.valueOf(p.kind()));
        c.set(r, "prosecdef", f != null && f[SECDEF].equals("t"));
        c.set(r, "proleakproof", f != null && f[LEAKPROOF].equals("t"));
        c.set(r, "proisstrict", p.strict());
        c.set(r, "proretset", p.retset());
        c.set(r, "provolatile", String.valueOf(p.volatility()));
        c.set(r, "proparallel", f != null ? f[PARALLEL] : "s");
        // a VARIADIC "any" function's parameters are declared only in pg_proc.dat
        int[] args = p.variadicAny() ? (f != null ? oids(f[ARGTYPES]) : new int[] {Pg15ProcOids.ANY})
                : p.argTypes().stream().mapToInt(Integer::intValue).toArray();
        c.set(r, "pronargs", (short) args.length);
        c.set(r, "pronargdefaults", (short) (f != null ? Integer.parseInt(f[NARGDEFAULTS]) : 0));
        c.set(r, "prorettype", p.resultType());
        c.set(r, "proargtypes", args);
        if (f != null && !f[ALLARGTYPES].isEmpty()) c.set(r, "proallargtypes", oids(f[ALLARGTYPES]));
        if (f != null && !f[ARGMODES].isEmpty()) {
            String[] m = f[ARGMODES].split(" ");
            c.set(r, "proargmodes", new ArrayValue(TypeOids.CHAR, new int[] {m.length}, new int[] {1}, m));
        } else if (f == null && p.variadic() != 0) {
            Object[] m = new Object[args.length];
            for (int i = 0; i < m.length; i++) m[i] = i == m.length - 1 ? "v" : "i";
            c.set(r, "proargmodes", new ArrayValue(TypeOids.CHAR, new int[] {m.length}, new int[] {1}, m));
        }
        if (f != null && !f[ARGNAMES].isEmpty()) c.set(r, "proargnames", f[ARGNAMES].split(" ", -1));
        if (f != null && !f[ARGDEFAULTS].isEmpty()) c.set(r, "proargdefaults", f[ARGDEFAULTS]);
        c.set(r, "prosrc", f != null ? unescape(f[SRC]) : p.kind() == 'a' ? "aggregate_dummy" : p.name());
        return r;
    }

    /**
     * The pg_description rows of the built-ins PostgreSQL describes (pg_proc.dat's descr, which
     * psql's \df+ and \da show), as heap values.
     */
    static List<Object[]> descriptionRows() {
        java.util.Set<Integer> ours = new java.util.HashSet<>();
        for (Routine r : routines(pgProcs())) ours.add(r.oid());
        List<Object[]> rows = new ArrayList<>();
        for (String[] f : Pg15CatalogData.read("pg_proc_descriptions.tsv")) {
            int oid = Integer.parseInt(f[0]);
            if (!ours.contains(oid)) continue;
            SystemCatalog c = SystemCatalogs.PG_DESCRIPTION;
            Object[] r = c.newRow();
            c.set(r, "objoid", oid);
            c.set(r, "classoid", FunctionDdl.PROCEDURE_RELATION_ID);
            c.set(r, "objsubid", 0);
            c.set(r, "description", f[1]);
            rows.add(r);
        }
        return rows;
    }

    /** The pg_aggregate rows of the built-in aggregates, as heap values. */
    static List<Object[]> aggregateRows() {
        Map<Integer, String[]> pg = pgAggregates();
        List<Object[]> rows = new ArrayList<>();
        List<Map.Entry<PgAggregate, Integer>> all = new ArrayList<>(BuiltinCatalog.allAggregates().entrySet());
        all.sort(Comparator.comparingInt(e -> e.getValue() + Integer.MIN_VALUE));
        for (Map.Entry<PgAggregate, Integer> e : all) {
            String[] f = pg.get(e.getValue());
            SystemCatalog c = PG_AGGREGATE;
            Object[] r = c.newRow();
            c.set(r, "aggfnoid", (int) e.getValue());
            String[] names = {"aggkind", "aggnumdirectargs", "aggtransfn", "aggfinalfn", "aggcombinefn", "aggserialfn",
                    "aggdeserialfn", "aggmtransfn", "aggminvtransfn", "aggmfinalfn", "aggfinalextra", "aggmfinalextra",
                    "aggfinalmodify", "aggmfinalmodify", "aggsortop", "aggtranstype", "aggtransspace", "aggmtranstype",
                    "aggmtransspace", "agginitval", "aggminitval"};
            if (f != null) {
                for (int i = 0; i < names.length; i++) {
                    String v = f[3 + i];
                    c.set(r, names[i], switch (names[i]) {
                        case "aggkind", "aggfinalmodify", "aggmfinalmodify" -> v;
                        case "aggnumdirectargs" -> Short.parseShort(v);
                        case "aggfinalextra", "aggmfinalextra" -> v.equals("t");
                        case "agginitval", "aggminitval" -> v.equals("\\N") ? null : v;
                        default -> (int) Long.parseLong(v);
                    });
                }
            } else {
                c.set(r, "aggkind", "n");
                c.set(r, "aggnumdirectargs", (short) 0);
                for (String n : List.of("aggtransfn", "aggfinalfn", "aggcombinefn", "aggserialfn", "aggdeserialfn",
                        "aggmtransfn", "aggminvtransfn", "aggmfinalfn", "aggsortop", "aggtransspace", "aggmtranstype",
                        "aggmtransspace")) c.set(r, n, 0);
                c.set(r, "aggfinalextra", false);
                c.set(r, "aggmfinalextra", false);
                c.set(r, "aggfinalmodify", "r");
                c.set(r, "aggmfinalmodify", "r");
                c.set(r, "aggtranstype", e.getKey().resultType());
            }
            rows.add(r);
        }
        return rows;
    }

    private static int[] oids(String s) {
        if (s.isEmpty()) return new int[0];
        String[] p = s.split(" ");
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) out[i] = (int) Long.parseLong(p[i]);
        return out;
    }

    /** prosrc as pg_proc.tsv escapes it (\n, \t, \\). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
