package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.junit.jupiter.api.Assertions.*;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * CHECK and FOREIGN KEY constraints, the ALTER TABLE constraint forms and identity columns
 * against a real server through pgjdbc, with PostgreSQL 15's SQLSTATEs, messages and DETAILs.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConstraintsIT {

    /** "SQLSTATE message | DETAIL" of the error {@code sql} raises. */
    private static String err(Connection c, String sql) {
        PSQLException e = assertThrows(PSQLException.class, () -> exec(c, sql));
        ServerErrorMessage m = e.getServerErrorMessage();
        return e.getSQLState() + " " + m.getMessage() + (m.getDetail() == null ? "" : " | " + m.getDetail());
    }

    @Test
    void checkConstraints() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            exec(c, "create table t (a int check (a > 0), b int, c text not null, constraint bc check (b < a or b is null))");
            exec(c, "insert into t values (1, 0, 'x'), (5, null, 'y')");
            assertEquals("23514 new row for relation \"t\" violates check constraint \"t_a_check\" | Failing row contains (0, null, z).",
                    err(c, "insert into t values (0, null, 'z')"));
            assertEquals("23514 new row for relation \"t\" violates check constraint \"bc\" | Failing row contains (1, 7, z).",
                    err(c, "insert into t values (1, 7, 'z')"));
            assertEquals("23502 null value in column \"c\" of relation \"t\" violates not-null constraint"
                    + " | Failing row contains (1, null, null).", err(c, "insert into t values (1, null, null)"));
            assertEquals("23514 new row for relation \"t\" violates check constraint \"bc\" | Failing row contains (1, 3, x).",
                    err(c, "update t set b = 3 where a = 1"));
            PSQLException copyErr = assertThrows(PSQLException.class, () -> c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy t from stdin", new StringReader("2\t1\tok\n-1\t\\N\tbad\n")));
            assertEquals("23514", copyErr.getSQLState());
            assertEquals("COPY t, line 2: \"-1\t\\N\tbad\"", copyErr.getServerErrorMessage().getWhere());
            assertEquals("2", ProtocolIT.one(c, "select count(*) from t"));
            assertEquals("42804 argument of CHECK must be type boolean, not type integer",
                    err(c, "create table u (a int check (a + 1))"));
            assertEquals("0A000 cannot use subquery in check constraint", err(c, "create table u (a int check (a > (select 1)))"));
            assertEquals("42803 aggregate functions are not allowed in check constraints",
                    err(c, "create table u (a int check (a > max(a)))"));
            // the catalog: conbin holds the text, conkey the columns in order of use, relchecks the count
            // (conkey and conbin are of types Tusk cannot output yet: int2[] and pg_node_tree)
            assertEquals("c true", ProtocolIT.one(c, "select contype::text || ' ' || convalidated from pg_constraint where conname = 'bc'"));
            assertEquals("2", ProtocolIT.one(c, "select relchecks from pg_class where relname = 't'"));
        }
    }

    @Test
    void foreignKeys() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            exec(c, "create table b (id int primary key, name text unique)",
                    "create table a (x int references b, y text references b (name) on delete set null on update cascade)",
                    "insert into b values (1, 'one'), (2, 'two'), (3, 'three')",
                    "insert into a values (1, 'one'), (2, 'two'), (null, 'three')");
            assertEquals("23503 insert or update on table \"a\" violates foreign key constraint \"a_x_fkey\""
                    + " | Key (x)=(5) is not present in table \"b\".", err(c, "insert into a values (5, null)"));
            assertEquals("23503 update or delete on table \"b\" violates foreign key constraint \"a_x_fkey\" on table \"a\""
                    + " | Key (id)=(1) is still referenced from table \"a\".", err(c, "delete from b where id = 1"));
            assertEquals("23503 update or delete on table \"b\" violates foreign key constraint \"a_x_fkey\" on table \"a\""
                    + " | Key (id)=(2) is still referenced from table \"a\".", err(c, "update b set id = 20 where id = 2"));
            exec(c, "update b set name = 'uno' where id = 1", "delete from b where id = 3");
            assertEquals("1 uno,2 two, ", ProtocolIT.one(c,   // SET NULL on the delete of three
                    "select string_agg(coalesce(x::text, '') || ' ' || coalesce(y, ''), ',' order by x) from a"));
            // NO ACTION is satisfied when the key is still there at the end of the statement
            exec(c, "update b set id = id where id = 1");
            // pg_constraint: confrelid, confkey, actions, match type, the referenced index
            assertEquals("f c n s b_name_key b", ProtocolIT.one(c, "select contype::text || ' ' || confupdtype::text || ' '"
                    + " || confdeltype::text || ' ' || confmatchtype::text || ' ' || i.relname || ' ' || r.relname from pg_constraint k"
                    + " join pg_class i on i.oid = k.conindid join pg_class r on r.oid = k.confrelid where conname = 'a_y_fkey'"));
            // ON DELETE CASCADE through a self-reference
            exec(c, "create table tree (id int primary key, parent int references tree on delete cascade)",
                    "insert into tree values (1, null), (2, 1), (3, 2), (4, null)", "delete from tree where id = 1");
            assertEquals("4", ProtocolIT.one(c, "select string_agg(id::text, ',') from tree"));
            // MATCH FULL refuses a partly null key
            exec(c, "create table p2 (a int, b int, primary key (a, b))",
                    "create table r2 (a int, b int, foreign key (a, b) references p2 match full)");
            assertEquals("23503 insert or update on table \"r2\" violates foreign key constraint \"r2_a_b_fkey\""
                    + " | MATCH FULL does not allow mixing of null and nonnull key values.", err(c, "insert into r2 values (1, null)"));
            exec(c, "insert into r2 values (null, null)");
            // DDL errors
            assertEquals("42830 there is no unique constraint matching given keys for referenced table \"a\"",
                    err(c, "create table z (q int references a (x))"));
            assertEquals("42804 foreign key constraint \"z_q_fkey\" cannot be implemented"
                    + " | Key columns \"q\" and \"id\" are of incompatible types: text and integer.",
                    err(c, "create table z (q text references b)"));
            assertEquals("2BP01 cannot drop table b because other objects depend on it"
                    + " | constraint a_x_fkey on table a depends on table b\nconstraint a_y_fkey on table a depends on table b",
                    err(c, "drop table b"));
            assertEquals("0A000 cannot truncate a table referenced in a foreign key constraint | Table \"a\" references \"b\".",
                    err(c, "truncate b"));
            exec(c, "drop table b cascade");
            assertEquals("0", ProtocolIT.one(c, "select count(*) from pg_constraint where conrelid = "
                    + "(select oid from pg_class where relname = 'a')"));
            exec(c, "insert into a values (99, 'gone')");
        }
    }

    @Test
    void alterTableConstraintFormsAndIdentity() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            exec(c, "create table p (id int)", "create table t (a int, p int)", "insert into p values (1)",
                    "insert into t values (-1, 1), (2, 7)");
            assertEquals("23514 check constraint \"t_a_check\" of relation \"t\" is violated by some row",
                    err(c, "alter table t add check (a > 0)"));
            exec(c, "alter table t add check (a > 0) not valid");
            assertEquals("f", ProtocolIT.one(c, "select convalidated from pg_constraint where conname = 't_a_check'"));
            assertEquals("23514 check constraint \"t_a_check\" of relation \"t\" is violated by some row",
                    err(c, "alter table t validate constraint t_a_check"));
            exec(c, "delete from t where a = -1", "alter table t validate constraint t_a_check");
            assertEquals("t", ProtocolIT.one(c, "select convalidated from pg_constraint where conname = 't_a_check'"));
            assertEquals("42830 there is no primary key for referenced table \"p\"", err(c, "alter table t add foreign key (p) references p"));
            exec(c, "alter table p add primary key (id)");
            assertEquals("23503 insert or update on table \"t\" violates foreign key constraint \"t_p_fkey\""
                    + " | Key (p)=(7) is not present in table \"p\".", err(c, "alter table t add foreign key (p) references p"));
            exec(c, "insert into p values (7)", "alter table t add foreign key (p) references p",
                    "alter table t rename constraint t_p_fkey to t_p_ref");
            assertEquals("23503 insert or update on table \"t\" violates foreign key constraint \"t_p_ref\""
                    + " | Key (p)=(8) is not present in table \"p\".", err(c, "insert into t values (3, 8)"));
            assertEquals("2BP01 cannot drop constraint p_pkey on table p because other objects depend on it"
                    + " | constraint t_p_ref on table t depends on index p_pkey", err(c, "alter table p drop constraint p_pkey"));
            exec(c, "alter table p drop constraint p_pkey cascade", "insert into t values (3, 8)",
                    "alter table t drop constraint t_a_check", "insert into t values (-5, 1)",
                    "alter table t drop constraint if exists t_a_check");
            assertEquals("42704 constraint \"t_a_check\" of relation \"t\" does not exist", err(c, "alter table t drop constraint t_a_check"));
            // identity columns
            exec(c, "create table g (id int generated always as identity, v text)", "insert into g (v) values ('a')",
                    "insert into g overriding system value values (10, 'b')", "insert into g overriding user value values (99, 'c')");
            assertEquals("1 a,10 b,2 c", ProtocolIT.one(c, "select string_agg(id || ' ' || v, ',' order by v) from g"));
            PSQLException e = assertThrows(PSQLException.class, () -> exec(c, "insert into g values (5, 'x')"));
            assertEquals("428C9", e.getSQLState());
            assertEquals("cannot insert a non-DEFAULT value into column \"id\"", e.getServerErrorMessage().getMessage());
            assertEquals("Column \"id\" is an identity column defined as GENERATED ALWAYS.", e.getServerErrorMessage().getDetail());
            assertEquals("Use OVERRIDING SYSTEM VALUE to override.", e.getServerErrorMessage().getHint());
            assertEquals("428C9 column \"id\" can only be updated to DEFAULT"
                    + " | Column \"id\" is an identity column defined as GENERATED ALWAYS.", err(c, "update g set id = 4"));
            assertEquals("a", ProtocolIT.one(c, "select attidentity from pg_attribute where attname = 'id'"
                    + " and attrelid = (select oid from pg_class where relname = 'g')"));
        }
    }
}
