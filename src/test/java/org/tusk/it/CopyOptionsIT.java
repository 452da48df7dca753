package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.io.StringWriter;
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
 * COPY's WHERE clause and FORCE_* options, CREATE TABLE AS EXECUTE with pg_prepared_statements'
 * parameter_types, DROP OPERATOR's errors and the OVERLAY/POSITION syntax, on a real server.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CopyOptionsIT extends OneServerPerClass {

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

    @Test
    void copyFromWhereAndForceOptions() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            s.execute("CREATE TABLE cw (a int, b text, c text)");
            assertEquals(1, copy.copyIn("COPY cw FROM stdin WHERE a > 1", new StringReader("1\tx\ty\n2\tp\tq\n")));
            assertEquals("2,p,q", rows(s, "SELECT * FROM cw"));
            // FORCE_NOT_NULL: the unquoted empty string of b is a value; FORCE_NULL: the quoted one of c is NULL
            copy.copyIn("COPY cw FROM stdin (FORMAT csv, FORCE_NOT_NULL (b), FORCE_NULL (c))", new StringReader("3,,\"\"\n"));
            assertEquals("3,,null", rows(s, "SELECT a, b, coalesce(c, 'null') FROM cw WHERE a = 3"));
            StringWriter out = new StringWriter();
            copy.copyOut("COPY (SELECT a, b FROM cw WHERE a = 2) TO stdout (FORMAT csv, FORCE_QUOTE *)", out);
            assertEquals("\"2\",\"p\"\n", out.toString());

            SQLException e = assertThrows(SQLException.class, () -> s.execute("COPY cw TO stdout WHERE a = 1"));
            assertEquals("ERROR: WHERE clause not allowed with COPY TO", e.getMessage().split("\n")[0]);
            e = assertThrows(SQLException.class, () -> copy.copyIn("COPY cw FROM stdin (FORMAT csv, FORCE_QUOTE (a))",
                    new StringReader("")));
            assertEquals("0A000", e.getSQLState());
            e = assertThrows(SQLException.class, () -> copy.copyIn("COPY cw (a) FROM stdin (FORMAT csv, FORCE_NULL (b))",
                    new StringReader("")));
            assertEquals("42P10", e.getSQLState());
            e = assertThrows(SQLException.class, () -> copy.copyIn("COPY cw FROM stdin WHERE a IN (SELECT 1)",
                    new StringReader("")));
            assertEquals("ERROR: cannot use subquery in COPY FROM WHERE condition", e.getMessage().split("\n")[0]);
        }
    }

    @Test
    void createTableAsExecuteAndPreparedStatementsView() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ps1 (a int, b text)");
            s.execute("INSERT INTO ps1 VALUES (1, 'x'), (2, 'y'), (3, 'z')");
            s.execute("PREPARE q5(int, text) AS SELECT * FROM ps1 WHERE a = $1 OR b = $2 ORDER BY a");
            assertEquals("q5,{integer,text}", rows(s, "SELECT name, parameter_types FROM pg_prepared_statements"));
            s.execute("CREATE TEMP TABLE q5_results AS EXECUTE q5(1, 'z')");
            assertEquals("1,x 3,z", rows(s, "SELECT * FROM q5_results ORDER BY a"));
            s.execute("CREATE TEMP TABLE q5_nodata AS EXECUTE q5(1, 'z') WITH NO DATA");
            assertEquals("", rows(s, "SELECT * FROM q5_nodata"));
            SQLException e = assertThrows(SQLException.class, () -> s.execute("PREPARE q6(nonexistenttype) AS SELECT $1"));
            assertEquals("ERROR: type \"nonexistenttype\" does not exist", e.getMessage().split("\n")[0]);
        }
    }

    @Test
    void dropOperatorAndStringSyntax() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("DROP OPERATOR === (int4, int4)"));
            assertEquals("42883", e.getSQLState());
            assertEquals("ERROR: operator does not exist: integer === integer", e.getMessage());
            e = assertThrows(SQLException.class, () -> s.execute("DROP OPERATOR = (int4)"));
            assertEquals("ERROR: missing argument", e.getMessage().split("\n")[0]);
            e = assertThrows(SQLException.class, () -> s.execute("DROP OPERATOR = (int4, int4)"));
            assertEquals("2BP01", e.getSQLState());
            assertEquals("abc45f,4,t", rows(s, "SELECT OVERLAY('abcdef' PLACING '45' FROM 4), POSITION('4' IN '1234567890'),"
                    + " 'a_c'::bytea LIKE 'a$__'::bytea ESCAPE '$'::bytea"));
        }
    }
}
