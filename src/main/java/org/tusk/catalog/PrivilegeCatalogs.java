package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.ACLITEM_ARRAY;
import static org.tusk.catalog.TypeOids.CHAR;
import static org.tusk.catalog.TypeOids.INT4;
import static org.tusk.catalog.TypeOids.OID;

import java.util.List;

/**
 * pg_init_privs (3394) and pg_parameter_acl (6243), privilege catalogs pg_dump reads, kept in a
 * class of their own so that the privilege work can replace them with stored catalogs without
 * touching anything else (pg_default_acl is stored: {@link DefaultAcls}). Both are empty: its built-in
 * objects start with NULL (default) ACLs, so no object has initial privileges to record (a fresh
 * PostgreSQL 15 has rows in pg_init_privs for the pg_catalog and information_schema objects whose
 * initdb-time ACLs differ from the default).
 */
final class PrivilegeCatalogs {
    private PrivilegeCatalogs() {}

    private static ColumnDef c(String n, int t) { return new ColumnDef(n, t); }

    /** pg_parameter_acl (6243): GRANT SET / ALTER SYSTEM ON PARAMETER's ACLs; empty, Tusk has no such GRANT. */
    static ComputedCatalog pgParameterAcl() {
        return ComputedCatalog.empty("pg_parameter_acl", 6243, List.of(c("oid", OID), c("parname", TypeOids.TEXT),
                c("paracl", ACLITEM_ARRAY)));
    }

    static ComputedCatalog pgInitPrivs() {
        return ComputedCatalog.empty("pg_init_privs", 3394, List.of(c("objoid", OID), c("classoid", OID),
                c("objsubid", INT4), c("privtype", CHAR), c("initprivs", ACLITEM_ARRAY)));
    }
}
