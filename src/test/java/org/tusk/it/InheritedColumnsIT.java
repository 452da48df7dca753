package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.failsMessage;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Renaming a column of an inheritance tree and sorting character(n) columns, as regress's
 * create_misc does with a_star and its children: answers and errors as PostgreSQL 15 gives them.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InheritedColumnsIT extends OneServerPerClass {

    @Test
    void renameRecursesToChildrenAndRefusesInheritedColumns() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ip(a int)", "create table ic(b int) inherits (ip)", "create table id() inherits (ic)",
                    "insert into id values (1, 2)", "alter table ip rename column a to aa");
            assertEquals(List.of("1"), TuskServer.rows(c, "select aa from id"));
            assertEquals("cannot rename inherited column \"aa\"", failsMessage(c, "alter table ic rename column aa to x", "42P16"));
            assertEquals("inherited column \"aa\" must be renamed in child tables too",
                    failsMessage(c, "alter table only ip rename column aa to y", "42P16"));
            exec(c, "alter table ic rename column b to bb");
            assertEquals(List.of("1|2"), TuskServer.rows(c, "select aa || '|' || bb from id"));
            exec(c, "drop table ip cascade");
        }
    }

    @Test
    void characterColumnsSortAndGroup() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table cs(class char, a int)", "insert into cs values ('b', 2), ('a', 1), ('a', 5)");
            assertEquals(List.of("a 6", "b 2"), TuskServer.rows(c, "select class || ' ' || sum(a) from cs group by class order by class"));
            assertEquals(List.of("b", "a", "a"), TuskServer.rows(c, "select class from cs order by class desc"));
            exec(c, "drop table cs");
        }
    }
}
