package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.ACLITEM_ARRAY;
import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.NAME;
import static org.tusk.catalog.TypeOids.OID;
import static org.tusk.catalog.TypeOids.TEXT;
import static org.tusk.catalog.TypeOids.TEXT_ARRAY;

import java.util.List;

/**
 * pg_tablespace (1213) and pg_extension (3079) as a fresh PostgreSQL 15 cluster has them, which
 * is all Tusk has: the tablespaces pg_default (1663, DEFAULTTABLESPACE_OID: every database and
 * relation lives in it) and pg_global (1664, GLOBALTABLESPACE_OID: the shared catalogs under
 * global/), owned by the bootstrap superuser with no ACL and no options; and the extension plpgsql
 * that initdb installs (extension 13559 in pg_catalog, version 1.0, not relocatable, owning the
 * language 13563 of {@link IntrospectionViews}). Tusk has no CREATE TABLESPACE and no CREATE
 * EXTENSION, so these rows never change.
 */
final class InstallationCatalogs {
    private InstallationCatalogs() {}

    private static ColumnDef c(String n, int t) { return new ColumnDef(n, t); }

    /** oid[] (pg_type.dat _oid). */
    private static final int OID_ARRAY = 1028;

    static final List<ColumnDef> PG_TABLESPACE_COLUMNS = List.of(c("oid", OID), c("spcname", NAME), c("spcowner", OID),
            c("spcacl", ACLITEM_ARRAY), c("spcoptions", TEXT_ARRAY));
    static final List<ColumnDef> PG_EXTENSION_COLUMNS = List.of(c("oid", OID), c("extname", NAME), c("extowner", OID),
            c("extnamespace", OID), c("extrelocatable", BOOL), c("extversion", TEXT), c("extconfig", OID_ARRAY),
            c("extcondition", TEXT_ARRAY));

    /** DEFAULTTABLESPACE_OID, GLOBALTABLESPACE_OID. */
    static final long DEFAULT_TABLESPACE = 1663, GLOBAL_TABLESPACE = 1664;

    static ComputedCatalog pgTablespace() {
        return new ComputedCatalog("pg_tablespace", 1213, PG_TABLESPACE_COLUMNS, () -> List.of(
                new Object[] {DEFAULT_TABLESPACE, "pg_default", 10L, null, null},
                new Object[] {GLOBAL_TABLESPACE, "pg_global", 10L, null, null}));
    }

    static ComputedCatalog pgExtension() {
        return new ComputedCatalog("pg_extension", 3079, PG_EXTENSION_COLUMNS, () -> List.<Object[]>of(
                new Object[] {13559L, "plpgsql", 10L, (long) SystemCatalogs.PG_CATALOG_NAMESPACE, false, "1.0", null, null}));
    }
}
