package org.tusk.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of {@link ComputedCatalog}s: the catalogs of built-in objects
 * ({@link BuiltinObjectCatalogs}, {@link OperatorClassCatalogs}, {@link InstallationCatalogs}),
 * the privilege catalogs ({@link PrivilegeCatalogs}) and those of absent features
 * ({@link AbsentFeatureCatalogs}), found by name in pg_catalog (parse analysis, regclass input) and
 * by relation OID (regclass output). Immutable after class initialisation.
 *
 * <p>A catalog stored as a heap table takes precedence over a computed one of the same name: when
 * a feature arrives with its stored catalog, the computed empty one simply stops being found.
 */
public final class ComputedCatalogs implements RelationProvider {
    private static final Map<String, ComputedCatalog> BY_NAME = new HashMap<>();
    private static final Map<Integer, ComputedCatalog> BY_OID = new HashMap<>();

    static {
        List<ComputedCatalog> all = new ArrayList<>(List.of(BuiltinObjectCatalogs.pgCast(), BuiltinObjectCatalogs.pgOperator(),
                InstallationCatalogs.pgTablespace(), InstallationCatalogs.pgExtension(),
                PrivilegeCatalogs.pgInitPrivs(), PrivilegeCatalogs.pgParameterAcl()));
        all.addAll(AbsentFeatureCatalogs.all());
        all.addAll(TextSearchCatalogs.all());
        // computed by IntrospectionViews (found there first), listed for their names and OIDs
        IntrospectionViews introspection = new IntrospectionViews(oid -> null);
        all.add((ComputedCatalog) introspection.lookup(null, "pg_collation"));
        all.add((ComputedCatalog) introspection.lookup(null, "pg_language"));
        for (ComputedCatalog c : all) {
            BY_NAME.put(c.name(), c);
            if (c.relationOid() != 0) BY_OID.put(c.relationOid(), c);
        }
    }

    /** The shared catalogs {@link SharedCatalogViews} computes from the flat files: names and OIDs only. */
    private static final Map<String, Integer> SHARED = Map.of("pg_authid", 1260, "pg_auth_members", 1261,
            "pg_database", 1262, "pg_db_role_setting", 2964);

    /** The one provider; it holds no state. */
    public static final ComputedCatalogs INSTANCE = new ComputedCatalogs();

    private ComputedCatalogs() {}

    @Override
    public ScannableRelation lookup(String schemaOrNull, String name) {
        ComputedCatalog c = find(schemaOrNull, name);
        if (c == null) return null;
        // a stored catalog of that name wins
        if (ObjectNames.current().relationOid("pg_catalog", name) != 0) return null;
        return c;
    }

    private static ComputedCatalog find(String schemaOrNull, String name) {
        if (schemaOrNull != null && !schemaOrNull.equals("pg_catalog")) return null;
        return BY_NAME.get(name);
    }

    /**
     * The relation OID a computed catalog's name resolves to ('pg_cast'::regclass), or 0. Only names
     * in pg_catalog (or unqualified, pg_catalog being searched first for these names) count.
     */
    public static int relationOid(String schemaOrNull, String name) {
        ComputedCatalog c = find(schemaOrNull, name);
        if (c != null) return c.relationOid();
        return schemaOrNull != null && !schemaOrNull.equals("pg_catalog") ? 0 : SHARED.getOrDefault(name, 0);
    }

    /** The name of the computed catalog with relation OID {@code oid}, or null. */
    public static String relationName(int oid) {
        ComputedCatalog c = BY_OID.get(oid);
        if (c != null) return c.name();
        for (var e : SHARED.entrySet()) if (e.getValue() == oid) return e.getKey();
        return null;
    }
}
