package org.tusk.utils.sort;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sorting within work_mem and past it: order, stability, values surviving the disk, temporary files removed. */
class TuplesortTest {
    @TempDir
    Path dataDir;

    private static final Comparator<Object[]> BY_KEY = Comparator.comparingInt(t -> (Integer) t[0]);

    private static List<Object[]> drain(Tuplesort s) {
        List<Object[]> out = new ArrayList<>();
        Object[] t;
        while ((t = s.next()) != null) out.add(t);
        return out;
    }

    @Test
    void smallInputIsSortedInMemory() {
        try (Tuplesort s = new Tuplesort(BY_KEY, 4096, dataDir)) {
            for (int k : new int[] {3, 1, 2}) s.put(new Object[] {k, "v" + k});
            s.performSort();
            assertFalse(s.spilled());
            assertEquals("quicksort", s.method());
            assertEquals(25, s.spaceUsedKb(), "the initial memtuples array (1024 slots of 24 bytes) plus three tuples");
            List<Object[]> out = drain(s);
            assertEquals(List.of(1, 2, 3), out.stream().map(t -> t[0]).toList());
        }
    }

    @Test
    void inputBeyondWorkMemIsMergedFromRunsOnDiskInOrderWithEveryTupleOnce() throws Exception {
        Random r = new Random(42);
        int n = 100_000;
        Path file;
        try (Tuplesort s = new Tuplesort(BY_KEY, 64, dataDir)) {
            for (int i = 0; i < n; i++)
                s.put(new Object[] {r.nextInt(1000), i, i % 7 == 0 ? null : new BigDecimal(i).movePointLeft(2), "text " + i});
            s.performSort();
            assertTrue(s.spilled());
            assertEquals("external merge", s.method());
            file = s.tempFile();
            assertTrue(Files.exists(file));
            assertEquals(dataDir.resolve("base").resolve("pgsql_tmp"), file.getParent());
            assertTrue(file.getFileName().toString().matches("pgsql_tmp" + ProcessHandle.current().pid() + "\\.\\d+"));
            List<Object[]> out = drain(s);
            assertEquals(n, out.size());
            // ordered by the key; ties in PostgreSQL's quicksort order (not necessarily input order)
            java.util.BitSet seen = new java.util.BitSet(n);
            for (int i = 0; i < n; i++) {
                if (i > 0) assertTrue((Integer) out.get(i - 1)[0] <= (Integer) out.get(i)[0], "ordered at " + i);
                int id = (Integer) out.get(i)[1];
                assertFalse(seen.get(id), "tuple " + id + " twice");
                seen.set(id);
            }
            Object[] any = out.get(n / 2);
            int i = (Integer) any[1];
            assertEquals(i % 7 == 0 ? null : new BigDecimal(i).movePointLeft(2), any[2]);
            assertEquals("text " + i, any[3]);
        }
        assertFalse(Files.exists(file), "the temporary file is removed when the sort ends");
    }

    @Test
    void closingBeforeTheEndRemovesTheFile() throws Exception {
        Tuplesort s = new Tuplesort(BY_KEY, 64, dataDir);
        for (int i = 0; i < 20_000; i++) s.put(new Object[] {20_000 - i});
        s.performSort();
        Path file = s.tempFile();
        assertNotNull(file);
        assertEquals(1, s.next()[0]);
        s.close();
        assertFalse(Files.exists(file));
    }
}
