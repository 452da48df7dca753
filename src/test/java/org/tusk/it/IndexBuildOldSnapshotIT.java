package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An index built under ShareLock (CREATE INDEX, REINDEX) enters the recently dead rows too, as
 * heapam_index_build_range_scan over SnapshotAny does: a transaction whose snapshot is older than
 * the build finds through the new index every row it sees (it found none of the rows deleted
 * since its snapshot was taken), and a unique index ignores a dead row's key.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class IndexBuildOldSnapshotIT extends OneServerPerClass {
    @Test
    void anOlderSnapshotFindsItsRowsThroughANewIndex() throws Exception {
        try (Connection old = server.connect(); Connection c = server.connect()) {
            exec(c, "create table ib_t (id int, v int)");
            exec(c, "create table ib_other (x int)");
            exec(c, "insert into ib_t select g, g from generate_series(1, 1000) g");
            exec(c, "insert into ib_t values (7, -7)");   // a duplicate of id 7
            exec(c, "analyze ib_t");
            old.setAutoCommit(false);
            exec(old, "set transaction isolation level repeatable read");
            TuskServer.rows(old, "select count(*) from ib_other");   // the snapshot
            exec(c, "delete from ib_t where id = 5 or v = -7");
            exec(c, "create unique index ib_t_id on ib_t (id)");   // the duplicate is dead: no violation
            exec(c, "reindex index ib_t_id");
            exec(old, "set enable_seqscan = off");
            exec(old, "set enable_bitmapscan = off");
            assertEquals(List.of("5|5"), TuskServer.rows(old, "select * from ib_t where id = 5"));
            assertEquals(List.of("7|-7", "7|7"), TuskServer.rows(old, "select * from ib_t where id = 7 order by v"));
            assertEquals(List.of("1001"), TuskServer.rows(old, "select count(id) from ib_t where id > 0"));
            old.rollback();
            exec(c, "set enable_seqscan = off");
            assertEquals(List.of(), TuskServer.rows(c, "select * from ib_t where id = 5"));
            assertEquals(List.of("7|7"), TuskServer.rows(c, "select * from ib_t where id = 7"));
            assertEquals(List.of("999"), TuskServer.rows(c, "select reltuples::int from pg_class where relname = 'ib_t'"));
        }
    }
}
