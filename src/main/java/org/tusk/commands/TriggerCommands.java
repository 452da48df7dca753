package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.RelationLocks;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.TriggerInfo;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.parser.TriggerWhenAnalysis;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE [OR REPLACE] [CONSTRAINT] TRIGGER, DROP TRIGGER, ALTER TRIGGER ... RENAME and ALTER
 * TABLE ... ENABLE/DISABLE TRIGGER (PostgreSQL's commands/trigger.c CreateTriggerFiringOn,
 * RemoveTriggerById through performDeletion, renametrig, EnableDisableTrigger), with their
 * checks and messages. The catalog rows are {@link org.tusk.catalog.TriggerDdl}'s.
 *
 * <p>A FOR EACH ROW trigger on a partitioned table is cloned onto each partition (tgparentid
 * naming the parent's trigger, tgisinternal set), as CreateTrigger recurses; partitions created
 * later get theirs from {@link #cloneRowTriggersToPartition}. INSTEAD OF triggers go on views only
 * and must be FOR EACH ROW without WHEN or a column list; the rewriter then leaves a statement
 * on the view to them. Not done: deferrable constraint triggers (refused, 0A000, since there is
 * no deferred event queue or SET CONSTRAINTS yet), ownership and privilege checks.
 */
public final class TriggerCommands {
    private TriggerCommands() {}

    /** CreateTrigger. */
    public static void create(Stmt.CreateTrigStmt s, String queryString, ExecContext ctx) {
        ExecEnvironment env = ctx.env();
        Catalog catalog = env.catalog();
        Relation rel = openTable(s.relation(), RelationLocks.SHARE_ROW_EXCLUSIVE_LOCK, catalog);
        checkRelkind(rel, s);
        if (rel.namespace() == org.tusk.catalog.SystemCatalogs.PG_CATALOG_NAMESPACE) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + rel.name() + "\" is a system catalog");
        }
        int constrrelid = 0;
        if (s.isConstraint() && s.constrrel() != null) {
            constrrelid = openTable(s.constrrel(), RelationLocks.ACCESS_SHARE_LOCK, catalog).oid();
        }
        int tgtype = (s.row() ? TriggerInfo.TRIGGER_TYPE_ROW : 0) | s.timing() | s.events();
        boolean row = s.row();
        if (row && (tgtype & TriggerInfo.TRIGGER_TYPE_TRUNCATE) != 0) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "TRUNCATE FOR EACH ROW triggers are not supported");
        }
        if ((tgtype & TriggerInfo.TRIGGER_TYPE_INSTEAD) != 0) {
            if (!row) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers must be FOR EACH ROW");
            if (s.whenClause() != null)
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers cannot have WHEN conditions");
            if (!s.columns().isEmpty())
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers cannot have column lists");
        }
        String[] transition = checkTransitions(rel, s, tgtype, catalog);
        String qual = null;
        if (s.whenClause() != null) {
            TriggerWhenAnalysis.cook(rel, s.whenSql(), tgtype, queryString, s.whenLocation(), ctx.inputSettings(),
                    ctx.session().currentDatabase(), env);
            qual = s.whenSql();
        }
        int fnoid = lookupFunction(s.funcname(), catalog);
        if (s.isConstraint() && s.deferrable()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "deferrable constraint triggers are not supported yet");
        }
        short[] attrs = columns(rel, s.columns());
        TriggerInfo t = new TriggerInfo(0, rel.oid(), 0, s.trigname(), fnoid, tgtype, 'O', false, constrrelid, 0,
                s.isConstraint() ? -1 : 0, s.deferrable(), s.initdeferred(), attrs, s.args(), qual, transition[0],
                transition[1]);
        int oid = createOrReplace(rel, t, s.replace(), false, catalog);
        if (row && rel.relkind() == 'p') cloneToPartitions(rel, t, oid, s.replace(), catalog);
    }

    /** The trigger stored, or the existing one replaced (CREATE OR REPLACE's checks); returns its OID. */
    private static int createOrReplace(Relation rel, TriggerInfo t, boolean replace, boolean inPartition, Catalog catalog) {
        TriggerInfo old = catalog.triggers().byName(rel.oid(), t.name());
        if (old != null) {
            if (!replace) {
                throw PgException.error(SqlState.DUPLICATE_OBJECT, "trigger \"" + t.name() + "\" for relation \""
                        + rel.name() + "\" already exists");
            }
            if (old.internal() && !inPartition) {
                throw PgException.error(SqlState.DUPLICATE_OBJECT, "trigger \"" + t.name() + "\" for relation \""
                        + rel.name() + "\" is an internal trigger");
            }
            if (old.constraint() != 0) {
                throw PgException.error(SqlState.DUPLICATE_OBJECT, "trigger \"" + t.name() + "\" for relation \""
                        + rel.name() + "\" is a constraint trigger");
            }
            catalog.triggers().replace(old, t);
            return old.oid();
        }
        return catalog.triggers().create(t, rel.namespace());
    }

    /** CreateTrigger's recursion: the same trigger on every partition, internal, naming its parent. */
    private static void cloneToPartitions(Relation parent, TriggerInfo t, int parentOid, boolean replace, Catalog catalog) {
        for (int child : catalog.inheritanceChildren(parent.oid())) {
            catalog.lockRelation(child, RelationLocks.SHARE_ROW_EXCLUSIVE_LOCK);
            cloneTo(parent, catalog.openRelation(child), t, parentOid, replace, catalog);
        }
    }

    /**
     * CloneRowTriggersToPartition: a partition created or attached under {@code parent} gets a
     * clone of each of the parent's row triggers (and its own partitions, if it has any, get
     * theirs). Internal triggers are skipped unless they are themselves clones on a partition,
     * as PostgreSQL decides.
     */
    public static void cloneRowTriggersToPartition(Relation parent, Relation part, Catalog catalog) {
        for (TriggerInfo t : catalog.triggersOf(parent)) {
            if (!t.forRow()) continue;
            if (t.internal() && (!parent.isPartition() || t.parentid() == 0)) continue;
            cloneTo(parent, part, t, t.oid(), false, catalog);
        }
    }

    private static void cloneTo(Relation parent, Relation part, TriggerInfo t, int parentOid, boolean replace, Catalog catalog) {
        int child = part.oid();
        {
            short[] attrs = new short[t.attrs().length];
            for (int i = 0; i < attrs.length; i++) attrs[i] = (short) attnumByName(part, parent.desc().attr(t.attrs()[i] - 1).name());
            TriggerInfo clone = new TriggerInfo(0, child, parentOid, t.name(), t.fnoid(), t.type(), t.enabled(), true,
                    t.constrrelid(), 0, t.constraint(), t.deferrable(), t.initdeferred(), attrs, t.args(), t.qual(),
                    t.oldTable(), t.newTable());
            int oid = createOrReplace(part, clone, replace, true, catalog);
            if (part.relkind() == 'p') cloneToPartitions(part, clone, oid, replace, catalog);
        }
    }

    private static int attnumByName(Relation rel, String name) {
        for (int i = 0; i < rel.desc().natts(); i++) {
            if (!rel.desc().attr(i).attisdropped() && rel.desc().attr(i).name().equals(name)) return i + 1;
        }
        return 0;
    }

    private static void checkRelkind(Relation rel, Stmt.CreateTrigStmt s) {
        boolean insteadOf = s.timing() == TriggerInfo.TRIGGER_TYPE_INSTEAD;
        switch (rel.relkind()) {
            case 'r' -> {
                if (insteadOf) throw wrongType(rel, "table", "Tables cannot have INSTEAD OF triggers.");
            }
            case 'p' -> {
                if (insteadOf) throw wrongType(rel, "table", "Tables cannot have INSTEAD OF triggers.");
                if (s.row() && !s.transitionRels().isEmpty()) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "\"" + rel.name() + "\" is a partitioned table")
                            .withDetail("ROW triggers with transition tables are not supported on partitioned tables.");
                }
            }
            case 'v' -> {
                if (!insteadOf && s.row()) throw wrongType(rel, "view", "Views cannot have row-level BEFORE or AFTER triggers.");
                if ((s.events() & TriggerInfo.TRIGGER_TYPE_TRUNCATE) != 0)
                    throw wrongType(rel, "view", "Views cannot have TRUNCATE triggers.");
            }
            default -> throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table or view");
        }
    }

    private static PgException wrongType(Relation rel, String kind, String detail) {
        return PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is a " + kind).withDetail(detail);
    }

    /** CreateTrigger's REFERENCING checks; returns {oldtablename, newtablename}. */
    private static String[] checkTransitions(Relation rel, Stmt.CreateTrigStmt s, int tgtype, Catalog catalog) {
        String oldName = null, newName = null;
        for (Stmt.TriggerTransition tt : s.transitionRels()) {
            if (!tt.isTable()) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "ROW variable naming in the REFERENCING clause is not supported")
                        .withHint("Use OLD TABLE or NEW TABLE for naming transition tables.");
            }
            if (rel.relkind() == 'v') throw wrongType(rel, "view", "Triggers on views cannot have transition tables.");
            if ((tgtype & TriggerInfo.TRIGGER_TYPE_ROW) != 0 && !catalog.inheritanceParents(rel.oid()).isEmpty()) {
                Relation parent = catalog.openRelation(catalog.inheritanceParents(rel.oid()).get(0));
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, parent != null && parent.relkind() == 'p'
                        ? "ROW triggers with transition tables are not supported on partitions"
                        : "ROW triggers with transition tables are not supported on inheritance children");
            }
            if (s.timing() != 0) {
                throw PgException.error("42P17", "transition table name can only be specified for an AFTER trigger");
            }
            if ((tgtype & TriggerInfo.TRIGGER_TYPE_TRUNCATE) != 0) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "TRUNCATE triggers with transition tables are not supported");
            }
            int n = ((tgtype & TriggerInfo.TRIGGER_TYPE_INSERT) != 0 ? 1 : 0) + ((tgtype & TriggerInfo.TRIGGER_TYPE_UPDATE) != 0 ? 1 : 0)
                    + ((tgtype & TriggerInfo.TRIGGER_TYPE_DELETE) != 0 ? 1 : 0);
            if (n != 1) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "transition tables cannot be specified for triggers with more than one event");
            }
            if (!s.columns().isEmpty()) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "transition tables cannot be specified for triggers with column lists");
            }
            if (tt.isNew()) {
                if ((tgtype & (TriggerInfo.TRIGGER_TYPE_INSERT | TriggerInfo.TRIGGER_TYPE_UPDATE)) == 0)
                    throw PgException.error("42P17", "NEW TABLE can only be specified for an INSERT or UPDATE trigger");
                if (newName != null) throw PgException.error("42P17", "NEW TABLE cannot be specified multiple times");
                newName = tt.name();
            } else {
                if ((tgtype & (TriggerInfo.TRIGGER_TYPE_DELETE | TriggerInfo.TRIGGER_TYPE_UPDATE)) == 0)
                    throw PgException.error("42P17", "OLD TABLE can only be specified for a DELETE or UPDATE trigger");
                if (oldName != null) throw PgException.error("42P17", "OLD TABLE cannot be specified multiple times");
                oldName = tt.name();
            }
        }
        if (newName != null && newName.equals(oldName)) {
            throw PgException.error("42P17", "OLD TABLE name and NEW TABLE name cannot be the same");
        }
        return new String[] {oldName, newName};
    }

    /** LookupFuncName(funcname, 0 arguments) and the "must return type trigger" check. */
    private static int lookupFunction(List<String> funcname, Catalog catalog) {
        String schema = funcname.size() > 1 ? funcname.get(funcname.size() - 2) : null;
        String name = funcname.get(funcname.size() - 1);
        String shown = String.join(".", funcname);
        int oid = 0, rettype = 0;
        for (SqlFunction f : catalog.functions().candidates(schema, name)) {
            if (f.argTypes().isEmpty()) {
                oid = f.oid();
                rettype = f.resultType();
                break;
            }
        }
        if (oid == 0 && (schema == null || schema.equals("pg_catalog"))) {
            for (PgProc p : BuiltinCatalog.functions(name)) {
                if (p.argTypes().isEmpty()) {
                    oid = p.oid();
                    rettype = p.resultType();
                }
            }
        }
        if (oid == 0) throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function " + shown + "() does not exist");
        if (rettype != TypeOids.TRIGGER) {
            throw PgException.error("42P17", "function " + shown + " must return type trigger");
        }
        return oid;
    }

    /** The UPDATE OF columns as attnums: 42703 for an unknown one, 42701 for one named twice. */
    private static short[] columns(Relation rel, List<String> names) {
        short[] out = new short[names.size()];
        for (int i = 0; i < names.size(); i++) {
            int attnum = attnumByName(rel, names.get(i));
            if (attnum == 0) {
                throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + names.get(i) + "\" of relation \""
                        + rel.name() + "\" does not exist");
            }
            for (int j = 0; j < i; j++) {
                if (out[j] == attnum) throw PgException.error("42701", "column \"" + names.get(i) + "\" specified more than once");
            }
            out[i] = (short) attnum;
        }
        return out;
    }

    private static Relation openTable(Stmt.RangeVar rv, int lockMode, Catalog catalog) {
        Relation rel = catalog.openRelation(rv.schema(), rv.name(), lockMode);
        if (rel == null) {
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
        }
        return rel;
    }

    /** DROP TRIGGER (RemoveObjects for OBJECT_TRIGGER): the table must exist, the trigger unless IF EXISTS. */
    public static void drop(Stmt.DropTriggerStmt s, ExecEnvironment env, Consumer<String> notices) {
        Catalog catalog = env.catalog();
        Relation rel = catalog.openRelation(s.relation().schema(), s.relation().name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        String shown = s.relation().schema() == null ? s.relation().name() : s.relation().schema() + "." + s.relation().name();
        if (rel == null) {
            if (s.missingOk()) {
                notices.accept("relation \"" + shown + "\" does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
        }
        TriggerInfo t = catalog.triggers().byName(rel.oid(), s.name());
        if (t == null) {
            if (s.missingOk()) {
                notices.accept("trigger \"" + s.name() + "\" for relation \"" + shown + "\" does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "trigger \"" + s.name() + "\" for table \"" + rel.name()
                    + "\" does not exist");
        }
        if (t.parentid() != 0) {
            TriggerInfo parent = catalog.triggers().byOid(t.parentid());
            Relation prel = parent == null ? null : catalog.openRelation(parent.relid());
            throw PgException.error("2BP01", "cannot drop trigger " + t.name() + " on table " + rel.name()
                    + " because trigger " + t.name() + " on table " + (prel == null ? "?" : prel.name()) + " requires it")
                    .withHint("You can drop trigger " + t.name() + " on table " + (prel == null ? "?" : prel.name()) + " instead.");
        }
        dropWithClones(t, s.cascade(), catalog);
    }

    /** A partitioned table's trigger goes with its clones on the partitions (their PARTITION dependency). */
    private static void dropWithClones(TriggerInfo t, boolean cascade, Catalog catalog) {
        for (int child : catalog.inheritanceChildren(t.relid())) {
            TriggerInfo clone = catalog.triggers().byName(child, t.name());
            if (clone != null && clone.parentid() == t.oid()) dropWithClones(clone, cascade, catalog);
        }
        catalog.triggers().drop(t, cascade);
    }

    /** renametrig: 42710 if the new name is taken on the table, 42704 if the trigger does not exist. */
    public static void rename(Stmt.RenameTriggerStmt s, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        Relation rel = openTable(s.relation(), RelationLocks.ACCESS_EXCLUSIVE_LOCK, catalog);
        if (rel.relkind() != 'r' && rel.relkind() != 'p' && rel.relkind() != 'v') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table, view, or foreign table");
        }
        TriggerInfo t = catalog.triggers().byName(rel.oid(), s.name());
        if (t == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "trigger \"" + s.name() + "\" for table \"" + rel.name()
                    + "\" does not exist");
        }
        if (t.parentid() != 0) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot rename trigger \"" + t.name() + "\" on table \""
                    + rel.name() + "\"").withHint("Rename the trigger on the partitioned table \""
                    + catalog.openRelation(catalog.inheritanceParents(rel.oid()).get(0)).name() + "\" instead.");
        }
        if (catalog.triggers().byName(rel.oid(), s.newName()) != null) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "trigger \"" + s.newName() + "\" for relation \""
                    + rel.name() + "\" already exists");
        }
        renameWithClones(t, s.newName(), catalog);
    }

    private static void renameWithClones(TriggerInfo t, String newName, Catalog catalog) {
        for (int child : catalog.inheritanceChildren(t.relid())) {
            for (TriggerInfo c : catalog.triggers().ofRelation(child)) {
                if (c.parentid() == t.oid()) renameWithClones(c, newName, catalog);
            }
        }
        catalog.triggers().update(t.withName(newName));
    }

    /**
     * EnableDisableTrigger: sets tgenabled of the named trigger, or of all (ALL) or the
     * non-internal (USER) ones; recurses to partitions' clones.
     */
    public static void enableDisable(Relation rel, Stmt.AlterTableCmd.EnableTrigger e, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        List<TriggerInfo> targets = new ArrayList<>();
        boolean found = false;
        for (TriggerInfo t : catalog.triggers().ofRelation(rel.oid())) {
            if (e.name() != null) {
                if (!t.name().equals(e.name())) continue;
                found = true;
            } else if (e.userOnly() && t.internal()) {
                continue;
            }
            targets.add(t);
        }
        if (e.name() != null && !found) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "trigger \"" + e.name() + "\" for table \"" + rel.name()
                    + "\" does not exist");
        }
        for (TriggerInfo t : targets) setEnabled(t, e.fires(), catalog);
    }

    private static void setEnabled(TriggerInfo t, char fires, Catalog catalog) {
        if (t.enabled() != fires) catalog.triggers().update(t.withEnabled(fires));
        for (int child : catalog.inheritanceChildren(t.relid())) {
            for (TriggerInfo c : catalog.triggers().ofRelation(child)) {
                if (c.parentid() == t.oid()) setEnabled(c, fires, catalog);
            }
        }
    }
}
