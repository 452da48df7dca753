package org.tusk.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Name-to-OID and OID-to-name lookups for the object-identifier types (regclass, regtype,
 * regnamespace, regrole) and the catalog functions psql uses (pg_table_is_visible, format_type,
 * pg_get_indexdef, ...): PostgreSQL's syscache lookups plus namespace.c's search-path rules.
 *
 * <p>PostgreSQL's regclassin/regclassout reach the catalogs through process-global caches; a
 * Tusk backend is also one process running one session, so the session installs its
 * implementation here once it has storage ({@link #install}) and type I/O functions, which get no
 * session argument, find it with {@link #current()}. A process without a session (initdb, the
 * postmaster, unit tests that install nothing) gets {@link #NONE}, which knows no objects, so
 * reg* values print as numbers there, as PostgreSQL's output functions do for unknown OIDs.
 * Only the session's own thread installs and uses it.
 */
public interface ObjectNames {
    /** A pg_class row's identity. */
    record RelName(int oid, String name, int namespace, char relkind, int owner) {}

    /** RangeVarGetRelid without locking: 0 if there is none (schema null: through the search path). */
    int relationOid(String schemaOrNull, String name);

    Optional<RelName> relation(int oid);

    /** get_namespace_oid: 0 if none. */
    int namespaceOid(String name);

    /** get_namespace_name: null if none. */
    String namespaceName(int oid);

    /** The active search path's namespace OIDs, in order (pg_catalog included where it is searched). */
    List<Integer> searchPath();

    /**
     * Runs {@code body} with {@code path} as the search path (namespace.c PushOverrideSearchPath);
     * without a session's namespaces there is nothing to override.
     */
    default <T> T withOverrideSearchPath(List<Integer> path, java.util.function.Supplier<T> body) { return body.get(); }

    /** The collector of the stored text being analysed at creation ({@link StoredNamePins}), or null. */
    default StoredNamePins pins() { return null; }

    /** Runs {@code body} with {@code pins} collecting the names it resolves; without a session, nothing is collected. */
    default <T> T withPins(StoredNamePins pins, java.util.function.Supplier<T> body) { return body.get(); }

    /**
     * Runs the analysis of SQL text stored with an object of namespace {@code objectNamespace}
     * (a view's query, a default, a constraint or index expression): Tusk keeps such text where
     * PostgreSQL keeps a node tree of resolved OIDs, so its names must not depend on the reader's
     * search_path (pg_dump reads with an empty one). They are resolved in pg_catalog, the object's
     * own namespace, then public: the path under which an unqualified name in it was written
     * unless the creator had changed search_path.
     */
    default <T> T analyzeStored(int objectNamespace, java.util.function.Supplier<T> body) {
        java.util.List<Integer> path = new java.util.ArrayList<>();
        path.add(SystemCatalogs.PG_CATALOG_NAMESPACE);
        if (objectNamespace != 0 && !path.contains(objectNamespace)) path.add(objectNamespace);
        if (!path.contains(SystemCatalogs.PG_PUBLIC_NAMESPACE)) path.add(SystemCatalogs.PG_PUBLIC_NAMESPACE);
        return withOverrideSearchPath(path, body);
    }

    /**
     * The session's user-defined routines (pg_proc), for the analysis of stored expressions that
     * has no statement environment (ruleutils over a stand-in relation): a stored expression
     * may call user functions, which PostgreSQL's stored trees name by OID. Null outside a session.
     */
    default FunctionDdl functions() { return null; }

    Optional<String> roleName(int oid);

    /** 0 if there is no such role. */
    int roleOid(String name);

    /** A type that is not built in (a table's row type or its array type): its name and namespace. */
    Optional<RelName> userType(int oid);

    /** A non-built-in type by name within a namespace (0: through the search path); 0 if none. */
    int userTypeOid(String schemaOrNull, String name);

    /** superuser_arg: whether the role is a superuser (false for an unknown OID). */
    default boolean roleIsSuperuser(int roleOid) { return false; }

    /** The shared catalogs (roles, databases) as the session's transaction sees them. */
    default BootstrapCatalog sharedCatalog() { return new BootstrapCatalog(List.of(), List.of()); }

    /**
     * The session's standard_conforming_strings and escape_string_warning, with which ruleutils
     * scans the stored text it displays (as it was written, in the session); the defaults without one.
     */
    default org.tusk.utils.misc.ScanSettings scanSettings() { return org.tusk.utils.misc.ScanSettings.DEFAULT; }

    /** systable_beginscan without an index: the rows of a heap catalog matching {@code where}. */
    List<Object[]> rows(SystemCatalog catalog, java.util.function.Predicate<Object[]> where);

    /** The knows-nothing implementation used outside a session. */
    ObjectNames NONE = new ObjectNames() {
        public int relationOid(String s, String n) { return 0; }
        public Optional<RelName> relation(int oid) { return Optional.empty(); }
        public int namespaceOid(String name) {
            return name.equals("pg_catalog") ? SystemCatalogs.PG_CATALOG_NAMESPACE
                    : name.equals("public") ? SystemCatalogs.PG_PUBLIC_NAMESPACE : 0;
        }
        public String namespaceName(int oid) {
            return oid == SystemCatalogs.PG_CATALOG_NAMESPACE ? "pg_catalog" : oid == SystemCatalogs.PG_PUBLIC_NAMESPACE ? "public" : null;
        }
        public List<Integer> searchPath() { return List.of(SystemCatalogs.PG_CATALOG_NAMESPACE, SystemCatalogs.PG_PUBLIC_NAMESPACE); }
        public Optional<String> roleName(int oid) { return Optional.empty(); }
        public int roleOid(String name) { return 0; }
        public Optional<RelName> userType(int oid) { return Optional.empty(); }
        public int userTypeOid(String s, String n) { return 0; }
        public List<Object[]> rows(SystemCatalog c, java.util.function.Predicate<Object[]> w) { return List.of(); }
    };

    /** The installed implementation, or {@link #NONE}. */
    static ObjectNames current() {
        ObjectNames n = Holder.current;
        return n == null ? NONE : n;
    }

    /** Installs the session's lookups (null: none). */
    static void install(ObjectNames names) {
        Holder.current = names;
    }

    /** The process's installed implementation (one session per backend process). */
    final class Holder {
        private Holder() {}
        private static volatile ObjectNames current;
    }
}
