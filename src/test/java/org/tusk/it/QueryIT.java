package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Queries over real tables and the system catalogs through a running server: joins with the
 * catalogs (readable from SQL like any table), LATERAL, grouping, and the query pgbench sends
 * at the start of a run to learn whether pgbench_accounts is partitioned.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class QueryIT {
    @Test
    void pgbenchStartupQueryAndCatalogJoins() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table pgbench_accounts (aid int primary key, bid int, abalance int, filler text)");
                s.execute("insert into pgbench_accounts values (1, 1, 0, ''), (2, 1, 5, ''), (3, 2, 7, '')");
            }
            assertEquals(List.of("2||0"), TuskServer.rows(c, "select o.n, p.partstrat, pg_catalog.count(i.inhparent) "
                    + "from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on (n.oid = c.relnamespace) "
                    + "cross join lateral (select pg_catalog.array_position(pg_catalog.current_schemas(true), n.nspname)) as o(n) "
                    + "left join pg_catalog.pg_partitioned_table as p on (p.partrelid = c.oid) "
                    + "left join pg_catalog.pg_inherits as i on (c.oid = i.inhparent) "
                    + "where c.relname = 'pgbench_accounts' and o.n is not null group by 1, 2 order by 1 asc"));
            assertEquals(List.of("{pg_catalog,public}"), TuskServer.rows(c, "select current_schemas(true)"));
            assertEquals(List.of("aid|integer", "bid|integer", "abalance|integer", "filler|text"), TuskServer.rows(c,
                    "select a.attname, t.typname from pg_attribute a join pg_class c on a.attrelid = c.oid "
                            + "join pg_type t on t.oid = a.atttypid where c.relname = 'pgbench_accounts' and a.attnum > 0 "
                            + "order by a.attnum").stream().map(r -> r.replace("int4", "integer")).toList());
            assertEquals(List.of("1|2|5", "2|1|7"), TuskServer.rows(c,
                    "select bid, count(*), sum(abalance) from pgbench_accounts group by bid order by bid"));
            assertEquals(List.of("pgbench_accounts_pkey"), TuskServer.rows(c, "select ic.relname from pg_index x "
                    + "join pg_class ic on ic.oid = x.indexrelid join pg_class tc on tc.oid = x.indrelid "
                    + "where tc.relname = 'pgbench_accounts'"));
        }
    }
}
