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
 * A whole-row reference to a FROM item that is not a stored table (subquery, view, function,
 * VALUES, WITH query) on the nullable side of an outer join is NULL for a null-extended row, not
 * a row of NULLs: count(s.*) counts only matched rows (join.sql's "bug #5025" queries), and the
 * row prints as NULL. Views keep the whole-row reference through pg_get_viewdef and through
 * UPDATE ... RETURNING of an auto-updatable view.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WholeRowNullExtendedIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table a (id int primary key)");
            s.execute("create table b (id int primary key, a_id int)");
            s.execute("insert into a values (1), (2), (3)");
            s.execute("insert into b values (1, 1), (2, 1)");
            s.execute("create view vb as select * from b");
        }
    }

    @Test
    void countOfANullExtendedRowIsZero() throws Exception {
        try (Connection c = server.connect()) {
            List<String> expected = List.of("1|2", "2|0", "3|0");
            assertEquals(expected, Jdbc.rowsShowingNull(c,
                    "select a.id, count(s.*) from a left join (select * from b) s on s.a_id = a.id group by a.id order by 1"));
            assertEquals(expected, Jdbc.rowsShowingNull(c,
                    "select a.id, count(vb.*) from a left join vb on vb.a_id = a.id group by a.id order by 1"));
            assertEquals(expected, Jdbc.rowsShowingNull(c, "with w as materialized (select * from b) "
                    + "select a.id, count(w.*) from a left join w on w.a_id = a.id group by a.id order by 1"));
            assertEquals(List.of("1|1", "2|0", "3|0"), Jdbc.rowsShowingNull(c,
                    "select a.id, count(f.*) from a left join generate_series(1, 1) f on f = a.id group by a.id order by 1"));
            assertEquals(List.of("1|1", "2|0", "3|0"), Jdbc.rowsShowingNull(c,
                    "select a.id, count(v.*) from a left join (values (1, 2)) v(x, y) on v.x = a.id group by a.id order by 1"));
        }
    }

    @Test
    void aNullExtendedRowIsNull() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("1|(1,2)|false", "2|null|true", "3|null|true"), Jdbc.rowsShowingNull(c,
                    "select a.id, s, case when s is null then 'true' else 'false' end from a left join (select a_id, count(*) from b group by a_id) s"
                            + " on s.a_id = a.id order by 1"));
            assertEquals(List.of("1|(1,1)", "1|(2,1)", "2|null", "3|null"), Jdbc.rowsShowingNull(c,
                    "select a.id, x from a left join (select * from b) s on s.a_id = a.id"
                            + " left join lateral (select s as x) l on true order by 1, 2"));
        }
    }

    @Test
    void viewsKeepTheirWholeRowReference() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create view vv as select a.id, vb from a left join vb on vb.a_id = a.id");
            assertEquals(List.of(" SELECT a.id,\n    vb.*::vb AS vb\n   FROM (a\n     LEFT JOIN vb ON ((vb.a_id = a.id)));"),
                    Jdbc.rowsShowingNull(c, "select pg_get_viewdef('vv'::regclass)"));
            assertEquals(List.of("2|(2,5)"), Jdbc.rowsShowingNull(c,
                    "update vb set a_id = 5 where vb.id = 2 returning vb.id, vb"));
        }
    }
}
