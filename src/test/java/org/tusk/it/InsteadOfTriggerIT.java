package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * INSTEAD OF triggers on views: INSERT, UPDATE and DELETE handed to the trigger with RETURNING
 * reading the row it returned, a NULL result not counted, COPY FROM into such a view, the
 * CREATE TRIGGER refusals, pg_relation_is_updatable, and COPY FREEZE's subtransaction rule
 * with the table's file surviving ROLLBACK TO a savepoint taken before a TRUNCATE.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class InsteadOfTriggerIT extends OneServerPerClass {

    private static String rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? "," : "").append(rs.getString(i));
                out.add(sb.toString());
            }
        }
        return String.join(" ", out);
    }

    private static void setUpView(Statement s) throws SQLException {
        s.execute("CREATE TABLE io_base (id int, name text)");
        s.execute("CREATE VIEW io_v AS SELECT id, name FROM io_base");
        s.execute("""
                CREATE FUNCTION io_trig() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'INSERT' THEN
                    IF NEW.id < 0 THEN RETURN NULL; END IF;
                    INSERT INTO io_base VALUES (NEW.id, NEW.name);
                    NEW.name := NEW.name || '!';
                    RETURN NEW;
                  ELSIF TG_OP = 'UPDATE' THEN
                    UPDATE io_base SET id = NEW.id, name = NEW.name WHERE id = OLD.id;
                    NEW.name := OLD.name || '->' || NEW.name;
                    RETURN NEW;
                  ELSE
                    DELETE FROM io_base WHERE id = OLD.id;
                    RETURN OLD;
                  END IF;
                END $$""");
        s.execute("CREATE TRIGGER io_t INSTEAD OF INSERT OR UPDATE OR DELETE ON io_v FOR EACH ROW EXECUTE FUNCTION io_trig()");
    }

    @Test
    void insertUpdateDeleteWithReturning() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            setUpView(s);
            // RETURNING reads the row the trigger returned; a NULL result is neither counted nor returned
            assertEquals("1,a! 2,b!", rows(s, "INSERT INTO io_v VALUES (1, 'a'), (2, 'b'), (-1, 'skipped') RETURNING *"));
            assertEquals(0, s.executeUpdate("INSERT INTO io_v VALUES (-5, 'none')"));
            assertEquals("1,a 2,b", rows(s, "SELECT * FROM io_base ORDER BY id"));

            assertEquals("10,a->x,a->x?", rows(s, "UPDATE io_v SET id = id + 9, name = 'x' WHERE id = 1 RETURNING *, name || '?'"));
            assertEquals("2,b 10,x", rows(s, "SELECT * FROM io_base ORDER BY id"));
            assertEquals(2, s.executeUpdate("UPDATE io_v SET name = upper(name)"));
            assertEquals("2,B 10,X", rows(s, "SELECT * FROM io_base ORDER BY id"));

            assertEquals("2,B", rows(s, "DELETE FROM io_v WHERE id = 2 RETURNING *"));
            assertEquals("10,X", rows(s, "SELECT * FROM io_v"));
        }
    }

    @Test
    void copyIntoViewGoesThroughTheTrigger() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE cp_base (id serial, name text)");
            s.execute("CREATE VIEW cp_v AS SELECT ''::text AS str");
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            SQLException e = assertThrows(SQLException.class, () -> copy.copyIn("COPY cp_v FROM stdin", new StringReader("x\n")));
            assertEquals("42809", e.getSQLState());
            assertEquals("ERROR: cannot copy to view \"cp_v\"\n  Hint: To enable copying to a view, provide an INSTEAD OF INSERT trigger.",
                    e.getMessage());
            s.execute("""
                    CREATE FUNCTION cp_trig() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN INSERT INTO cp_base (name) VALUES (NEW.str); RETURN NULL; END $$""");
            s.execute("CREATE TRIGGER cp_t INSTEAD OF INSERT ON cp_v FOR EACH ROW EXECUTE PROCEDURE cp_trig()");
            // the trigger returned NULL for every row; COPY counts them all the same, as PostgreSQL's CopyFrom does
            assertEquals(2, copy.copyIn("COPY cp_v FROM stdin", new StringReader("test1\ntest2\n")));
            assertEquals("1,test1 2,test2", rows(s, "SELECT * FROM cp_base ORDER BY id"));
            // a view without the trigger for UPDATE is still refused by the rewriter
            e = assertThrows(SQLException.class, () -> s.execute("UPDATE cp_v SET str = 'x'"));
            assertEquals("55000", e.getSQLState());
        }
    }

    @Test
    void createTriggerRefusalsAndUpdatability() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ct_base (a int)");
            s.execute("CREATE VIEW ct_v AS SELECT 1 AS a");
            s.execute("CREATE FUNCTION ct_f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
            assertEquals("INSTEAD OF triggers must be FOR EACH ROW", error(s,
                    "CREATE TRIGGER t INSTEAD OF INSERT ON ct_v EXECUTE FUNCTION ct_f()"));
            assertEquals("INSTEAD OF triggers cannot have WHEN conditions", error(s,
                    "CREATE TRIGGER t INSTEAD OF INSERT ON ct_v FOR EACH ROW WHEN (true) EXECUTE FUNCTION ct_f()"));
            assertEquals("INSTEAD OF triggers cannot have column lists", error(s,
                    "CREATE TRIGGER t INSTEAD OF UPDATE OF a ON ct_v FOR EACH ROW EXECUTE FUNCTION ct_f()"));
            assertEquals("\"ct_base\" is a table", error(s,
                    "CREATE TRIGGER t INSTEAD OF INSERT ON ct_base FOR EACH ROW EXECUTE FUNCTION ct_f()"));
            assertEquals("0,0", rows(s, "SELECT pg_relation_is_updatable('ct_v'::regclass, true), "
                    + "pg_relation_is_updatable('ct_v'::regclass, false)"));
            s.execute("CREATE TRIGGER t INSTEAD OF INSERT OR DELETE ON ct_v FOR EACH ROW EXECUTE FUNCTION ct_f()");
            // bits 1 << CMD_INSERT (3) and 1 << CMD_DELETE (4)
            assertEquals("24,0,f", rows(s, "SELECT pg_relation_is_updatable('ct_v'::regclass, true), "
                    + "pg_relation_is_updatable('ct_v'::regclass, false), pg_column_is_updatable('ct_v'::regclass, 1::int2, true)"));
            assertEquals("YES,NO,YES", rows(s, "SELECT is_trigger_insertable_into, is_trigger_updatable, is_trigger_deletable "
                    + "FROM information_schema.views WHERE table_name = 'ct_v'"));
        }
    }

    @Test
    void copyFreezeAndTruncateUnderSavepoints() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            s.execute("CREATE TABLE fz (a text)");
            s.execute("INSERT INTO fz VALUES ('kept')");
            c.setAutoCommit(false);
            s.execute("SAVEPOINT s1");
            s.execute("TRUNCATE fz");
            s.execute("ROLLBACK TO SAVEPOINT s1");
            SQLException e = assertThrows(SQLException.class, () -> copy.copyIn("COPY fz FROM stdin CSV FREEZE",
                    new StringReader("x\n")));
            assertEquals("cannot perform COPY FREEZE because the table was not created or truncated in the current subtransaction",
                    ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getMessage());
            c.rollback();
            // the TRUNCATE's new file went with the savepoint; the table's own file must still be there
            assertEquals("kept", rows(s, "SELECT * FROM fz"));
            c.commit();

            s.execute("TRUNCATE fz");
            s.execute("SAVEPOINT s2");
            e = assertThrows(SQLException.class, () -> copy.copyIn("COPY fz FROM stdin CSV FREEZE", new StringReader("x\n")));
            assertEquals("55000", e.getSQLState());
            c.rollback();

            s.execute("SAVEPOINT s3");
            s.execute("TRUNCATE fz");
            assertEquals(1, copy.copyIn("COPY fz FROM stdin CSV FREEZE", new StringReader("frozen\n")));
            s.execute("RELEASE SAVEPOINT s3");
            c.commit();
            assertEquals("frozen", rows(s, "SELECT * FROM fz"));
            c.commit();
        }
    }

    private static String error(Statement s, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql));
        return ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getMessage();
    }
}
