package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What DECLARE sets up for a cursor (PerformCursorOpen, PortalStart). It reads the database as of
 * its DECLARE, whatever runs before its first FETCH: the transaction's own later commands, and
 * other sessions' commits followed by a VACUUM, which must not remove the versions the cursor
 * still has to return. A DECLARE in a SQL function opens a cursor of the session with the call's
 * arguments bound. As PostgreSQL 15 (the portals regression test).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PortalStartIT extends OneServerPerClass {

    @Test
    void laterCommandsOfTheTransactionDoNotShowInTheCursor() throws Exception {
        for (String isolation : new String[] {"read committed", "repeatable read", "serializable"}) {
            try (Connection c = server.connect()) {
                c.setAutoCommit(false);
                exec(c, "set transaction isolation level " + isolation);
                exec(c, "create table cs (a int)", "insert into cs values (1)");
                exec(c, "declare c1 cursor for select a from cs");
                exec(c, "update cs set a = 2");
                assertEquals("1", joinedRows(c, "fetch all from c1"), isolation);
                // FOR UPDATE: the row the cursor sees was updated by a later command of this
                // transaction, so it is skipped (ExecLockRows on TM_SelfModified), not an error
                exec(c, "declare c2 no scroll cursor for select a from cs for update");
                exec(c, "update cs set a = 3");
                assertEquals("", joinedRows(c, "fetch all from c2"), isolation);
                assertEquals("3", joinedRows(c, "select a from cs"), isolation);
                c.rollback();
            }
        }
    }

    @Test
    void aCursorKeepsTheRowsItWillReturnFromVacuum() throws Exception {
        try (Connection reader = server.connect(); Connection writer = server.connect()) {
            exec(writer, "create table cv (id int primary key, v text)", "insert into cv values (1, 'old')");
            reader.setAutoCommit(false);
            exec(reader, "declare c cursor for select v from cv");
            exec(writer, "update cv set v = 'new' where id = 1");
            // a READ COMMITTED statement gives up its own snapshot; the cursor's stays registered
            assertEquals("new", joinedRows(reader, "select v from cv"));
            exec(writer, "vacuum cv");
            assertEquals("old", joinedRows(reader, "fetch all from c"));
            reader.rollback();
        }
    }

    @Test
    void aSqlFunctionDeclaresASessionCursorWithItsArguments() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table cf (s text)", "insert into cf values ('ABc'), ('ABd'), ('xy')",
                    "create function declares_cursor(text) returns void"
                            + " as 'declare c cursor for select s from cf where s like $1 order by s;' language sql");
            c.setAutoCommit(false);
            exec(c, "select declares_cursor('AB%')");
            assertEquals("ABc;ABd", joinedRows(c, "fetch all from c"));
            assertEquals("cursor \"c\" already exists", Jdbc.failsMessage(c, "select declares_cursor('x%')", "42P03"));
            c.rollback();
        }
    }
}
