package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRIBUTE;
import static org.tusk.catalog.SystemCatalogs.PG_INDEX;
import static org.tusk.catalog.SystemCatalogs.PG_STATISTIC;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Catalog relations psql and drivers read that Tusk computes rather than stores: pg_collation
 * (the built-in rows default, C and POSIX; Tusk compares bytewise under all of them),
 * pg_language (the built-in languages), and
 * the system_views.sql views pg_tables
 * and pg_indexes over pg_class and pg_index, and pg_stats over pg_statistic, read through {@link ObjectNames} at each scan with
 * the session's catalog snapshot.
 */
public final class IntrospectionViews implements RelationProvider {
    private static ColumnDef col(String name, int type) { return new ColumnDef(name, type, -1); }

    private static final List<ColumnDef> PG_COLLATION = List.of(col("oid", TypeOids.OID), col("collname", TypeOids.NAME),
            col("collnamespace", TypeOids.OID), col("collowner", TypeOids.OID), col("collprovider", TypeOids.CHAR),
            col("collisdeterministic", TypeOids.BOOL), col("collencoding", TypeOids.INT4), col("collcollate", TypeOids.TEXT),
            col("collctype", TypeOids.TEXT), col("colliculocale", TypeOids.TEXT), col("collversion", TypeOids.TEXT));
    private static final List<ColumnDef> PG_TABLES = List.of(col("schemaname", TypeOids.NAME), col("tablename", TypeOids.NAME),
            col("tableowner", TypeOids.NAME), col("tablespace", TypeOids.NAME), col("hasindexes", TypeOids.BOOL),
            col("hasrules", TypeOids.BOOL), col("hastriggers", TypeOids.BOOL), col("rowsecurity", TypeOids.BOOL));
    private static final List<ColumnDef> PG_INDEXES = List.of(col("schemaname", TypeOids.NAME), col("tablename", TypeOids.NAME),
            col("indexname", TypeOids.NAME), col("tablespace", TypeOids.NAME), col("indexdef", TypeOids.TEXT));

    /** float4[] (_float4). */
    private static final int FLOAT4_ARRAY_TYPE = 1021;
    private static final List<ColumnDef> PG_STATS = List.of(col("schemaname", TypeOids.NAME), col("tablename", TypeOids.NAME),
            col("attname", TypeOids.NAME), col("inherited", TypeOids.BOOL), col("null_frac", TypeOids.FLOAT4),
            col("avg_width", TypeOids.INT4), col("n_distinct", TypeOids.FLOAT4), col("most_common_vals", TypeOids.ANYARRAY),
            col("most_common_freqs", FLOAT4_ARRAY_TYPE), col("histogram_bounds", TypeOids.ANYARRAY),
            col("correlation", TypeOids.FLOAT4), col("most_common_elems", TypeOids.ANYARRAY),
            col("most_common_elem_freqs", FLOAT4_ARRAY_TYPE), col("elem_count_histogram", FLOAT4_ARRAY_TYPE));

    private static final List<ColumnDef> PG_LANGUAGE = List.of(col("oid", TypeOids.OID), col("lanname", TypeOids.NAME),
            col("lanowner", TypeOids.OID), col("lanispl", TypeOids.BOOL), col("lanpltrusted", TypeOids.BOOL),
            col("lanplcallfoid", TypeOids.OID), col("laninline", TypeOids.OID), col("lanvalidator", TypeOids.OID),
            col("lanacl", TypeOids.ACLITEM_ARRAY));

    private final java.util.function.Function<Integer, String> indexdef;

    /** @param indexdef pg_get_indexdef of an index OID (ruleutils, above this package) */
    public IntrospectionViews(java.util.function.Function<Integer, String> indexdef) {
        this.indexdef = indexdef;
    }

    @Override
    public ScannableRelation lookup(String schemaOrNull, String name) {
        if (schemaOrNull != null && !schemaOrNull.equals("pg_catalog")) return null;
        return switch (name) {
            case "pg_collation" -> new ComputedCatalog(name, 3456, PG_COLLATION, IntrospectionViews::collations);
            case "pg_tables" -> relation(PG_TABLES, IntrospectionViews::tables);
            case "pg_indexes" -> relation(PG_INDEXES, this::indexes);
            case "pg_stats" -> relation(PG_STATS, IntrospectionViews::stats);
            case "pg_language" -> new ComputedCatalog(name, 2612, PG_LANGUAGE, IntrospectionViews::languages);
            default -> null;
        };
    }

    private static ScannableRelation relation(List<ColumnDef> cols, Supplier<List<Object[]>> rows) {
        return new ScannableRelation() {
            public List<ColumnDef> columns() { return cols; }
            public Iterator<Object[]> scan() { return rows.get().iterator(); }
        };
    }

    /** pg_collation.dat: default (100, provider 'd'), C (950) and POSIX (951), encoding -1 (any). */
    private static List<Object[]> collations() {
        long nsp = SystemCatalogs.PG_CATALOG_NAMESPACE, owner = 10;
        return List.of(
                new Object[] {100L, "default", nsp, owner, "d", true, -1, null, null, null, null},
                new Object[] {950L, "C", nsp, owner, "c", true, -1, "C", "C", null, null},
                new Object[] {951L, "POSIX", nsp, owner, "c", true, -1, "POSIX", "POSIX", null, null});
    }

    /**
     * pg_language.dat: internal (12), c (13) and sql (14) with their validators (fmgr_internal_validator
     * 2246, fmgr_c_validator 2247, fmgr_sql_validator 2248), and plpgsql (13563) as initdb's CREATE
     * EXTENSION plpgsql leaves it in PostgreSQL 15: plpgsql_call_handler 13560, plpgsql_inline_handler
     * 13561, plpgsql_validator 13562.
     */
    private static List<Object[]> languages() {
        long owner = 10;
        return List.of(
                new Object[] {12L, "internal", owner, false, false, 0L, 0L, 2246L, null},
                new Object[] {13L, "c", owner, false, false, 0L, 0L, 2247L, null},
                new Object[] {14L, "sql", owner, false, true, 0L, 0L, 2248L, null},
                new Object[] {13563L, "plpgsql", owner, true, true, 13560L, 13561L, 13562L, null});
    }

    /** pg_tables: relkind 'r' and 'p'. */
    private static List<Object[]> tables() {
        ObjectNames names = ObjectNames.current();
        List<Object[]> out = new ArrayList<>();
        for (Object[] c : sorted(names.rows(PG_CLASS, v -> "r".equals(PG_CLASS.get(v, "relkind")) || "p".equals(PG_CLASS.get(v, "relkind"))))) {
            out.add(new Object[] {names.namespaceName(oid(PG_CLASS.get(c, "relnamespace"))), PG_CLASS.get(c, "relname"),
                    names.roleName(oid(PG_CLASS.get(c, "relowner"))).orElse(null), null, PG_CLASS.get(c, "relhasindex"),
                    PG_CLASS.get(c, "relhasrules"), PG_CLASS.get(c, "relhastriggers"), PG_CLASS.get(c, "relrowsecurity")});
        }
        return out;
    }

    /** pg_indexes: the indexes of tables and materialized views, with pg_get_indexdef. */
    private List<Object[]> indexes() {
        ObjectNames names = ObjectNames.current();
        List<Object[]> out = new ArrayList<>();
        for (Object[] i : names.rows(PG_INDEX, v -> true)) {
            int ixOid = oid(PG_INDEX.get(i, "indexrelid"));
            var ix = names.relation(ixOid);
            var heap = names.relation(oid(PG_INDEX.get(i, "indrelid")));
            if (ix.isEmpty() || heap.isEmpty() || heap.get().relkind() != 'r' && heap.get().relkind() != 'm') continue;
            out.add(new Object[] {names.namespaceName(heap.get().namespace()), heap.get().name(), ix.get().name(), null,
                    indexdef.apply(ixOid)});
        }
        return out;
    }

    /** pg_statistic's kinds of slot that pg_stats shows (pg_statistic.h STATISTIC_KIND_*). */
    private static final int MCV = 1, HISTOGRAM = 2, CORRELATION = 3, MCELEM = 4, DECHIST = 5;

    /**
     * pg_stats: each pg_statistic row with its table's schema and name and its column's name (not
     * of dropped columns), the slots picked out by kind as system_views.sql's CASE expressions do.
     * The view's has_column_privilege and row-security filters are not applied.
     */
    private static List<Object[]> stats() {
        ObjectNames names = ObjectNames.current();
        List<Object[]> out = new ArrayList<>();
        for (Object[] st : names.rows(PG_STATISTIC, v -> true)) {
            int rel = oid(PG_STATISTIC.get(st, "starelid"));
            short attnum = (Short) PG_STATISTIC.get(st, "staattnum");
            var c = names.relation(rel);
            if (c.isEmpty()) continue;
            List<Object[]> att = names.rows(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == rel
                    && (Short) PG_ATTRIBUTE.get(v, "attnum") == attnum);
            if (att.isEmpty() || (Boolean) PG_ATTRIBUTE.get(att.get(0), "attisdropped")) continue;
            Object corr = slot(st, CORRELATION, "stanumbers") instanceof org.tusk.utils.adt.ArrayValue a && a.size() > 0 ? a.get(0) : null;
            out.add(new Object[] {names.namespaceName(c.get().namespace()), c.get().name(), PG_ATTRIBUTE.get(att.get(0), "attname"),
                    PG_STATISTIC.get(st, "stainherit"), PG_STATISTIC.get(st, "stanullfrac"), PG_STATISTIC.get(st, "stawidth"),
                    PG_STATISTIC.get(st, "stadistinct"), slot(st, MCV, "stavalues"), slot(st, MCV, "stanumbers"),
                    slot(st, HISTOGRAM, "stavalues"), corr, slot(st, MCELEM, "stavalues"), slot(st, MCELEM, "stanumbers"),
                    slot(st, DECHIST, "stanumbers")});
        }
        return out;
    }

    /** The {@code column} (stavalues or stanumbers) of the first slot of {@code kind}, or null. */
    private static Object slot(Object[] statistic, int kind, String column) {
        for (int i = 1; i <= 5; i++) {
            if ((Short) PG_STATISTIC.get(statistic, "stakind" + i) == kind) return PG_STATISTIC.get(statistic, column + i);
        }
        return null;
    }

    private static List<Object[]> sorted(List<Object[]> rows) {
        List<Object[]> r = new ArrayList<>(rows);
        r.sort(Comparator.comparingLong(v -> oid(PG_CLASS.get(v, "oid")) & 0xFFFFFFFFL));
        return r;
    }
}
