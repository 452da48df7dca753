package org.tusk.catalog;

import org.tusk.access.common.Attribute;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.table.TupleSlot;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.cache.Relation;

import java.util.List;
import java.util.function.IntSupplier;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.*;

/**
 * toasting.c: gives a table that can hold values too long for a page its TOAST relation,
 * {@code pg_toast.pg_toast_<reloid>} (relkind 't', columns chunk_id oid, chunk_seq int4,
 * chunk_data bytea, all with storage 'p' so that the TOAST relation is never toasted itself),
 * with the unique B-tree index {@code pg_toast_<reloid>_index} on (chunk_id, chunk_seq), and
 * points the table's pg_class.reltoastrelid at it. The TOAST relation depends INTERNALly on its
 * table (pg_depend), so dropping the table drops it and its index too.
 *
 * <p>Called after CREATE TABLE and after ALTER TABLE ADD COLUMN (AlterTableCreateToastTable),
 * under the table's AccessExclusiveLock, with the new catalog rows visible (after a
 * CommandCounterIncrement).
 */
final class Toasting {
    /** PG_TOAST_NAMESPACE. */
    static final int PG_TOAST_NAMESPACE = 99;
    /** TOAST_TUPLE_THRESHOLD: a table whose widest possible row is shorter needs no TOAST relation. */
    private static final int TOAST_TUPLE_THRESHOLD = Relation.TOAST_TUPLE_TARGET;
    /** oid_ops and int4_ops (pg_opclass.dat), the index's operator classes. */
    private static final int OID_OPS = 1981, INT4_OPS = 1978;
    private static final int HEAP_TABLE_AM_OID = 2;

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Dependencies dependencies;
    private final IntSupplier newRelFileNumber;
    private final HeapCatalog catalog;

    Toasting(CatalogEnv env, CatalogWriter writer, Dependencies dependencies, IntSupplier newRelFileNumber, HeapCatalog catalog) {
        this.env = env;
        this.writer = writer;
        this.dependencies = dependencies;
        this.newRelFileNumber = newRelFileNumber;
        this.catalog = catalog;
    }

    /**
     * AlterTableCreateToastTable / create_toast_table: creates the TOAST relation of table
     * {@code relOid} if it is a table (or matview) without one that needs one; returns its OID or 0.
     */
    int createToastTableIfNeeded(int relOid) {
        Relation rel = env.relcache().byOid(relOid);
        if (rel == null || rel.relkind() != 'r' && rel.relkind() != 'm') return 0;
        if (rel.toastRelid() != 0 || !needsToastTable(rel)) return 0;
        return createToastTable(rel);
    }

    /**
     * needs_toast_table: some attribute is a varlena with storage other than 'p', and the widest
     * row the column types allow (type_maximum_size, unbounded for most varlenas) exceeds
     * TOAST_TUPLE_THRESHOLD.
     */
    static boolean needsToastTable(Relation rel) {
        TupleDesc desc = rel.desc();
        long dataLength = 0;
        boolean maxLengthUnknown = false, hasToastable = false;
        for (int i = 0; i < desc.natts(); i++) {
            Attribute att = desc.attr(i);
            if (att.attisdropped()) continue;
            dataLength = alignUp(dataLength, att.alignment());
            if (att.attlen() > 0) {
                dataLength += att.attlen();
            } else {
                int max = typeMaximumSize(rel.atttypid(i + 1), rel.atttypmod(i + 1));
                if (max < 0) maxLengthUnknown = true;
                else dataLength += max;
                if (att.attstorage() != 'p') hasToastable = true;
            }
        }
        if (!hasToastable) return false;
        if (maxLengthUnknown) return true;
        long hoff = alignUp(23 + (desc.natts() + 7) / 8, 8);   // worst case: a null bitmap
        return hoff + alignUp(dataLength, 8) > TOAST_TUPLE_THRESHOLD;
    }

    /**
     * type_maximum_size (format_type.c): the largest stored size of a varlena type with this
     * typmod, or -1 when unbounded. UTF8 (4 bytes per character at most) is the server encoding.
     */
    static int typeMaximumSize(int typeOid, int typmod) {
        if (typmod < 0) return -1;
        return switch (typeOid) {
            case 1042, 1043 -> (typmod - 4) * 4 + 4;                      // bpchar, varchar: characters * max encoding length
            case 1560, 1562 -> 4 + 4 + (typmod + 7) / 8;                    // bit, varbit: VARBITTOTALLEN
            case 1700 -> typmod < 4 ? -1                                   // numeric_maximum_size
                    : 8 + ((((typmod - 4) >> 16) & 0xffff) + 2 * (4 - 1)) / 4 * 2;
            default -> -1;
        };
    }

    private static long alignUp(long off, int alignment) {
        return (off + alignment - 1) / alignment * alignment;
    }

    /** create_toast_table for {@code rel}: the relation, its index, reltoastrelid, the dependency. */
    private int createToastTable(Relation rel) {
        int toastOid = newRelFileNumber.getAsInt();
        String name = "pg_toast_" + Integer.toUnsignedString(rel.oid());
        env.locks().lockRelation(toastOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        env.storage().create(RelFileLocator.inDefaultTablespace(env.databaseOid(), toastOid), rel.persistence());
        if (rel.persistence() == 'u') env.storage().createHeapInitFork(RelFileLocator.inDefaultTablespace(env.databaseOid(), toastOid));
        // Toast tables have no row type (reltype 0) since PostgreSQL 12.
        writer.insert(PG_CLASS, CatalogRows.classRow(toastOid, name, PG_TOAST_NAMESPACE, 0, rel.owner() != 0 ? rel.owner()
                : env.userOid().getAsInt(), HEAP_TABLE_AM_OID, toastOid, rel.persistence(), 't', 3,
                CatalogRows.FIRST_NORMAL_TRANSACTION_ID));
        String[] names = {"chunk_id", "chunk_seq", "chunk_data"};
        int[] types = {TypeOids.OID, TypeOids.INT4, TypeOids.BYTEA};
        for (int i = 0; i < 3; i++) {
            Object[] att = CatalogRows.attributeRow(toastOid, names[i], types[i], i + 1, -1, false, false);
            PG_ATTRIBUTE.set(att, "attstorage", "p");   // the TOAST relation must never be toasted itself
            writer.insert(PG_ATTRIBUTE, att);
        }
        for (Object[] sys : CatalogRows.systemAttributeRows(toastOid)) writer.insert(PG_ATTRIBUTE, sys);
        TupleSlot cls = writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", rel.oid())).get(0);
        Object[] v = cls.values().clone();
        PG_CLASS.set(v, "reltoastrelid", toastOid);
        writer.update(PG_CLASS, cls, v);
        dependencies.recordDependencyOn(ObjectAddress.relation(toastOid), ObjectAddress.relation(rel.oid()),
                DependencyType.INTERNAL);
        env.inval().registerRelcacheInval(rel.oid());
        env.inval().registerRelcacheInval(toastOid);
        env.commandCounterIncrement().run();
        IndexSpec spec = new IndexSpec(name + "_index", new int[] {1, 2}, List.of(), null, new int[] {OID_OPS, INT4_OPS}, null,
                true, false, false, false);
        catalog.createIndex(env.relcache().byOid(toastOid), spec, null);
        return toastOid;
    }
}
