package org.tusk.utils.sort;

import java.util.Comparator;
import java.util.List;

/**
 * PostgreSQL's in-memory sort (src/include/lib/sort_template.h, used by tuplesort.c for the
 * tuples of a sort that fits in work_mem, and by pg_qsort): Bentley and McIlroy's quicksort
 * with insertion sort below 7 elements, a pre-sorted check, median-of-three (ninther above 40
 * elements) pivot choice and three-way partitioning. It is not stable; using the same
 * algorithm makes rows that compare equal come out in the same order as PostgreSQL's, which
 * query results without a total ORDER BY depend on.
 */
public final class Qsort {
    private Qsort() {}

    public static <T> void sort(List<T> list, Comparator<? super T> cmp) {
        @SuppressWarnings("unchecked")
        T[] a = (T[]) list.toArray();
        sort(a, 0, a.length, cmp);
        for (int i = 0; i < a.length; i++) list.set(i, a[i]);
    }

    public static <T> void sort(T[] data, int from, int n, Comparator<? super T> cmp) {
        int a = from;
        while (true) {
            if (n < 7) {
                for (int pm = a + 1; pm < a + n; pm++)
                    for (int pl = pm; pl > a && cmp.compare(data[pl - 1], data[pl]) > 0; pl--) swap(data, pl, pl - 1);
                return;
            }
            boolean presorted = true;
            for (int pm = a + 1; pm < a + n; pm++) {
                if (cmp.compare(data[pm - 1], data[pm]) > 0) {
                    presorted = false;
                    break;
                }
            }
            if (presorted) return;
            int pm = a + n / 2;
            if (n > 7) {
                int pl = a;
                int pn = a + n - 1;
                if (n > 40) {
                    int d = n / 8;
                    pl = med3(data, pl, pl + d, pl + 2 * d, cmp);
                    pm = med3(data, pm - d, pm, pm + d, cmp);
                    pn = med3(data, pn - 2 * d, pn - d, pn, cmp);
                }
                pm = med3(data, pl, pm, pn, cmp);
            }
            swap(data, a, pm);
            int pa = a + 1, pb = a + 1;
            int pc = a + n - 1, pd = a + n - 1;
            while (true) {
                int r;
                while (pb <= pc && (r = cmp.compare(data[pb], data[a])) <= 0) {
                    if (r == 0) swap(data, pa++, pb);
                    pb++;
                }
                while (pb <= pc && (r = cmp.compare(data[pc], data[a])) >= 0) {
                    if (r == 0) swap(data, pc, pd--);
                    pc--;
                }
                if (pb > pc) break;
                swap(data, pb++, pc--);
            }
            int pn = a + n;
            int d1 = Math.min(pa - a, pb - pa);
            swapn(data, a, pb - d1, d1);
            d1 = Math.min(pd - pc, pn - pd - 1);
            swapn(data, pb, pn - d1, d1);
            d1 = pb - pa;
            int d2 = pd - pc;
            if (d1 <= d2) {
                if (d1 > 1) sort(data, a, d1, cmp);
                if (d2 <= 1) return;
                a = pn - d2;
                n = d2;
            } else {
                if (d2 > 1) sort(data, pn - d2, d2, cmp);
                if (d1 <= 1) return;
                n = d1;
            }
        }
    }

    private static <T> int med3(T[] d, int a, int b, int c, Comparator<? super T> cmp) {
        return cmp.compare(d[a], d[b]) < 0
                ? (cmp.compare(d[b], d[c]) < 0 ? b : (cmp.compare(d[a], d[c]) < 0 ? c : a))
                : (cmp.compare(d[b], d[c]) > 0 ? b : (cmp.compare(d[a], d[c]) < 0 ? a : c));
    }

    private static <T> void swap(T[] d, int i, int j) {
        T t = d[i];
        d[i] = d[j];
        d[j] = t;
    }

    private static <T> void swapn(T[] d, int i, int j, int n) {
        for (int k = 0; k < n; k++) swap(d, i + k, j + k);
    }
}
