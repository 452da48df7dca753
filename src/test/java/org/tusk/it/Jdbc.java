package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.util.PSQLException;

/**
 * The JDBC shorthands the integration tests share: run statements, read rows as text, expect an
 * error. (TuskServer.rows prints NULL as an empty column; {@link #rowsShowingNull} and
 * {@link #joinedRows} print it as "null", which is what the tests using them compare against.)
 */
final class Jdbc {
    private Jdbc() {}

    /** Runs each statement in order on one Statement; returns the last one's warnings (notices), or null. */
    static SQLWarning exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            SQLWarning last = null;
            for (String q : sql) {
                s.clearWarnings();
                s.execute(q);
                last = s.getWarnings();
            }
            return last;
        }
    }

    /** Every row, its columns joined by '|', NULL as "null". */
    static List<String> rowsShowingNull(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                out.add(sb.toString());
            }
        }
        return out;
    }

    /** The lines of {@code EXPLAIN (COSTS OFF)} of {@code sql}. */
    static List<String> plan(Connection c, String sql) throws SQLException {
        return rowsShowingNull(c, "explain (costs off) " + sql);
    }

    /** {@code sql} run on another thread (a writer that may wait for a lock); its row count when it ends. */
    static java.util.concurrent.CompletableFuture<Integer> updateAsync(Connection c, String sql) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(sql);
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        });
    }

    /** The rows of {@link #rowsShowingNull} joined by ';' into one string. */
    static String joinedRows(Connection c, String sql) throws SQLException {
        return String.join(";", rowsShowingNull(c, sql));
    }

    /** The error the statement raises (the test fails if it raises none). */
    static PSQLException error(Connection c, String sql) {
        return assertThrows(PSQLException.class, () -> exec(c, sql));
    }

    /** The error the statement raises, which must have {@code sqlState}. */
    static PSQLException fails(Connection c, String sql, String sqlState) {
        PSQLException e = error(c, sql);
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        return e;
    }

    /** {@link #fails}' error as JDBC shows it, first line only ("ERROR: message"). */
    static String failsFirstLine(Connection c, String sql, String sqlState) {
        return fails(c, sql, sqlState).getMessage().lines().findFirst().orElse("");
    }

    /** {@link #fails}' error message as the server sent it (no severity, detail or hint). */
    static String failsMessage(Connection c, String sql, String sqlState) {
        return fails(c, sql, sqlState).getServerErrorMessage().getMessage();
    }
}
