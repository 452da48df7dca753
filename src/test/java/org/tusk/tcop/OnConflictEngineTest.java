package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.storage.page.ItemPointer;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;
import org.tusk.utils.cache.Relation;

/** INSERT ... ON CONFLICT and UPDATE ... FROM / DELETE ... USING end to end over in-memory storage. */
class OnConflictEngineTest {
    private Sql sql;
    private MemEnv env;

    @BeforeEach
    void setUp() {
        env = new MemEnv();
        sql = Sql.inMemory(env);
        sql.rows("create table t (id int primary key, v text, n int default 0)");
        sql.rows("insert into t values (1, 'a'), (2, 'b')");
    }

    @Test
    void doNothingSkipsConflictingRowsOnAnyUniqueIndex() {
        assertEquals(List.of("3|c|0"), sql.rows("insert into t values (1, 'x'), (3, 'c') on conflict do nothing returning *"));
        assertEquals("INSERT 0 1", sql.last.commandTag());
        // a duplicate within the same command is skipped too (the dirty check sees the first)
        sql.rows("insert into t values (4, 'd'), (4, 'e') on conflict (id) do nothing");
        assertEquals(List.of("d"), sql.rows("select v from t where id = 4"));
    }

    @Test
    void doUpdateSeesExistingAndExcludedRows() {
        assertEquals(List.of("1|ax|1"), sql.rows(
                "insert into t values (1, 'x') on conflict (id) do update set v = t.v || excluded.v, n = t.n + 1 returning *"));
        assertEquals(List.of(), sql.rows("insert into t as z values (2, 'y') on conflict (id) do update set v = 'no' "
                + "where z.n > 0 returning v"));
        assertEquals(List.of("b"), sql.rows("select v from t where id = 2"));
        assertEquals(List.of("2|10"), sql.rows(
                "insert into t values (2, 'q') on conflict on constraint t_pkey do update set n = 10 returning id, n"));
    }

    @Test
    void inferenceErrors() {
        assertEquals("42P10: there is no unique or exclusion constraint matching the ON CONFLICT specification",
                sql.error("insert into t values (1, 'x') on conflict (v) do nothing"));
        assertEquals("42601: ON CONFLICT DO UPDATE requires inference specification or constraint name @31",
                sql.error("insert into t values (1, 'x') on conflict do update set v = 'q'"));
        assertEquals("42704: constraint \"nope\" for table \"t\" does not exist",
                sql.error("insert into t values (1, 'x') on conflict on constraint nope do nothing"));
        assertEquals("42703: column excluded.w does not exist @66",
                sql.error("insert into t values (1, 'x') on conflict (id) do update set v = excluded.w"));
    }

    @Test
    void updatingARowTwiceInOneCommandIsACardinalityViolation() {
        assertEquals("21000: ON CONFLICT DO UPDATE command cannot affect row a second time",
                sql.error("insert into t values (5, 'x'), (5, 'y') on conflict (id) do update set v = excluded.v"));
        // an existing row the same command updates twice (constraints.sql's UNIQUE_TBL case)
        assertEquals("21000: ON CONFLICT DO UPDATE command cannot affect row a second time",
                sql.error("insert into t values (1, 'x'), (2, 'y'), (2, 'z') on conflict (id) do update set v = 'fails'"));
        assertEquals(List.of("1|a", "2|b"), sql.rows("select id, v from t order by id"));
    }

    @Test
    void repeatableReadConflictWithARowTheSnapshotCannotSeeIsASerializationFailure() {
        Relation t = env.catalog.openRelation(null, "t");
        Relation pkey = env.catalog.indexesOf(t).get(0);
        env.repeatableRead = true;
        // another transaction inserts key 3 and commits after our snapshot was taken
        env.afterSnapshot = () -> {
            ItemPointer tid = env.table.concurrentInsert(t, new Object[] {3, "c", 0});
            env.index.insert(pkey, new Object[] {3}, tid, t, env.table, false);
        };
        assertEquals("40001: could not serialize access due to concurrent update",
                sql.error("insert into t values (3, 'x') on conflict do nothing"));
        // in READ COMMITTED the committed row is simply the conflict
        env.repeatableRead = false;
        env.afterSnapshot = () -> {
            ItemPointer tid = env.table.concurrentInsert(t, new Object[] {4, "d", 0});
            env.index.insert(pkey, new Object[] {4}, tid, t, env.table, false);
        };
        assertEquals(List.of("4|dx"), sql.rows("insert into t values (4, 'x') on conflict (id) do update "
                + "set v = t.v || excluded.v returning id, v"));
    }

    @Test
    void updateFromAndDeleteUsingJoinOtherTables() {
        sql.rows("create table s (id int, w text); insert into s values (1, 'one'), (2, 'two'), (2, 'deux')");
        sql.rows("update t set v = s.w from s where t.id = s.id and s.w <> 'deux'");
        assertEquals("UPDATE 2", sql.last.commandTag());
        assertEquals(List.of("one", "two"), sql.rows("select v from t order by id"));
        assertEquals(List.of("1|one"), sql.rows("delete from t using s where t.id = s.id and s.w = 'one' returning t.id, s.w"));
        assertEquals("42712: table name \"t\" specified more than once", sql.error("update t set v = 'x' from t"));
    }
}
