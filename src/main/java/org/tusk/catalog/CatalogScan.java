package org.tusk.catalog;

import org.tusk.access.common.ScanKey;
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
 * satisfy a condition. Tusk has no catalog indexes yet, so every lookup is such a scan. A lookup
 * by an OID column passes it as a {@link ScanKey} ({@link #key}), which the heap tests on each
 * row in the page before decoding it; the other conditions are tested on the decoded rows that
 * pass the key.
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

    /** ScanKeyInit(..., Anum_column, F_OIDEQ, value): {@code column} of {@code catalog} equals {@code value}. */
    public static ScanKey key(SystemCatalog catalog, String column, int value) {
        int i = catalog.col(column);
        if (catalog.desc().attr(i).attlen() != 4) {
            throw new IllegalArgumentException(catalog.name() + "." + column + " is not a 4-byte column: no OID scan key on it");
        }
        return new ScanKey(i + 1, value);
    }

    /** ScanKeyInit(..., Anum_column, F_OIDGE, oid): the OID in {@code column} of {@code catalog} is at least {@code oid}. */
    public static ScanKey oidAtLeastKey(SystemCatalog catalog, String column, int oid) {
        return ScanKey.oidAtLeast(key(catalog, column, oid).attnum(), oid);
    }

    /** ScanKeyInit(..., Anum_column, F_NAMEEQ, name): {@code column} (of type name) of {@code catalog} equals {@code name}. */
    public static ScanKey nameKey(SystemCatalog catalog, String column, String name) {
        int i = catalog.col(column);
        if (catalog.desc().attr(i).type() != org.tusk.access.common.DatumType.NAME) {
            throw new IllegalArgumentException(catalog.name() + "." + column + " is not of type name");
        }
        return ScanKey.nameEquals(i + 1, name);
    }

    /** The visible rows of {@code catalog} that match {@code key}. */
    public static List<TupleSlot> scan(TableAm table, Relation catalog, Snapshot snapshot, ScanKey key) {
        return scan(table, catalog, snapshot, key, v -> true);
    }

    /** The visible rows of {@code catalog} that match {@code key} and for which {@code where} holds. */
    public static List<TupleSlot> scan(TableAm table, Relation catalog, Snapshot snapshot, ScanKey key,
                                       Predicate<Object[]> where) {
        List<TupleSlot> out = new ArrayList<>();
        try (TableScan s = table.beginScan(catalog, snapshot, key)) {
            for (TupleSlot slot = s.next(); slot != null; slot = s.next()) {
                if (where.test(slot.values())) out.add(slot);
            }
        }
        return out;
    }

    /** The first visible row of {@code catalog} that matches {@code key}, or null. */
    public static TupleSlot first(TableAm table, Relation catalog, Snapshot snapshot, ScanKey key) {
        return first(table, catalog, snapshot, key, v -> true);
    }

    /** The first visible row that matches {@code key} and {@code where}, or null. */
    public static TupleSlot first(TableAm table, Relation catalog, Snapshot snapshot, ScanKey key,
                                  Predicate<Object[]> where) {
        try (TableScan s = table.beginScan(catalog, snapshot, key)) {
            for (TupleSlot slot = s.next(); slot != null; slot = s.next()) {
                if (where.test(slot.values())) return slot;
            }
        }
        return null;
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
