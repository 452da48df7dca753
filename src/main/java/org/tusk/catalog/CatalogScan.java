package org.tusk.catalog;

import org.tusk.access.table.TableAm;
import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A catalog lookup by sequential scan (genam.c systable_beginscan without an index, which is
 * what PostgreSQL does when catalog indexes are ignored): the visible rows of a catalog that
 * satisfy a condition. Tusk has no catalog indexes yet, so every lookup is such a scan.
 */
public final class CatalogScan {
    private CatalogScan() {}

    /** The rows of {@code catalog} visible to {@code snapshot} for which {@code where} holds. */
    public static List<TupleSlot> scan(TableAm table, Relation catalog, Snapshot snapshot, Predicate<Object[]> where) {
        List<TupleSlot> out = new ArrayList<>();
        try (TableScan s = table.beginScan(catalog, snapshot)) {
            for (TupleSlot slot = s.next(); slot != null; slot = s.next()) {
                if (where.test(slot.values())) out.add(slot);
            }
        }
        return out;
    }

    /** The first matching row, or null. */
    public static TupleSlot first(TableAm table, Relation catalog, Snapshot snapshot, Predicate<Object[]> where) {
        try (TableScan s = table.beginScan(catalog, snapshot)) {
            for (TupleSlot slot = s.next(); slot != null; slot = s.next()) {
                if (where.test(slot.values())) return slot;
            }
        }
        return null;
    }

    /** An oid-typed value as an int: catalog rows hold Integer, a Long is accepted too. */
    public static int oid(Object v) {
        return ((Number) v).intValue();
    }
}
