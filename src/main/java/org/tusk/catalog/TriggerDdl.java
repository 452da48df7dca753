package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_CONSTRAINT;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;
import static org.tusk.catalog.SystemCatalogs.PG_TRIGGER;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.access.table.TupleSlot;

/**
 * The pg_trigger catalog (PostgreSQL's commands/trigger.c CreateTrigger's catalog part,
 * RemoveTriggerById, renametrig, EnableDisableTrigger, and relcache.c RelationBuildTriggers):
 * rows are inserted, changed and deleted here, in the current transaction, and every change
 * sends a relcache invalidation for the trigger's table, which is how other backends learn of
 * it (their relcache forgets the table's trigger list and reads pg_trigger again).
 *
 * <p>Dependencies are PostgreSQL's: a trigger depends AUTOmatically on its table (and on the
 * FROM table of a constraint trigger), so dropping the table drops it silently; NORMALly on its
 * function when that has a pg_proc row (built-in functions are pinned, as in PostgreSQL); and on
 * each UPDATE OF column. A constraint trigger's pg_constraint row (contype 't') depends
 * INTERNALly on the trigger.
 *
 * <p>Locking: the caller holds ShareRowExclusiveLock on the table (AccessExclusiveLock for
 * DROP TRIGGER), so the table's trigger set cannot change under it.
 */
public final class TriggerDdl {
    /** TriggerRelationId. */
    public static final int TRIGGER_RELATION_ID = 2620;
    /** ProcedureRelationId. */
    static final int PROCEDURE_RELATION_ID = 1255;
    /** ConstraintRelationId. */
    static final int CONSTRAINT_RELATION_ID = 2606;

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Dependencies dependencies;

    TriggerDdl(CatalogEnv env, CatalogWriter writer, Dependencies dependencies) {
        this.env = env;
        this.writer = writer;
        this.dependencies = dependencies;
        dependencies.registerObjectClass(TRIGGER_RELATION_ID, new Dependencies.ObjectClass() {
            @Override public String describe(ObjectAddress o) {
                TriggerInfo t = byOid(o.objectId());
                if (t == null) return null;
                return "trigger " + t.name() + " on " + dependencies.describe(ObjectAddress.relation(t.relid()));
            }
            @Override public void drop(ObjectAddress o) { remove(o.objectId()); }
        });
    }

    /** RelationBuildTriggers: the triggers of table {@code relOid}, in name order (the order they fire in). */
    public List<TriggerInfo> ofRelation(int relOid) {
        List<TriggerInfo> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_TRIGGER, CatalogScan.key(PG_TRIGGER, "tgrelid", relOid))) out.add(fromRow(s.values()));
        out.sort(Comparator.comparing(TriggerInfo::name));
        return out;
    }

    /** The trigger with OID {@code oid}, or null. */
    public TriggerInfo byOid(int oid) {
        for (TupleSlot s : writer.find(PG_TRIGGER, CatalogScan.key(PG_TRIGGER, "oid", oid))) return fromRow(s.values());
        return null;
    }

    /** The trigger named {@code name} on table {@code relOid}, or null (get_trigger_oid). */
    public TriggerInfo byName(int relOid, String name) {
        for (TupleSlot s : writer.find(PG_TRIGGER, CatalogScan.key(PG_TRIGGER, "tgrelid", relOid), v -> name.equals(PG_TRIGGER.get(v, "tgname")))) return fromRow(s.values());
        return null;
    }

    /**
     * CreateTrigger's catalog part: the pg_trigger row of {@code t} (OID assigned here), relhastriggers,
     * the dependencies and, for a constraint trigger ({@code t.constraint()} = -1 asks for one), its
     * pg_constraint row named like the trigger in namespace {@code namespace}. Returns the new OID.
     */
    public int create(TriggerInfo t, int namespace) {
        int oid = writer.newOid(PG_TRIGGER, "oid");
        int constraintOid = 0;
        if (t.constraint() == -1) {
            constraintOid = writer.newOid(PG_CONSTRAINT, "oid");
            ConstraintInfo c = new ConstraintInfo(constraintOid, t.name(), namespace, 't', t.relid(), null, 0, 0, null,
                    ' ', ' ', ' ', t.deferrable(), t.initdeferred(), true, true, null);
            writer.insert(PG_CONSTRAINT, CatalogRows.constraintRow(c));
        }
        TriggerInfo row = new TriggerInfo(oid, t.relid(), t.parentid(), t.name(), t.fnoid(), t.type(), t.enabled(),
                t.internal(), t.constrrelid(), t.constrindid(), constraintOid, t.deferrable(), t.initdeferred(), t.attrs(),
                t.args(), t.qual(), t.oldTable(), t.newTable());
        writer.insert(PG_TRIGGER, toRow(row));
        setHasTriggers(t.relid());
        ObjectAddress myself = new ObjectAddress(TRIGGER_RELATION_ID, oid, 0);
        recordDependencies(myself, row);
        if (constraintOid != 0) {
            dependencies.recordDependencyOn(new ObjectAddress(CONSTRAINT_RELATION_ID, constraintOid, 0), myself,
                    DependencyType.INTERNAL);
        }
        changed(t.relid());
        return oid;
    }

    /**
     * CREATE OR REPLACE TRIGGER over an existing trigger {@code old}: its row takes the new
     * definition, keeping OID and name, and its dependencies are recorded afresh.
     */
    public void replace(TriggerInfo old, TriggerInfo t) {
        TriggerInfo row = new TriggerInfo(old.oid(), t.relid(), t.parentid(), old.name(), t.fnoid(), t.type(), t.enabled(),
                t.internal(), t.constrrelid(), t.constrindid(), 0, t.deferrable(), t.initdeferred(), t.attrs(), t.args(),
                t.qual(), t.oldTable(), t.newTable());
        ObjectAddress myself = new ObjectAddress(TRIGGER_RELATION_ID, old.oid(), 0);
        for (TupleSlot s : writer.find(PG_TRIGGER, CatalogScan.key(PG_TRIGGER, "oid", old.oid()))) {
            writer.update(PG_TRIGGER, s, toRow(row));
        }
        dependencies.deleteDependencyRecordsFor(myself);
        recordDependencies(myself, row);
        changed(t.relid());
    }

    /** Rewrites the row of {@code t} (renametrig, EnableDisableTrigger). */
    public void update(TriggerInfo t) {
        for (TupleSlot s : writer.find(PG_TRIGGER, CatalogScan.key(PG_TRIGGER, "oid", t.oid()))) {
            writer.update(PG_TRIGGER, s, toRow(t));
        }
        changed(t.relid());
    }

    /** RemoveTriggerById: the row, its constraint row, its dependencies. */
    private void remove(int oid) {
        TriggerInfo t = byOid(oid);
        if (t == null) return;
        writer.delete(PG_TRIGGER, v -> oid(PG_TRIGGER.get(v, "oid")) == oid);
        dependencies.deleteDependencyRecordsFor(new ObjectAddress(TRIGGER_RELATION_ID, oid, 0));
        if (t.constraint() != 0) {
            writer.delete(PG_CONSTRAINT, v -> oid(PG_CONSTRAINT.get(v, "oid")) == t.constraint());
            dependencies.deleteDependencyRecordsFor(new ObjectAddress(CONSTRAINT_RELATION_ID, t.constraint(), 0));
        }
        changed(t.relid());
    }

    /** pg_proc.prolang of function {@code fnOid}, or 0 if it has no pg_proc row (a built-in function). */
    public int functionLanguage(int fnOid) {
        for (TupleSlot s : writer.find(PG_PROC, CatalogScan.key(PG_PROC, "oid", fnOid))) return oid(PG_PROC.get(s.values(), "prolang"));
        return 0;
    }

    /** DROP TRIGGER: performDeletion of the trigger (its dependents, if any, by {@code cascade}). */
    public void drop(TriggerInfo t, boolean cascade) {
        dependencies.performDeletion(List.of(new ObjectAddress(TRIGGER_RELATION_ID, t.oid(), 0)), cascade);
    }

    private void recordDependencies(ObjectAddress myself, TriggerInfo t) {
        int fn = t.fnoid();
        if (!writer.find(PG_PROC, CatalogScan.key(PG_PROC, "oid", fn)).isEmpty()) {
            dependencies.recordDependencyOn(myself, new ObjectAddress(PROCEDURE_RELATION_ID, fn, 0), DependencyType.NORMAL);
        }
        dependencies.recordDependencyOn(myself, ObjectAddress.relation(t.relid()), DependencyType.AUTO);
        if (t.constrrelid() != 0) {
            dependencies.recordDependencyOn(myself, ObjectAddress.relation(t.constrrelid()), DependencyType.AUTO);
        }
        for (short a : t.attrs()) {
            dependencies.recordDependencyOn(myself, new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, t.relid(), a),
                    DependencyType.NORMAL);
        }
    }

    /** CreateTrigger sets relhastriggers (it is never cleared: "has or once had"). */
    private void setHasTriggers(int relOid) {
        for (TupleSlot s : writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", relOid))) {
            if (Boolean.TRUE.equals(PG_CLASS.get(s.values(), "relhastriggers"))) continue;
            Object[] v = s.values().clone();
            PG_CLASS.set(v, "relhastriggers", true);
            writer.update(PG_CLASS, s, v);
        }
    }

    private void changed(int relOid) {
        env.inval().registerRelcacheInval(relOid);
        env.commandCounterIncrement().run();
    }

    private static Object[] toRow(TriggerInfo t) {
        SystemCatalog c = PG_TRIGGER;
        Object[] r = c.newRow();
        c.set(r, "oid", t.oid());
        c.set(r, "tgrelid", t.relid());
        c.set(r, "tgparentid", t.parentid());
        c.set(r, "tgname", t.name());
        c.set(r, "tgfoid", t.fnoid());
        c.set(r, "tgtype", (short) t.type());
        c.set(r, "tgenabled", String.valueOf(t.enabled()));
        c.set(r, "tgisinternal", t.internal());
        c.set(r, "tgconstrrelid", t.constrrelid());
        c.set(r, "tgconstrindid", t.constrindid());
        c.set(r, "tgconstraint", t.constraint());
        c.set(r, "tgdeferrable", t.deferrable());
        c.set(r, "tginitdeferred", t.initdeferred());
        c.set(r, "tgnargs", (short) t.args().size());
        c.set(r, "tgattr", t.attrs());
        c.set(r, "tgargs", encodeArgs(t.args()));
        if (t.qual() != null) c.set(r, "tgqual", t.qual());
        if (t.oldTable() != null) c.set(r, "tgoldtable", t.oldTable());
        if (t.newTable() != null) c.set(r, "tgnewtable", t.newTable());
        return r;
    }

    /** tgargs as CreateTrigger stores it: each argument's bytes followed by a NUL byte. */
    static byte[] encodeArgs(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String a : args) {
            out.writeBytes(a.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /** The arguments of a tgargs value (RelationBuildTriggers' split at the NUL bytes). */
    public static List<String> decodeArgs(byte[] b, int nargs) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length && out.size() < nargs; i++) {
            if (b[i] == 0) {
                out.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }

    private static TriggerInfo fromRow(Object[] v) {
        SystemCatalog c = PG_TRIGGER;
        short[] attrs = (short[]) c.get(v, "tgattr");
        return new TriggerInfo(oid(c.get(v, "oid")), oid(c.get(v, "tgrelid")), oid(c.get(v, "tgparentid")),
                (String) c.get(v, "tgname"), oid(c.get(v, "tgfoid")), (Short) c.get(v, "tgtype"),
                ((String) c.get(v, "tgenabled")).charAt(0), (Boolean) c.get(v, "tgisinternal"),
                oid(c.get(v, "tgconstrrelid")), oid(c.get(v, "tgconstrindid")), oid(c.get(v, "tgconstraint")),
                (Boolean) c.get(v, "tgdeferrable"), (Boolean) c.get(v, "tginitdeferred"),
                attrs == null ? new short[0] : attrs, decodeArgs((byte[]) c.get(v, "tgargs"), (Short) c.get(v, "tgnargs")),
                (String) c.get(v, "tgqual"), (String) c.get(v, "tgoldtable"), (String) c.get(v, "tgnewtable"));
    }
}
