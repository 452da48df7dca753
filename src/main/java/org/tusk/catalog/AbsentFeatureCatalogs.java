package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.ACLITEM_ARRAY;
import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.BYTEA;
import static org.tusk.catalog.TypeOids.CHAR;
import static org.tusk.catalog.TypeOids.INT4;
import static org.tusk.catalog.TypeOids.NAME;
import static org.tusk.catalog.TypeOids.OID;
import static org.tusk.catalog.TypeOids.PG_LSN;
import static org.tusk.catalog.TypeOids.TEXT;
import static org.tusk.catalog.TypeOids.TEXT_ARRAY;

import java.util.List;

import org.tusk.utils.adt.RegProcs;

/**
 * The catalogs of features Tusk does not have, with PostgreSQL 15's columns and OIDs and no rows,
 * as on a PostgreSQL cluster where no such object was ever created: foreign data wrappers, servers,
 * user mappings and foreign tables (pg_foreign_data_wrapper 2328, pg_foreign_server 1417,
 * pg_user_mapping 1418, pg_foreign_table 3118, and the view pg_user_mappings), subscriptions
 * (pg_subscription 6100, pg_subscription_rel 6102), event triggers (pg_event_trigger 3466),
 * transforms (pg_transform 3576), large objects (pg_largeobject_metadata 2995, pg_largeobject 2613),
 * security labels (pg_seclabel 3596, pg_shseclabel 3592, the view pg_seclabels), encoding
 * conversions (pg_conversion 2607: Tusk only speaks UTF8, so it has none of PostgreSQL's built-in
 * conversions either). (The text search catalogs are {@link TextSearchCatalogs}.)
 * A stored catalog of the same name, once a feature arrives, takes precedence
 * ({@link ComputedCatalogs}).
 */
final class AbsentFeatureCatalogs {
    private AbsentFeatureCatalogs() {}

    private static ColumnDef c(String n, int t) { return new ColumnDef(n, t); }

    private static final int REGPROC = RegProcs.REGPROC, OID_ARRAY = 1028;

    static List<ComputedCatalog> all() {
        return List.of(
                ComputedCatalog.empty("pg_foreign_data_wrapper", 2328, List.of(c("oid", OID), c("fdwname", NAME),
                        c("fdwowner", OID), c("fdwhandler", OID), c("fdwvalidator", OID), c("fdwacl", ACLITEM_ARRAY),
                        c("fdwoptions", TEXT_ARRAY))),
                ComputedCatalog.empty("pg_foreign_server", 1417, List.of(c("oid", OID), c("srvname", NAME), c("srvowner", OID),
                        c("srvfdw", OID), c("srvtype", TEXT), c("srvversion", TEXT), c("srvacl", ACLITEM_ARRAY),
                        c("srvoptions", TEXT_ARRAY))),
                ComputedCatalog.empty("pg_user_mapping", 1418, List.of(c("oid", OID), c("umuser", OID), c("umserver", OID),
                        c("umoptions", TEXT_ARRAY))),
                ComputedCatalog.empty("pg_user_mappings", 0, List.of(c("umid", OID), c("srvid", OID), c("srvname", NAME),
                        c("umuser", OID), c("usename", NAME), c("umoptions", TEXT_ARRAY))),
                ComputedCatalog.empty("pg_foreign_table", 3118, List.of(c("ftrelid", OID), c("ftserver", OID),
                        c("ftoptions", TEXT_ARRAY))),
                ComputedCatalog.empty("pg_subscription", 6100, List.of(c("oid", OID), c("subdbid", OID),
                        c("subskiplsn", PG_LSN), c("subname", NAME), c("subowner", OID), c("subenabled", BOOL),
                        c("subbinary", BOOL), c("substream", BOOL), c("subtwophasestate", CHAR), c("subdisableonerr", BOOL),
                        c("subconninfo", TEXT), c("subslotname", NAME), c("subsynccommit", TEXT),
                        c("subpublications", TEXT_ARRAY))),
                ComputedCatalog.empty("pg_subscription_rel", 6102, List.of(c("srsubid", OID), c("srrelid", OID),
                        c("srsubstate", CHAR), c("srsublsn", PG_LSN))),
                ComputedCatalog.empty("pg_event_trigger", 3466, List.of(c("oid", OID), c("evtname", NAME), c("evtevent", NAME),
                        c("evtowner", OID), c("evtfoid", OID), c("evtenabled", CHAR), c("evttags", TEXT_ARRAY))),
                ComputedCatalog.empty("pg_transform", 3576, List.of(c("oid", OID), c("trftype", OID), c("trflang", OID),
                        c("trffromsql", REGPROC), c("trftosql", REGPROC))),
                ComputedCatalog.empty("pg_largeobject_metadata", 2995, List.of(c("oid", OID), c("lomowner", OID),
                        c("lomacl", ACLITEM_ARRAY))),
                ComputedCatalog.empty("pg_largeobject", 2613, List.of(c("loid", OID), c("pageno", INT4), c("data", BYTEA))),
                ComputedCatalog.empty("pg_seclabel", 3596, List.of(c("objoid", OID), c("classoid", OID), c("objsubid", INT4),
                        c("provider", TEXT), c("label", TEXT))),
                ComputedCatalog.empty("pg_shseclabel", 3592, List.of(c("objoid", OID), c("classoid", OID),
                        c("provider", TEXT), c("label", TEXT))),
                ComputedCatalog.empty("pg_seclabels", 0, List.of(c("objoid", OID), c("classoid", OID), c("objsubid", INT4),
                        c("objtype", TEXT), c("objnamespace", OID), c("objname", TEXT), c("provider", TEXT), c("label", TEXT))),
                ComputedCatalog.empty("pg_conversion", 2607, List.of(c("oid", OID), c("conname", NAME), c("connamespace", OID),
                        c("conowner", OID), c("conforencoding", INT4), c("contoencoding", INT4), c("conproc", REGPROC),
                        c("condefault", BOOL))));
    }
}
