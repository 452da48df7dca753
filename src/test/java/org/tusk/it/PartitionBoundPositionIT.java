package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The error cursor of partition bound errors, as PostgreSQL 15 places it: a COLLATE on a bound
 * value points at COLLATE, and an overlapping range bound at the datum of the first column
 * partition_rbound_cmp finds different (check_new_partition_bound).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PartitionBoundPositionIT extends OneServerPerClass {

    private static int position(Connection c, String sql, String state) {
        return fails(c, sql, state).getServerErrorMessage().getPosition();
    }

    @Test
    void cursorPointsAtTheOffendingDatum() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table pbp_l (a int) partition by list (a)");
            String sql = "create table pbp_x partition of pbp_l for values in ((1+1) collate \"POSIX\")";
            assertEquals(sql.indexOf("collate") + 1, position(c, sql, "42804"));
            exec(c, "create table pbp_r (a int, b int) partition by range (a, b)",
                    "create table pbp_r10 partition of pbp_r for values from (1, minvalue) to (1, 1)",
                    "create table pbp_r11 partition of pbp_r for values from (1, 1) to (1, 10)",
                    "create table pbp_r12 partition of pbp_r for values from (1, 10) to (1, maxvalue)");
            sql = "create table pbp_f partition of pbp_r for values from (1, 10) to (1, 20)";
            assertEquals(sql.indexOf("10)") + 1, position(c, sql, "42P17"));
            exec(c, "create table pbp_r20 partition of pbp_r for values from (3, 1) to (3, 5)");
            sql = "create table pbp_f partition of pbp_r for values from (2, 1) to (3, 7)";
            assertEquals(sql.indexOf("7)") + 1, position(c, sql, "42P17"));
            sql = "create table pbp_f partition of pbp_r for values from (2, 1) to (4, 1)";
            assertEquals(sql.indexOf("4, 1)") + 1, position(c, sql, "42P17"));
        }
    }
}
