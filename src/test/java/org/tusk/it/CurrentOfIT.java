package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** UPDATE/DELETE ... WHERE CURRENT OF a cursor (execCurrent.c), on a real server through pgjdbc. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CurrentOfIT extends OneServerPerClass {

    private static void exec(Statement s, String... sql) throws SQLException {
        for (String q : sql) s.execute(q);
    }

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

    private static SQLException fails(Statement s, String sql) {
        return assertThrows(SQLException.class, () -> s.execute(sql));
    }

    @Test
    void deleteAndUpdateTheCursorsRow() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            exec(s, "CREATE TABLE uc1 (f1 int, f2 text)", "INSERT INTO uc1 VALUES (1, 'one'), (2, 'two'), (3, 'three')",
                    "BEGIN", "DECLARE c1 SCROLL CURSOR FOR SELECT * FROM uc1");
            assertEquals("1,one 2,two", rows(s, "FETCH 2 FROM c1"));
            exec(s, "DELETE FROM uc1 WHERE CURRENT OF c1");
            assertEquals("1,one 3,three", rows(s, "SELECT * FROM uc1 ORDER BY f1"));
            // the cursor is insensitive: it still shows the deleted row
            exec(s, "MOVE BACKWARD ALL IN c1");
            assertEquals("1,one 2,two 3,three", rows(s, "FETCH ALL FROM c1"));
            exec(s, "COMMIT");

            // updated twice through the cursor: the second UPDATE follows the row's update chain
            exec(s, "BEGIN", "DECLARE c2 CURSOR FOR SELECT * FROM uc1");
            assertEquals("1,one", rows(s, "FETCH c2"));
            exec(s, "UPDATE uc1 SET f1 = f1 + 10 WHERE CURRENT OF c2", "UPDATE uc1 SET f1 = f1 + 10 WHERE CURRENT OF c2");
            assertEquals("3,three 21,one", rows(s, "SELECT * FROM uc1 ORDER BY f1"));
            exec(s, "DELETE FROM uc1 WHERE CURRENT OF c2");
            assertEquals("3,three", rows(s, "SELECT * FROM uc1 ORDER BY f1"));
            // the row is gone: a no-op, not an error
            assertEquals(0, s.executeUpdate("UPDATE uc1 SET f1 = 0 WHERE CURRENT OF c2"));
            exec(s, "ROLLBACK");
        }
    }

    @Test
    void forUpdateCursorUsesItsRowMark() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            exec(s, "CREATE TABLE uc2 (f1 int, f2 text)", "INSERT INTO uc2 VALUES (1, 'one'), (2, 'two')",
                    "BEGIN", "DECLARE c1 CURSOR FOR SELECT * FROM uc2 ORDER BY f1 FOR UPDATE");
            assertEquals("1,one", rows(s, "FETCH c1"));
            assertEquals(1, s.executeUpdate("UPDATE uc2 SET f2 = 'uno' WHERE CURRENT OF c1"));
            assertEquals("1,uno 2,two", rows(s, "SELECT * FROM uc2 ORDER BY f1"));
            exec(s, "ROLLBACK");
        }
    }

    @Test
    void errorsAsPostgres() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            exec(s, "CREATE TABLE uc3 (f1 int)", "CREATE TABLE uc3b (f1 int)", "INSERT INTO uc3 VALUES (1), (2)");
            SQLException e = fails(s, "DELETE FROM uc3 WHERE CURRENT OF nosuch");
            assertEquals("34000", e.getSQLState());
            assertEquals("ERROR: cursor \"nosuch\" does not exist", e.getMessage());

            exec(s, "BEGIN", "DECLARE c1 CURSOR FOR SELECT * FROM uc3");
            e = fails(s, "DELETE FROM uc3 WHERE CURRENT OF c1");
            assertEquals("24000", e.getSQLState());
            assertEquals("ERROR: cursor \"c1\" is not positioned on a row", e.getMessage());
            exec(s, "ROLLBACK");

            exec(s, "BEGIN", "DECLARE c1 CURSOR FOR SELECT * FROM uc3");
            rows(s, "FETCH ALL FROM c1");
            e = fails(s, "DELETE FROM uc3 WHERE CURRENT OF c1");
            assertEquals("ERROR: cursor \"c1\" is not positioned on a row", e.getMessage());
            exec(s, "ROLLBACK");

            exec(s, "BEGIN", "DECLARE c1 CURSOR FOR SELECT * FROM uc3");
            rows(s, "FETCH c1");
            e = fails(s, "DELETE FROM uc3b WHERE CURRENT OF c1");
            assertEquals("24000", e.getSQLState());
            assertEquals("ERROR: cursor \"c1\" is not a simply updatable scan of table \"uc3b\"", e.getMessage());
            exec(s, "ROLLBACK");

            exec(s, "BEGIN", "DECLARE c1 CURSOR FOR SELECT * FROM uc3 FOR SHARE");
            rows(s, "FETCH c1");
            e = fails(s, "DELETE FROM uc3b WHERE CURRENT OF c1");
            assertEquals("ERROR: cursor \"c1\" does not have a FOR UPDATE/SHARE reference to table \"uc3b\"", e.getMessage());
            exec(s, "ROLLBACK");

            exec(s, "BEGIN", "DECLARE c1 CURSOR FOR SELECT f1, count(*) FROM uc3 GROUP BY f1");
            rows(s, "FETCH c1");
            e = fails(s, "DELETE FROM uc3 WHERE CURRENT OF c1");
            assertEquals("ERROR: cursor \"c1\" is not a simply updatable scan of table \"uc3\"", e.getMessage());
            exec(s, "ROLLBACK");
        }
    }
}
