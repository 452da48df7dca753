package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * EXPLAIN of an UPDATE or DELETE of a partitioned table through a running server, drawn as
 * PostgreSQL's one ModifyTable: the named table, a line per partition changed (alias_N), the
 * Append of their scans, and under VERBOSE the scans computing the new values with the
 * tableoid and ctid row identity. Expected output is PostgreSQL 15's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InheritedModifyExplainIT {

    @Test
    void oneModifyTableOverTheAppend() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table rp (a text, b int, c int) partition by list (a)");
                s.execute("create table rp1 partition of rp for values in ('x')");
                s.execute("create table rp2 partition of rp for values in ('y')");
            }
            assertEquals(List.of("Update on rp", "  Update on rp1 rp_1", "  Update on rp2 rp_2", "  ->  Append",
                    "        ->  Seq Scan on rp1 rp_1", "              Filter: (c > 97)", "        ->  Seq Scan on rp2 rp_2",
                    "              Filter: (c > 97)"), TuskServer.rows(c, "explain (costs off) update rp set c = c - 50 where c > 97"));
            assertEquals(List.of("Update on rp", "  Update on rp1 rp_1", "  ->  Seq Scan on rp1 rp_1",
                    "        Filter: (a = 'x'::text)"), TuskServer.rows(c, "explain (costs off) update rp set c = c - 50 where a = 'x'"));
            assertEquals(List.of("Delete on rp", "  Delete on rp1 rp_1", "  Delete on rp2 rp_2", "  ->  Append",
                    "        ->  Seq Scan on rp1 rp_1", "              Filter: (c > 97)", "        ->  Seq Scan on rp2 rp_2",
                    "              Filter: (c > 97)"), TuskServer.rows(c, "explain (costs off) delete from rp where c > 97"));
            assertEquals(List.of("Update on public.rp", "  Update on public.rp1 rp_1", "  Update on public.rp2 rp_2", "  ->  Append",
                    "        ->  Seq Scan on public.rp1 rp_1", "              Output: (rp_1.c - 50), rp_1.tableoid, rp_1.ctid",
                    "              Filter: (rp_1.c > 97)", "        ->  Seq Scan on public.rp2 rp_2",
                    "              Output: (rp_2.c - 50), rp_2.tableoid, rp_2.ctid", "              Filter: (rp_2.c > 97)"),
                    TuskServer.rows(c, "explain (verbose, costs off) update rp set c = c - 50 where c > 97"));
        }
    }
}
