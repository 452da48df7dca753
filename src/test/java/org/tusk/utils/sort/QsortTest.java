package org.tusk.utils.sort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class QsortTest {
    record Emp(String dept, int empno) {}

    /**
     * PostgreSQL 15 sorts the rows of the window regression test's empsalary (in insertion
     * order) by depname alone into this order (SELECT ... OVER (PARTITION BY depname)).
     */
    @Test
    void tiesComeOutInPostgresOrder() {
        List<Emp> rows = new ArrayList<>(List.of(new Emp("develop", 10), new Emp("sales", 1), new Emp("personnel", 5),
                new Emp("sales", 4), new Emp("personnel", 2), new Emp("develop", 7), new Emp("develop", 9),
                new Emp("sales", 3), new Emp("develop", 8), new Emp("develop", 11)));
        Qsort.sort(rows, Comparator.comparing(Emp::dept));
        assertEquals(List.of(11, 7, 9, 8, 10, 5, 2, 3, 1, 4), rows.stream().map(Emp::empno).toList());
    }

    @Test
    void sortsLargeInputs() {
        Random r = new Random(42);
        for (int n : new int[] {0, 1, 6, 7, 8, 40, 41, 1000, 20000}) {
            List<Integer> l = new ArrayList<>();
            for (int i = 0; i < n; i++) l.add(r.nextInt(n / 3 + 1));
            List<Integer> expected = new ArrayList<>(l);
            expected.sort(null);
            Qsort.sort(l, Comparator.naturalOrder());
            assertEquals(expected, l);
        }
    }
}
