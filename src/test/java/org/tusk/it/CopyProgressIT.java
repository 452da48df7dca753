package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * pg_stat_progress_copy: a COPY in progress is seen from another session with its direction,
 * source, bytes and rows so far; a statement trigger sees its own COPY's counters (WHERE
 * exclusions included); once the COPY ends, or fails, no row is left.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CopyProgressIT extends OneServerPerClass {

    @Test
    void anotherSessionSeesACopyInProgress() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect(); Statement s = a.createStatement()) {
            s.execute("create table cp (x int, y text)");
            CopyIn in = new CopyManager(a.unwrap(BaseConnection.class)).copyIn("COPY cp FROM STDIN");
            byte[] data = "1\tone\n2\ttwo\n".getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(data, 0, data.length);
            in.flushCopy();
            String query = "select relid::regclass, command, type, bytes_processed, bytes_total, tuples_processed,"
                    + " tuples_excluded from pg_stat_progress_copy";
            List<String> seen = List.of();
            for (int i = 0; i < 100 && !seen.equals(List.of("cp|COPY FROM|PIPE|12|0|2|0")); i++) {
                seen = Jdbc.rowsShowingNull(b, query);
                Thread.sleep(50);
            }
            assertEquals(List.of("cp|COPY FROM|PIPE|12|0|2|0"), seen);
            in.endCopy();
            assertEquals(List.of(), Jdbc.rowsShowingNull(b, query));
        }
    }

    @Test
    void aStatementTriggerSeesItsOwnCopy() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table cq (x int)");
            s.execute("create table cq_log (report text)");
            s.execute("create function cq_report() returns trigger language plpgsql as $$ begin"
                    + " insert into cq_log select command || ' ' || type || ' ' || tuples_processed || ' ' || tuples_excluded"
                    + " from pg_stat_progress_copy where pid = pg_backend_pid(); return null; end $$");
            s.execute("create trigger cq_after after insert on cq for each statement execute function cq_report()");
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            assertEquals(2, copy.copyIn("COPY cq FROM STDIN WHERE x < 3", new StringReader("1\n2\n3\n")));
            assertEquals(List.of("COPY FROM PIPE 2 1"), Jdbc.rowsShowingNull(c, "select report from cq_log"));
            s.execute("truncate cq_log");
            try {
                copy.copyIn("COPY cq FROM STDIN", new StringReader("1\nnot a number\n"));
            } catch (java.sql.SQLException expected) {
                // the COPY failed; it must not be reported as running any more
            }
            assertEquals(List.of(), Jdbc.rowsShowingNull(c, "select pid from pg_stat_progress_copy"));
        }
    }
}
