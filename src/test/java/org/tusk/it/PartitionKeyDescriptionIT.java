package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * "no partition of relation ... found for row" through a running server: the DETAIL with the
 * key values only for a user who may read them (SELECT on the table), as
 * ExecBuildSlotPartitionKeyDescription decides. Expected answers are PostgreSQL 15's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PartitionKeyDescriptionIT {

    @Test
    void keyValuesShownOnlyToReaders() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            exec(c, "create table key_desc (a int, b int) partition by list ((a+0))",
                    "create table key_desc_1 partition of key_desc for values in (1) partition by range (b)",
                    "create user regress_kd_user", "grant insert on key_desc to regress_kd_user", "set role regress_kd_user");
            assertEquals(null, detail(c, "insert into key_desc values (1, 1)"));
            assertEquals(null, detail(c, "insert into key_desc values (2, 1)"));
            exec(c, "reset role", "grant select on key_desc_1 to regress_kd_user", "set role regress_kd_user");
            assertEquals("Partition key of the failing row contains (b) = (1).", detail(c, "insert into key_desc values (1, 1)"));
            exec(c, "reset role");
            assertEquals("Partition key of the failing row contains ((a + 0)) = (2).", detail(c, "insert into key_desc values (2, 1)"));
        }
    }

    private static String detail(Connection c, String sql) {
        PSQLException e = assertThrows(PSQLException.class, () -> exec(c, sql));
        assertEquals("23514", e.getSQLState());
        return e.getServerErrorMessage().getDetail();
    }

    private static void exec(Connection c, String... sqls) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String sql : sqls) s.execute(sql);
        }
    }
}
