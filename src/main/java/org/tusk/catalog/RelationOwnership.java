package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_TYPE;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Who owns a relation, and which column owns a sequence: the catalog side of ALTER ... OWNER TO
 * on relations (tablecmds.c ATExecChangeOwner) and of OWNED BY (sequence.c process_owned_by).
 *
 * <p>A relation's owner is pg_class.relowner. Changing it also rewrites relacl as aclnewowner
 * does (every item naming the old owner, as grantee or grantor, names the new one; items that
 * then duplicate merge), gives the relation's row type (and its array type) the same owner, and
 * recurses, as ATExecChangeOwner does, to the table's indexes, its TOAST table and index, and the
 * sequences its columns own.
 *
 * <p>A sequence owned by a column is recorded in pg_depend as PostgreSQL records it: depender the
 * sequence (pg_class, objsubid 0), referenced the column (pg_class, the table, attnum), deptype
 * AUTO ('a') for serial columns and OWNED BY, INTERNAL ('i') for identity columns. DROP TABLE and
 * DROP COLUMN then take the sequence with them through {@link Dependencies#performDeletion}, and
 * pg_get_serial_sequence, psql's "Owned by:" and pg_dump find it with the same rows.
 *
 * <p>Locking: callers hold AccessExclusiveLock on the relation (and on the table named in
 * OWNED BY); the rows are read with the catalog snapshot and every change registers a relcache
 * invalidation of the relation it touches.
 */
public final class RelationOwnership {
    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Dependencies dependencies;

    RelationOwnership(CatalogEnv env, CatalogWriter writer, Dependencies dependencies) {
        this.env = env;
        this.writer = writer;
        this.dependencies = dependencies;
    }

    /** The column that owns a sequence: its table's OID, its attnum, and whether it is an identity column's. */
    public record OwningColumn(int tableOid, int attnum, boolean identity) {}

    /** The column owning sequence {@code seqOid} (an AUTO or INTERNAL dependency on a column), or null. */
    public OwningColumn owningColumn(int seqOid) {
        for (Dependencies.Dependency d : dependencies.dependenciesOf(ObjectAddress.relation(seqOid))) {
            if (isOwnership(d)) {
                return new OwningColumn(d.referenced().objectId(), d.referenced().objectSubId(),
                        d.type() == DependencyType.INTERNAL);
            }
        }
        return null;
    }

    /** The sequences owned by columns of {@code tableOid} (attnum 0: any column). */
    public List<Integer> ownedSequences(int tableOid, int attnum) {
        List<Integer> out = new ArrayList<>();
        for (Dependencies.Dependency d : dependencies.dependentsOf(new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, tableOid, attnum))) {
            if (isOwnership(d) && relkind(d.depender().objectId()) == 'S') out.add(d.depender().objectId());
        }
        return out;
    }

    /**
     * Makes column {@code attnum} of {@code tableOid} the owner of {@code seqOid}, replacing any
     * earlier owner (markSequenceUnowned, then the new dependency); {@code tableOid} 0 leaves the
     * sequence unowned (OWNED BY NONE).
     */
    public void setOwningColumn(int seqOid, int tableOid, int attnum, boolean identity) {
        ObjectAddress seq = ObjectAddress.relation(seqOid);
        writer.delete(SystemCatalogs.PG_DEPEND, v -> oid(SystemCatalogs.PG_DEPEND.get(v, "classid")) == ObjectAddress.RELATION_RELATION_ID
                && oid(SystemCatalogs.PG_DEPEND.get(v, "objid")) == seqOid
                && oid(SystemCatalogs.PG_DEPEND.get(v, "refclassid")) == ObjectAddress.RELATION_RELATION_ID
                && "ai".contains((String) SystemCatalogs.PG_DEPEND.get(v, "deptype")));
        if (tableOid != 0) {
            dependencies.recordDependencyOn(seq, new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, tableOid, attnum),
                    identity ? DependencyType.INTERNAL : DependencyType.AUTO);
        }
        env.inval().registerRelcacheInval(seqOid);
        // an identity column's default is computed from this row (HeapCatalog.columnDefaults)
        if (tableOid != 0) env.inval().registerRelcacheInval(tableOid);
        env.commandCounterIncrement().run();
    }

    /**
     * recordDependencyOnExpr for the default of column {@code attnum} of {@code relOid}: the
     * default depends AUTO on its column and NORMAL on each relation in {@code referenced} (the
     * relations its expression names, such as a sequence given to nextval). Nothing is recorded
     * when the column has no default.
     */
    public void recordDefaultDependencies(int relOid, int attnum, java.util.Collection<Integer> referenced) {
        int attrdef = AttrDefaults.oidOf(writer, relOid, attnum);
        if (attrdef == 0 || referenced.isEmpty()) return;
        ObjectAddress def = new ObjectAddress(AttrDefaults.ATTRDEF_RELATION_ID, attrdef, 0);
        dependencies.recordDependencyOn(def, new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, relOid, attnum),
                DependencyType.AUTO);
        for (int r : new java.util.LinkedHashSet<>(referenced)) {
            if (r != relOid) dependencies.recordDependencyOn(def, ObjectAddress.relation(r), DependencyType.NORMAL);
        }
        env.commandCounterIncrement().run();
    }

    /**
     * ATExecChangeOwner's catalog part for {@code relOid} and everything that goes with it. The
     * caller has checked the privileges and that the owner changes.
     */
    public void setOwner(int relOid, int newOwner) {
        List<Integer> all = new ArrayList<>();
        all.add(relOid);
        all.addAll(env.relcache().indexOids(relOid));
        var rel = env.relcache().byOid(relOid);
        if (rel != null && rel.toastRelid() != 0) {
            all.add(rel.toastRelid());
            all.addAll(env.relcache().indexOids(rel.toastRelid()));
        }
        all.addAll(ownedSequences(relOid, 0));
        for (int oid : all) setOwnerOfOne(oid, newOwner);
        env.commandCounterIncrement().run();
    }

    private void setOwnerOfOne(int relOid, int newOwner) {
        List<TupleSlot> rows = writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", relOid));
        if (rows.isEmpty()) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for relation " + Integer.toUnsignedString(relOid));
        }
        Object[] v = rows.get(0).values().clone();
        int oldOwner = oid(PG_CLASS.get(v, "relowner"));
        PG_CLASS.set(v, "relowner", newOwner);
        int[] acl = (int[]) PG_CLASS.get(v, "relacl");
        if (acl != null) PG_CLASS.set(v, "relacl", Acl.newOwner(acl, oldOwner, newOwner));
        writer.update(PG_CLASS, rows.get(0), v);
        int reltype = oid(PG_CLASS.get(v, "reltype"));
        if (reltype != 0) setTypeOwner(reltype, newOwner);
        env.inval().registerRelcacheInval(relOid);
    }

    /** AlterTypeOwnerInternal: the row type and its array type. */
    private void setTypeOwner(int typeOid, int newOwner) {
        for (TupleSlot s : writer.find(PG_TYPE, v -> oid(PG_TYPE.get(v, "oid")) == typeOid
                || oid(PG_TYPE.get(v, "typelem")) == typeOid && ((String) PG_TYPE.get(v, "typname")).startsWith("_"))) {
            Object[] v = s.values().clone();
            PG_TYPE.set(v, "typowner", newOwner);
            writer.update(PG_TYPE, s, v);
        }
        env.inval().registerRelcacheInval(PG_TYPE.oid());
    }

    private char relkind(int relOid) {
        List<TupleSlot> rows = writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", relOid));
        return rows.isEmpty() ? 0 : ((String) PG_CLASS.get(rows.get(0).values(), "relkind")).charAt(0);
    }

    private static boolean isOwnership(Dependencies.Dependency d) {
        return d.depender().classId() == ObjectAddress.RELATION_RELATION_ID && d.depender().objectSubId() == 0
                && d.referenced().classId() == ObjectAddress.RELATION_RELATION_ID && d.referenced().objectSubId() != 0
                && (d.type() == DependencyType.AUTO || d.type() == DependencyType.INTERNAL);
    }
}
