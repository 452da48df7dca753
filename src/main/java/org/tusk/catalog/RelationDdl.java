package org.tusk.catalog;

import org.tusk.access.table.TupleSlot;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.*;

/**
 * Catalog changes to relations that already exist (PostgreSQL's relcache.c
 * RelationSetNewRelfilenumber, tablecmds.c ATExecSetNotNull/ATExecDropNotNull/ATExecColumnDefault/
 * ATExecAddColumn/renameatt/RenameRelationInternal, vacuum.c vac_update_relstats).
 *
 * <p>Every change is an ordinary transactional catalog update in the current command, followed by
 * a relcache invalidation of the relation (sent to other backends at commit) and a
 * CommandCounterIncrement, so later commands of the transaction see the new definition. The
 * caller holds AccessExclusiveLock on the relation (ShareUpdateExclusiveLock for statistics).
 */
final class RelationDdl {
    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final IntSupplier newRelFileNumber;

    RelationDdl(CatalogEnv env, CatalogWriter writer, IntSupplier newRelFileNumber) {
        this.env = env;
        this.writer = writer;
        this.newRelFileNumber = newRelFileNumber;
    }

    /**
     * RelationSetNewRelfilenumber for {@code heap} and each of its indexes (TRUNCATE's
     * ExecuteTruncateGuts): each gets a new, empty file (created now, removed if the transaction
     * aborts) and pg_class.relfilenode points at it; the old files are removed at commit. The
     * indexes are then built empty (ambuildempty) on the new, empty heap.
     */
    void setNewRelfilenodes(Relation heap) {
        setNewRelfilenodesOne(heap);
        // The TOAST relation and its index get new files too (ExecuteTruncateGuts's toast_relid step).
        if (heap.toastRelid() != 0) {
            env.locks().lockRelation(heap.toastRelid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            Relation toast = env.relcache().byOid(heap.toastRelid());
            if (toast != null) setNewRelfilenodesOne(toast);
        }
    }

    private void setNewRelfilenodesOne(Relation heap) {
        List<Integer> indexes = env.relcache().indexOids(heap.oid());
        newRelfilenode(heap);
        for (int ix : indexes) {
            env.locks().lockRelation(ix, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            newRelfilenode(env.relcache().byOid(ix));
        }
        env.commandCounterIncrement().run();
        Relation newHeap = env.relcache().byOid(heap.oid());
        // The new heap file is empty: no key is ever formed, so expression indexes need no executor here.
        org.tusk.access.index.IndexKeyFormer none = row -> {
            throw new IllegalStateException("a row in a heap just given a new, empty file");
        };
        for (int ix : indexes) {
            Relation index = env.relcache().byOid(ix);
            indexInitFork(index);
            env.indexAm().build(newHeap, index, env.table(), none);
        }
    }

    /**
     * reindex_index: the index gets a new, empty file (RelationSetNewRelfilenumber; the old file
     * is removed at commit, the new one if the transaction aborts) and is built again from the
     * heap's live rows by the access method's bottom-up build, which WAL-logs every page it
     * writes. A unique index whose table now holds duplicates fails as CREATE UNIQUE INDEX
     * would, unless {@code afterRewrite} (VACUUM FULL's reindex_index with skip_constraint_checks:
     * the build then takes duplicates, and enters every row version of the rewritten heap that
     * some transaction may still see). The caller holds ShareLock on the heap and AccessExclusiveLock
     * on the index.
     */
    void reindexIndex(Relation heap, Relation index, org.tusk.access.index.IndexKeyFormer keys, boolean afterRewrite) {
        newRelfilenode(index);
        env.commandCounterIncrement().run();
        Relation h = env.relcache().byOid(heap.oid());
        Relation ix = env.relcache().byOid(index.oid());
        indexInitFork(ix);
        var stats = afterRewrite ? env.indexAm().buildAfterRewrite(h, ix, env.table(), keys)
                : env.indexAm().build(h, ix, env.table(), keys);
        indexUpdateStats(h, ix, stats, env.table());
    }

    /**
     * VACUUM FULL's swap_relation_files for the heap alone: a new, empty file for {@code heap}
     * (relpages 0, reltuples -1 until the copy's counts are stored), the old file removed at
     * commit. Its indexes and TOAST relation are untouched here.
     */
    void setNewHeapRelfilenode(Relation heap) {
        newRelfilenode(heap);
        env.commandCounterIncrement().run();
    }

    /**
     * index_update_stats after index_build, for the table and then the index: relpages from the
     * file's length, reltuples from the build's counts, the table's relallvisible from its
     * visibility map. An empty table whose reltuples is still -1 (never vacuumed or analyzed)
     * keeps -1, so that an index made with CREATE TABLE does not make the table look analyzed;
     * the index itself gets its entry count, 0 when empty.
     * PostgreSQL updates the rows in place; Tusk in the current transaction.
     */
    void indexUpdateStats(Relation heap, Relation index, org.tusk.access.index.IndexBuildResult stats,
                          org.tusk.access.table.TableAm table) {
        double heapTuples = stats.heapTuples();
        if (heapTuples == 0 && heap.reltuples() < 0) heapTuples = -1;
        updateStats(heap, table.numberOfBlocks(heap), heapTuples, table.allVisiblePages(heap));
        updateStats(index, table.numberOfBlocks(index), stats.indexTuples(), 0);
    }

    /**
     * index_build's init fork: an unlogged index gets the access method's empty index
     * (ambuildempty) as its init fork, unless it has one already.
     */
    void indexInitFork(Relation index) {
        if (index.persistence() != 'u' || env.storage().hasInitFork(index.locator())) return;
        env.storage().createInitFork(index.locator(), env.indexAm().emptyPages(index));
    }

    private void newRelfilenode(Relation rel) {
        int relfilenode = newRelFileNumber.getAsInt();
        RelFileLocator locator = RelFileLocator.inDefaultTablespace(env.databaseOid(), relfilenode);
        env.storage().create(locator, rel.persistence());
        // heapam_relation_set_new_filelocator: a new file of an unlogged table comes with its init fork
        if (rel.persistence() == 'u' && rel.relkind() != 'i' && rel.relkind() != 'S') env.storage().createHeapInitFork(locator);
        TupleSlot cls = classRow(rel.oid());
        Object[] v = cls.values().clone();
        PG_CLASS.set(v, "relfilenode", relfilenode);
        PG_CLASS.set(v, "relpages", 0);
        PG_CLASS.set(v, "reltuples", rel.relkind() == 'i' ? 0f : -1f);
        PG_CLASS.set(v, "relallvisible", 0);
        writer.update(PG_CLASS, cls, v);
        env.storage().scheduleUnlink(rel.locator());
        env.inval().registerRelcacheInval(rel.oid());
    }

    /** ATExecSetNotNull / ATExecDropNotNull: pg_attribute.attnotnull (the caller has checked the rows). */
    void setNotNull(Relation heap, int attnum, boolean notNull) {
        TupleSlot att = attribute(heap.oid(), attnum);
        if ((Boolean) PG_ATTRIBUTE.get(att.values(), "attnotnull") == notNull) return;
        Object[] v = att.values().clone();
        PG_ATTRIBUTE.set(v, "attnotnull", notNull);
        writer.update(PG_ATTRIBUTE, att, v);
        changed(heap.oid());
    }

    /** pg_attribute.attgenerated ('s', or 0 for none). */
    void setGenerated(Relation heap, int attnum, char generated) {
        TupleSlot att = attribute(heap.oid(), attnum);
        Object[] v = att.values().clone();
        PG_ATTRIBUTE.set(v, "attgenerated", generated == 0 ? "" : String.valueOf(generated));
        writer.update(PG_ATTRIBUTE, att, v);
        changed(heap.oid());
    }

    /** ATExecAddIdentity's catalog part: pg_attribute.attidentity ('a', 'd', or 0 for none). */
    void setIdentity(Relation heap, int attnum, char identity) {
        TupleSlot att = attribute(heap.oid(), attnum);
        Object[] v = att.values().clone();
        PG_ATTRIBUTE.set(v, "attidentity", identity == 0 ? "" : String.valueOf(identity));
        writer.update(PG_ATTRIBUTE, att, v);
        changed(heap.oid());
    }

    /** ATExecSetStorage / ATExecSetCompression: pg_attribute.attstorage and attcompression. */
    void setStorage(Relation heap, int attnum, Character storage, Character compression) {
        TupleSlot att = attribute(heap.oid(), attnum);
        Object[] v = att.values().clone();
        if (storage != null) PG_ATTRIBUTE.set(v, "attstorage", String.valueOf(storage));
        if (compression != null) PG_ATTRIBUTE.set(v, "attcompression", compression == '\0' ? "" : String.valueOf(compression));
        writer.update(PG_ATTRIBUTE, att, v);
        changed(heap.oid());
    }

    /** ATExecColumnDefault: replaces (or with null removes) the pg_attrdef row and sets atthasdef. */
    void setDefault(Relation heap, int attnum, String defaultSql) {
        int relOid = heap.oid();
        AttrDefaults.delete(writer, v -> oid(PG_ATTRDEF.get(v, "adrelid")) == relOid && (Short) PG_ATTRDEF.get(v, "adnum") == attnum);
        if (defaultSql != null) {
            writer.insert(PG_ATTRDEF, CatalogRows.attrdefRow(writer.newOid(PG_ATTRDEF, "oid"), relOid, attnum, defaultSql));
        }
        TupleSlot att = attribute(relOid, attnum);
        Object[] v = att.values().clone();
        PG_ATTRIBUTE.set(v, "atthasdef", defaultSql != null);
        writer.update(PG_ATTRIBUTE, att, v);
        changed(relOid);
    }

    /** ATExecAddColumn's catalog part: a new last attribute, relnatts + 1, and its default. Returns its attnum. */
    int addColumn(Relation heap, Catalog.ColumnSpec c) {
        int relOid = heap.oid();
        for (int i = 0; i < heap.desc().natts(); i++) {
            if (heap.desc().attr(i).name().equals(c.name())) {
                throw PgException.error(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" of relation \"" + heap.name()
                        + "\" already exists");
            }
        }
        if (CatalogRows.isSystemColumnName(c.name())) {
            throw PgException.error(SqlState.DUPLICATE_COLUMN, "column name \"" + c.name() + "\" conflicts with a system column name");
        }
        int attnum = heap.desc().natts() + 1;
        Object[] att = CatalogRows.attributeRow(relOid, c.name(), c.typeOid(), attnum, c.typmod(), c.notNull(),
                c.defaultSql() != null);
        if (c.collation() != 0) PG_ATTRIBUTE.set(att, "attcollation", c.collation());
        if (c.generated() != 0) PG_ATTRIBUTE.set(att, "attgenerated", String.valueOf(c.generated()));
        writer.insert(PG_ATTRIBUTE, att);
        if (c.defaultSql() != null) {
            writer.insert(PG_ATTRDEF, CatalogRows.attrdefRow(writer.newOid(PG_ATTRDEF, "oid"), relOid, attnum, c.defaultSql()));
        }
        TupleSlot cls = classRow(relOid);
        Object[] v = cls.values().clone();
        PG_CLASS.set(v, "relnatts", (short) attnum);
        writer.update(PG_CLASS, cls, v);
        changed(relOid);
        return attnum;
    }

    /**
     * RemoveAttributeById: the column's pg_attribute row stays, so that the attribute numbers of
     * the later columns and the layout of stored tuples do not change, but it becomes a dropped
     * column: attisdropped, atttypid 0, attname "........pg.dropped.N........" (so that the name
     * is free again), not null and without default. attlen, attbyval and attalign are kept: old
     * tuples still hold values there, and deforming must step over them. Its default, statistics
     * and comment go too. Everything that depended on the column is gone already (the caller
     * runs this from the dependency walk).
     */
    void dropColumn(Relation heap, int attnum) {
        int relOid = heap.oid();
        TupleSlot att = attribute(relOid, attnum);
        Object[] v = att.values().clone();
        PG_ATTRIBUTE.set(v, "attname", String.format("........pg.dropped.%d........", attnum));
        PG_ATTRIBUTE.set(v, "atttypid", 0);
        PG_ATTRIBUTE.set(v, "attisdropped", true);
        PG_ATTRIBUTE.set(v, "attnotnull", false);
        PG_ATTRIBUTE.set(v, "atthasdef", false);
        PG_ATTRIBUTE.set(v, "atthasmissing", false);
        PG_ATTRIBUTE.set(v, "attidentity", "");
        PG_ATTRIBUTE.set(v, "attgenerated", "");
        PG_ATTRIBUTE.set(v, "attstattarget", 0);
        PG_ATTRIBUTE.set(v, "attacl", null);
        PG_ATTRIBUTE.set(v, "attoptions", null);
        PG_ATTRIBUTE.set(v, "attmissingval", null);
        writer.update(PG_ATTRIBUTE, att, v);
        AttrDefaults.delete(writer, r -> oid(PG_ATTRDEF.get(r, "adrelid")) == relOid && (Short) PG_ATTRDEF.get(r, "adnum") == attnum);
        writer.delete(PG_STATISTIC, r -> oid(PG_STATISTIC.get(r, "starelid")) == relOid
                && (Short) PG_STATISTIC.get(r, "staattnum") == attnum);
        writer.delete(PG_DESCRIPTION, r -> oid(PG_DESCRIPTION.get(r, "objoid")) == relOid
                && oid(PG_DESCRIPTION.get(r, "classoid")) == ObjectAddress.RELATION_RELATION_ID
                && (Integer) PG_DESCRIPTION.get(r, "objsubid") == attnum);
        changed(relOid);
    }

    /**
     * ATExecAlterColumnType's catalog part: attribute {@code attnum} of {@code rel} (a table, or
     * an index whose key column it is) takes type {@code typeOid} with {@code typmod}: atttypid,
     * atttypmod and the layout copied from the type (attlen, attbyval, attalign, attstorage,
     * attcollation). The column's statistics no longer describe it and go (RemoveStatistics).
     * For an index column, {@code opclass} (non-zero) replaces its pg_index.indclass entry and
     * the collation its indcollation entry. A non-zero {@code collation} (ALTER COLUMN TYPE ...
     * COLLATE) replaces the type's.
     */
    void setColumnType(Relation rel, int attnum, int typeOid, int typmod, int opclass, int collation) {
        int relOid = rel.oid();
        TupleSlot att = attribute(relOid, attnum);
        Object[] fresh = CatalogRows.attributeRow(relOid, "x", typeOid, attnum, typmod, false, false);
        if (collation != 0) PG_ATTRIBUTE.set(fresh, "attcollation", collation);
        Object[] v = att.values().clone();
        for (String col : new String[] {"atttypid", "atttypmod", "attlen", "attbyval", "attalign", "attstorage",
                "attcollation"}) {
            PG_ATTRIBUTE.set(v, col, PG_ATTRIBUTE.get(fresh, col));
        }
        writer.update(PG_ATTRIBUTE, att, v);
        writer.delete(PG_STATISTIC, r -> oid(PG_STATISTIC.get(r, "starelid")) == relOid
                && (Short) PG_STATISTIC.get(r, "staattnum") == attnum);
        if (rel.relkind() == 'i') {
            for (TupleSlot ix : writer.find(PG_INDEX, CatalogScan.key(PG_INDEX, "indexrelid", relOid))) {
                Object[] iv = ix.values().clone();
                int[] classes = ((int[]) PG_INDEX.get(iv, "indclass")).clone();
                int[] collations = ((int[]) PG_INDEX.get(iv, "indcollation")).clone();
                // indclass and indcollation cover the key columns only, not INCLUDE columns
                if (opclass != 0 && attnum - 1 < classes.length) classes[attnum - 1] = opclass;
                if (attnum - 1 < collations.length) collations[attnum - 1] = (Integer) PG_ATTRIBUTE.get(fresh, "attcollation");
                PG_INDEX.set(iv, "indclass", classes);
                PG_INDEX.set(iv, "indcollation", collations);
                writer.update(PG_INDEX, ix, iv);
            }
        }
        changed(relOid);
    }

    /** RenameRelationInternal: the pg_class name and, for a table, its row type's name. */
    void renameRelation(Relation rel, String newName) {
        if (writer.find(PG_CLASS, CatalogScan.nameKey(PG_CLASS, "relname", newName), v -> oid(PG_CLASS.get(v, "relnamespace")) == rel.namespace()).size() > 0) {
            throw PgException.error(SqlState.DUPLICATE_TABLE, "relation \"" + newName + "\" already exists");
        }
        TupleSlot cls = classRow(rel.oid());
        Object[] v = cls.values().clone();
        PG_CLASS.set(v, "relname", newName);
        writer.update(PG_CLASS, cls, v);
        int reltype = oid(PG_CLASS.get(cls.values(), "reltype"));
        if (reltype != 0) {
            for (TupleSlot t : writer.find(PG_TYPE, CatalogScan.key(PG_TYPE, "oid", reltype))) {
                Object[] tv = t.values().clone();
                PG_TYPE.set(tv, "typname", newName);
                writer.update(PG_TYPE, t, tv);
            }
        }
        changed(rel.oid());
    }

    /** renameatt: 42701 if the new name is taken. Index columns keep their own names, as in PostgreSQL. */
    void renameColumn(Relation heap, int attnum, String newName) {
        int relOid = heap.oid();
        if (!writer.find(PG_ATTRIBUTE, CatalogScan.key(PG_ATTRIBUTE, "attrelid", relOid), v -> newName.equals(PG_ATTRIBUTE.get(v, "attname"))).isEmpty()) {
            throw PgException.error(SqlState.DUPLICATE_COLUMN, "column \"" + newName + "\" of relation \"" + heap.name()
                    + "\" already exists");
        }
        TupleSlot att = attribute(relOid, attnum);
        Object[] v = att.values().clone();
        PG_ATTRIBUTE.set(v, "attname", newName);
        writer.update(PG_ATTRIBUTE, att, v);
        changed(relOid);
    }

    /**
     * vac_update_relstats: pg_class.relpages, reltuples and relallvisible (an index's is 0). PostgreSQL overwrites the row in
     * place (heap_inplace_update, not transactional); Tusk updates it in the current
     * transaction, which VACUUM and ANALYZE commit at once.
     */
    void updateStats(Relation rel, int relpages, double reltuples, int relallvisible) {
        TupleSlot cls = classRow(rel.oid());
        Object[] v = cls.values().clone();
        PG_CLASS.set(v, "relpages", relpages);
        PG_CLASS.set(v, "reltuples", (float) reltuples);
        PG_CLASS.set(v, "relallvisible", relallvisible);
        writer.update(PG_CLASS, cls, v);
        changed(rel.oid());
    }

    /** The reloptions of a relation, as stored ("name=value"), or an empty list. */
    List<String> relOptions(Relation rel) {
        String[] o = (String[]) PG_CLASS.get(classRow(rel.oid()).values(), "reloptions");
        return o == null ? List.of() : new ArrayList<>(List.of(o));
    }

    private void changed(int relOid) {
        env.inval().registerRelcacheInval(relOid);
        env.commandCounterIncrement().run();
    }

    private TupleSlot classRow(int relOid) {
        List<TupleSlot> rows = writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", relOid));
        if (rows.isEmpty()) throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for relation " + relOid);
        return rows.get(0);
    }

    private TupleSlot attribute(int relOid, int attnum) {
        List<TupleSlot> rows = writer.find(PG_ATTRIBUTE, CatalogScan.key(PG_ATTRIBUTE, "attrelid", relOid), v -> (Short) PG_ATTRIBUTE.get(v, "attnum") == attnum);
        if (rows.isEmpty()) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for attribute " + attnum + " of relation " + relOid);
        }
        return rows.get(0);
    }
}
