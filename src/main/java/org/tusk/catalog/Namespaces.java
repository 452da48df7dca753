package org.tusk.catalog;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.*;

/**
 * Schema lookup and the search path (PostgreSQL's namespace.c): namespace OIDs by name, the
 * active search path recomputed from the search_path setting (recomputeNamespacePath), and this
 * backend's temporary schema pg_temp_N, created on first use (InitTempTableNamespace).
 *
 * <p>The active path is: this backend's temporary schema if it exists and the setting does not
 * place "pg_temp" itself, then pg_catalog unless the setting places it, then the setting's
 * schemas that exist ("$user" being the schema named like the session user, if any). New
 * relations without a schema go into the first schema of the setting that exists.
 *
 * <p>Schema privileges (namespace.c's ACL checks): a schema without USAGE for the current user
 * is skipped in the path and refused when named (42501); creating an object needs CREATE on its
 * schema. The user's own temporary schema needs neither.
 */
final class Namespaces {
    private final CatalogEnv env;
    private final CatalogWriter writer;
    private int tempNamespace;   // 0 until created
    /** RemoveTempRelations: drops everything in a leftover temporary schema (set by the catalog). */
    private java.util.function.IntConsumer removeTempRelations = nsp -> { };
    // recomputeNamespacePath's result, valid while the setting, the temp schema and the name cache
    // (emptied by any catalog invalidation, schema changes included) are what it was computed from.
    private List<Integer> cachedPath;
    private String cachedPathSetting;
    private int cachedPathTemp;
    private String cachedPathUser;
    private long cachedPathGeneration = -1;

    Namespaces(CatalogEnv env, CatalogWriter writer) {
        this.env = env;
        this.writer = writer;
    }

    /** get_namespace_oid: 0 if there is no such schema. */
    int oidOf(String name) {
        if (name.equals("pg_temp")) return tempNamespace;
        String key = "nspname:" + name;
        Integer cached = env.relcache().cachedOid(key);
        if (cached != null) return cached;
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(PG_NAMESPACE), env.snapshot().get(),
                CatalogScan.nameKey(PG_NAMESPACE, "nspname", name));
        int oid = s == null ? 0 : oid(PG_NAMESPACE.get(s.values(), "oid"));
        env.relcache().rememberOid(key, oid);
        return oid;
    }

    /** LookupExplicitNamespace for creation: errors 3F000 if missing. */
    int require(String name) {
        int oid = oidOf(name);
        if (oid == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
        return oid;
    }

    /**
     * LookupExplicitNamespace for a qualified name being looked up: the schema's OID (0 if there
     * is none), after checking that the current user may use it (42501 "permission denied for
     * schema s").
     */
    int lookupExplicit(String name) {
        int oid = oidOf(name);
        if (oid != 0 && !hasPrivilege(oid, Acl.ACL_USAGE)) throw denied(oid);
        return oid;
    }

    /**
     * The schema new objects go to ({@code schemaOrNull}, else the creation namespace), after
     * checking CREATE on it (RangeVarGetAndCheckCreationNamespace's pg_namespace_aclcheck).
     */
    int creationTarget(String schemaOrNull) {
        int nsp = schemaOrNull == null ? creationNamespace() : require(schemaOrNull);
        checkCreate(nsp);
        return nsp;
    }

    /** pg_namespace_aclcheck(nsp, GetUserId(), ACL_CREATE), else 42501. */
    void checkCreate(int nsp) {
        if (!hasPrivilege(nsp, Acl.ACL_CREATE)) throw denied(nsp);
    }

    private PgException denied(int nsp) {
        return PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for schema " + nameOf(nsp));
    }

    /**
     * pg_namespace_aclmask: the owner's default (USAGE, CREATE) when nspacl is null; this
     * backend's temporary schema is always usable; a superuser may do anything. Grants to the user
     * or PUBLIC are tried first and a positive answer is remembered in the relcache's name cache
     * (emptied by any pg_namespace change); grants through roles are looked up every time, since
     * pg_auth_members changes send no invalidation. Without a session (bootstrap, unit tests
     * that install no {@link ObjectNames}) there is no user to check.
     */
    boolean hasPrivilege(int nsp, int mode) {
        if (isTemp(nsp)) return true;
        ObjectNames names = ObjectNames.current();
        if (names == ObjectNames.NONE) return true;
        int user = env.userOid().getAsInt();
        String key = "nspacl:" + Integer.toUnsignedString(nsp) + ":" + Integer.toUnsignedString(user) + ":" + mode;
        if (env.relcache().cachedOid(key) != null) return true;
        TupleSlot s = row(nsp);
        if (s == null) return true;
        int owner = oid(PG_NAMESPACE.get(s.values(), "nspowner"));
        int[] acl = (int[]) PG_NAMESPACE.get(s.values(), "nspacl");
        if (acl == null) acl = Acl.defaultAcl(owner, Acl.ACL_ALL_RIGHTS_SCHEMA, 0);
        if ((Acl.mask(acl, user) & mode) == mode) {
            env.relcache().rememberOid(key, 1);
            return true;
        }
        if (names.roleIsSuperuser(user)) return true;
        BootstrapCatalog shared = names.sharedCatalog();
        if (RoleMembership.hasPrivsOfRole(shared, user, owner)) return true;
        return (Acl.mask(acl, RoleMembership.rolesMemberOf(shared, user, true)) & mode) == mode;
    }

    String nameOf(int nspOid) {
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(PG_NAMESPACE), env.snapshot().get(),
                CatalogScan.key(PG_NAMESPACE, "oid", nspOid));
        return s == null ? null : (String) PG_NAMESPACE.get(s.values(), "nspname");
    }

    boolean isTemp(int nspOid) {
        return nspOid != 0 && nspOid == tempNamespace;
    }

    /** The schema names of the search_path setting, unquoted and case-folded as SplitIdentifierString does. */
    static List<String> parseSetting(String setting) {
        List<String> out = new ArrayList<>();
        for (String raw : setting.split(",")) {
            String t = raw.strip();
            if (t.isEmpty()) continue;
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) out.add(t.substring(1, t.length() - 1).replace("\"\"", "\""));
            else out.add(t.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** PushOverrideSearchPath's path while one is pushed (on the session's thread only), else null. */
    private List<Integer> overridePath;

    /**
     * PushOverrideSearchPath/PopOverrideSearchPath: runs {@code body} with {@code path} as the
     * search path, whatever search_path says, and restores the previous state afterwards (also on
     * error). Used to analyse SQL text stored with an object under the names it was written with.
     */
    <T> T withOverridePath(List<Integer> path, java.util.function.Supplier<T> body) {
        List<Integer> saved = overridePath;
        overridePath = List.copyOf(path);
        try {
            return body.get();
        } finally {
            overridePath = saved;
        }
    }

    /** The namespaces to search, in order; recomputed only when something it depends on changed. */
    List<Integer> activePath() {
        if (overridePath != null) return overridePath;
        String setting = env.searchPath().get();
        String user = env.userName().get();
        long generation = env.relcache().namesGeneration();
        if (cachedPath != null && generation == cachedPathGeneration && tempNamespace == cachedPathTemp
                && setting.equals(cachedPathSetting) && user.equals(cachedPathUser)) {
            return cachedPath;
        }
        List<Integer> path = List.copyOf(recomputePath(setting));
        // read the generation again: the lookups above may have accepted invalidations
        if (env.relcache().namesGeneration() == generation) {
            cachedPath = path;
            cachedPathSetting = setting;
            cachedPathTemp = tempNamespace;
            cachedPathUser = user;
            cachedPathGeneration = generation;
        }
        return path;
    }

    /** recomputeNamespacePath: the namespaces to search, in order. */
    private List<Integer> recomputePath(String setting) {
        List<String> names = parseSetting(setting);
        List<Integer> path = new ArrayList<>();
        if (tempNamespace != 0 && !names.contains("pg_temp")) path.add(tempNamespace);
        if (!names.contains("pg_catalog")) path.add(PG_CATALOG_NAMESPACE);
        for (String n : names) {
            int oid = n.equals("$user") ? oidOf(env.userName().get()) : oidOf(n);
            // a schema the user may not use is left out of the path silently, as PostgreSQL does
            if (oid != 0 && !path.contains(oid) && (oid == PG_CATALOG_NAMESPACE || isTemp(oid) || hasPrivilege(oid, Acl.ACL_USAGE)))
                path.add(oid);
        }
        return path;
    }

    /** activeCreationNamespace: the first schema of the setting that exists; 3F000 if none. */
    int creationNamespace() {
        for (String n : parseSetting(env.searchPath().get())) {
            if (n.equals("pg_temp")) continue;   // only explicitly (CREATE TEMP) as in PostgreSQL
            int oid = n.equals("$user") ? oidOf(env.userName().get()) : oidOf(n);
            if (oid != 0) return oid;
        }
        throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in");
    }

    /** NamespaceCreate. Any change to pg_namespace invalidates every backend's name lookups. */
    int create(String name, int ownerOid) {
        int oid = writer.newOid(PG_NAMESPACE, "oid");
        writer.insert(PG_NAMESPACE, CatalogRows.namespaceRow(oid, name, ownerOid));
        env.inval().registerRelcacheInvalAll();
        return oid;
    }

    int owner(int nspOid) {
        TupleSlot s = row(nspOid);
        return s == null ? 0 : oid(PG_NAMESPACE.get(s.values(), "nspowner"));
    }

    void drop(int nspOid) {
        writer.delete(PG_NAMESPACE, v -> oid(PG_NAMESPACE.get(v, "oid")) == nspOid);
        new Comments(env, writer).delete(nspOid, PG_NAMESPACE.oid(), 0);   // deleteOneObject's DeleteComments
        env.inval().registerRelcacheInvalAll();
    }

    void rename(int nspOid, String newName) {
        update(nspOid, "nspname", newName);
    }

    void setOwner(int nspOid, int ownerOid) {
        update(nspOid, "nspowner", ownerOid);
    }

    /** pg_namespace.nspacl (GRANT/REVOKE ON SCHEMA). */
    void setAcl(int nspOid, int[] acl) {
        update(nspOid, "nspacl", acl);
    }

    private void update(int nspOid, String column, Object value) {
        TupleSlot s = row(nspOid);
        if (s == null) throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for namespace " + Integer.toUnsignedString(nspOid));
        Object[] v = s.values().clone();
        PG_NAMESPACE.set(v, column, value);
        writer.update(PG_NAMESPACE, s, v);
        env.inval().registerRelcacheInvalAll();
    }

    private TupleSlot row(int nspOid) {
        List<TupleSlot> rows = writer.find(PG_NAMESPACE, CatalogScan.key(PG_NAMESPACE, "oid", nspOid));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** This session's temporary schema if it has used one, else 0 (no lookup, no creation). */
    int tempNamespaceIfUsed() {
        return tempNamespace;
    }

    void onLeftoverTempNamespace(java.util.function.IntConsumer remove) {
        this.removeTempRelations = remove;
    }

    /** InitTempTableNamespace: this backend's pg_temp_N, created the first time it is needed. */
    int tempNamespace() {
        if (tempNamespace != 0) return tempNamespace;
        String name = "pg_temp_" + env.backendId();
        int existing = oidOf(name);
        if (existing != 0) {
            // Left over by an earlier session with the same backend id (that exited without
            // cleaning up): RemoveTempRelations, before anything of this session goes there.
            tempNamespace = existing;
            removeTempRelations.accept(existing);
        } else {
            int oid = writer.newOid(PG_NAMESPACE, "oid");
            writer.insert(PG_NAMESPACE, CatalogRows.namespaceRow(oid, name, env.userOid().getAsInt()));
            env.inval().registerRelcacheInvalAll();   // name lookups may hold a negative entry for it
            env.commandCounterIncrement().run();
            tempNamespace = oid;
        }
        return tempNamespace;
    }
}
