package org.tusk.access.gin;

import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * gingetbitmap (ginget.c, ginscan.c): every scan key's query is turned into entries by the
 * operator class's extractQuery (ginNewScanKey); each entry's heap TIDs are read from the entry
 * tree; a TID that some entry of the key has is a candidate, and the class's consistent function
 * decides from which entries have it whether the row may match. A key with no entries in
 * GIN_SEARCH_MODE_DEFAULT matches nothing; INCLUDE_EMPTY adds the rows with no keys
 * (GIN_CAT_EMPTY_ITEM) as candidates, ALL every row whose column is not null. The keys are ANDed.
 * The result is exact for what the index holds but always lossy with respect to the operators:
 * the bitmap heap scan rechecks every row (amgetbitmap's recheck), so a class may over-approximate.
 */
final class GinScan implements IndexScan {
    private final Iterator<ItemPointer> it;

    GinScan(GinEntryTree tree, Relation index, List<ScanKey> keys) {
        this.it = scan(tree, index, keys).iterator();
    }

    @Override
    public ItemPointer next() {
        return it.hasNext() ? it.next() : null;
    }

    @Override
    public void close() {}

    private static Set<ItemPointer> scan(GinEntryTree tree, Relation index, List<ScanKey> keys) {
        GinState st = GinState.of(index);
        TreeSet<ItemPointer> result = null;
        for (ScanKey sk : keys) {
            if (sk.argument() == null || sk.isNullSearch()) return Set.of();   // strict operators: null matches nothing
            int attnum = sk.attno();
            GinOpclass oc = st.opclass[attnum - 1];
            int strategy = sk.strategyNumber();
            GinOpclass.Query q = oc.extractQuery(sk.argument(), strategy, st.keyType[attnum - 1]);
            List<Object> entries = q.entries();
            if (entries.isEmpty() && q.mode() == GinOpclass.SearchMode.DEFAULT) return Set.of();
            Map<Object, Set<ItemPointer>> byEntry = new HashMap<>();
            List<Set<ItemPointer>> sets = new ArrayList<>(entries.size());
            Set<ItemPointer> nullKeySet = null;
            TreeSet<ItemPointer> candidates = new TreeSet<>();
            for (Object e : entries) {
                Set<ItemPointer> set;
                if (e == null) {
                    if (nullKeySet == null) nullKeySet = collect(tree, index, st, new GinEntry.Key(attnum, GinEntry.NULL_KEY, null));
                    set = nullKeySet;
                } else {
                    set = byEntry.get(e);
                    if (set == null) {
                        set = collect(tree, index, st, GinEntry.Key.normal(attnum, e));
                        byEntry.put(e, set);
                    }
                }
                sets.add(set);
                candidates.addAll(set);
            }
            if (q.mode() == GinOpclass.SearchMode.INCLUDE_EMPTY)
                candidates.addAll(collect(tree, index, st, new GinEntry.Key(attnum, GinEntry.EMPTY_ITEM, null)));
            if (q.mode() == GinOpclass.SearchMode.ALL) tree.collectColumn(index, st, attnum, candidates::add);
            TreeSet<ItemPointer> matched = new TreeSet<>();
            boolean[] check = new boolean[sets.size()];
            for (ItemPointer tid : candidates) {
                if (result != null && !result.contains(tid)) continue;
                for (int i = 0; i < check.length; i++) check[i] = sets.get(i).contains(tid);
                if (oc.consistent(check, strategy, q)) matched.add(tid);
            }
            result = matched;
            if (result.isEmpty()) return result;
        }
        return result == null ? Set.of() : result;
    }

    private static Set<ItemPointer> collect(GinEntryTree tree, Relation index, GinState st, GinEntry.Key key) {
        Set<ItemPointer> s = new HashSet<>();
        tree.collect(index, st, key, s::add);
        return s;
    }
}
