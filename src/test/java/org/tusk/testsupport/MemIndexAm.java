package org.tusk.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.access.index.IndexAm;
import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.TableAm;
import org.tusk.access.table.TupleSlot;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.adt.Comparisons;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * A TreeMap-backed B-tree stand-in for executor tests: keys in key-column order (nulls last),
 * each mapping to the heap TIDs entered for it. Unique checks ask the table AM's dirty check,
 * as _bt_check_unique does, and raise PostgreSQL's 23505.
 */
public final class MemIndexAm implements IndexAm {
    private static final Comparator<Object[]> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.length; i++) {
            Object x = a[i], y = b[i];
            if (x == null || y == null) {
                if (x == y) continue;
                return x == null ? 1 : -1;
            }
            int c = Comparisons.compare(x, y);
            if (c != 0) return c;
        }
        return 0;
    };

    private final Map<Integer, TreeMap<Object[], List<ItemPointer>>> trees = new HashMap<>();
    public int scans;

    private TreeMap<Object[], List<ItemPointer>> tree(Relation index) {
        return trees.computeIfAbsent(index.oid(), k -> new TreeMap<>(KEY_ORDER));
    }

    @Override
    public org.tusk.access.index.IndexBuildResult build(Relation heap, Relation index, TableAm table,
                                                       org.tusk.access.index.IndexKeyFormer former) {
        tree(index).clear();
        int rows = 0, entries = 0;
        for (TupleSlot s : ((MemTableAm) table).live(heap)) {
            rows++;
            Object[] keys = former.form(s.values());
            if (keys == null) continue;
            entries++;
            insert(index, keys, s.tid(), heap, table, index.index().unique());
        }
        return new org.tusk.access.index.IndexBuildResult(rows, entries);
    }

    @Override
    public void insert(Relation index, Object[] keys, ItemPointer heapTid, Relation heap, TableAm table, boolean checkUnique) {
        boolean hasNull = false;
        for (Object k : keys) hasNull |= k == null;
        List<ItemPointer> tids = tree(index).computeIfAbsent(keys.clone(), k -> new ArrayList<>());
        if (checkUnique && !hasNull) {
            for (ItemPointer other : tids) {
                if (table.checkDirty(heap, other).live()) {
                    StringBuilder cols = new StringBuilder(), vals = new StringBuilder();
                    for (int i = 0; i < keys.length; i++) {
                        if (i > 0) {
                            cols.append(", ");
                            vals.append(", ");
                        }
                        var att = index.desc().attr(i);
                        cols.append(att.name());
                        vals.append(BuiltinCatalog.type(att.type().oid()).output().out(keys[i], null));
                    }
                    throw PgException.error("23505", "duplicate key value violates unique constraint \"" + index.name() + "\"")
                            .withDetail("Key (" + cols + ")=(" + vals + ") already exists.");
                }
            }
        }
        tids.add(heapTid);
    }

    @Override
    public IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward) {
        scans++;
        List<ItemPointer> out = new ArrayList<>();
        for (Map.Entry<Object[], List<ItemPointer>> e : tree(index).entrySet()) {
            if (matches(e.getKey(), keys)) out.addAll(e.getValue());
        }
        if (backward) Collections.reverse(out);
        var it = out.iterator();
        return new IndexScan() {
            @Override
            public ItemPointer next() { return it.hasNext() ? it.next() : null; }

            @Override
            public void close() {}
        };
    }

    private static boolean matches(Object[] entry, List<ScanKey> keys) {
        for (ScanKey k : keys) {
            Object v = entry[k.attno() - 1];
            if (k.isNullSearch()) {
                if ((v == null) != (k.nullSearch() == ScanKey.NullSearch.IS_NULL)) return false;
                continue;
            }
            if (v == null || k.argument() == null) return false;
            int c = Comparisons.compare(v, k.argument());
            boolean ok = switch (k.strategy()) {
                case LESS -> c < 0;
                case LESS_EQUAL -> c <= 0;
                case EQUAL -> c == 0;
                case GREATER_EQUAL -> c >= 0;
                case GREATER -> c > 0;
            };
            if (!ok) return false;
        }
        return true;
    }

    @Override
    public int numberOfBlocks(Relation index) {
        return tree(index).size() / 200 + 1;
    }


    @Override
    public org.tusk.access.index.IndexBulkDeleteResult indexBulkDelete(org.tusk.utils.cache.Relation index,
            java.util.function.Predicate<org.tusk.storage.page.ItemPointer> isDead) {
        throw new UnsupportedOperationException("bulk delete is tested on the B-tree");
    }
}
