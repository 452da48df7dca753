package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.failsMessage;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Table storage parameters on a running server, through pgjdbc: WITH (...) at CREATE TABLE,
 * ALTER TABLE SET (...) and RESET (...) keeping pg_class.reloptions as PostgreSQL 15 does
 * (unnamed options kept in place, new ones after them), and reloptions.c's errors.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StorageParametersIT extends OneServerPerClass {

    private static String reloptions(Connection c, String table) throws Exception {
        return joinedRows(c, "SELECT reloptions FROM pg_class WHERE oid = '" + table + "'::regclass");
    }

    @Test
    void setAndResetKeepReloptions() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE sp (a int) WITH (fillfactor = 70, autovacuum_enabled = false)");
            assertEquals("{fillfactor=70,autovacuum_enabled=false}", reloptions(c, "sp"));
            exec(c, "ALTER TABLE sp SET (fillfactor = 50)");
            assertEquals("{autovacuum_enabled=false,fillfactor=50}", reloptions(c, "sp"));
            exec(c, "ALTER TABLE sp RESET (autovacuum_enabled, fillfactor)");
            assertEquals("null", reloptions(c, "sp"));
            exec(c, "ALTER TABLE sp SET (fillfactor = 10)", "INSERT INTO sp SELECT generate_series(1, 1000)");
            assertEquals("1000", joinedRows(c, "SELECT count(*) FROM sp"));
            exec(c, "CREATE TEMP TABLE nooids () WITH (oids = false)");
            assertEquals("null", reloptions(c, "nooids"));
        }
    }

    @Test
    void reloptionsErrors() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE spe (a int)");
            assertEquals("value 5 out of bounds for option \"fillfactor\"",
                    failsMessage(c, "ALTER TABLE spe SET (fillfactor = 5)", "22023"));
            assertEquals("unrecognized parameter \"nosuch\"", failsMessage(c, "ALTER TABLE spe SET (nosuch = 1)", "22023"));
            assertEquals("RESET must not include values for parameters",
                    failsMessage(c, "ALTER TABLE spe RESET (fillfactor = 5)", "22023"));
            assertEquals("unrecognized parameter \"Fillfactor\"",
                    failsMessage(c, "CREATE TABLE spq (a int) WITH (\"Fillfactor\" = 10)", "22023"));
            assertEquals("tables declared WITH OIDS are not supported",
                    failsMessage(c, "CREATE TABLE spo () WITH (oids)", "0A000"));
            assertEquals("null", reloptions(c, "spe"));
        }
    }
}
