package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * UPDATE ... FROM and DELETE ... USING over partitioned tables through a real server: each
 * partition joins with the FROM items on its own column order, and RETURNING and SET read the
 * target's system columns next to the other items' columns, with PostgreSQL 15's answers.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class UpdateFromPartitionsIT extends OneServerPerClass {

    @Test
    void partitionsWithOtherColumnOrdersJoinOnTheirOwnColumns() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table lp (a numeric, b int, c int8) partition by list (a)",
                    "create table lp_sub partition of lp for values in (1) partition by list (b)",
                    "create table lp_sub1 (b int, c int8, a numeric)",
                    "alter table lp_sub attach partition lp_sub1 for values in (1)",
                    "create table lp_sub2 (b int, c int8, a numeric)",
                    "alter table lp_sub attach partition lp_sub2 for values in (2)",
                    "create table lp_other (c int8, a numeric, b int)",
                    "alter table lp attach partition lp_other for values in (2, 3)",
                    "insert into lp values (2, 52, 50), (3, 6, 60), (1, 1, 70), (1, 2, 10)",
                    "create table ids (id int)",
                    "insert into ids values (1), (1), (2), (3)");
            exec(c, "update lp t1 set a = 2 from ids t2 where t1.a = t2.id and a = 1");
            assertEquals("lp_other|2|1|70;lp_other|2|2|10;lp_other|2|52|50;lp_other|3|6|60",
                    joinedRows(c, "select tableoid::regclass::text, * from lp order by 1, 2, 3, 4"));
            exec(c, "delete from lp using ids where lp.b = ids.id and lp.a = 2");
            assertEquals("2|52|50;3|6|60", joinedRows(c, "select * from lp order by 1, 2"));
        }
    }

    @Test
    void returningAndSetReadTheTargetsSystemColumnsBesideTheJoinedColumns() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ut (a int, b text) partition by list (a)",
                    "create table ut1 (a int check (a in (1)), q text, b text)",
                    "create table ut2 (a int check (a in (2)), b text)",
                    "alter table ut1 drop column q",
                    "alter table ut attach partition ut1 for values in (1)",
                    "alter table ut attach partition ut2 for values in (2)",
                    "insert into ut values (1, 'foo'), (2, 'bar')");
            assertEquals("1|foofoo|1|ut1|0;2|barbar|2|ut2|0", joinedRows(c, "update ut set b = b || b"
                    + " from (values (1), (2)) s(x) where a = s.x returning *, tableoid::regclass, xmax"));
            // the row moved to the other partition: RETURNING's tableoid is the new one's
            assertEquals("2|foofoo|1|ut2;1|barbar|2|ut1", joinedRows(c, "update ut set a = 3 - a"
                    + " from (values (1), (2)) s(x) where a = s.x returning *, tableoid::regclass"));
            ServerErrorMessage e = assertThrows(PSQLException.class, () -> exec(c, "update ut set a = 3 - a"
                    + " from (values (1), (2)) s(x) where a = s.x returning xmin")).getServerErrorMessage();
            assertEquals("0A000", e.getSQLState());
            assertEquals("cannot retrieve a system column in this context", e.getMessage());
            // SET and WHERE read the old row's tableoid through the join
            assertEquals("1|ut1|1;2|ut2|2", joinedRows(c, "with u as (update ut set b = tableoid::regclass::text"
                    + " from (values (1), (2)) s(x) where a = s.x and ut.tableoid <> 0 returning a, b, x)"
                    + " select * from u order by a"));
            assertEquals("1|ut1|1|ut1;2|ut2|2|ut2", joinedRows(c, "with d as (delete from ut using (values (1), (2)) s(x)"
                    + " where a = s.x returning a, b, s.x, tableoid::regclass::text)"
                    + " select * from d order by a"));
        }
    }
}
