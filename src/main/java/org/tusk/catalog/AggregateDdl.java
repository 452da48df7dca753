package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_AGGREGATE;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;

/**
 * User-defined aggregates: their pg_proc rows (prokind 'a') and pg_aggregate rows
 * (PostgreSQL's catalog/pg_aggregate.c AggregateCreate, RemoveFunctionById's pg_aggregate part,
 * and namespace.c FuncnameGetCandidates for aggregates). Built-in aggregates stay in
 * {@link BuiltinCatalog}.
 *
 * <p>Invalidation and caching are those of {@link FunctionDdl}, which owns this object: lookups
 * by name are cached until the relcache's name cache is emptied, and every change registers a
 * relcache invalidation for pg_proc.
 */
public final class AggregateDdl {
    /** INTERNALlanguageId: aggregates' pg_proc rows name the internal language. */
    private static final int INTERNAL_LANGUAGE_ID = 12;

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Namespaces namespaces;
    private final Map<String, List<UserAggregate>> byName = new HashMap<>();
    private long generation = -1;

    AggregateDdl(CatalogEnv env, CatalogWriter writer, Namespaces namespaces) {
        this.env = env;
        this.writer = writer;
        this.namespaces = namespaces;
    }

    /**
     * The aggregates named {@code name} in {@code schemaOrNull}, or in the search path's schemas;
     * of two with the same argument types the one in the earlier schema hides the other.
     */
    public List<UserAggregate> candidates(String schemaOrNull, String name) {
        long g = env.relcache().namesGeneration();
        if (g != generation) {
            byName.clear();
            generation = g;
        }
        String key = (schemaOrNull == null ? "" : schemaOrNull) + "." + name;
        List<UserAggregate> l = byName.get(key);
        if (l != null) return l;
        List<Integer> path;
        if (schemaOrNull != null) {
            int nsp = namespaces.oidOf(schemaOrNull);
            if (nsp == 0) return List.of();
            path = List.of(nsp);
        } else {
            path = namespaces.activePath();
        }
        List<UserAggregate> all = load(v -> name.equals(PG_PROC.get(v, "proname")));
        List<UserAggregate> out = new ArrayList<>();
        for (int nsp : path) {
            for (UserAggregate a : all) {
                if (a.namespace() != nsp) continue;
                if (out.stream().noneMatch(o -> o.argTypes().equals(a.argTypes()))) out.add(a);
            }
        }
        l = List.copyOf(out);
        byName.put(key, l);
        return l;
    }

    /** The aggregate in {@code namespace} with exactly these argument types, or null. */
    public UserAggregate find(int namespace, String name, List<Integer> argTypes) {
        for (UserAggregate a : load(v -> name.equals(PG_PROC.get(v, "proname")) && oid(PG_PROC.get(v, "pronamespace")) == namespace)) {
            if (a.argTypes().equals(argTypes)) return a;
        }
        return null;
    }

    /**
     * AggregateCreate: inserts the pg_proc and pg_aggregate rows of {@code a} (its OID is assigned
     * here) or, with {@code replace}, updates those of the aggregate with the same signature after
     * the checks of ProcedureCreate (same kind of routine, same return type). {@code existingFunction}
     * is a plain function of the same signature, which OR REPLACE may not turn into an aggregate.
     * Returns the aggregate's OID.
     */
    public int create(UserAggregate a, boolean replace, SqlFunction existingFunction) {
        UserAggregate old = find(a.namespace(), a.name(), a.argTypes());
        if (old == null && existingFunction != null) {
            if (!replace) throw PgException.error("42723", "function \"" + a.name() + "\" already exists with same argument types");
            throw PgException.error("42809", "cannot change routine kind")
                    .withDetail("\"" + a.name() + "\" is a function.");
        }
        if (old != null) {
            if (!replace) throw PgException.error("42723", "function \"" + a.name() + "\" already exists with same argument types");
            if (old.kind() != a.kind()) {
                throw PgException.error("42809", "cannot change routine kind").withDetail("\"" + a.name() + "\" is "
                        + (old.kind() == 'n' ? "an ordinary aggregate function." : "an ordered-set aggregate."));
            }
            if (old.resultType() != a.resultType()) {
                throw new PgException(Severity.ERROR, "42P13", "cannot change return type of existing function", null,
                        "Use DROP AGGREGATE " + old.signature() + " first.", 0);
            }
            int oid = old.oid();
            UserAggregate updated = a.withOid(oid, old.owner());
            for (TupleSlot s : writer.find(PG_PROC, CatalogScan.key(PG_PROC, "oid", oid))) {
                writer.update(PG_PROC, s, procRow(updated));
            }
            for (TupleSlot s : writer.find(PG_AGGREGATE, CatalogScan.key(PG_AGGREGATE, "aggfnoid", oid))) {
                writer.update(PG_AGGREGATE, s, aggRow(updated));
            }
            changed();
            return oid;
        }
        int oid = writer.newOid(PG_PROC, "oid");
        UserAggregate created = a.withOid(oid, env.userOid().getAsInt());
        writer.insert(PG_PROC, procRow(created));
        writer.insert(PG_AGGREGATE, aggRow(created));
        changed();
        return oid;
    }

    /** Rewrites the pg_proc row of {@code a} (ALTER AGGREGATE RENAME TO / OWNER TO / SET SCHEMA). */
    public void update(UserAggregate a) {
        for (TupleSlot s : writer.find(PG_PROC, CatalogScan.key(PG_PROC, "oid", a.oid()))) {
            writer.update(PG_PROC, s, procRow(a));
        }
        changed();
    }

    /** RemoveFunctionById for an aggregate: its pg_proc and pg_aggregate rows. */
    public void drop(int oid) {
        writer.delete(PG_AGGREGATE, v -> oid(PG_AGGREGATE.get(v, "aggfnoid")) == oid);
        writer.delete(PG_PROC, v -> oid(PG_PROC.get(v, "oid")) == oid);
        changed();
    }

    /** The aggregate whose pg_proc OID is {@code oid}, or null. */
    public UserAggregate byOid(int oid) {
        List<UserAggregate> l = load(v -> oid(PG_PROC.get(v, "oid")) == oid);
        return l.isEmpty() ? null : l.get(0);
    }

    /**
     * AggregateCreate's dependencies: the aggregate depends normally on each of its support
     * functions that users created (built-in ones are pinned), so dropping one of them is
     * refused or, with CASCADE, drops the aggregate. CREATE OR REPLACE records them anew.
     */
    public void recordSupportDependencies(UserAggregate a, Dependencies dependencies) {
        ObjectAddress self = new ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, a.oid(), 0);
        dependencies.deleteDependencyRecordsFor(self);
        java.util.Set<Integer> done = new java.util.HashSet<>();
        for (int fn : new int[] {a.transFn(), a.finalFn(), a.combineFn(), a.serialFn(), a.deserialFn(), a.mtransFn(),
                a.minvtransFn(), a.mfinalFn()}) {
            if (fn == 0 || BuiltinCatalog.functionByOid(fn) != null || !done.add(fn)) continue;
            dependencies.recordDependencyOn(self, new ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, fn, 0),
                    DependencyType.NORMAL);
        }
    }

    /** The aggregates whose transition, final, combine or moving-aggregate functions include {@code fnOid}. */
    public List<UserAggregate> usingFunction(int fnOid) {
        List<UserAggregate> out = new ArrayList<>();
        for (UserAggregate a : load(v -> true)) {
            if (a.transFn() == fnOid || a.finalFn() == fnOid || a.combineFn() == fnOid || a.mtransFn() == fnOid
                    || a.minvtransFn() == fnOid || a.mfinalFn() == fnOid) out.add(a);
        }
        return out;
    }

    private void changed() {
        env.inval().registerRelcacheInval(PG_PROC.oid());
        env.commandCounterIncrement().run();
    }

    /** The aggregates among the pg_proc rows matching {@code procFilter}, joined with their pg_aggregate rows. */
    private List<UserAggregate> load(java.util.function.Predicate<Object[]> procFilter) {
        List<UserAggregate> out = new ArrayList<>();
        for (TupleSlot p : writer.find(PG_PROC, v -> "a".equals(PG_PROC.get(v, "prokind")) && FunctionDdl.isUserRow(v) && procFilter.test(v))) {
            int oid = oid(PG_PROC.get(p.values(), "oid"));
            for (TupleSlot s : writer.find(PG_AGGREGATE, CatalogScan.key(PG_AGGREGATE, "aggfnoid", oid))) {
                out.add(fromRows(p.values(), s.values()));
            }
        }
        return out;
    }

    private static Object[] procRow(UserAggregate a) {
        SystemCatalog c = PG_PROC;
        Object[] r = c.newRow();
        c.set(r, "oid", a.oid());
        c.set(r, "proname", a.name());
        c.set(r, "pronamespace", a.namespace());
        c.set(r, "proowner", a.owner());
        c.set(r, "prolang", INTERNAL_LANGUAGE_ID);
        c.set(r, "procost", 1f);
        c.set(r, "prorows", 0f);
        c.set(r, "provariadic", a.variadicType());
        c.set(r, "prosupport", 0);
        c.set(r, "prokind", "a");
        c.set(r, "prosecdef", false);
        c.set(r, "proleakproof", false);
        c.set(r, "proisstrict", false);
        c.set(r, "proretset", false);
        c.set(r, "provolatile", "i");
        c.set(r, "proparallel", "u");
        c.set(r, "pronargs", (short) a.argTypes().size());
        c.set(r, "pronargdefaults", (short) 0);
        c.set(r, "prorettype", a.resultType());
        c.set(r, "proargtypes", a.argTypes().stream().mapToInt(Integer::intValue).toArray());
        if (a.argNames().stream().anyMatch(n -> !n.isEmpty())) c.set(r, "proargnames", a.argNames().toArray(new String[0]));
        if (a.variadicType() != 0) {
            // a VARIADIC last argument: proargmodes says so (every other argument IN), as for functions
            int n = a.argTypes().size();
            Object[] modes = new Object[n];
            for (int i = 0; i < n; i++) modes[i] = i == n - 1 ? "v" : "i";
            c.set(r, "proallargtypes", a.argTypes().stream().mapToInt(Integer::intValue).toArray());
            c.set(r, "proargmodes", new org.tusk.utils.adt.ArrayValue(TypeOids.CHAR, new int[] {n}, new int[] {1}, modes));
        }
        c.set(r, "prosrc", "aggregate_dummy");
        return r;
    }

    private static Object[] aggRow(UserAggregate a) {
        SystemCatalog c = PG_AGGREGATE;
        Object[] r = c.newRow();
        c.set(r, "aggfnoid", a.oid());
        c.set(r, "aggkind", String.valueOf(a.kind()));
        c.set(r, "aggnumdirectargs", (short) a.numDirectArgs());
        c.set(r, "aggtransfn", a.transFn());
        c.set(r, "aggfinalfn", a.finalFn());
        c.set(r, "aggcombinefn", a.combineFn());
        c.set(r, "aggserialfn", a.serialFn());
        c.set(r, "aggdeserialfn", a.deserialFn());
        c.set(r, "aggmtransfn", a.mtransFn());
        c.set(r, "aggminvtransfn", a.minvtransFn());
        c.set(r, "aggmfinalfn", a.mfinalFn());
        c.set(r, "aggfinalextra", a.finalExtra());
        c.set(r, "aggmfinalextra", a.mfinalExtra());
        c.set(r, "aggfinalmodify", String.valueOf(a.finalModify()));
        c.set(r, "aggmfinalmodify", String.valueOf(a.mfinalModify()));
        c.set(r, "aggsortop", a.sortOp());
        c.set(r, "aggtranstype", a.transType());
        c.set(r, "aggtransspace", a.transSpace());
        c.set(r, "aggmtranstype", a.mtransType());
        c.set(r, "aggmtransspace", a.mtransSpace());
        if (a.initVal() != null) c.set(r, "agginitval", a.initVal());
        if (a.minitVal() != null) c.set(r, "aggminitval", a.minitVal());
        return r;
    }

    private static UserAggregate fromRows(Object[] p, Object[] g) {
        SystemCatalog c = PG_PROC, ag = PG_AGGREGATE;
        int[] args = (int[]) c.get(p, "proargtypes");
        String[] names = (String[]) c.get(p, "proargnames");
        return new UserAggregate(oid(c.get(p, "oid")), (String) c.get(p, "proname"), oid(c.get(p, "pronamespace")),
                oid(c.get(p, "proowner")), Arrays.stream(args).boxed().toList(),
                names == null ? List.of() : List.of(names), oid(c.get(p, "prorettype")),
                ((String) ag.get(g, "aggkind")).charAt(0), (Short) ag.get(g, "aggnumdirectargs"),
                oid(c.get(p, "provariadic")), oid(ag.get(g, "aggtransfn")), oid(ag.get(g, "aggfinalfn")),
                oid(ag.get(g, "aggcombinefn")), oid(ag.get(g, "aggserialfn")), oid(ag.get(g, "aggdeserialfn")),
                oid(ag.get(g, "aggmtransfn")), oid(ag.get(g, "aggminvtransfn")), oid(ag.get(g, "aggmfinalfn")),
                (Boolean) ag.get(g, "aggfinalextra"), (Boolean) ag.get(g, "aggmfinalextra"),
                ((String) ag.get(g, "aggfinalmodify")).charAt(0), ((String) ag.get(g, "aggmfinalmodify")).charAt(0),
                oid(ag.get(g, "aggsortop")), oid(ag.get(g, "aggtranstype")), (Integer) ag.get(g, "aggtransspace"),
                oid(ag.get(g, "aggmtranstype")), (Integer) ag.get(g, "aggmtransspace"),
                (String) ag.get(g, "agginitval"), (String) ag.get(g, "aggminitval"));
    }
}
