package org.tusk.catalog;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_REWRITE;

/**
 * The catalog side of views (PostgreSQL's view.c DefineViewRules / checkViewTupleDesc and
 * rewriteDefine.c InsertRule): a view's "_RETURN" rule in pg_rewrite and the dependencies of
 * that rule.
 *
 * <p>ev_action holds the defining SELECT's SQL text (PostgreSQL: the Query's nodeToString form);
 * the rewriter parses and analyses it again each time the view is used, as adbin's text is. The
 * rule depends INTERNALly on its view and NORMALly on every relation the query reads, so a
 * DROP of such a relation needs CASCADE and takes the view with it.
 */
final class ViewCatalog {
    /** The name of every view's SELECT rule (ViewSelectRuleName). */
    static final String VIEW_SELECT_RULE_NAME = "_RETURN";

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Dependencies dependencies;

    ViewCatalog(CatalogEnv env, CatalogWriter writer, Dependencies dependencies) {
        this.env = env;
        this.writer = writer;
        this.dependencies = dependencies;
    }

    /** InsertRule for a new view: the ON SELECT DO INSTEAD rule and its dependencies. */
    void storeRule(int viewOid, String definition, List<Integer> referencedRelations) {
        int ruleOid = writer.newOid(PG_REWRITE, "oid");
        Object[] row = PG_REWRITE.newRow();
        PG_REWRITE.set(row, "oid", ruleOid);
        PG_REWRITE.set(row, "rulename", VIEW_SELECT_RULE_NAME);
        PG_REWRITE.set(row, "ev_class", viewOid);
        PG_REWRITE.set(row, "ev_type", "1");           // CMD_SELECT
        PG_REWRITE.set(row, "ev_enabled", "O");        // RULE_FIRES_ON_ORIGIN
        PG_REWRITE.set(row, "is_instead", true);
        PG_REWRITE.set(row, "ev_qual", "<>");          // no qualification
        PG_REWRITE.set(row, "ev_action", definition);
        writer.insert(PG_REWRITE, row);
        recordRuleDependencies(ruleOid, viewOid, referencedRelations);
    }

    private void recordRuleDependencies(int ruleOid, int viewOid, List<Integer> referencedRelations) {
        ObjectAddress rule = new ObjectAddress(ObjectAddress.REWRITE_RELATION_ID, ruleOid, 0);
        dependencies.recordDependencyOn(rule, ObjectAddress.relation(viewOid), DependencyType.INTERNAL);
        for (int rel : new LinkedHashSet<>(referencedRelations)) {
            if (rel == viewOid) continue;
            dependencies.recordDependencyOn(rule, ObjectAddress.relation(rel), DependencyType.NORMAL);
        }
    }

    /** The view's rule depends on each column in {@code columns} (table OID to attnums). */
    void recordColumnDependencies(int viewOid, java.util.Map<Integer, java.util.BitSet> columns) {
        TupleSlot s = rule(viewOid);
        if (s == null) return;
        ObjectAddress rule = new ObjectAddress(ObjectAddress.REWRITE_RELATION_ID, oid(PG_REWRITE.get(s.values(), "oid")), 0);
        for (var e : columns.entrySet()) {
            if (e.getKey() == viewOid) continue;
            for (int a = e.getValue().nextSetBit(1); a >= 0; a = e.getValue().nextSetBit(a + 1)) {
                dependencies.recordDependencyOn(rule, new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, e.getKey(), a),
                        DependencyType.NORMAL);
            }
        }
    }

    /** The view's rule depends on each of {@code objects} (recordDependencyOnExpr of the rule's action). */
    void recordObjectDependencies(int viewOid, List<ObjectAddress> objects) {
        TupleSlot s = rule(viewOid);
        if (s == null) return;
        ObjectAddress rule = new ObjectAddress(ObjectAddress.REWRITE_RELATION_ID, oid(PG_REWRITE.get(s.values(), "oid")), 0);
        for (ObjectAddress o : objects) dependencies.recordDependencyOn(rule, o, DependencyType.NORMAL);
    }

    /** CREATE OR REPLACE VIEW: the rule's new action and dependencies (DefineQueryRewrite with replace). */
    void replaceRule(int viewOid, String definition, List<Integer> referencedRelations) {
        TupleSlot s = rule(viewOid);
        if (s == null) {
            storeRule(viewOid, definition, referencedRelations);
            return;
        }
        Object[] v = s.values().clone();
        PG_REWRITE.set(v, "ev_action", definition);
        writer.update(PG_REWRITE, s, v);
        int ruleOid = oid(PG_REWRITE.get(v, "oid"));
        dependencies.deleteDependencyRecordsFor(new ObjectAddress(ObjectAddress.REWRITE_RELATION_ID, ruleOid, 0));
        recordRuleDependencies(ruleOid, viewOid, referencedRelations);
    }

    /**
     * checkViewTupleDesc: the new query may add columns at the end but must keep every existing
     * column's name and type. Returns the columns to add.
     */
    List<Catalog.ColumnSpec> checkReplacement(Relation old, List<Catalog.ColumnSpec> columns) {
        int natts = old.desc().natts();
        if (columns.size() < natts) {
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot drop columns from view");
        }
        for (int i = 0; i < natts; i++) {
            var att = old.desc().attr(i);
            Catalog.ColumnSpec c = columns.get(i);
            if (!att.name().equals(c.name())) {
                throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot change name of view column \""
                        + att.name() + "\" to \"" + c.name() + "\"")
                        .withHint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
            }
            // the declared type (atttypid), not the storage type shared by all composite arrays
            if (old.atttypid(i + 1) != c.typeOid() || old.atttypmod(i + 1) != c.typmod()) {
                throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot change data type of view column \""
                        + att.name() + "\" from " + typeName(old.atttypid(i + 1), old.atttypmod(i + 1)) + " to "
                        + typeName(c.typeOid(), c.typmod()));
            }
        }
        return new ArrayList<>(columns.subList(natts, columns.size()));
    }

    private static String typeName(int typeOid, int typmod) {
        return BuiltinCatalog.formatType(typeOid);
    }

    /** The defining query's text of view {@code viewOid}, or null if it has no rule. */
    String definition(int viewOid) {
        TupleSlot s = rule(viewOid);
        return s == null ? null : (String) PG_REWRITE.get(s.values(), "ev_action");
    }

    private TupleSlot rule(int viewOid) {
        List<TupleSlot> rows = writer.find(PG_REWRITE, CatalogScan.key(PG_REWRITE, "ev_class", viewOid), v -> VIEW_SELECT_RULE_NAME.equals(PG_REWRITE.get(v, "rulename")));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The rules of a relation being dropped. */
    void removeRules(int relOid) {
        writer.delete(PG_REWRITE, v -> oid(PG_REWRITE.get(v, "ev_class")) == relOid);
    }

    void removeRule(int ruleOid) {
        writer.delete(PG_REWRITE, v -> oid(PG_REWRITE.get(v, "oid")) == ruleOid);
    }

    /** getObjectDescription for a rule: "rule _RETURN on view v" (or on materialized view / table). */
    String describeRule(int ruleOid) {
        List<TupleSlot> rows = writer.find(PG_REWRITE, CatalogScan.key(PG_REWRITE, "oid", ruleOid));
        if (rows.isEmpty()) return null;
        Object[] v = rows.get(0).values();
        Relation rel = env.relcache().byOid(oid(PG_REWRITE.get(v, "ev_class")));
        return "rule " + PG_REWRITE.get(v, "rulename") + " on " + (rel == null ? "relation" : rel.relkind() == 'v' ? "view " + rel.name()
                : rel.relkind() == 'm' ? "materialized view " + rel.name() : "table " + rel.name());
    }
}
