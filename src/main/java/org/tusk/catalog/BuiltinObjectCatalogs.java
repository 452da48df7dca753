package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.CHAR;
import static org.tusk.catalog.TypeOids.NAME;
import static org.tusk.catalog.TypeOids.OID;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.utils.adt.RegProcs;

/**
 * pg_cast (2605) and pg_operator (2617) computed from Tusk's built-in cast and operator tables
 * ({@link BuiltinCatalog}). Each row carries the OID PostgreSQL 15 gives the same object
 * (pg_operator.dat's fixed OIDs; genbki.pl's assignments for pg_cast), found by (name, left, right)
 * or (source, target); an object PostgreSQL does not have gets an OID of genbki's range
 * (below FirstUnpinnedObjectId 12000) in a block no PostgreSQL 15 row uses: casts from
 * {@value #TUSK_CAST_OIDS}, operators from {@value #TUSK_OPERATOR_OIDS}, in a fixed order, so
 * the OIDs are the same in every session and every database. Everything here is below
 * FirstNormalObjectId, which is how pg_dump knows these objects are built in and not its to dump.
 *
 * <p>The rows are built once (the tables they come from never change) and are immutable.
 * castfunc and oprcode name the built-in function that implements the cast or operator when it
 * is also callable by name (its pg_proc OID in Tusk's numbering); where the implementation is not a
 * named function, castfunc/oprcode is 0 even for castmethod 'f'.
 */
final class BuiltinObjectCatalogs {
    private BuiltinObjectCatalogs() {}

    static final int TUSK_CAST_OIDS = 11000, TUSK_OPERATOR_OIDS = 11300;

    private static ColumnDef c(String n, int t) { return new ColumnDef(n, t); }

    static final List<ColumnDef> PG_CAST_COLUMNS = List.of(c("oid", OID), c("castsource", OID), c("casttarget", OID),
            c("castfunc", OID), c("castcontext", CHAR), c("castmethod", CHAR));

    static final List<ColumnDef> PG_OPERATOR_COLUMNS = List.of(c("oid", OID), c("oprname", NAME), c("oprnamespace", OID),
            c("oprowner", OID), c("oprkind", CHAR), c("oprcanmerge", BOOL), c("oprcanhash", BOOL), c("oprleft", OID),
            c("oprright", OID), c("oprresult", OID), c("oprcom", OID), c("oprnegate", OID), c("oprcode", RegProcs.REGPROC),
            c("oprrest", RegProcs.REGPROC), c("oprjoin", RegProcs.REGPROC));

    private static final long NSP = SystemCatalogs.PG_CATALOG_NAMESPACE, OWNER = 10;

    /**
     * The built-in pg_cast and pg_operator rows and operator OIDs, made once from the constant
     * built-in registry and immutable (List.copyOf, Map.copyOf): not per-session state.
     */
    private static volatile List<Object[]> casts, operators;
    private static volatile Map<String, Long> operatorOids;

    static ComputedCatalog pgCast() { return new ComputedCatalog("pg_cast", 2605, PG_CAST_COLUMNS, BuiltinObjectCatalogs::castRows); }

    static ComputedCatalog pgOperator() {
        return new ComputedCatalog("pg_operator", 2617, PG_OPERATOR_COLUMNS, BuiltinObjectCatalogs::operatorRows);
    }

    /** The pg_proc OID of the built-in function whose implementation is {@code impl}, or 0. */
    private static long procOf(Map<BuiltinFunction, Integer> procs, BuiltinFunction impl) {
        Integer oid = impl == null ? null : procs.get(impl);
        return oid == null ? 0 : oid & 0xFFFFFFFFL;
    }

    private static Map<BuiltinFunction, Integer> procsByImpl() {
        Map<BuiltinFunction, Integer> m = new IdentityHashMap<>();
        BuiltinCatalog.allFunctions().forEach((oid, p) -> {
            if (p.impl() != null) m.merge(p.impl(), oid, Math::min);
        });
        return m;
    }

    static List<Object[]> castRows() {
        List<Object[]> r = casts;
        if (r != null) return r;
        Map<String, Long> pgOids = new HashMap<>();
        for (String[] f : Pg15CatalogData.read("pg_cast_oids.tsv")) pgOids.put(f[1] + "\t" + f[2], Long.parseLong(f[0]));
        Map<BuiltinFunction, Integer> procs = procsByImpl();
        List<PgCast> all = new ArrayList<>(BuiltinCatalog.allCasts());
        all.sort(Comparator.comparingInt(PgCast::source).thenComparingInt(PgCast::target));
        List<Object[]> out = new ArrayList<>();
        long next = TUSK_CAST_OIDS;
        for (PgCast k : all) {
            Long oid = pgOids.get(k.source() + "\t" + k.target());
            // a relabelling PostgreSQL makes (int4 to oid) is 'b' with no function, however Tusk converts the Java form
            String method = k.binaryCoercible() ? "b" : switch (k.method()) {
                case FUNCTION -> "f";
                case BINARY -> "b";
                case IO -> "i";
            };
            out.add(new Object[] {oid != null ? oid : next++, (long) k.source(), (long) k.target(),
                    k.method() == PgCast.Method.FUNCTION && !k.binaryCoercible() ? procOf(procs, k.impl()) : 0L,
                    String.valueOf(k.context()), method});
        }
        out.sort(Comparator.comparingLong(v -> (Long) v[0]));
        return casts = List.copyOf(out);
    }

    /** The pg_operator OID of built-in operator (name, left, right), or 0 if Tusk has none. */
    static long operatorOid(String name, int left, int right) {
        operatorRows();
        return operatorOids.getOrDefault(Pg15CatalogData.key(name, left, right), 0L);
    }

    static List<Object[]> operatorRows() {
        List<Object[]> r = operators;
        if (r != null) return r;
        Map<String, String[]> pg = new HashMap<>();
        for (String[] f : Pg15CatalogData.read("pg_operator_oids.tsv"))
            pg.put(Pg15CatalogData.key(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])), f);
        Map<BuiltinFunction, Integer> procs = procsByImpl();
        List<PgOperator> all = new ArrayList<>();
        BuiltinCatalog.allOperators().values().forEach(all::addAll);
        all.sort(Comparator.comparing(PgOperator::name).thenComparingInt(PgOperator::left).thenComparingInt(PgOperator::right));
        Map<String, Long> oids = new HashMap<>();
        List<Object[]> out = new ArrayList<>();
        long next = TUSK_OPERATOR_OIDS;
        for (PgOperator o : all) {
            String key = Pg15CatalogData.key(o.name(), o.left(), o.right());
            if (oids.containsKey(key)) continue;   // the same operator registered twice: one row
            String[] f = pg.get(key);
            long oid = f != null ? Long.parseLong(f[0]) : next++;
            oids.put(key, oid);
            boolean known = f != null;
            out.add(new Object[] {oid, o.name(), NSP, OWNER, o.left() == 0 ? "l" : "b",
                    known && f[4].equals("t"), known && f[5].equals("t"), (long) o.left(), (long) o.right(),
                    (long) o.result(), 0L, 0L, procOf(procs, o.impl()), 0L, 0L});
        }
        // oprcom and oprnegate: PostgreSQL's, where Tusk has that operator too
        Map<Long, Object[]> byOid = new HashMap<>();
        for (Object[] v : out) byOid.put((Long) v[0], v);
        for (Object[] v : out) {
            String[] f = pg.get(Pg15CatalogData.key((String) v[1], (Long) v[7], (Long) v[8]));
            if (f == null) continue;
            long com = Long.parseLong(f[6]), neg = Long.parseLong(f[7]);
            if (byOid.containsKey(com)) v[10] = com;
            if (byOid.containsKey(neg)) v[11] = neg;
        }
        out.sort(Comparator.comparingLong(v -> (Long) v[0]));
        operatorOids = Map.copyOf(oids);
        return operators = List.copyOf(out);
    }
}
