package org.tusk.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;

/**
 * Temporary objects live as long as their session: dropped when it ends (RemoveTempRelationsCallback),
 * invisible to every other session meanwhile, and a new session may create the same names at once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TemporaryTablesIT extends OneServerPerClass {

    private static String tempRelations(Connection c) throws Exception {
        return joinedRows(c, "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname like 'pg_temp%' order by 1");
    }

    /** The backend drops them after its client has gone: wait for that (at most 10 s). */
    private static void assertGone(Connection watcher) throws Exception {
        assertTrue(TuskServer.waitFor(10_000, () -> {
            try {
                return tempRelations(watcher).isEmpty();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }), "temporary relations left: " + tempRelations(watcher));
    }

    @Test
    void aSessionsTemporaryTablesGoWithIt() throws Exception {
        try (Connection watcher = server.connect()) {
            try (Connection c = server.connect()) {
                exec(c, "create temp table tt (id serial primary key, v text)",
                        "create temp view tv as select * from tt",
                        "insert into tt (v) values (repeat('x', 10000))");
                assertEquals("1", joinedRows(c, "select count(*) from tt"));
                assertEquals("tt;tt_id_seq;tt_pkey;tv", tempRelations(watcher));
            }
            assertGone(watcher);
            for (int i = 0; i < 3; i++) {
                try (Connection c = server.connect()) {
                    exec(c, "create temp table tt (x int)", "insert into tt values (" + i + ")");
                    assertEquals(String.valueOf(i), joinedRows(c, "select x from tt"));
                }
                assertGone(watcher);
            }
        }
    }

    @Test
    void aSessionEndingInsideATransactionBlockDropsThemToo() throws Exception {
        try (Connection watcher = server.connect()) {
            try (Connection c = server.connect()) {
                exec(c, "create temp table tb (x int)");
                c.setAutoCommit(false);
                exec(c, "insert into tb values (1)");
            }
            assertGone(watcher);
        }
    }
}
