package org.tusk.catalog;

import org.tusk.access.index.IndexKeyFormer;
import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TupleSlot;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;

import static org.tusk.catalog.CatalogScan.oid;

/**
 * Catalog row changes through the table AM (PostgreSQL's indexing.c CatalogTupleInsert /
 * CatalogTupleUpdate / CatalogTupleDelete), and OID assignment for catalog rows
 * (GetNewOidWithIndex: a new OID from the shared counter, skipped while some row of the catalog
 * already has it).
 *
 * <p>Invariant: every ready index of a catalog (the ones initdb declares, {@code catalog_indexes.sql})
 * has an entry for every row version this writer stores that is not a heap-only tuple
 * (CatalogIndexInsert). Catalog lookups themselves still scan the heap; the indexes serve the
 * planner's plans over the catalogs, so a missing entry would be a wrong query result.
 */
final class CatalogWriter {
    private final CatalogEnv env;

    CatalogWriter(CatalogEnv env) {
        this.env = env;
    }

    ItemPointer insert(SystemCatalog catalog, Object[] row) {
        Relation heap = env.relcache().catalog(catalog);
        ItemPointer tid = env.table().insert(heap, row, env.commandId().getAsInt());
        insertIndexEntries(heap, row, tid);
        return tid;
    }

    /**
     * CatalogIndexInsert: enters the row stored at {@code tid} into every ready index of the
     * catalog, checking the unique ones (UNIQUE_CHECK_YES). Catalog indexes have neither
     * expressions nor predicates, so the keys are the row's columns.
     */
    private void insertIndexEntries(Relation heap, Object[] row, ItemPointer tid) {
        for (Relation index : readyIndexes(heap)) {
            Object[] keys = IndexKeyFormer.ofColumns(index).form(row);
            env.indexAm().insert(index, keys, tid, heap, env.table(), index.index().unique());
        }
    }

    /** The catalog's indexes that inserts must maintain (the relcache's index list, RelationGetIndexList). */
    private List<Relation> readyIndexes(Relation heap) {
        List<Integer> oids = env.relcache().indexOids(heap.oid());
        if (oids.isEmpty()) return List.of();
        List<Relation> ready = new ArrayList<>(oids.size());
        for (int oid : oids) {
            Relation index = env.relcache().byOid(oid);
            if (index != null && index.index() != null && index.indexIsReady()) ready.add(index);
        }
        return ready;
    }

    /** RelationGetIndexAttrBitmap: the attribute numbers the catalog's ready indexes use (a change to one prevents HOT). */
    private static BitSet indexedAttrs(List<Relation> indexes) {
        BitSet attrs = new BitSet();
        for (Relation index : indexes) {
            Relation.IndexInfo info = index.index();
            for (int i = 0; i < info.natts(); i++) attrs.set(info.attnum(i));
        }
        return attrs;
    }

    List<TupleSlot> find(SystemCatalog catalog, Predicate<Object[]> where) {
        return CatalogScan.scan(env.table(), env.relcache().catalog(catalog), env.snapshot().get(), where);
    }

    /** The rows matching {@code key} (tested before decoding, see CatalogScan) and {@code where}. */
    List<TupleSlot> find(SystemCatalog catalog, org.tusk.access.common.ScanKey key, Predicate<Object[]> where) {
        return CatalogScan.scan(env.table(), env.relcache().catalog(catalog), env.snapshot().get(), key, where);
    }

    /** The rows matching {@code key}. */
    List<TupleSlot> find(SystemCatalog catalog, org.tusk.access.common.ScanKey key) {
        return CatalogScan.scan(env.table(), env.relcache().catalog(catalog), env.snapshot().get(), key);
    }

    /** CatalogTupleUpdate: replaces the row at {@code slot.tid()} with {@code values}. */
    void update(SystemCatalog catalog, TupleSlot slot, Object[] values) {
        Relation heap = env.relcache().catalog(catalog);
        List<Relation> indexes = readyIndexes(heap);
        ModifyResult r = env.table().update(heap, slot.tid(), values, env.commandId().getAsInt(),
                env.snapshot().get(), true, indexedAttrs(indexes));
        if (!r.isOk()) throw concurrent(r);
        // CatalogIndexInsert: a heap-only tuple is reached through its chain's root, so it gets no entries
        if (r.updateIndexes()) {
            for (Relation index : indexes) {
                env.indexAm().insert(index, IndexKeyFormer.ofColumns(index).form(values), r.newTid(), heap, env.table(),
                        index.index().unique());
            }
        }
    }

    /** CatalogTupleDelete for every row of {@code catalog} matching {@code where}. */
    int delete(SystemCatalog catalog, Predicate<Object[]> where) {
        List<TupleSlot> rows = find(catalog, where);
        for (TupleSlot s : rows) {
            ModifyResult r = env.table().delete(env.relcache().catalog(catalog), s.tid(), env.commandId().getAsInt(),
                    env.snapshot().get(), true);
            if (!r.isOk()) throw concurrent(r);
        }
        return rows.size();
    }

    /** simple_heap_update/delete's error when another transaction changed the row first. */
    private static PgException concurrent(ModifyResult r) {
        return PgException.error(SqlState.INTERNAL_ERROR, "tuple concurrently " + (r.result() == org.tusk.access.table.TMResult.DELETED ? "deleted" : "updated"));
    }

    /** GetNewOidWithIndex: an OID from the shared counter that no row of {@code catalog} has in {@code oidColumn}. */
    int newOid(SystemCatalog catalog, String oidColumn) {
        while (true) {
            int candidate = env.newOid().getAsInt();
            if (find(catalog, v -> oid(catalog.get(v, oidColumn)) == candidate).isEmpty()) return candidate;
        }
    }
}
