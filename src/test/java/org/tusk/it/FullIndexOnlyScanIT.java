package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An index that no WHERE conjunct bounds is still read whole, index-only, when it holds every
 * column the query reads of an all-visible table and that is cheaper than the heap
 * (indxpath.c build_index_paths' index_only_scan case). Plans are PostgreSQL 15's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FullIndexOnlyScanIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table fio (k int, pad text)");
            s.execute("insert into fio select g, repeat('x', 200) from generate_series(1, 5000) g");
            s.execute("create index fio_k on fio (k)");
            s.execute("vacuum analyze fio");
        }
    }

    @Test
    void aCoveringIndexIsScannedWhole() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("Index Only Scan using fio_k on fio"), Jdbc.plan(c, "select k from fio"));
            String q = "select count(*), sum(k) from fio where k % 7 = 0";
            assertEquals(List.of("Aggregate", "  ->  Index Only Scan using fio_k on fio", "        Filter: ((k % 7) = 0)"),
                    Jdbc.plan(c, q));
            assertEquals(List.of("714|1786785"), Jdbc.rowsShowingNull(c, q));
            // a column the index lacks: the heap is read
            assertEquals(List.of("Seq Scan on fio"), Jdbc.plan(c, "select k, pad from fio"));
        }
    }
}
