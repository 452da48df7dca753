package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * ALTER TABLE DROP COLUMN, ALTER COLUMN TYPE and the system columns, through psql 15 against a
 * running server. Every expected text (messages, psql's \d output, query results) is what
 * PostgreSQL 15 prints for the same statements, run in the same order: each statement sees the
 * effects of those before it, and the tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlterColumnIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start("postgres", null, "trust", new String[0]);
        assertEquals(0, psql("postgres", "create database altit").exitCode());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static ProcessResult psql(String db, String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TuskServer.PSQL, "-X", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", "postgres", "-d", db, "-c", command));
        return ProcessResult.run(cmd, null, 60);
    }

    /** Runs {@code command} and compares psql's whole output (errors included) with {@code expected} lines. */
    static void check(String command, String... expected) throws Exception {
        assertEquals(String.join("\n", expected), psql("altit", command).output(), command);
    }

    /** DROP COLUMN: dependents refused or cascaded, indexes and constraints on the column gone, pg_attribute keeping a dropped entry, *, INSERT and COPY skipping it. */
    @Test
    @Order(1)
    void droppedColumnsStayInPlaceButOutOfSight() throws Exception {
        check("create table emp (id int primary key, name text, salary numeric, dept int, note varchar(10))",
                "CREATE TABLE");
        check("insert into emp values (1, 'ann', 100, 10, 'a'), (2, 'bob', 200, 20, 'b')",
                "INSERT 0 2");
        check("create index emp_dept on emp (dept)",
                "CREATE INDEX");
        check("create index emp_expr on emp ((dept + 1))",
                "CREATE INDEX");
        check("create table proj (emp_id int references emp (id), title text)",
                "CREATE TABLE");
        check("create view emp_names as select name, dept from emp",
                "CREATE VIEW");
        check("alter table emp drop column name",
                "ERROR:  cannot drop column name of table emp because other objects depend on it",
                "DETAIL:  view emp_names depends on column name of table emp",
                "HINT:  Use DROP ... CASCADE to drop the dependent objects too.");
        check("alter table emp drop column id",
                "ERROR:  cannot drop column id of table emp because other objects depend on it",
                "DETAIL:  constraint proj_emp_id_fkey on table proj depends on column id of table emp",
                "HINT:  Use DROP ... CASCADE to drop the dependent objects too.");
        check("alter table emp drop column zz",
                "ERROR:  column \"zz\" of relation \"emp\" does not exist");
        check("alter table emp drop column if exists zz",
                "NOTICE:  column \"zz\" of relation \"emp\" does not exist, skipping",
                "ALTER TABLE");
        check("alter table emp drop column ctid",
                "ERROR:  cannot drop system column \"ctid\"");
        check("alter table emp drop column name cascade",
                "NOTICE:  drop cascades to view emp_names",
                "ALTER TABLE");
        check("alter table emp drop column id cascade",
                "NOTICE:  drop cascades to constraint proj_emp_id_fkey on table proj",
                "ALTER TABLE");
        check("alter table emp drop column dept",
                "ALTER TABLE");
        check("\\d emp",
                "Table \"public.emp\"",
                " Column |         Type          | Collation | Nullable | Default ",
                "--------+-----------------------+-----------+----------+---------",
                " salary | numeric               |           |          | ",
                " note   | character varying(10) |           |          |");
        check("select attnum, attname, atttypid, attisdropped, attlen from pg_attribute where attrelid = 'emp'::regclass and attnum > 0 order by attnum",
                "attnum |           attname            | atttypid | attisdropped | attlen ",
                "--------+------------------------------+----------+--------------+--------",
                "      1 | ........pg.dropped.1........ |        0 | t            |      4",
                "      2 | ........pg.dropped.2........ |        0 | t            |     -1",
                "      3 | salary                       |     1700 | f            |     -1",
                "      4 | ........pg.dropped.4........ |        0 | t            |      4",
                "      5 | note                         |     1043 | f            |     -1",
                "(5 rows)");
        check("select * from emp order by salary",
                "salary | note ",
                "--------+------",
                "    100 | a",
                "    200 | b",
                "(2 rows)");
        check("insert into emp values (300, 'c')",
                "INSERT 0 1");
        check("insert into emp (salary) values (400)",
                "INSERT 0 1");
        check("select * from emp order by salary",
                "salary | note ",
                "--------+------",
                "    100 | a",
                "    200 | b",
                "    300 | c",
                "    400 | ",
                "(4 rows)");
        check("copy emp to stdout",
                "100\ta",
                "200\tb",
                "300\tc",
                "400\t\\N");
        check("alter table emp add column dept int",
                "ALTER TABLE");
        check("select * from emp order by salary",
                "salary | note | dept ",
                "--------+------+------",
                "    100 | a    |     ",
                "    200 | b    |     ",
                "    300 | c    |     ",
                "    400 |      |     ",
                "(4 rows)");
    }

    /** ALTER COLUMN TYPE: the cast errors and hints, views refusing it, and the file kept for a binary-coercible change but replaced by a rewrite. */
    @Test
    @Order(2)
    void alterColumnTypeCastsRewritesOrKeepsTheFile() throws Exception {
        check("alter table emp alter column salary type int",
                "ALTER TABLE");
        check("alter table emp alter column salary type int using salary::int",
                "ALTER TABLE");
        check("alter table emp alter column note type int",
                "ERROR:  column \"note\" cannot be cast automatically to type integer",
                "HINT:  You might need to specify \"USING note::integer\".");
        check("alter table emp alter column note type date using salary",
                "ERROR:  result of USING clause for column \"note\" cannot be cast automatically to type date",
                "HINT:  You might need to add an explicit cast.");
        check("alter table emp alter column xmin type int",
                "ERROR:  cannot alter system column \"xmin\"");
        check("alter table emp alter column salary type bigint",
                "ALTER TABLE");
        check("create table fn as select relfilenode from pg_class where relname = 'emp'",
                "SELECT 1");
        check("alter table emp alter column note type varchar(20)",
                "ALTER TABLE");
        check("select c.relfilenode = f.relfilenode as same_file from pg_class c, fn f where c.relname = 'emp'",
                "same_file ",
                "-----------",
                " t",
                "(1 row)");
        check("alter table emp alter column dept type bigint",
                "ALTER TABLE");
        check("select c.relfilenode = f.relfilenode as same_file from pg_class c, fn f where c.relname = 'emp'",
                "same_file ",
                "-----------",
                " f",
                "(1 row)");
        check("alter table emp alter column note type varchar(1)",
                "ALTER TABLE");
        check("create view emp_notes as select note from emp",
                "CREATE VIEW");
        check("alter table emp alter column note type text",
                "ERROR:  cannot alter type of a column used by a view or rule",
                "DETAIL:  rule _RETURN on view emp_notes depends on column \"note\"");
        check("drop view emp_notes",
                "DROP VIEW");
        check("alter table emp alter column note type text",
                "ALTER TABLE");
        check("\\d emp",
                "Table \"public.emp\"",
                " Column |  Type  | Collation | Nullable | Default ",
                "--------+--------+-----------+----------+---------",
                " salary | bigint |           |          | ",
                " note   | text   |           |          | ",
                " dept   | bigint |           |          |");
    }

    /** tableoid, ctid, xmin, cmin, cmax, xmax through inheritance, and DROP/ALTER of inherited columns. */
    @Test
    @Order(3)
    void systemColumnsAndInheritance() throws Exception {
        check("create table parent (a int, b int)",
                "CREATE TABLE");
        check("create table child (c int) inherits (parent)",
                "CREATE TABLE");
        check("insert into parent values (1, 2)",
                "INSERT 0 1");
        check("insert into child values (3, 4, 5)",
                "INSERT 0 1");
        check("alter table child drop column a",
                "ERROR:  cannot drop inherited column \"a\"");
        check("alter table child alter column a type bigint",
                "ERROR:  cannot alter inherited column \"a\"");
        check("select tableoid::regclass, * from parent order by a",
                "tableoid | a | b ",
                "----------+---+---",
                " parent   | 1 | 2",
                " child    | 3 | 4",
                "(2 rows)");
        check("select p.tableoid::regclass::text as t, count(*) from parent p group by 1 order by 1",
                "t    | count ",
                "--------+-------",
                " child  |     1",
                " parent |     1",
                "(2 rows)");
        check("select tableoid::regclass, a from only parent",
                "tableoid | a ",
                "----------+---",
                " parent   | 1",
                "(1 row)");
        check("select count(*) from parent where tableoid = 'child'::regclass",
                "count ",
                "-------",
                "     1",
                "(1 row)");
        check("select ctid, a from child",
                "ctid  | a ",
                "-------+---",
                " (0,1) | 3",
                "(1 row)");
        check("select xmin = xmin as has_xmin, cmin, cmax, xmax from child",
                "has_xmin | cmin | cmax | xmax ",
                "----------+------+------+------",
                " t        |    0 |    0 |    0",
                "(1 row)");
        check("select * from parent natural join child",
                "a | b | c ",
                "---+---+---",
                " 3 | 4 | 5",
                "(1 row)");
        check("select xmin from (select 1) s",
                "ERROR:  column \"xmin\" does not exist",
                "LINE 1: select xmin from (select 1) s",
                "               ^");
        check("alter table parent drop column b",
                "ALTER TABLE");
        check("\\d child",
                "Table \"public.child\"",
                " Column |  Type   | Collation | Nullable | Default ",
                "--------+---------+-----------+----------+---------",
                " a      | integer |           |          | ",
                " c      | integer |           |          | ",
                "Inherits: parent");
        check("alter table parent alter column a type numeric",
                "ALTER TABLE");
        check("select * from parent order by a",
                "a ",
                "---",
                " 1",
                " 3",
                "(2 rows)");
        check("create index on child (ctid)",
                "ERROR:  index creation on system columns is not supported");
        check("create index on child ((xmin::text))",
                "ERROR:  index creation on system columns is not supported");
    }

    /** A CHECK constraint may read tableoid (and is then not named after its one column), no other system column. */
    @Test
    @Order(5)
    void systemColumnsInCheckConstraints() throws Exception {
        check("create table sysck (a int, check (cmin <> '0'))",
                "ERROR:  system column \"cmin\" reference in check constraint is invalid",
                "LINE 1: create table sysck (a int, check (cmin <> '0'))",
                "                                          ^");
        check("create table sysck (a int, b bool, check (not (b and tableoid::regclass::text = 'sysck')))",
                "CREATE TABLE");
        check("insert into sysck values (1, true)",
                "ERROR:  new row for relation \"sysck\" violates check constraint \"sysck_check\"",
                "DETAIL:  Failing row contains (1, t).");
        check("insert into sysck values (2, false)",
                "INSERT 0 1");
    }

    /** A rewrite checks CHECK and NOT NULL constraints on the new values. */
    @Test
    @Order(4)
    void rewriteRechecksConstraints() throws Exception {
        check("create table chk (x int check (x > 0), y int not null)",
                "CREATE TABLE");
        check("insert into chk values (5, 1)",
                "INSERT 0 1");
        check("alter table chk alter column x type numeric using -x",
                "ERROR:  check constraint \"chk_x_check\" of relation \"chk\" is violated by some row");
        check("alter table chk alter column y type int using null",
                "ERROR:  column \"y\" of relation \"chk\" contains null values");
        check("alter table chk alter column x type bigint using x * 2",
                "ALTER TABLE");
        check("select * from chk",
                "x  | y ",
                "----+---",
                " 10 | 1",
                "(1 row)");
    }
}
