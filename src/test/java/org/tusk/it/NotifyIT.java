package org.tusk.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LISTEN / NOTIFY / UNLISTEN between sessions, as PostgreSQL 15's async.c delivers them: only
 * after the notifying transaction commits, in commit order, to listeners of the same database,
 * when the listener is idle outside a transaction block (at once if it is waiting for its client).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NotifyIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int pid(Connection c) throws SQLException {
        return Integer.parseInt(TuskServer.rows(c, "select pg_backend_pid()").get(0));
    }

    /** The notifications the listener has received once it ran a trivial query, as "channel:payload:pid". */
    private static List<String> poll(Connection listener) throws SQLException {
        exec(listener, "select 1");
        return taken(listener.unwrap(PGConnection.class).getNotifications());
    }

    private static List<String> taken(PGNotification[] ns) {
        List<String> out = new ArrayList<>();
        if (ns != null) for (PGNotification n : ns) out.add(n.getName() + ":" + n.getParameter() + ":" + n.getPID());
        return out;
    }

    @Test
    void deliveredOnlyAfterCommitAndNeverOnRollback() throws Exception {
        try (Connection l = server.connect(); Connection n = server.connect()) {
            exec(l, "LISTEN c1");
            int np = pid(n);
            n.setAutoCommit(false);
            exec(n, "NOTIFY c1, 'one'");
            assertEquals(List.of(), poll(l), "nothing before the commit");
            n.commit();
            assertEquals(List.of("c1:one:" + np), poll(l));
            exec(n, "NOTIFY c1, 'two'");
            n.rollback();
            exec(n, "select pg_notify('c1', 'three')");
            n.rollback();
            assertEquals(List.of(), poll(l), "nothing from rolled-back transactions");
        }
    }

    @Test
    void commitOrderDuplicatesFoldedAndSubtransactions() throws Exception {
        try (Connection l = server.connect(); Connection a = server.connect(); Connection b = server.connect()) {
            exec(l, "LISTEN c2");
            int ap = pid(a), bp = pid(b);
            exec(a, "NOTIFY c2, 'a1'");
            exec(b, "NOTIFY c2, 'b1'");
            exec(a, "BEGIN; NOTIFY c2, 'd'; NOTIFY c2, 'd'; NOTIFY c2, 'e'; NOTIFY c2, 'd'; COMMIT");
            exec(b, "BEGIN; NOTIFY c2, 's'; SAVEPOINT x; NOTIFY c2, 's'; NOTIFY c2, 't'; RELEASE x; "
                    + "SAVEPOINT y; NOTIFY c2, 'gone'; ROLLBACK TO y; COMMIT");
            assertEquals(List.of("c2:a1:" + ap, "c2:b1:" + bp, "c2:d:" + ap, "c2:e:" + ap, "c2:s:" + bp, "c2:t:" + bp),
                    poll(l));
        }
    }

    @Test
    void aNotifierThatListensGetsItsOwnNotification() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "LISTEN self");
            exec(c, "NOTIFY self, 'me'");
            assertEquals(List.of("self:me:" + pid(c)), taken(c.unwrap(PGConnection.class).getNotifications()));
            assertEquals(List.of("self"), TuskServer.rows(c, "select pg_listening_channels()"));
            exec(c, "UNLISTEN *");
            assertEquals(List.of(), TuskServer.rows(c, "select pg_listening_channels()"));
            exec(c, "NOTIFY self, 'again'");
            assertEquals(List.of(), poll(c));
        }
    }

    @Test
    void listenAndUnlistenTakeEffectAtCommit() throws Exception {
        try (Connection l = server.connect(); Connection n = server.connect()) {
            exec(l, "BEGIN; LISTEN c3; ROLLBACK");
            exec(n, "NOTIFY c3, 'x'");
            assertEquals(List.of(), poll(l), "a rolled-back LISTEN listens to nothing");
            exec(l, "LISTEN c3; LISTEN c3b");
            exec(l, "BEGIN; UNLISTEN c3; ROLLBACK");
            exec(n, "NOTIFY c3, 'still'");
            assertEquals(List.of("c3:still:" + pid(n)), poll(l), "a rolled-back UNLISTEN changes nothing");
            exec(l, "BEGIN; UNLISTEN c3; COMMIT");
            exec(n, "NOTIFY c3, 'after'; NOTIFY c3b, 'other'");
            assertEquals(List.of("c3b:other:" + pid(n)), poll(l));
        }
    }

    @Test
    void aListenerInsideATransactionBlockGetsThemWhenItEnds() throws Exception {
        try (Connection l = server.connect(); Connection n = server.connect()) {
            exec(l, "LISTEN c4");
            l.setAutoCommit(false);
            exec(l, "select 1");
            exec(n, "NOTIFY c4, 'waiting'");
            assertEquals(List.of(), poll(l), "not while the listener is in a transaction");
            l.commit();
            assertEquals(List.of("c4:waiting:" + pid(n)), taken(l.unwrap(PGConnection.class).getNotifications()));
            l.setAutoCommit(true);
        }
    }

    @Test
    void anIdleListenerIsWokenWithoutSendingAQuery() throws Exception {
        try (Connection l = server.connect(); Connection n = server.connect()) {
            exec(l, "LISTEN c5");
            Thread notifier = new Thread(() -> {
                try {
                    Thread.sleep(500);
                    exec(n, "NOTIFY c5, 'wake'");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            notifier.start();
            long t0 = System.nanoTime();
            PGNotification[] got = l.unwrap(PGConnection.class).getNotifications(20000);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            notifier.join();
            assertEquals(List.of("c5:wake:" + pid(n)), taken(got));
            assertTrue(ms < 10000, "delivered while idle, after " + ms + " ms");
        }
    }

    @Test
    void notificationsOfAnotherDatabaseAreNotDelivered() throws Exception {
        try (Connection admin = server.connect()) {
            exec(admin, "CREATE DATABASE notify_other");
        }
        try (Connection other = server.connectTo("notify_other", server.user(), null);
             Connection otherNotifier = server.connectTo("notify_other", server.user(), null);
             Connection here = server.connect()) {
            exec(other, "LISTEN c6");
            exec(here, "NOTIFY c6, 'wrong database'");
            assertEquals(List.of(), poll(other));
            exec(otherNotifier, "NOTIFY c6, 'same database'");
            assertEquals(List.of("c6:same database:" + pid(otherNotifier)), poll(other));
        }
    }

    @Test
    void payloadsAndErrors() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "LISTEN \"Mixed Case\"");
            String big = "é".repeat(3999);   // 7998 bytes: the longest payload is 7999 bytes
            exec(c, "select pg_notify('Mixed Case', '" + big + "')");
            exec(c, "select pg_notify('Mixed Case', NULL)");
            assertEquals(List.of("Mixed Case:" + big + ":" + pid(c), "Mixed Case::" + pid(c)),
                    taken(c.unwrap(PGConnection.class).getNotifications()));
            SQLException e = assertThrows(SQLException.class, () -> exec(c, "select pg_notify('x', repeat('x', 8000))"));
            assertEquals("22023", e.getSQLState());
            assertEquals("ERROR: payload string too long", e.getMessage());
            e = assertThrows(SQLException.class, () -> exec(c, "select pg_notify('', 'x')"));
            assertEquals("ERROR: channel name cannot be empty", e.getMessage());
            e = assertThrows(SQLException.class, () -> exec(c, "select pg_notify(NULL, 'x')"));
            assertEquals("ERROR: channel name cannot be empty", e.getMessage());
            e = assertThrows(SQLException.class, () -> exec(c, "select pg_notify(repeat('c', 64), 'x')"));
            assertEquals("22023", e.getSQLState());
            assertEquals("ERROR: channel name too long", e.getMessage());
            exec(c, "UNLISTEN *");
        }
    }

    @Test
    void aFullQueueRefusesTheCommitAndWarnsWhenHalfFull() throws Exception {
        try (Connection slow = server.connect(); Connection n = server.connect()) {
            exec(slow, "LISTEN fullq");
            slow.setAutoCommit(false);
            exec(slow, "select 1");   // stays in a transaction block: it reads nothing meanwhile
            // about 4.9 MB of the 8 MB queue
            exec(n, "select pg_notify('fullq', i || repeat('x', 7990)) from generate_series(1, 600) i");
            try (Statement s = n.createStatement()) {
                s.execute("NOTIFY fullq, 'warned'");
                java.sql.SQLWarning w = s.getWarnings();
                assertTrue(w != null && w.getMessage().matches("NOTIFY queue is \\d+% full"), String.valueOf(w));
            }
            SQLException e = assertThrows(SQLException.class,
                    () -> exec(n, "select pg_notify('fullq', i || repeat('y', 7990)) from generate_series(1, 600) i"));
            assertEquals("54000", e.getSQLState());
            assertEquals("ERROR: too many notifications in the NOTIFY queue", e.getMessage());
            assertTrue(Double.parseDouble(TuskServer.rows(n, "select pg_notification_queue_usage()").get(0)) > 0.5);
            slow.commit();
            PGNotification[] got = slow.unwrap(PGConnection.class).getNotifications();
            assertEquals(601, got.length, "the committed ones, not those of the failed transaction");
            assertEquals("warned", got[600].getParameter());
            slow.setAutoCommit(true);
            exec(slow, "UNLISTEN *");
            assertEquals("0", TuskServer.rows(n, "select pg_notification_queue_usage()").get(0));
        }
    }

    @Test
    void aRuleActionMayNotify() throws Exception {
        try (Connection l = server.connect(); Connection c = server.connect()) {
            exec(l, "LISTEN rules");
            exec(c, "CREATE TABLE notify_rule_t(a int); CREATE TABLE notify_rule_u(a int)");
            exec(c, "CREATE RULE r1 AS ON INSERT TO notify_rule_t DO ALSO NOTIFY rules, 'inserted'");
            exec(c, "CREATE RULE r2 AS ON INSERT TO notify_rule_u DO INSTEAD (NOTIFY rules; NOTIFY rules, 'two')");
            SQLException e = assertThrows(SQLException.class, () -> exec(c,
                    "CREATE RULE r3 AS ON UPDATE TO notify_rule_t WHERE old.a > 1 DO ALSO NOTIFY rules"));
            assertEquals("42P17", e.getSQLState());
            assertEquals("ERROR: rules with WHERE conditions can only have SELECT, INSERT, UPDATE, or DELETE actions",
                    e.getMessage());
            int cp = pid(c);
            try (Statement s = c.createStatement()) {
                assertEquals(2, s.executeUpdate("INSERT INTO notify_rule_t VALUES (1), (2)"));
                assertEquals(0, s.executeUpdate("INSERT INTO notify_rule_u VALUES (1)"));
            }
            assertEquals(List.of("0"), TuskServer.rows(c, "SELECT count(*) FROM notify_rule_u"));
            assertEquals(List.of("rules:inserted:" + cp, "rules::" + cp, "rules:two:" + cp), poll(l));
            exec(c, "DROP TABLE notify_rule_t; DROP TABLE notify_rule_u");
        }
    }

    @Test
    void psqlPrintsTheAsynchronousNotification() throws Exception {
        ProcessResult r = server.psql("/tmp", "LISTEN ps; NOTIFY ps, 'hi'");
        assertTrue(r.output().matches("(?s).*Asynchronous notification \"ps\" with payload \"hi\" received from server "
                + "process with PID \\d+\\..*"), r.output());
    }
}
