package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The utility statements against a real server, through pgjdbc: COPY in both directions and both
 * formats (with the copy sub-protocol, errors and their CONTEXT), TRUNCATE, ALTER TABLE, VACUUM
 * (dead rows gone from the indexes, their space reused, the index still valid) and pgbench -i.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class UtilityIT {
    static final Path PGBENCH = Path.of("/usr/lib/postgresql/15/bin/pgbench");

    private static CopyManager copy(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }

    private static String copyOut(Connection c, String sql) throws Exception {
        StringWriter w = new StringWriter();
        copy(c).copyOut(sql, w);
        return w.toString();
    }

    @Test
    void copyInAndOutInTextAndCsv() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            exec(c, "create table t (a int primary key, b text, c varchar(10) default 'dflt')");
            long n = copy(c).copyIn("copy t (a, b) from stdin", new StringReader("1\tone\n2\t\\N\n3\ttab\\there\n"));
            assertEquals(3, n);
            assertEquals("1\tone\tdflt\n2\t\\N\tdflt\n3\ttab\\there\tdflt\n", copyOut(c, "copy t to stdout"));
            assertEquals(2, copy(c).copyIn("copy t from stdin with (format csv, header)",
                    new StringReader("a,b,c\n4,\"q,uo\"\"te\",\n5,,\"\"\n")));
            assertEquals("a,b,c\n4,\"q,uo\"\"te\",\n5,,\"\"\n",
                    copyOut(c, "copy (select * from t where a >= 4) to stdout (format csv, header)"));
            assertEquals("2\n", ProtocolIT.one(c, "select count(*) from t where a >= 4") + "\n");
            // Rows came in through the index too.
            exec(c, "set enable_seqscan = off");
            assertEquals("q,uo\"te", ProtocolIT.one(c, "select b from t where a = 4"));
            assertEquals("", ProtocolIT.one(c, "select bt_index_check('t_pkey')"));
        }
    }

    @Test
    void copyErrorsNameTheLineAndColumn() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            exec(c, "create table t (a int primary key, b int not null)");
            PSQLException e = assertThrows(PSQLException.class,
                    () -> copy(c).copyIn("copy t from stdin", new StringReader("1\t1\n2\t2\n3\tx\n")));
            assertEquals("22P02", e.getSQLState());
            assertEquals("invalid input syntax for type integer: \"x\"", e.getServerErrorMessage().getMessage());
            assertEquals("COPY t, line 3, column b: \"x\"", e.getServerErrorMessage().getWhere());
            e = assertThrows(PSQLException.class, () -> copy(c).copyIn("copy t from stdin", new StringReader("1\t1\t1\n")));
            assertEquals("extra data after last expected column", e.getServerErrorMessage().getMessage());
            assertEquals("COPY t, line 1: \"1\t1\t1\"", e.getServerErrorMessage().getWhere());
            e = assertThrows(PSQLException.class, () -> copy(c).copyIn("copy t from stdin", new StringReader("1\n")));
            assertEquals("missing data for column \"b\"", e.getServerErrorMessage().getMessage());
            e = assertThrows(PSQLException.class, () -> copy(c).copyIn("copy t from stdin", new StringReader("1\t1\n1\t2\n")));
            assertEquals("23505", e.getSQLState());
            assertEquals("COPY t, line 2", e.getServerErrorMessage().getWhere());
            // A failed COPY inserted nothing, and the session goes on.
            assertEquals("0", ProtocolIT.one(c, "select count(*) from t"));
            e = assertThrows(PSQLException.class, () -> exec(c, "copy t from '/etc/passwd-does-not-exist'"));
            assertEquals("58P01", e.getSQLState());
        }
    }

    @Test
    void truncateSwapsTheFilesAndRollsBack() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            exec(c, "create table t (a int primary key, b text)", "insert into t values (1, 'x'), (2, 'y'), (3, 'z')");
            String before = ProtocolIT.one(c, "select relfilenode from pg_class where relname = 't'");
            exec(c, "begin", "truncate t", "rollback");
            assertEquals("3", ProtocolIT.one(c, "select count(*) from t"));
            exec(c, "truncate table t restart identity");
            assertEquals("0", ProtocolIT.one(c, "select count(*) from t"));
            assertNotEquals(before, ProtocolIT.one(c, "select relfilenode from pg_class where relname = 't'"));
            exec(c, "insert into t values (2, 'again')");
            exec(c, "set enable_seqscan = off");
            assertEquals("again", ProtocolIT.one(c, "select b from t where a = 2"));
            assertEquals("", ProtocolIT.one(c, "select bt_index_check('t_pkey')"));
            try (var files = Files.walk(server.dataDir().resolve("base"))) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().equals(before)), "the old file is removed at commit");
            }
        }
    }

    @Test
    void alterTable() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            exec(c, "create table t (a int, b text)", "insert into t values (1, 'x'), (2, null)");
            exec(c, "alter table t add primary key (a)");
            PSQLException e = assertThrows(PSQLException.class, () -> exec(c, "insert into t values (1, 'dup')"));
            assertEquals("23505", e.getSQLState());
            e = assertThrows(PSQLException.class, () -> exec(c, "alter table t alter column b set not null"));
            assertEquals("column \"b\" of relation \"t\" contains null values", e.getServerErrorMessage().getMessage());
            exec(c, "alter table t add column c int default 7, add column d text");
            assertEquals("7|", ProtocolIT.one(c, "select c || '|' || coalesce(d, '') from t where a = 2"));
            exec(c, "alter table t alter column b set default 'bee', alter column c drop default");
            exec(c, "insert into t (a) values (3)");
            assertEquals("bee", ProtocolIT.one(c, "select b from t where a = 3"));
            assertNull(ProtocolIT.one(c, "select c from t where a = 3"));
            exec(c, "alter table t rename column b to bb", "alter table t rename to t2");
            assertEquals("bee", ProtocolIT.one(c, "select bb from t2 where a = 3"));
            e = assertThrows(PSQLException.class, () -> exec(c, "alter table t2 alter column a drop not null"));
            assertEquals("column \"a\" is in a primary key", e.getServerErrorMessage().getMessage());
            e = assertThrows(PSQLException.class, () -> exec(c, "alter table t2 add primary key (c)"));
            assertEquals("multiple primary keys for table \"t2\" are not allowed", e.getServerErrorMessage().getMessage());
            e = assertThrows(PSQLException.class, () -> exec(c, "alter table t2 add constraint t2_c_key unique (c)"));
            assertEquals("23505", e.getSQLState(), "two rows got c = 7 from the default");
            exec(c, "alter table t2 add constraint t2_bb_key unique (bb)", "set enable_seqscan = off");
            assertEquals("", ProtocolIT.one(c, "select bt_index_check('t2_bb_key')"));
            assertEquals("3", ProtocolIT.one(c, "select count(*) from t2 where a > 0"));
        }
    }

    @Test
    void vacuumRemovesDeadIndexEntriesAndReusesTheSpace() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            exec(c, "create table t (a int primary key, pad text) with (fillfactor = 90)");
            exec(c, "insert into t values (1, 'x')");
            StringBuilder rows = new StringBuilder();
            for (int i = 2; i <= 3000; i++) rows.append(i).append('\t').append("p".repeat(100)).append('\n');
            copy(c).copyIn("copy t from stdin", new StringReader(rows.toString()));
            exec(c, "vacuum analyze t");
            String pages = ProtocolIT.one(c, "select relpages from pg_class where relname = 't'");
            assertEquals("3000", ProtocolIT.one(c, "select reltuples from pg_class where relname = 't'"));
            assertEquals("-1|0|4", ProtocolIT.one(c, "select stadistinct || '|' || stanullfrac || '|' || stawidth from pg_statistic"
                    + " where staattnum = 1"), "the key column is unique, never null, 4 bytes wide");
            assertEquals("2", ProtocolIT.one(c, "select count(*) from pg_statistic"));
            exec(c, "delete from t where a % 3 <> 0");
            exec(c, "vacuum t");
            assertEquals("1000", ProtocolIT.one(c, "select reltuples from pg_class where relname = 't'"));
            assertEquals("", ProtocolIT.one(c, "select bt_index_check('t_pkey')"));
            exec(c, "set enable_seqscan = off");
            assertEquals("1000", ProtocolIT.one(c, "select count(*) from t where a > 0"));
            assertEquals("0", ProtocolIT.one(c, "select count(*) from t where a = 2"), "no index entry leads to a deleted row");
            // Updates find the room VACUUM freed on their own pages: the table does not grow.
            for (int round = 0; round < 2; round++) exec(c, "update t set pad = pad || '' where a % 3 = 0", "vacuum t");
            assertEquals(pages, ProtocolIT.one(c, "select relpages from pg_class where relname = 't'"));
            assertEquals("1000", ProtocolIT.one(c, "select reltuples from pg_class where relname = 't'"));
            assertEquals("", ProtocolIT.one(c, "select bt_index_check('t_pkey')"));
            PSQLException e = assertThrows(PSQLException.class, () -> exec(c, "begin", "vacuum t"));
            assertEquals("VACUUM cannot run inside a transaction block", e.getServerErrorMessage().getMessage());
        }
    }

    @Test
    void pgbenchInitialises() throws Exception {
        assumeTrue(Files.isExecutable(PGBENCH), "pgbench of PostgreSQL 15 not installed");
        try (TuskServer server = TuskServer.start()) {
            Process p = new ProcessBuilder(PGBENCH.toString(), "-i", "-s", "1", "-h", "127.0.0.1", "-p",
                    String.valueOf(server.port()), "-U", server.user(), "postgres").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            try (Connection c = server.connect()) {
                assertEquals("100000", ProtocolIT.one(c, "select count(*) from pgbench_accounts"));
                assertEquals("10", ProtocolIT.one(c, "select count(*) from pgbench_tellers"));
                assertEquals("1", ProtocolIT.one(c, "select count(*) from pgbench_branches"));
                for (String t : List.of("accounts", "tellers", "branches")) {
                    assertEquals("", ProtocolIT.one(c, "select bt_index_check('pgbench_" + t + "_pkey')"));
                }
            }
        }
    }

    @Test
    void sequencesAndSerialSurviveACrash() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            try (Connection a = server.connect(); Connection b = server.connect()) {
                exec(a, "create sequence s increment by 10 start 5", "create table t (id serial primary key, big bigserial, v text)");
                assertEquals("5", ProtocolIT.one(a, "select nextval('s')"));
                assertEquals("15", ProtocolIT.one(b, "select nextval('s')"), "another session continues the same sequence");
                assertEquals("5", ProtocolIT.one(a, "select currval('s')"), "currval is the session's own");
                PSQLException e = assertThrows(PSQLException.class, () -> ProtocolIT.one(b, "select currval('t_id_seq')"));
                assertEquals("55000", e.getSQLState());
                exec(b, "rollback");
                exec(a, "begin", "insert into t (v) values ('x'), ('y')", "rollback");
                exec(a, "insert into t (v) values ('z')");
                assertEquals("3|3|z", ProtocolIT.one(a, "select id || '|' || big || '|' || v from t"), "nextval is not rolled back");
                assertEquals("3", ProtocolIT.one(a, "select lastval()"));
                assertEquals("100", ProtocolIT.one(a, "select setval('s', 100)"));
                assertEquals("110", ProtocolIT.one(b, "select nextval('s')"));
            }
            ProcessResult stop = server.stop("immediate");
            assertEquals(0, stop.exitCode(), stop.output());
            server.startAgain();
            try (Connection c = server.connect()) {
                long next = Long.parseLong(ProtocolIT.one(c, "select nextval('s')"));
                assertTrue(next > 110, "after a crash the sequence resumes past every value handed out: " + next);
                assertTrue(Long.parseLong(ProtocolIT.one(c, "select nextval('t_id_seq')")) > 3);
                exec(c, "drop sequence s");
                PSQLException e = assertThrows(PSQLException.class, () -> ProtocolIT.one(c, "select nextval('s')"));
                assertEquals("42P01", e.getSQLState());
            }
        }
    }

    private static void send(DataOutputStream out, char type, byte[] body) throws Exception {
        out.writeByte(type);
        out.writeInt(body.length + 4);
        out.write(body);
    }

    private static byte[] cstrings(String... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String p : parts) {
            b.writeBytes(p.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return b.toByteArray();
    }

    /** A Parse body: unnamed statement, the query, no parameter types. */
    private static byte[] parse(String query) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(cstrings("", query));
        b.write(0);
        b.write(0);
        return b.toByteArray();
    }

    /** Messages up to and including ReadyForQuery, as "type:body" (bodies of CommandComplete and CopyData as text). */
    private static List<String> until(DataInputStream in, char last) throws Exception {
        List<String> got = new ArrayList<>();
        while (true) {
            char t = (char) in.readUnsignedByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            got.add(t == 'C' || t == 'd' ? t + ":" + new String(body, StandardCharsets.UTF_8).replace("\0", "") : String.valueOf(t));
            if (t == last) return got;
        }
    }

    @Test
    void copyThroughTheExtendedProtocol() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            try (Connection c = server.connect()) {
                exec(c, "create table e (a int, b text)");
            }
            try (Socket sock = new Socket("127.0.0.1", server.port())) {
                sock.setSoTimeout(20000);
                DataOutputStream out = new DataOutputStream(sock.getOutputStream());
                DataInputStream in = new DataInputStream(sock.getInputStream());
                byte[] params = cstrings("user", server.user(), "database", "postgres", "");
                out.writeInt(params.length + 8);
                out.writeInt(196608);
                out.write(params);
                until(in, 'Z');
                // Parse/Bind/Execute/Sync of COPY FROM STDIN: CopyInResponse; the Sync sent before the
                // data is ignored during copy-in, the one after CopyDone ends the exchange.
                send(out, 'P', parse("copy e from stdin"));
                send(out, 'B', new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
                send(out, 'E', new byte[] {0, 0, 0, 0, 0});
                send(out, 'S', new byte[0]);
                out.flush();
                assertEquals(List.of("1", "2", "G"), until(in, 'G'));
                send(out, 'd', "1\tx\n2\t".getBytes(StandardCharsets.UTF_8));
                send(out, 'd', "y\n".getBytes(StandardCharsets.UTF_8));
                send(out, 'c', new byte[0]);
                send(out, 'S', new byte[0]);
                out.flush();
                assertEquals(List.of("C:COPY 2", "Z"), until(in, 'Z'));
                send(out, 'P', parse("copy e to stdout (format csv)"));
                send(out, 'B', new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
                send(out, 'E', new byte[] {0, 0, 0, 0, 0});
                send(out, 'S', new byte[0]);
                out.flush();
                assertEquals(List.of("1", "2", "H", "d:1,x\n", "d:2,y\n", "c", "C:COPY 2", "Z"), until(in, 'Z'));
                // CopyFail ends the COPY with an error; nothing was inserted.
                send(out, 'Q', cstrings("copy e from stdin"));
                out.flush();
                assertEquals(List.of("G"), until(in, 'G'));
                send(out, 'd', "3\tz\n".getBytes(StandardCharsets.UTF_8));
                send(out, 'f', cstrings("client gave up"));
                out.flush();
                assertEquals(List.of("E", "Z"), until(in, 'Z'));
            }
            try (Connection c = server.connect()) {
                assertEquals("2", ProtocolIT.one(c, "select count(*) from e"));
            }
        }
    }
}
