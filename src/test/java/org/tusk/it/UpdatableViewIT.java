package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * Automatically updatable views (rewriteTargetView) through a real server, with PostgreSQL 15's
 * answers, messages and SQLSTATEs.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class UpdatableViewIT extends OneServerPerClass {

    @Test
    void insertUpdateDeleteGoToTheBaseTableThroughTheViewsColumns() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ub (a int primary key, b text default 'Unspecified', c int default 7)",
                    "insert into ub select i, 'Row ' || i from generate_series(-2, 2) g(i)",
                    "create view uv as select b as bb, a as aa from ub where a > 0",
                    "insert into uv values ('Row 3', 3)",
                    "insert into uv (aa) values (4)");
            assertEquals("Updated 2|2", joinedRows(c, "update uv set bb = 'Updated ' || aa where aa = 2 returning *"));
            assertEquals("1|Row 1", joinedRows(c, "delete from uv where aa = 1 returning aa, bb"));
            // the view's WHERE limits UPDATE and DELETE: rows it does not show are not touched
            exec(c, "delete from uv");
            assertEquals("-2|Row -2|7;-1|Row -1|7;0|Row 0|7", joinedRows(c, "select * from ub order by a"));
            exec(c, "insert into uv (aa) values (4)");
            assertEquals("4|Unspecified|7", joinedRows(c, "select * from ub where a = 4"));
            // a view's own default, and a view over a view
            exec(c, "alter view uv alter column bb set default 'from view'",
                    "insert into uv (aa) values (5)",
                    "create view uv2 as select aa as x, bb as y from uv where aa < 5",
                    "update uv2 set y = 'via uv2'");
            assertEquals("4|via uv2;5|from view", joinedRows(c, "select a, b from ub where a > 0 order by a"));
            exec(c, "drop table ub cascade");
        }
    }

    @Test
    void viewsThatAreNotUpdatableAreRefusedWithPostgresDetails() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table nb (a int, b text)", "insert into nb values (1, 'x')",
                    "create view nd as select distinct a from nb",
                    "create view ne as select a + 1 as a1, b from nb");
            PSQLException e = fails(c, "delete from nd", "55000");
            assertEquals("cannot delete from view \"nd\"", e.getServerErrorMessage().getMessage());
            assertEquals("Views containing DISTINCT are not automatically updatable.", e.getServerErrorMessage().getDetail());
            assertEquals("To enable deleting from the view, provide an INSTEAD OF DELETE trigger or an unconditional ON DELETE"
                    + " DO INSTEAD rule.", e.getServerErrorMessage().getHint());
            e = fails(c, "insert into ne (a1) values (1)", "0A000");
            assertEquals("cannot insert into column \"a1\" of view \"ne\"", e.getServerErrorMessage().getMessage());
            assertEquals("View columns that are not columns of their base relation are not updatable.",
                    e.getServerErrorMessage().getDetail());
            // the other columns stay updatable
            exec(c, "update ne set b = 'y' where a1 = 2");
            assertEquals("1|y", joinedRows(c, "select * from nb"));
            exec(c, "drop table nb cascade");
        }
    }

    @Test
    void theBaseTableIsCheckedForTheViewsOwner() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create role uv_user login password 'pw'", "create table pb (a int)", "create view pv as select a from pb",
                    "grant insert, select on pv to uv_user");
            try (Connection u = server.connect("uv_user", "pw")) {
                exec(u, "insert into pv values (1)");
                fails(u, "insert into pb values (2)", "42501");
                fails(u, "delete from pv", "42501");
            }
            assertEquals("1", joinedRows(c, "select * from pb"));
            exec(c, "drop table pb cascade", "drop role uv_user");
        }
    }
}
