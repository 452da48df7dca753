package org.tusk.catalog;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.nodes.Query;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.ruleutils.ViewDef;

import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.INT4;
import static org.tusk.catalog.TypeOids.OID;
import static org.tusk.catalog.TypeOids.TEXT;

/**
 * pg_get_viewdef in all its forms (ruleutils.c pg_get_viewdef, pg_get_viewdef_ext,
 * pg_get_viewdef_wrap, pg_get_viewdef_name[_ext]). Tusk stores a view's SELECT as text; it is
 * analysed again here, as the rewriter analyses it, and the Query deparsed by
 * {@link ViewDef}, so the result is PostgreSQL's normalized form
 * ({@code " SELECT t.a,\n    t.b\n   FROM t;"}).
 */
final class ViewFunctions {
    private ViewFunctions() {}

    /** How a form of pg_get_viewdef prints. */
    private interface Style {
        String print(Query q, List<String> columns, org.tusk.utils.adt.OutputSettings output);
    }

    static void register(BuiltinRegistry r) {
        Style plain = (q, cols, out) -> ViewDef.viewdef(q, cols, ViewDef.prettyFlags(false), out);
        r.fn("pg_get_viewdef", List.of(OID), TEXT, Volatility.STABLE, true,
                (c, a) -> viewdef(c, ((Number) a[0]).intValue(), plain));
        r.fn("pg_get_viewdef", List.of(OID, BOOL), TEXT, Volatility.STABLE, true,
                (c, a) -> viewdef(c, ((Number) a[0]).intValue(), pretty((Boolean) a[1])));
        r.fn("pg_get_viewdef", List.of(OID, INT4), TEXT, Volatility.STABLE, true,
                (c, a) -> viewdef(c, ((Number) a[0]).intValue(), wrap((Integer) a[1])));
        r.fn("pg_get_viewdef", List.of(TEXT), TEXT, Volatility.STABLE, true,
                (c, a) -> viewdef(c, (String) a[0], plain));
        r.fn("pg_get_viewdef", List.of(TEXT, BOOL), TEXT, Volatility.STABLE, true,
                (c, a) -> viewdef(c, (String) a[0], pretty((Boolean) a[1])));
        r.fn("pg_get_ruledef", List.of(OID), TEXT, Volatility.STABLE, true,
                (c, a) -> ruledef(c, ((Number) a[0]).intValue(), false));
        r.fn("pg_get_ruledef", List.of(OID, BOOL), TEXT, Volatility.STABLE, true,
                (c, a) -> ruledef(c, ((Number) a[0]).intValue(), (Boolean) a[1]));
    }

    /**
     * pg_get_ruledef(rule[, pretty]): a view's "_RETURN" rule, or an INSERT, UPDATE or DELETE
     * rule (make_ruledef); NULL for an OID that is not a rule.
     */
    private static Object ruledef(FunctionCallContext c, int ruleOid, boolean pretty) {
        Catalog catalog = requireCatalog(c);
        ObjectNames names = ObjectNames.current();
        List<Object[]> rows = names.rows(SystemCatalogs.PG_REWRITE,
                v -> CatalogScan.oid(SystemCatalogs.PG_REWRITE.get(v, "oid")) == ruleOid);
        if (rows.isEmpty()) return null;
        Object[] rule = rows.get(0);
        Relation rel = catalog.openRelation(CatalogScan.oid(SystemCatalogs.PG_REWRITE.get(rule, "ev_class")));
        String sql = (String) SystemCatalogs.PG_REWRITE.get(rule, "ev_action");
        if (rel == null || sql == null) return null;
        int flags = ViewDef.prettyFlags(pretty);
        String relName = pretty ? org.tusk.utils.ruleutils.RuleUtils.relationName(rel.oid())
                : org.tusk.utils.ruleutils.RuleUtils.qualifiedRelationName(rel.oid());
        if (!"1".equals(SystemCatalogs.PG_REWRITE.get(rule, "ev_type"))) {
            // make_ruledef of an INSERT, UPDATE or DELETE rule: its condition and actions analysed as the rewriter does
            RuleInfo info = null;
            for (RuleInfo r : catalog.rulesOf(rel)) if (r.oid() == ruleOid) info = r;
            if (info == null) return null;
            RuleInfo found = info;
            FunctionCallContext.StoredRule analysed = ObjectNames.current().analyzeStored(rel.namespace(),
                    () -> c.analyzeStoredRule(rel, found));
            return org.tusk.utils.ruleutils.RuleDef.ruledef(info.name(), info.evType(), relName, info.instead(),
                    analysed.qual(), analysed.actions(), flags, c.outputSettings());
        }
        return ViewDef.ruledef((String) SystemCatalogs.PG_REWRITE.get(rule, "rulename"), relName,
                ObjectNames.current().analyzeStored(rel.namespace(), () -> c.analyzeStoredQuery(sql)), columnNames(rel), flags,
                c.outputSettings());
    }

    private static List<String> columnNames(Relation rel) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < rel.desc().natts(); i++) columns.add(rel.desc().attr(i).name());
        return columns;
    }

    private static Style pretty(boolean pretty) {
        return (q, cols, out) -> ViewDef.viewdef(q, cols, ViewDef.prettyFlags(pretty), out);
    }

    private static Style wrap(int column) {
        return (q, cols, out) -> ViewDef.viewdefWrap(q, cols, column, out);
    }

    /** pg_get_viewdef(oid): NULL for an OID no relation has, "Not a view" for a relation without a _RETURN rule. */
    private static Object viewdef(FunctionCallContext c, int oid, Style style) {
        Catalog catalog = requireCatalog(c);
        Relation rel = catalog.openRelation(oid);
        if (rel == null) return null;
        return definition(c, catalog, rel, style);
    }

    /** pg_get_viewdef(text): the name as a possibly qualified relation name (textToQualifiedNameList). */
    private static Object viewdef(FunctionCallContext c, String name, Style style) {
        Catalog catalog = requireCatalog(c);
        int dot = name.lastIndexOf('.');
        String schema = dot < 0 ? null : name.substring(0, dot);
        String rel = dot < 0 ? name : name.substring(dot + 1);
        Relation r = catalog.openRelation(schema, rel);
        if (r == null) throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        return definition(c, catalog, r, style);
    }

    /** make_viewdef for the view's stored text, analysed now. */
    static String definition(FunctionCallContext c, Catalog catalog, Relation rel, Style style) {
        String sql = catalog.viewDefinition(rel);
        if (sql == null) return "Not a view";
        List<String> columns = columnNames(rel);
        // analysed under the view's own names, deparsed under the caller's search_path
        Query q = ObjectNames.current().analyzeStored(rel.namespace(), () -> c.analyzeStoredQuery(sql));
        return style.print(q, columns, c.outputSettings());
    }

    private static Catalog requireCatalog(FunctionCallContext c) {
        Catalog catalog = c.catalog();
        if (catalog == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "pg_get_viewdef needs a database with tables");
        return catalog;
    }
}
