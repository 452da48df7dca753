package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_DESCRIPTION;

import java.util.List;

import org.tusk.access.table.TupleSlot;

/**
 * pg_description's rows (PostgreSQL's commands/comment.c CreateComments, DeleteComments).
 * A comment is keyed by (objoid, classoid, objsubid); an object has at most one. Every change is
 * an ordinary transactional catalog update in the current command, followed by a
 * CommandCounterIncrement so the statement's later steps see it. The caller holds the lock that
 * protects the object itself (COMMENT ON takes ShareUpdateExclusiveLock on a relation, as
 * get_object_address does); pg_description rows themselves need no further lock, since only
 * the object's holder writes them.
 */
final class Comments {
    private final CatalogEnv env;
    private final CatalogWriter writer;

    Comments(CatalogEnv env, CatalogWriter writer) {
        this.env = env;
        this.writer = writer;
    }

    /** CreateComments: stores {@code comment}, replacing any earlier one; null or "" removes it. */
    void set(int objoid, int classoid, int objsubid, String comment) {
        List<TupleSlot> old = writer.find(PG_DESCRIPTION, v -> matches(v, objoid, classoid) && subid(v) == objsubid);
        boolean remove = comment == null || comment.isEmpty();
        if (!old.isEmpty()) {
            if (remove) {
                writer.delete(PG_DESCRIPTION, v -> matches(v, objoid, classoid) && subid(v) == objsubid);
            } else {
                Object[] v = old.get(0).values().clone();
                PG_DESCRIPTION.set(v, "description", comment);
                writer.update(PG_DESCRIPTION, old.get(0), v);
            }
        } else if (!remove) {
            Object[] row = PG_DESCRIPTION.newRow();
            PG_DESCRIPTION.set(row, "objoid", objoid);
            PG_DESCRIPTION.set(row, "classoid", classoid);
            PG_DESCRIPTION.set(row, "objsubid", objsubid);
            PG_DESCRIPTION.set(row, "description", comment);
            writer.insert(PG_DESCRIPTION, row);
        }
        env.commandCounterIncrement().run();
    }

    /** GetComment: the comment of the object, or null if it has none. */
    String get(int objoid, int classoid, int objsubid) {
        List<TupleSlot> found = writer.find(PG_DESCRIPTION, v -> matches(v, objoid, classoid) && subid(v) == objsubid);
        return found.isEmpty() ? null : (String) PG_DESCRIPTION.get(found.get(0).values(), "description");
    }

    /**
     * DeleteComments: the comments of an object being dropped; {@code objsubid} 0 removes those
     * of its columns too (a dropped table), a column number only that column's.
     */
    void delete(int objoid, int classoid, int objsubid) {
        writer.delete(PG_DESCRIPTION, v -> matches(v, objoid, classoid) && (objsubid == 0 || subid(v) == objsubid));
    }

    private static boolean matches(Object[] v, int objoid, int classoid) {
        return oid(PG_DESCRIPTION.get(v, "objoid")) == objoid && oid(PG_DESCRIPTION.get(v, "classoid")) == classoid;
    }

    private static int subid(Object[] v) {
        return (Integer) PG_DESCRIPTION.get(v, "objsubid");
    }
}
