package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Transition tables of statement-level AFTER triggers through a running server: INSERT ... ON
 * CONFLICT DO UPDATE gives its UPDATE triggers the updated rows and its INSERT triggers the
 * inserted ones (one pair of tables per event; the UPDATE triggers fire first), and rows an
 * INSERT routes into a partition, or that ON CONFLICT updates there, reach the partitioned
 * table's transition tables. Expected values are PostgreSQL 15's answers.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TransitionTablesIT {

    @Test
    void onConflictAndPartitionedTargets() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            exec(c, """
                    create function pcf() returns trigger language plpgsql as $$
                    declare r record;
                    begin
                      if tg_op <> 'INSERT' then
                        for r in select * from oldt loop raise notice '% old %,%', tg_op, r.a, r.c; end loop;
                      end if;
                      if tg_op <> 'DELETE' then
                        for r in select * from newt loop raise notice '% new %,%', tg_op, r.a, r.c; end loop;
                      end if;
                      return null;
                    end $$""");
            for (String t : List.of("plain", "pp")) {
                exec(c, t.equals("plain") ? "create table plain (a int primary key, c int)"
                        : "create table pp (a int primary key, c int) partition by range (a)");
                exec(c, "create trigger ti after insert on " + t + " referencing new table as newt for each statement execute function pcf()",
                        "create trigger tu after update on " + t + " referencing old table as oldt new table as newt"
                                + " for each statement execute function pcf()");
            }
            exec(c, "create table pp1 partition of pp for values from (0) to (10)",
                    "create table pp2 partition of pp for values from (10) to (20)");
            exec(c, "insert into plain values (1, 1)");
            assertEquals(List.of("UPDATE old 1,1", "UPDATE new 1,11", "INSERT new 2,2"),
                    notices(c, "insert into plain values (1, 1), (2, 2) on conflict (a) do update set c = plain.c + 10"));
            assertEquals(List.of("INSERT new 1,1", "INSERT new 11,11"), notices(c, "insert into pp values (1, 1), (11, 11)"));
            assertEquals(List.of("UPDATE old 11,11", "UPDATE new 11,111", "INSERT new 2,2"),
                    notices(c, "insert into pp values (11, 0), (2, 2) on conflict (a) do update set c = pp.c + 100"));
        }
    }

    private static List<String> notices(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) out.add(w.getMessage());
        }
        return out;
    }

    private static void exec(Connection c, String... sqls) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String sql : sqls) s.execute(sql);
        }
    }
}
