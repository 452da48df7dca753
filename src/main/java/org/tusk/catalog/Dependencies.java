package org.tusk.catalog;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_DEPEND;

/**
 * Dependencies between database objects (PostgreSQL's pg_depend.c and dependency.c): rows of
 * pg_depend are recorded when an object is created ({@link #recordDependencyOn}), and DROP goes
 * through {@link #performDeletion}, which finds every object that depends on the targets,
 * refuses (2BP01) when some depend normally and CASCADE was not given, and otherwise deletes them
 * all, dependents first.
 *
 * <p>How an object of a given catalog is described and removed is registered per catalog
 * ({@link #registerObjectClass}): {@link HeapCatalog} registers pg_class (tables, views, indexes,
 * sequences) and pg_rewrite (view rules); other object kinds register their own.
 *
 * <p>The walk follows findDependentObjects: an object that depends INTERNALly on another (a
 * view's rule on its view) stands for its owner, so a table used by a view reports "view v
 * depends on table t" and CASCADE drops the view, not just the rule. The deletion order is
 * post-order (dependents before what they depend on), and messages list the objects in the
 * reverse of that order, as reportDependentObjects does.
 *
 * <p>Locking: the caller holds AccessExclusiveLock on the targets; each pg_class object found
 * on the way is locked the same way before it is deleted (AcquireDeletionLock). Rows are read
 * with the catalog snapshot, after a CommandCounterIncrement of every earlier change.
 */
public final class Dependencies {
    /** How one kind of object (one catalog) is described in messages and deleted. */
    public interface ObjectClass {
        /** getObjectDescription, e.g. "table t", "view v"; null if the object no longer exists. */
        String describe(ObjectAddress object);

        /** doDeletion: removes the object's catalog rows (not its pg_depend rows) and anything it owns outright. */
        void drop(ObjectAddress object);

        /** AcquireDeletionLock; nothing by default. */
        default void lock(ObjectAddress object) {}
    }

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Map<Integer, ObjectClass> classes = new HashMap<>();

    Dependencies(CatalogEnv env, CatalogWriter writer) {
        this.env = env;
        this.writer = writer;
    }

    /** Registers how objects of catalog {@code classId} are described and dropped. */
    public void registerObjectClass(int classId, ObjectClass handler) {
        classes.put(classId, handler);
    }

    /** recordDependencyOn: {@code depender} depends on {@code referenced} with {@code type}. */
    public void recordDependencyOn(ObjectAddress depender, ObjectAddress referenced, DependencyType type) {
        Object[] row = PG_DEPEND.newRow();
        PG_DEPEND.set(row, "classid", depender.classId());
        PG_DEPEND.set(row, "objid", depender.objectId());
        PG_DEPEND.set(row, "objsubid", depender.objectSubId());
        PG_DEPEND.set(row, "refclassid", referenced.classId());
        PG_DEPEND.set(row, "refobjid", referenced.objectId());
        PG_DEPEND.set(row, "refobjsubid", referenced.objectSubId());
        PG_DEPEND.set(row, "deptype", String.valueOf(type.code()));
        writer.insert(PG_DEPEND, row);
    }

    /** deleteDependencyRecordsFor: removes the rows in which {@code object} (any sub-object of it) is the depender. */
    public int deleteDependencyRecordsFor(ObjectAddress object) {
        return writer.delete(PG_DEPEND, v -> oid(PG_DEPEND.get(v, "classid")) == object.classId()
                && oid(PG_DEPEND.get(v, "objid")) == object.objectId());
    }

    /** One pg_depend row. */
    public record Dependency(ObjectAddress depender, ObjectAddress referenced, DependencyType type) {}

    /** The rows whose referenced object is {@code object} (every sub-object of it when its objectSubId is 0). */
    public List<Dependency> dependentsOf(ObjectAddress object) {
        List<Dependency> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_DEPEND, CatalogScan.key(PG_DEPEND, "refclassid", object.classId()), v -> oid(PG_DEPEND.get(v, "refobjid")) == object.objectId()
                && (object.objectSubId() == 0 || (Integer) PG_DEPEND.get(v, "refobjsubid") == object.objectSubId()))) {
            out.add(dependency(s.values()));
        }
        return out;
    }

    /** The rows whose depender is {@code object}. */
    public List<Dependency> dependenciesOf(ObjectAddress object) {
        List<Dependency> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_DEPEND, CatalogScan.key(PG_DEPEND, "classid", object.classId()), v -> oid(PG_DEPEND.get(v, "objid")) == object.objectId())) {
            out.add(dependency(s.values()));
        }
        return out;
    }

    private static Dependency dependency(Object[] v) {
        return new Dependency(new ObjectAddress(oid(PG_DEPEND.get(v, "classid")), oid(PG_DEPEND.get(v, "objid")),
                (Integer) PG_DEPEND.get(v, "objsubid")),
                new ObjectAddress(oid(PG_DEPEND.get(v, "refclassid")), oid(PG_DEPEND.get(v, "refobjid")),
                        (Integer) PG_DEPEND.get(v, "refobjsubid")),
                DependencyType.of(((String) PG_DEPEND.get(v, "deptype")).charAt(0)));
    }

    /** An object the walk reached: from which object, and whether through a NORMAL dependency. */
    private record Found(ObjectAddress object, ObjectAddress from, boolean normal) {}

    /**
     * performMultipleDeletions: drops {@code targets} and everything that depends on them.
     * Without {@code cascade}, an object depending normally on a target (and not itself a target)
     * is an error (2BP01, with one DETAIL line per dependency and PostgreSQL's HINT); with it, a
     * NOTICE lists what is dropped besides the targets.
     */
    public void performDeletion(List<ObjectAddress> targets, boolean cascade) {
        performDeletion(targets, cascade, false);
    }

    /** performDeletion with PERFORM_DELETION_QUIETLY when {@code quiet}: no "drop cascades to" NOTICE. */
    public void performDeletion(List<ObjectAddress> targets, boolean cascade, boolean quiet) {
        Set<ObjectAddress> targetSet = new HashSet<>();
        for (ObjectAddress t : targets) targetSet.add(target(t));
        List<Found> order = new ArrayList<>();
        Set<ObjectAddress> seen = new HashSet<>();
        Set<ObjectAddress> reachedFreely = new HashSet<>();
        for (ObjectAddress t : targets) find(target(t), null, false, seen, reachedFreely, order);
        dropSubsumedColumns(order);

        List<String> lines = new ArrayList<>();
        boolean blocked = false;
        for (int i = order.size() - 1; i >= 0; i--) {
            Found f = order.get(i);
            // reached through an AUTO or INTERNAL dependency on any path: RESTRICT allows it (reportDependentObjects)
            if (targetSet.contains(f.object()) || !f.normal() || reachedFreely.contains(f.object())) continue;
            if (cascade) {
                lines.add("drop cascades to " + describe(f.object()));
            } else {
                lines.add(describe(f.object()) + " depends on " + describe(f.from()));
                blocked = true;
            }
        }
        if (blocked) {
            String msg = targets.size() == 1
                    ? "cannot drop " + describe(target(targets.get(0))) + " because other objects depend on it"
                    : "cannot drop desired object(s) because other objects depend on them";
            throw new PgException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST, msg, String.join("\n", lines),
                    "Use DROP ... CASCADE to drop the dependent objects too.", 0);
        }
        if (quiet) {
            // RemoveTempRelations: nobody asked for this drop, so nobody is told
        } else if (lines.size() == 1) {
            env.notices().accept(new PgException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, lines.get(0), null, null, 0));
        } else if (lines.size() > 1) {
            env.notices().accept(new PgException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "drop cascades to " + lines.size() + " other objects", String.join("\n", lines), null, 0));
        }
        for (Found f : order) {
            ObjectClass c = handler(f.object());
            c.drop(f.object());
            ObjectAddress o = f.object();
            if (o.objectSubId() != 0) {
                // a column: only the rows naming that very sub-object go (the table's own stay)
                writer.delete(PG_DEPEND, v -> matches(v, "classid", "objid", "objsubid", o)
                        || matches(v, "refclassid", "refobjid", "refobjsubid", o));
            } else {
                deleteDependencyRecordsFor(o);
                // the rows of its own sub-objects on it (a partition key column's INTERNAL row) went just now
                writer.delete(PG_DEPEND, v -> oid(PG_DEPEND.get(v, "refclassid")) == o.classId()
                        && oid(PG_DEPEND.get(v, "refobjid")) == o.objectId()
                        && !(oid(PG_DEPEND.get(v, "classid")) == o.classId() && oid(PG_DEPEND.get(v, "objid")) == o.objectId()));
            }
            // deleteOneObject's CommandCounterIncrement: later steps must not meet the deleted rows again.
            env.commandCounterIncrement().run();
        }
    }

    /**
     * findDependentObjects' sub-object rule: a column whose whole relation is dropped in the same
     * deletion is neither reported nor dropped on its own (DEPFLAG_SUBOBJECT); the relation's drop
     * takes it.
     */
    private static void dropSubsumedColumns(List<Found> order) {
        Set<ObjectAddress> wholes = new HashSet<>();
        for (Found f : order) if (f.object().objectSubId() == 0) wholes.add(f.object());
        order.removeIf(f -> f.object().objectSubId() != 0 && wholes.contains(f.object().whole()));
    }

    /**
     * A deletion target as the walk treats it: a column of a relation (ALTER TABLE DROP COLUMN's
     * target) stays a sub-object, so that only what depends on that column is found; any other
     * sub-object address stands for its whole object.
     */
    private static ObjectAddress target(ObjectAddress t) {
        return t.classId() == ObjectAddress.RELATION_RELATION_ID && t.objectSubId() > 0 ? t : t.whole();
    }

    private static boolean matches(Object[] v, String classCol, String objCol, String subCol, ObjectAddress o) {
        return oid(PG_DEPEND.get(v, classCol)) == o.classId() && oid(PG_DEPEND.get(v, objCol)) == o.objectId()
                && (Integer) PG_DEPEND.get(v, subCol) == o.objectSubId();
    }

    /** findDependentObjects: appends {@code object}'s dependents (through their owners), then the object itself. */
    private void find(ObjectAddress object, ObjectAddress from, boolean normal, Set<ObjectAddress> seen,
                      Set<ObjectAddress> reachedFreely, List<Found> order) {
        if (from != null && !normal) reachedFreely.add(object);
        if (!seen.add(object)) return;
        if (from != null) handler(object).lock(object);
        // findDependentObjects sorts the dependents by OID descending (object_address_comparator), so
        // that newer objects are deleted first and reported (in reverse) in creation order
        List<Dependency> dependents = new ArrayList<>(dependentsOf(object));
        dependents.sort((a, b) -> {
            int c = Integer.compareUnsigned(b.depender().objectId(), a.depender().objectId());
            if (c != 0) return c;
            c = Integer.compareUnsigned(a.depender().classId(), b.depender().classId());
            return c != 0 ? c : Integer.compare(a.depender().objectSubId(), b.depender().objectSubId());
        });
        for (Dependency d : dependents) {
            // a column depending on something (its type) is dropped alone, as ALTER TABLE DROP COLUMN would
            ObjectAddress dependent = target(d.depender());
            if (dependent.equals(object)) continue;
            if (d.type() == DependencyType.INTERNAL) {
                find(dependent, object, false, seen, reachedFreely, order);
                continue;
            }
            ObjectAddress owner = owner(dependent);
            if (owner.equals(object)) continue;
            find(owner, object, d.type() == DependencyType.NORMAL, seen, reachedFreely, order);
        }
        order.add(new Found(object, from, normal));
    }

    /** The object {@code object} is an internal part of (following INTERNAL dependencies), or itself. */
    private ObjectAddress owner(ObjectAddress object) {
        for (int depth = 0; depth < 16; depth++) {
            ObjectAddress next = null;
            for (Dependency d : dependenciesOf(object)) {
                if (d.type() == DependencyType.INTERNAL) next = d.referenced().whole();
            }
            if (next == null) return object;
            object = next;
        }
        return object;
    }

    /** Whether objects of catalog {@code classId} have a registered description. */
    public boolean describes(int classId) {
        return classes.containsKey(classId);
    }

    /** getObjectDescription with missing_ok: null when the object does not exist. */
    public String describeOrNull(ObjectAddress object) {
        return handler(object).describe(object);
    }

    /** getObjectDescription. */
    public String describe(ObjectAddress object) {
        String s = handler(object).describe(object);
        return s == null ? "object " + Integer.toUnsignedString(object.objectId()) + " of catalog "
                + Integer.toUnsignedString(object.classId()) : s;
    }

    private ObjectClass handler(ObjectAddress object) {
        ObjectClass c = classes.get(object.classId());
        if (c == null) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "unsupported object class: " + Integer.toUnsignedString(object.classId()));
        }
        return c;
    }
}
