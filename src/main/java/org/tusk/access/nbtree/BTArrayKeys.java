package org.tusk.access.nbtree;

import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.ScanKey;
import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.utils.cache.Relation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The array keys of a scan (nbtutils.c _bt_preprocess_array_keys, _bt_start_array_keys,
 * _bt_advance_array_keys, PostgreSQL 15).
 *
 * <p>An SK_SEARCHARRAY key {@code column = ANY (array)} is turned into a list of the array's
 * elements, nulls dropped (a strict operator never matches them), sorted in index order
 * (_bt_sort_array_elements: the column's order, reversed on a DESC column) and de-duplicated, so
 * that scanning once per element visits the index in order and returns no entry twice. For
 * {@code <}, {@code <=}, {@code >}, {@code >=} only one element matters (the largest for
 * {@code <} / {@code <=}, the smallest for {@code >} / {@code >=}: _bt_find_extreme_element), and
 * the key becomes an ordinary key on it. An array with no non-null element makes the whole qual
 * unsatisfiable.
 *
 * <p>The scan then runs once per combination of current elements, the last array key varying
 * fastest, in the scan's direction: forwards from the first element of each list, backwards
 * from the last. Each combination's keys are the plain keys plus one = key per array.
 */
final class BTArrayKeys {
    private final List<ScanKey> plain = new ArrayList<>();
    private final List<ScanKey> arrays = new ArrayList<>();
    private final List<Object[]> elements = new ArrayList<>();
    private final int[] current;
    private final boolean satisfiable;

    BTArrayKeys(TupleDesc desc, short[] options, List<ScanKey> input) {
        boolean ok = true;
        List<ScanKey> arrayKeys = new ArrayList<>();
        for (ScanKey k : input) {
            if (!k.searchArray()) {
                plain.add(k);
                continue;
            }
            if (k.attno() < 1 || k.attno() > desc.natts()) throw new IllegalArgumentException("scan key on attribute " + k.attno());
            Object[] elems = nonNull((Object[]) k.argument());
            if (elems.length == 0) {
                ok = false;
                continue;
            }
            DatumTypeComparator cmp = new DatumTypeComparator(desc, k.attno());
            if (k.strategy() != Strategy.EQUAL) {
                // _bt_find_extreme_element: one bound stands for the whole array
                boolean greatest = k.strategy() == Strategy.LESS || k.strategy() == Strategy.LESS_EQUAL;
                Object extreme = elems[0];
                for (Object e : elems) {
                    int c = cmp.compare(e, extreme);
                    if (greatest ? c > 0 : c < 0) extreme = e;
                }
                plain.add(new ScanKey(k.attno(), k.strategy(), extreme));
                continue;
            }
            arrayKeys.add(k);
        }
        // keys in attribute order, so the last array key is the one on the lowest-order column
        arrayKeys.sort((a, b) -> Integer.compare(a.attno(), b.attno()));
        for (ScanKey k : arrayKeys) {
            boolean descending = (BTScanInsert.option(options, k.attno() - 1) & Relation.IndexInfo.INDOPTION_DESC) != 0;
            DatumTypeComparator cmp = new DatumTypeComparator(desc, k.attno());
            Object[] sorted = nonNull((Object[]) k.argument());
            Arrays.sort(sorted, descending ? cmp.reversed() : cmp);
            arrays.add(k);
            elements.add(unique(sorted, cmp));
        }
        this.current = new int[arrays.size()];
        this.satisfiable = ok;
    }

    /** Whether some key can match at all (no array was empty once its nulls were dropped). */
    boolean satisfiable() {
        return satisfiable;
    }

    /** The sorted, de-duplicated elements of the i-th array key (in attribute order). */
    Object[] elements(int i) {
        return elements.get(i).clone();
    }

    int numArrayKeys() {
        return arrays.size();
    }

    /** _bt_start_array_keys: each array at its first element in the scan's direction. */
    void start(boolean backward) {
        for (int i = 0; i < current.length; i++) current[i] = backward ? elements.get(i).length - 1 : 0;
    }

    /**
     * _bt_advance_array_keys: the next combination in the scan's direction, the last array key
     * varying fastest; false when every combination has been scanned.
     */
    boolean advance(boolean backward) {
        for (int i = current.length - 1; i >= 0; i--) {
            int n = elements.get(i).length;
            if (!backward) {
                if (++current[i] < n) return true;
                current[i] = 0;
            } else {
                if (--current[i] >= 0) return true;
                current[i] = n - 1;
            }
        }
        return false;
    }

    /** The plain keys plus one = key per array on its current element. */
    List<ScanKey> currentKeys() {
        List<ScanKey> out = new ArrayList<>(plain);
        for (int i = 0; i < arrays.size(); i++) {
            ScanKey k = arrays.get(i);
            out.add(new ScanKey(k.attno(), k.strategy(), elements.get(i)[current[i]]));
        }
        return out;
    }

    private static Object[] nonNull(Object[] elems) {
        if (elems == null) return new Object[0];
        return Arrays.stream(elems).filter(e -> e != null).toArray();
    }

    /** _bt_sort_array_elements' de-duplication of sorted elements. */
    private static Object[] unique(Object[] sorted, DatumTypeComparator cmp) {
        List<Object> out = new ArrayList<>();
        for (Object e : sorted) if (out.isEmpty() || cmp.compare(out.get(out.size() - 1), e) != 0) out.add(e);
        return out.toArray();
    }

    /** The column's B-tree ordering of two non-null values (its ORDER proc, ascending). */
    private record DatumTypeComparator(TupleDesc desc, int attno) implements java.util.Comparator<Object> {
        @Override
        public int compare(Object a, Object b) {
            return BTOrdering.compare(desc.attr(attno - 1).type(), a, b);
        }
    }
}
