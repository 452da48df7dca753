package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_POLICY;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;

import org.tusk.utils.adt.ArrayValue;

/**
 * The system_views.sql view pg_policies over pg_policy, pg_class and pg_namespace, computed at
 * each scan through {@link ObjectNames} with the session's catalog snapshot: PERMISSIVE or
 * RESTRICTIVE, the role names in order ({public} for PUBLIC), the command's name, and the
 * expressions through pg_get_expr.
 */
public final class PolicyViews implements RelationProvider {
    private static ColumnDef col(String name, int type) { return new ColumnDef(name, type, -1); }

    private static final List<ColumnDef> PG_POLICIES = List.of(col("schemaname", TypeOids.NAME),
            col("tablename", TypeOids.NAME), col("policyname", TypeOids.NAME), col("permissive", TypeOids.TEXT),
            col("roles", TypeOids.NAME_ARRAY), col("cmd", TypeOids.TEXT), col("qual", TypeOids.TEXT),
            col("with_check", TypeOids.TEXT));

    private final BiFunction<String, Integer, String> getExpr;

    /** @param getExpr pg_get_expr(text, relation) (ruleutils, above this package) */
    public PolicyViews(BiFunction<String, Integer, String> getExpr) {
        this.getExpr = getExpr;
    }

    @Override
    public ScannableRelation lookup(String schemaOrNull, String name) {
        if (schemaOrNull != null && !schemaOrNull.equals("pg_catalog") || !name.equals("pg_policies")) return null;
        return new ScannableRelation() {
            public List<ColumnDef> columns() { return PG_POLICIES; }
            public Iterator<Object[]> scan() { return rows().iterator(); }
        };
    }

    private List<Object[]> rows() {
        ObjectNames names = ObjectNames.current();
        List<Object[]> out = new ArrayList<>();
        for (Object[] p : names.rows(PG_POLICY, v -> true)) {
            int relid = oid(PG_POLICY.get(p, "polrelid"));
            var rel = names.relation(relid);
            if (rel.isEmpty()) continue;
            int[] roleOids = (int[]) PG_POLICY.get(p, "polroles");
            List<String> roles = new ArrayList<>();
            if (roleOids.length == 1 && roleOids[0] == Acl.PUBLIC) roles.add("public");
            else {
                for (int r : roleOids) names.roleName(r).ifPresent(roles::add);
                roles.sort(Comparator.naturalOrder());
            }
            String qual = (String) PG_POLICY.get(p, "polqual"), check = (String) PG_POLICY.get(p, "polwithcheck");
            out.add(new Object[] {names.namespaceName(rel.get().namespace()), rel.get().name(), PG_POLICY.get(p, "polname"),
                    Boolean.TRUE.equals(PG_POLICY.get(p, "polpermissive")) ? "PERMISSIVE" : "RESTRICTIVE",
                    ArrayValue.of1d(TypeOids.NAME, roles),
                    PolicyInfo.commandName(((String) PG_POLICY.get(p, "polcmd")).charAt(0)),
                    qual == null ? null : getExpr.apply(qual, relid), check == null ? null : getExpr.apply(check, relid)});
        }
        return out;
    }
}
