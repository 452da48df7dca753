package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.sql.SQLWarning;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.ServerErrorMessage;

/**
 * A partition key's columns are an internal part of their table (StorePartitionKey's pg_depend
 * rows): DROP DOMAIN of a key column's domain names and drops the table, a key column cannot be
 * dropped or retyped, and ALTER COLUMN TYPE of another column of a partitioned table retypes
 * its partitions. Expected answers are PostgreSQL 15's.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PartitionKeyDependencyIT extends OneServerPerClass {

    @Test
    void dropDomainOfAKeyColumnDropsTheTable() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create domain pkd_dom as int", "create table pkd_t (a pkd_dom, b text) partition by range (a)");
            ServerErrorMessage e = fails(c, "alter table pkd_t drop column a", "42P16").getServerErrorMessage();
            assertEquals("cannot drop column \"a\" because it is part of the partition key of relation \"pkd_t\"", e.getMessage());
            e = fails(c, "drop domain pkd_dom", "2BP01").getServerErrorMessage();
            assertEquals("table pkd_t depends on type pkd_dom", e.getDetail());
            SQLWarning w = exec(c, "drop domain pkd_dom cascade");
            assertEquals("drop cascades to table pkd_t", w.getMessage());
            fails(c, "table pkd_t", "42P01");
        }
    }

    @Test
    void keyColumnsKeepTheirTypeOthersAreRetypedInEveryPartition() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table pkd_r (a int, b int) partition by range (a)",
                    "create table pkd_r1 partition of pkd_r for values from (1) to (5)", "insert into pkd_r values (1, 1)",
                    "create table pkd_e (a int, b int) partition by range ((a + b))");
            ServerErrorMessage e = fails(c, "alter table pkd_r alter column a type bigint", "42P16").getServerErrorMessage();
            assertEquals("cannot alter column \"a\" because it is part of the partition key of relation \"pkd_r\"", e.getMessage());
            e = fails(c, "alter table pkd_e alter column b type bigint", "42P16").getServerErrorMessage();
            assertEquals("cannot alter column \"b\" because it is part of the partition key of relation \"pkd_e\"", e.getMessage());
            exec(c, "alter table pkd_r alter column b type text", "insert into pkd_r values (2, 'x')");
            assertEquals("1|1;2|x", joinedRows(c, "select a, b from pkd_r order by a"));
            assertEquals("text", joinedRows(c, "select format_type(atttypid, atttypmod) from pg_attribute"
                    + " where attrelid = 'pkd_r1'::regclass and attname = 'b'"));
        }
    }
}
