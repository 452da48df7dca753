package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_REWRITE;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The catalog side of CREATE RULE, DROP RULE and ALTER RULE (PostgreSQL's rewriteDefine.c
 * InsertRule, RenameRewriteRule and rewriteRemove.c RemoveRewriteRuleById): rows of pg_rewrite
 * other than views' "_RETURN" rules.
 *
 * <p>Storage: ev_qual holds the WHERE condition's SQL text ("<>" for none, as PostgreSQL's
 * empty node string) and ev_action the actions' SQL texts separated by ";\n" (empty for
 * NOTHING); the rewriter analyses them again at each use, with OLD and NEW bound to the rule's
 * relation, as adbin's text is analysed again. Each rule depends AUTOmatically on its relation
 * (it goes with it) and NORMALly on every other relation its actions or condition name, so that
 * dropping one of those needs CASCADE. Setting pg_class.relhasrules and any change of a rule send a relcache
 * invalidation for the relation, so every backend's next statement reads its rules again; the
 * caller holds AccessExclusiveLock on the relation, so no statement on it runs meanwhile.
 */
final class RuleCatalog {
    static final String NO_QUAL = "<>";
    private static final String ACTION_SEPARATOR = ";\n";

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Dependencies dependencies;

    RuleCatalog(CatalogEnv env, CatalogWriter writer, Dependencies dependencies) {
        this.env = env;
        this.writer = writer;
        this.dependencies = dependencies;
    }

    /**
     * InsertRule: a new rule, or with {@code replace} the existing one of that name changed
     * (CREATE OR REPLACE RULE). 42710 if the name is taken and not replaced.
     */
    int create(Relation rel, String name, char evType, boolean instead, String qual, List<String> actions,
               boolean replace, List<Integer> referenced) {
        RuleInfo old = find(rel.oid(), name);
        int ruleOid;
        if (old != null) {
            if (!replace) {
                throw PgException.error(SqlState.DUPLICATE_OBJECT, "rule \"" + name + "\" for relation \"" + rel.name()
                        + "\" already exists");
            }
            TupleSlot s = slot(old.oid());
            Object[] v = s.values().clone();
            fill(v, evType, instead, qual, actions);
            writer.update(PG_REWRITE, s, v);
            ruleOid = old.oid();
            dependencies.deleteDependencyRecordsFor(address(ruleOid));
        } else {
            ruleOid = writer.newOid(PG_REWRITE, "oid");
            Object[] row = PG_REWRITE.newRow();
            PG_REWRITE.set(row, "oid", ruleOid);
            PG_REWRITE.set(row, "rulename", name);
            PG_REWRITE.set(row, "ev_class", rel.oid());
            PG_REWRITE.set(row, "ev_enabled", "O");        // RULE_FIRES_ON_ORIGIN
            fill(row, evType, instead, qual, actions);
            writer.insert(PG_REWRITE, row);
        }
        dependencies.recordDependencyOn(address(ruleOid), ObjectAddress.relation(rel.oid()), DependencyType.AUTO);
        for (int r : new LinkedHashSet<>(referenced)) {
            if (r != rel.oid()) dependencies.recordDependencyOn(address(ruleOid), ObjectAddress.relation(r), DependencyType.NORMAL);
        }
        setHasRules(rel.oid());
        changed(rel.oid());
        return ruleOid;
    }

    private static void fill(Object[] row, char evType, boolean instead, String qual, List<String> actions) {
        PG_REWRITE.set(row, "ev_type", String.valueOf(evType));
        PG_REWRITE.set(row, "is_instead", instead);
        PG_REWRITE.set(row, "ev_qual", qual == null ? NO_QUAL : qual);
        PG_REWRITE.set(row, "ev_action", String.join(ACTION_SEPARATOR, actions));
    }

    /** The rules of relation {@code relOid} but a view's "_RETURN" rule, in name order (as RelationBuildRuleLock reads them). */
    List<RuleInfo> rulesOf(int relOid) {
        List<RuleInfo> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_REWRITE, CatalogScan.key(PG_REWRITE, "ev_class", relOid), v -> !ViewCatalog.VIEW_SELECT_RULE_NAME.equals(PG_REWRITE.get(v, "rulename")))) {
            out.add(info(s.values()));
        }
        out.sort(java.util.Comparator.comparing(RuleInfo::name));
        return out;
    }

    RuleInfo find(int relOid, String name) {
        for (RuleInfo r : rulesOf(relOid)) if (r.name().equals(name)) return r;
        return null;
    }

    /** RenameRewriteRule: 42710 if the new name is taken. */
    void rename(Relation rel, RuleInfo rule, String newName) {
        if (find(rel.oid(), newName) != null) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "rule \"" + newName + "\" for relation \"" + rel.name()
                    + "\" already exists");
        }
        TupleSlot s = slot(rule.oid());
        Object[] v = s.values().clone();
        PG_REWRITE.set(v, "rulename", newName);
        writer.update(PG_REWRITE, s, v);
        changed(rel.oid());
    }

    /** RemoveRewriteRuleById's row part (the dependency machinery removes pg_depend rows). */
    void remove(int ruleOid) {
        TupleSlot s = slot(ruleOid);
        if (s == null) return;
        int relOid = oid(PG_REWRITE.get(s.values(), "ev_class"));
        writer.delete(PG_REWRITE, v -> oid(PG_REWRITE.get(v, "oid")) == ruleOid);
        changed(relOid);
    }

    static ObjectAddress address(int ruleOid) {
        return new ObjectAddress(ObjectAddress.REWRITE_RELATION_ID, ruleOid, 0);
    }

    private TupleSlot slot(int ruleOid) {
        List<TupleSlot> rows = writer.find(PG_REWRITE, CatalogScan.key(PG_REWRITE, "oid", ruleOid));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static RuleInfo info(Object[] v) {
        String qual = (String) PG_REWRITE.get(v, "ev_qual");
        String action = (String) PG_REWRITE.get(v, "ev_action");
        List<String> actions = action == null || action.isEmpty() ? List.of() : List.of(action.split(ACTION_SEPARATOR));
        return new RuleInfo(oid(PG_REWRITE.get(v, "oid")), (String) PG_REWRITE.get(v, "rulename"),
                oid(PG_REWRITE.get(v, "ev_class")), ((String) PG_REWRITE.get(v, "ev_type")).charAt(0),
                ((String) PG_REWRITE.get(v, "ev_enabled")).charAt(0), Boolean.TRUE.equals(PG_REWRITE.get(v, "is_instead")),
                qual == null || NO_QUAL.equals(qual) ? null : qual, actions);
    }

    /** SetRelationRuleStatus: relhasrules = true (not cleared when the last rule goes, as PostgreSQL's). */
    private void setHasRules(int relOid) {
        for (TupleSlot s : writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", relOid))) {
            if (Boolean.TRUE.equals(PG_CLASS.get(s.values(), "relhasrules"))) continue;
            Object[] v = s.values().clone();
            PG_CLASS.set(v, "relhasrules", true);
            writer.update(PG_CLASS, s, v);
        }
    }

    private void changed(int relOid) {
        env.inval().registerRelcacheInval(relOid);
        env.commandCounterIncrement().run();
    }
}
