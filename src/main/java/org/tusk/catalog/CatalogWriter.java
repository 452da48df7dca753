package org.tusk.catalog;

import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TupleSlot;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;

import static org.tusk.catalog.CatalogScan.oid;

/**
 * Catalog row changes through the table AM (PostgreSQL's indexing.c CatalogTupleInsert /
 * CatalogTupleUpdate / CatalogTupleDelete, here without catalog indexes to maintain), and OID
 * assignment for catalog rows (GetNewOidWithIndex: a new OID from the shared counter, skipped
 * while some row of the catalog already has it).
 */
final class CatalogWriter {
    private final CatalogEnv env;

    CatalogWriter(CatalogEnv env) {
        this.env = env;
    }

    ItemPointer insert(SystemCatalog catalog, Object[] row) {
        return env.table().insert(env.relcache().catalog(catalog), row, env.commandId().getAsInt());
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
        ModifyResult r = env.table().update(env.relcache().catalog(catalog), slot.tid(), values, env.commandId().getAsInt(),
                env.snapshot().get(), true, new BitSet());
        if (!r.isOk()) throw concurrent(r);
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
