package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_TYPE;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.tusk.access.table.TupleSlot;

/**
 * {@link ObjectNames} over a session's heap catalogs and shared catalog: pg_class and pg_type
 * are read with the catalog snapshot (a sequential scan each, as every catalog lookup in Tusk),
 * namespaces and the search path through {@link Namespaces}, roles from pg_authid.
 */
final class HeapObjectNames implements ObjectNames {
    private final CatalogWriter writer;
    private final Namespaces namespaces;
    private final HeapCatalog catalog;
    private final Function<Integer, Optional<String>> roleNames;
    private final ToIntFunction<String> roleOids;
    private final java.util.function.Supplier<BootstrapCatalog> shared;
    private final org.tusk.utils.misc.ScanSettings scanSettings;

    HeapObjectNames(HeapCatalog catalog, CatalogWriter writer, Namespaces namespaces,
                    Function<Integer, Optional<String>> roleNames, ToIntFunction<String> roleOids,
                    java.util.function.Supplier<BootstrapCatalog> shared, org.tusk.utils.misc.ScanSettings scanSettings) {
        this.shared = shared;
        this.scanSettings = scanSettings;
        this.catalog = catalog;
        this.writer = writer;
        this.namespaces = namespaces;
        this.roleNames = roleNames;
        this.roleOids = roleOids;
    }

    @Override
    public org.tusk.utils.misc.ScanSettings scanSettings() {
        return scanSettings;
    }

    @Override
    public int relationOid(String schemaOrNull, String name) {
        return catalog.relnameGetRelid(schemaOrNull, name);
    }

    @Override
    public Optional<RelName> relation(int relOid) {
        List<TupleSlot> rows = writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", relOid));
        if (rows.isEmpty()) return Optional.empty();
        Object[] v = rows.get(0).values();
        return Optional.of(new RelName(relOid, (String) PG_CLASS.get(v, "relname"), oid(PG_CLASS.get(v, "relnamespace")),
                ((String) PG_CLASS.get(v, "relkind")).charAt(0), oid(PG_CLASS.get(v, "relowner"))));
    }

    @Override
    public FunctionDdl functions() { return catalog.functions(); }

    @Override
    public int namespaceOid(String name) { return namespaces.oidOf(name); }

    @Override
    public String namespaceName(int nspOid) { return namespaces.nameOf(nspOid); }

    @Override
    public List<Integer> searchPath() { return namespaces.activePath(); }

    @Override
    public <T> T withOverrideSearchPath(List<Integer> path, java.util.function.Supplier<T> body) {
        return namespaces.withOverridePath(path, body);
    }

    /** The stored text being pinned by this session's analysis, or null (one at a time; nested ones stack). */
    private StoredNamePins pins;

    @Override
    public StoredNamePins pins() { return pins; }

    @Override
    public <T> T withPins(StoredNamePins p, java.util.function.Supplier<T> body) {
        StoredNamePins saved = pins;
        pins = p;
        try {
            return body.get();
        } finally {
            pins = saved;
        }
    }

    @Override
    public Optional<String> roleName(int roleOid) { return roleNames.apply(roleOid); }

    @Override
    public int roleOid(String name) { return roleOids.applyAsInt(name); }

    @Override
    public boolean roleIsSuperuser(int roleOid) {
        return shared != null && shared.get().role(roleOid).map(BootstrapCatalog.Role::superuser).orElse(false);
    }

    @Override
    public BootstrapCatalog sharedCatalog() {
        return shared != null ? shared.get() : ObjectNames.super.sharedCatalog();
    }

    @Override
    public List<Object[]> rows(SystemCatalog cat, java.util.function.Predicate<Object[]> where) {
        return writer.find(cat, where).stream().map(TupleSlot::values).toList();
    }

    @Override
    public Optional<RelName> userType(int typeOid) {
        List<TupleSlot> rows = writer.find(PG_TYPE, CatalogScan.key(PG_TYPE, "oid", typeOid));
        if (rows.isEmpty()) return Optional.empty();
        Object[] v = rows.get(0).values();
        return Optional.of(new RelName(typeOid, (String) PG_TYPE.get(v, "typname"), oid(PG_TYPE.get(v, "typnamespace")),
                ((String) PG_TYPE.get(v, "typtype")).charAt(0), oid(PG_TYPE.get(v, "typowner"))));
    }

    @Override
    public int userTypeOid(String schemaOrNull, String name) {
        List<Integer> path = schemaOrNull == null ? searchPath() : List.of(namespaceOid(schemaOrNull));
        for (int nsp : path) {
            List<TupleSlot> rows = writer.find(PG_TYPE,
                    CatalogScan.nameKey(PG_TYPE, "typname", name), v -> oid(PG_TYPE.get(v, "typnamespace")) == nsp);
            if (!rows.isEmpty()) return oid(PG_TYPE.get(rows.get(0).values(), "oid"));
        }
        return 0;
    }
}
