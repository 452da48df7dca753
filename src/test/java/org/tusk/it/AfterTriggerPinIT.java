package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * While an AFTER ROW trigger runs, the pages of its event's rows stay pinned (AfterTriggerExecute
 * holds them in its tuple slots), so the trigger's own queries cannot prune those pages, and the
 * rows it writes go where PostgreSQL 15 puts them: a full page is left as it is and the new
 * versions go to the next page. What is checked are the row positions (ctid) PostgreSQL gives,
 * which decide the order of an unordered scan (copy2's SELECT * FROM x).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AfterTriggerPinIT extends OneServerPerClass {

    @Test
    void triggerQueriesDoNotPruneTheEventsPage() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create temp table x (a serial, b int, c text not null default 'stuff', d text, e text)",
                    "create function fn_x_before() returns trigger language plpgsql as "
                            + "$$ begin new.e := 'before trigger fired'; return new; end $$",
                    "create function fn_x_after() returns trigger language plpgsql as "
                            + "$$ begin update x set e = 'after trigger fired' where c = 'stuff'; return null; end $$",
                    "create trigger trg_x_after after insert on x for each row execute procedure fn_x_after()",
                    "create trigger trg_x_before before insert on x for each row execute procedure fn_x_before()",
                    "insert into x values (9999, null, '\\N', 'NN', null), (10000, 21, '31', '41', '51')",
                    "insert into x (b, d) values (1, 'test_1')",
                    "insert into x (b, d) values (2, 'test_2'), (3, 'test_3'), (4, 'test_4'), (5, 'test_5')",
                    "insert into x values (10001, 22, '32', '42', '52'), (10002, 23, '33', '43', '53'),"
                            + " (10003, 24, '34', '44', '54'), (10004, 25, '35', '45', '55'), (10005, 26, '36', '46', '56')",
                    "insert into x values (3000, null, 'c', null, null)",
                    "insert into x select 4000 + g, g, 'row' || g, null, null from generate_series(0, 8) g",
                    "insert into x values (50004, 25, '35', '45', '55')");
            assertEquals("(1,11) (1,12) (1,13) (1,14) (1,15)",
                    joinedRows(c, "select string_agg(ctid::text, ' ' order by a) from x where c = 'stuff'"));
            assertEquals("(1,10)", joinedRows(c, "select ctid from x where a = 50004"));
            assertEquals("10005,3000,4000,50004,1", joinedRows(c,
                    "select string_agg(a::text, ',') from (select a from x where a in (1, 3000, 4000, 10005, 50004)) s"));
        }
    }
}
