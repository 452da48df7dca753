package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A partition key whose operator class is one of a type the column is binary-coercible to
 * (ResolveOpClass/IsBinaryCoercible: int4 under oid_ops): accepted, its bounds ordered and rows
 * routed by that class (unsigned), the column type's own operators not used to prune, and
 * pg_get_partkeydef naming the class.
 */
class PartitionKeyOpclassIT {
    static TuskServer server;
    static Connection c;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        c = server.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) c.close();
        if (server != null) server.close();
    }

    private static void exec(String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        }
    }

    @Test
    void int4KeyUnderOidOpsRoutesAndPrunesAsOid() throws Exception {
        exec("create table pko (a int) partition by range (a oid_ops)",
                "create table pko1 partition of pko for values from (0) to (10)",
                "create table pko2 partition of pko for values from (10) to (-1)",   // -1 is the largest oid
                "insert into pko values (-2), (100), (1), (5)");
        assertEquals(List.of("pko1|1", "pko1|5", "pko2|-2", "pko2|100"),
                TuskServer.rows(c, "select tableoid::regclass || '|' || a from pko order by 1"));
        SQLException e = assertThrows(SQLException.class, () -> exec("insert into pko values (-1)"));
        assertEquals("23514", e.getSQLState());
        // int4's < is not in oid_ops' family: no pruning, and -2 is found
        assertEquals(List.of("-2", "1"), TuskServer.rows(c, "select a from pko where a < 5 and a <> 5 order by 1"));
        List<String> plan = TuskServer.rows(c, "explain (costs off) select * from pko where a < 5");
        assertTrue(plan.toString().contains("pko1") && plan.toString().contains("pko2"), plan.toString());
        assertEquals(List.of("RANGE (a oid_ops)"), TuskServer.rows(c, "select pg_get_partkeydef('pko'::regclass)"));
        exec("drop table pko");
    }

    /** CheckMutability plans the expression first: a simple SQL function not marked IMMUTABLE is inlined (b + 1). */
    @Test
    void inlinableSqlFunctionInKeyIsAcceptedAndPinned() throws Exception {
        exec("create function pko_plusone(a int) returns int as $$ select a + 1 $$ language sql",
                "create function pko_rand(a int) returns int as $$ select a + (random() * 0)::int $$ language sql",
                "create table pkf (a int, b int, c text) partition by range (a oid_ops, pko_plusone(b), c collate \"C\")");
        assertEquals(List.of("RANGE (a oid_ops, pko_plusone(b), c COLLATE \"C\")"),
                TuskServer.rows(c, "select pg_get_partkeydef('pkf'::regclass)"));
        SQLException drop = assertThrows(SQLException.class, () -> exec("drop function pko_plusone(int)"));
        assertEquals("2BP01", drop.getSQLState());
        SQLException vol = assertThrows(SQLException.class,
                () -> exec("create table pkv (a int) partition by range (pko_rand(a))"));
        assertEquals("functions in partition key expression must be marked IMMUTABLE",
                ((org.postgresql.util.PSQLException) vol).getServerErrorMessage().getMessage());
        exec("drop table pkf", "drop function pko_plusone(int)", "drop function pko_rand(int)");
    }

    /**
     * A user-defined btree class (CREATE OPERATOR CLASS ... FUNCTION 1 in PL/pgSQL) orders the
     * bounds and routes the rows through its support function (partsupfunc): under a class that
     * sorts int4 in reverse, FROM (10) TO (0) is a valid range and 5 falls in it; pg_get_partkeydef
     * names the class.
     */
    @Test
    void userDefinedBtreeClassOrdersBoundsAndRoutesRows() throws Exception {
        exec("create function pku_rev(int4, int4) returns int language plpgsql immutable as "
                        + "$$ begin return case when $1 = $2 then 0 when $1 > $2 then -1 else 1 end; end $$",
                "create operator class pku_rev_ops for type int4 using btree as operator 1 > (int4, int4), "
                        + "operator 2 >= (int4, int4), operator 3 = (int4, int4), operator 4 <= (int4, int4), "
                        + "operator 5 < (int4, int4), function 1 pku_rev(int4, int4)",
                "create table pku (a int4) partition by range (a pku_rev_ops)",
                "create table pku1 partition of pku for values from (10) to (0)",
                "create table pku2 partition of pku for values from (20) to (10)",
                "insert into pku values (5), (15), (10), (20)");
        SQLException empty = assertThrows(SQLException.class,
                () -> exec("create table pku3 partition of pku for values from (0) to (10)"));
        assertEquals("42P17", empty.getSQLState());
        SQLException none = assertThrows(SQLException.class, () -> exec("insert into pku values (0)"));
        assertEquals("23514", none.getSQLState());
        assertEquals(List.of("pku1|10", "pku1|5", "pku2|15", "pku2|20"),
                TuskServer.rows(c, "select tableoid::regclass || '|' || a from pku order by 1"));
        assertEquals(List.of("15"), TuskServer.rows(c, "select a from pku where a = 15"));
        assertEquals(List.of("RANGE (a pku_rev_ops)"), TuskServer.rows(c, "select pg_get_partkeydef('pku'::regclass)"));
        // a list key: values equal by the support function overlap
        exec("create table pkl (a int4) partition by list (a pku_rev_ops)",
                "create table pkl1 partition of pkl for values in (1, 2)");
        SQLException overlap = assertThrows(SQLException.class,
                () -> exec("create table pkl2 partition of pkl for values in (2, 3)"));
        assertEquals("42P17", overlap.getSQLState());
        exec("drop table pku, pkl", "drop operator class pku_rev_ops using btree", "drop function pku_rev(int4, int4)");
    }

    /**
     * A user-defined btree class without support function 1 is accepted for a key, which then
     * cannot be loaded to route a row (RelationBuildPartitionKey, 42P17).
     */
    @Test
    void userDefinedBtreeClassNeedsSupportFunction1() throws Exception {
        exec("create operator class pku_nofn_ops for type int4 using btree as operator 1 < (int4, int4), "
                + "operator 3 = (int4, int4)",
                "create table pkn (a int4) partition by range (a pku_nofn_ops)");
        SQLException e = assertThrows(SQLException.class, () -> exec("insert into pkn values (1)"));
        assertEquals("42P17", e.getSQLState());
        assertEquals("operator class \"pku_nofn_ops\" of access method btree is missing support function 1 for type integer",
                ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getMessage());
        exec("drop table pkn", "drop operator class pku_nofn_ops using btree");
    }

    /**
     * A composite key (a row expression of the table's own row type, or the whole row) is ordered
     * by record_ops, btree's default class of every composite type (GetDefaultOpClass through
     * IsBinaryCoercible to record), and its rows are routed by btrecordcmp.
     */
    @Test
    void compositeKeyIsOrderedByRecordOps() throws Exception {
        exec("create table pkc (a int, b int) partition by list ((row(a, b)::pkc))",
                "create table pkc1 partition of pkc for values in ('(1,2)'::pkc)",
                "create table pkc2 partition of pkc for values in ('(2,4)'::pkc)",
                "insert into pkc values (1, 2), (2, 4)",
                "create table pkw (a int, b int) partition by list ((pkw))",
                "create table pkw1 partition of pkw for values in ('(1,2)')",
                "insert into pkw values (1, 2)");
        assertEquals(List.of("pkc1|1|2", "pkc2|2|4"), TuskServer.rows(c, "select tableoid::regclass || '|' || a || '|' || b from pkc order by 1"));
        assertEquals(List.of("pkw1|1|2"), TuskServer.rows(c, "select tableoid::regclass || '|' || a || '|' || b from pkw"));
        SQLException e = assertThrows(SQLException.class, () -> exec("insert into pkw values (1, 3)"));
        assertEquals("23514", e.getSQLState());
        assertEquals(List.of("10034"), TuskServer.rows(c,
                "select partclass::text from pg_partitioned_table where partrelid = 'pkc'::regclass"));
        // a clause on the key expression prunes (match_clause_to_partition_key), the whole row too
        assertEquals(List.of("Seq Scan on pkc1 pkc", "  Filter: (ROW(a, b)::pkc = '(1,2)'::pkc)"),
                TuskServer.rows(c, "explain (costs off) select * from pkc where row(a, b)::pkc = '(1,2)'::pkc"));
        assertEquals("Seq Scan on pkw1 pkw", TuskServer.rows(c, "explain (costs off) select * from pkw where pkw = '(1,2)'::pkw").get(0));
        SQLException d = assertThrows(SQLException.class, () -> exec("insert into pkc values (1, 3)"));
        assertEquals("Partition key of the failing row contains ((ROW(a, b)::pkc)) = ((1,3)).",
                ((org.postgresql.util.PSQLException) d).getServerErrorMessage().getDetail());
        exec("drop table pkc, pkw");
    }

    /** Plan-time pruning matches a clause on an expression key element ((a + 1) = 5 keeps one partition). */
    @Test
    void clauseOnExpressionKeyPrunes() throws Exception {
        exec("create table pke (a int) partition by range ((a + 1))",
                "create table pke1 partition of pke for values from (0) to (10)",
                "create table pke2 partition of pke for values from (10) to (20)");
        assertEquals(List.of("Seq Scan on pke1 pke", "  Filter: ((a + 1) = 5)"),
                TuskServer.rows(c, "explain (costs off) select * from pke where a + 1 = 5"));
        assertEquals(List.of("Seq Scan on pke2 pke", "  Filter: ((a + 1) >= 12)"),
                TuskServer.rows(c, "explain (costs off) select * from pke where a + 1 >= 12"));
        exec("drop table pke");
    }
}
