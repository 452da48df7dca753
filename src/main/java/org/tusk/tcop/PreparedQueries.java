package org.tusk.tcop;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.ScannableRelation;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.RawStmt;
import org.tusk.utils.error.PgException;

/**
 * The session's prepared statements (PostgreSQL's commands/prepare.c prepared_queries hash),
 * shared by SQL PREPARE/EXECUTE/DEALLOCATE and the extended protocol's named statements, as in
 * PostgreSQL: a statement prepared by one can be used and deallocated by the other. The unnamed
 * protocol statement is kept here too under the empty name, but it is not a prepared statement
 * of the view and cannot be reached by EXECUTE.
 *
 * <p>What is kept is the source (PostgreSQL's CachedPlanSource): the raw statement, its query
 * string, the parameter types resolved when it was prepared, the result column types, the
 * custom-or-generic choice and its cost figures ({@link PlanChoice}: custom plans, made for the
 * values, for the first five executions, then the generic plan while it costs no more); and for
 * a SELECT/INSERT/UPDATE/DELETE its generic plan ({@link CachedPlan}), reused by later executions
 * for as long as no catalog invalidation has arrived and the settings planning read (search_path,
 * the enable_* switches, the page costs) are unchanged. Any relcache invalidation (DDL, GRANT,
 * ANALYZE here or in another backend) makes the next use analyse and plan again, as plancache.c's
 * invalidation callbacks do (coarser: PostgreSQL only drops plans that depend on the changed
 * object); as in PostgreSQL, a statement whose result columns would change is refused with 0A000
 * "cached plan must not change result type". Per-backend state; no locking.
 */
final class PreparedQueries {
    /**
     * One prepared statement. {@code raw} is null for an empty query string; {@code resultTypes}
     * null for a statement that returns no rows.
     */
    record Entry(String name, String query, RawStmt raw, List<Integer> paramTypes, boolean fromSql, long prepareMicros,
                 List<Integer> resultTypes) {
        int[] paramTypeArray() {
            return paramTypes.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** StorePreparedStatement: 42P05 if a statement of that name exists (the unnamed one is replaced). */
    void store(Entry e) {
        if (!e.name().isEmpty() && entries.containsKey(e.name()))
            throw PgException.error("42P05", "prepared statement \"" + e.name() + "\" already exists");
        entries.put(e.name(), e);
        choices.put(e.name(), new PlanChoice());
    }

    private final Map<String, PlanChoice> choices = new java.util.HashMap<>();

    /** The custom-or-generic choice of the statement stored under {@code e}'s name. */
    PlanChoice choice(Entry e) {
        return choices.computeIfAbsent(e.name(), n -> new PlanChoice());
    }

    boolean exists(String name) {
        return entries.containsKey(name);
    }

    /** FetchPreparedStatement: 26000 if there is none. */
    Entry fetch(String name) {
        Entry e = entries.get(name);
        if (e == null)
            throw PgException.error("26000", name.isEmpty() ? "unnamed prepared statement does not exist"
                    : "prepared statement \"" + name + "\" does not exist");
        return e;
    }

    /** DropPreparedStatement: 26000 if {@code showError} and there is none. */
    void drop(String name, boolean showError) {
        if (entries.remove(name) == null && showError) fetch(name);
        executions.remove(name);
        genericExecutions.remove(name);
        plans.remove(name);
        choices.remove(name);
    }

    /** DropAllPreparedStatements (DEALLOCATE ALL): every named statement. */
    void dropAll() {
        entries.keySet().removeIf(n -> !n.isEmpty());
        executions.clear();
        genericExecutions.clear();
        plans.keySet().removeIf(n -> !n.isEmpty());
        choices.keySet().removeIf(n -> !n.isEmpty());
    }

    /**
     * A generic plan of one prepared statement and what it was made under: the catalog state
     * (the relcache's invalidation generation) and the planner settings.
     */
    record CachedPlan(Entry source, Engine.Planned planned, long generation, String settings, long[] relationLocks) {}

    private final Map<String, CachedPlan> plans = new java.util.HashMap<>();

    /**
     * The statement's generic plan made under {@code settings}, or null; the caller takes its
     * relation locks and then checks its generation against the relcache's ({@link CachedPlan#generation}).
     */
    CachedPlan cachedPlan(Entry e, String settings) {
        CachedPlan cp = plans.get(e.name());
        if (cp == null || cp.source() != e || !cp.settings().equals(settings)) return null;
        return cp;
    }

    /** ResetPlanCache (DISCARD PLANS): every statement is planned again at its next execution. */
    void resetPlans() {
        plans.clear();
    }

    void rememberPlan(Entry e, Engine.Planned planned, long generation, String settings, long[] relationLocks) {
        if (entries.get(e.name()) == e) plans.put(e.name(), new CachedPlan(e, planned, generation, settings, relationLocks));
    }

    /** The result column types of a planned statement, or null if it returns no rows. */
    static List<Integer> resultTypes(PreparedStatement ps) {
        if (ps.columns() == null) return null;
        List<Integer> types = new ArrayList<>();
        for (ResultColumn c : ps.columns()) types.add(c.typeOid());
        return List.copyOf(types);
    }

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx")
            .withZone(ZoneOffset.UTC);

    static String timestamp(long epochMicros) {
        return TS.format(Instant.ofEpochSecond(epochMicros / 1_000_000, (epochMicros % 1_000_000) * 1000));
    }

    /** regtype[] (pg_type _regtype). */
    private static final int REGTYPE_ARRAY = org.tusk.catalog.ArrayTypes.arrayOf(org.tusk.utils.adt.RegTypes.REGTYPE);

    private static final List<ColumnDef> VIEW_COLUMNS = List.of(new ColumnDef("name", TypeOids.TEXT, -1),
            new ColumnDef("statement", TypeOids.TEXT, -1), new ColumnDef("prepare_time", TypeOids.TIMESTAMPTZ, -1),
            new ColumnDef("parameter_types", REGTYPE_ARRAY, -1), new ColumnDef("from_sql", TypeOids.BOOL, -1), new ColumnDef("generic_plans", TypeOids.INT8, -1),
            new ColumnDef("custom_plans", TypeOids.INT8, -1));

    /**
     * pg_prepared_statements (pg_prepared_statement()): the named statements, with the parameter
     * types resolved at PREPARE as regtype[] (PostgreSQL 15's columns). An execution that planned the statement counts as a custom plan, one
     * that reused the cached plan as a generic plan.
     */
    ScannableRelation view() {
        return new ScannableRelation() {
            @Override
            public List<ColumnDef> columns() {
                return VIEW_COLUMNS;
            }

            @Override
            public Iterator<Object[]> scan() {
                List<Object[]> rows = new ArrayList<>();
                for (Entry e : entries.values()) {
                    if (e.name().isEmpty()) continue;
                    List<Long> types = new ArrayList<>();
                    for (int t : e.paramTypes()) types.add(Integer.toUnsignedLong(t));
                    rows.add(new Object[] {e.name(), e.query(), timestamp(e.prepareMicros()),
                            org.tusk.utils.adt.ArrayValue.of1d(org.tusk.utils.adt.RegTypes.REGTYPE, types), e.fromSql(),
                            genericExecutions.getOrDefault(e.name(), 0L),
                            executions.getOrDefault(e.name(), 0L) - genericExecutions.getOrDefault(e.name(), 0L)});
                }
                return rows.iterator();
            }
        };
    }

    private final Map<String, Long> executions = new java.util.HashMap<>();

    private final Map<String, Long> genericExecutions = new java.util.HashMap<>();

    /** Counts an execution of {@code name}; {@code generic}: it ran a cached plan (generic_plans, else custom_plans). */
    void executed(String name, boolean generic) {
        executions.merge(name, 1L, Long::sum);
        if (generic) genericExecutions.merge(name, 1L, Long::sum);
    }
}
