package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.it.Jdbc.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lazy VACUUM skips runs of all-visible pages (vacuumlazy.c's lazy_scan_skip) and estimates the
 * tuples of the pages it skipped (vac_estimate_reltuples): the VERBOSE lines and pg_class are the
 * ones PostgreSQL 15 shows for the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LazyVacuumSkipIT extends OneServerPerClass {
    private static String verboseLine(SQLWarning w, String prefix) {
        for (; w != null; w = w.getNextWarning()) {
            for (String line : w.getMessage().split("\n")) if (line.startsWith(prefix)) return line;
        }
        throw new AssertionError("no line starting with " + prefix);
    }

    private static String pgClass(Connection c) throws SQLException {
        return TuskServer.rows(c, "select relpages, reltuples::bigint, relallvisible from pg_class where relname = 'vskip'").get(0);
    }

    @Test
    void allVisiblePagesAreSkippedAndTheirTuplesEstimated() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table vskip (id int primary key, pad text)");
            exec(c, "insert into vskip select g, repeat('x', 100) from generate_series(1, 20000) g");
            exec(c, "vacuum vskip");
            assertEquals("345|20000|345", pgClass(c));
            // Everything is all-visible now: only the last page is read.
            SQLWarning w = exec(c, "vacuum verbose vskip");
            assertEquals("pages: 0 removed, 345 remain, 1 scanned (0.29% of total)", verboseLine(w, "pages:"));
            assertEquals("tuples: 0 removed, 20000 remain, 0 are dead but not yet removable", verboseLine(w, "tuples:"));
            // A delete on two pages: those two and the last are read; the rest keep their density.
            exec(c, "delete from vskip where id between 5000 and 5100");
            w = exec(c, "vacuum verbose vskip");
            assertEquals("pages: 0 removed, 345 remain, 3 scanned (0.87% of total)", verboseLine(w, "pages:"));
            assertTrue(verboseLine(w, "tuples:").startsWith("tuples: 101 removed, 20000 remain"), verboseLine(w, "tuples:"));
            // DISABLE_PAGE_SKIPPING reads every page and counts the tuples again.
            w = exec(c, "vacuum (disable_page_skipping, verbose) vskip");
            assertEquals("pages: 0 removed, 345 remain, 345 scanned (100.00% of total)", verboseLine(w, "pages:"));
            assertEquals("345|19899|345", pgClass(c));
            assertEquals(19899, Long.parseLong(TuskServer.rows(c, "select count(*) from vskip").get(0)));
        }
    }
}
