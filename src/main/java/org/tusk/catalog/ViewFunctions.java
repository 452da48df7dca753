package org.tusk.catalog;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.OID;
import static org.tusk.catalog.TypeOids.TEXT;

/**
 * pg_get_viewdef (ruleutils.c): a view's defining query. PostgreSQL deparses the stored Query
 * tree; Tusk stores the SELECT's text as written and returns that, so the result is the
 * original text rather than PostgreSQL's normalized form (qualified column names, one target
 * per line). The pretty flag is accepted and changes nothing.
 */
final class ViewFunctions {
    private ViewFunctions() {}

    static void register(BuiltinRegistry r) {
        BuiltinFunction byOid = (c, a) -> viewdef(c, ((Number) a[0]).intValue());
        BuiltinFunction byName = (c, a) -> viewdef(c, (String) a[0]);
        r.fn("pg_get_viewdef", List.of(OID), TEXT, Volatility.STABLE, true, byOid);
        r.fn("pg_get_viewdef", List.of(OID, BOOL), TEXT, Volatility.STABLE, true, byOid);
        r.fn("pg_get_viewdef", List.of(TEXT), TEXT, Volatility.STABLE, true, byName);
        r.fn("pg_get_viewdef", List.of(TEXT, BOOL), TEXT, Volatility.STABLE, true, byName);
    }

    /** pg_get_viewdef(oid): NULL for an OID no relation has, "Not a view" for a relation without a _RETURN rule. */
    private static Object viewdef(FunctionCallContext c, int oid) {
        Catalog catalog = requireCatalog(c);
        Relation rel = catalog.openRelation(oid);
        if (rel == null) return null;
        String def = catalog.viewDefinition(rel);
        return def == null ? "Not a view" : def;
    }

    /** pg_get_viewdef(text): the name as a possibly qualified relation name (textToQualifiedNameList). */
    private static Object viewdef(FunctionCallContext c, String name) {
        Catalog catalog = requireCatalog(c);
        int dot = name.lastIndexOf('.');
        String schema = dot < 0 ? null : name.substring(0, dot);
        String rel = dot < 0 ? name : name.substring(dot + 1);
        Relation r = catalog.openRelation(schema, rel);
        if (r == null) throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        String def = catalog.viewDefinition(r);
        return def == null ? "Not a view" : def;
    }

    private static Catalog requireCatalog(FunctionCallContext c) {
        Catalog catalog = c.catalog();
        if (catalog == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "pg_get_viewdef needs a database with tables");
        return catalog;
    }
}
