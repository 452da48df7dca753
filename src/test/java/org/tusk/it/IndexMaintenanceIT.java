package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;
import static org.tusk.it.PartitionIT.error;

import java.sql.Connection;
import java.sql.SQLWarning;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.ServerErrorMessage;

/**
 * Index maintenance through a real server, with PostgreSQL 15's answers: storage parameters of
 * B-tree indexes (CREATE INDEX ... WITH, ALTER INDEX SET/RESET, pg_get_indexdef), ALTER INDEX
 * ... ALTER COLUMN SET STATISTICS, ALTER TABLE ... ADD CONSTRAINT ... USING INDEX, ON COMMIT
 * actions of temporary tables, CREATE INDEX ON ONLY with ATTACH PARTITION, REINDEX of a
 * partitioned index, and the table statistics CREATE INDEX stores.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class IndexMaintenanceIT extends OneServerPerClass {

    @Test
    void storageParametersAreCheckedStoredAndShown() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table sp (a int, b int)",
                    "insert into sp select g, g from generate_series(1, 2000) g",
                    "create index sp_a on sp (a) with (fillfactor = 50, deduplicate_items = off)");
            assertEquals("{fillfactor=50,deduplicate_items=off}", joinedRows(c, "select reloptions from pg_class where relname = 'sp_a'"));
            assertEquals("CREATE INDEX sp_a ON public.sp USING btree (a) WITH (fillfactor='50', deduplicate_items=off)",
                    joinedRows(c, "select pg_get_indexdef('sp_a'::regclass)"));
            // a leaf fill of 50% needs more pages than the default 90%
            exec(c, "create index sp_b on sp (a)");
            assertEquals("t", joinedRows(c, "select (select relpages from pg_class where relname = 'sp_a') > "
                    + "(select relpages from pg_class where relname = 'sp_b')"));
            exec(c, "alter index sp_a set (fillfactor = 70)", "alter index sp_a reset (deduplicate_items)");
            assertEquals("{fillfactor=70}", joinedRows(c, "select reloptions from pg_class where relname = 'sp_a'"));
            ServerErrorMessage e = error(c, "create index on sp (a) with (fillfactor = 5)");
            assertEquals("22023", e.getSQLState());
            assertEquals("value 5 out of bounds for option \"fillfactor\"", e.getMessage());
            assertEquals("unrecognized parameter \"foo\"", error(c, "alter index sp_a set (foo = 1)").getMessage());
            assertEquals("operator class int4_ops has no options", error(c, "create index on sp (a int4_ops(foo=1))").getMessage());
        }
    }

    @Test
    void expressionColumnsAreDeparsedAsPostgresPrintsThem() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ed (c1 int, f1 text, f2 text)",
                    "create index ed_cast on ed ((c1::text collate \"C\"))",
                    "create index ed_pred on ed (c1) where (c1::text > 500000000::text collate \"C\")",
                    "create unique index ed_cat on ed (textcat(f1,f2))",
                    "create unique index ed_op on ed ((f1 || f2), (c1 + 1))");
            // without pretty printing every cast argument carries its own parentheses
            assertEquals("CREATE INDEX ed_cast ON public.ed USING btree (((c1)::text) COLLATE \"C\")",
                    joinedRows(c, "select pg_get_indexdef('ed_cast'::regclass)"));
            assertEquals("CREATE INDEX ed_pred ON public.ed USING btree (c1) WHERE ((c1)::text > ((500000000)::text COLLATE \"C\"))",
                    joinedRows(c, "select pg_get_indexdef('ed_pred'::regclass)"));
            // one column, pretty (as psql's \d asks) and not: an operator expression is in parentheses
            assertEquals("(f1 || f2)|((f1 || f2))|textcat(f1, f2)", joinedRows(c, "select pg_get_indexdef('ed_op'::regclass, 1, true)"
                    + " || '|' || pg_get_indexdef('ed_op'::regclass, 1, false) || '|' || pg_get_indexdef('ed_cat'::regclass, 1, true)"));
            exec(c, "insert into ed values (1, 'AB', 'C')");
            // BuildIndexValueDescription names expression columns by their deparsed text
            assertEquals("Key (textcat(f1, f2))=(ABC) already exists.",
                    error(c, "insert into ed values (2, 'A', 'BC')").getDetail());
            exec(c, "drop index ed_cat");
            assertEquals("Key ((f1 || f2), (c1 + 1))=(ABC, 2) already exists.",
                    error(c, "insert into ed values (1, 'A', 'BC')").getDetail());
        }
    }

    @Test
    void statisticsTargetsOfIndexColumns() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table st (a int, b int)", "create index st_e on st ((a + b))", "create index st_a on st (a)",
                    "alter index st_e alter column 1 set statistics 100");
            assertEquals("100", joinedRows(c, "select attstattarget from pg_attribute where attrelid = 'st_e'::regclass"));
            assertEquals("statistics target -5 is too low",
                    error(c, "alter index st_e alter column 1 set statistics -5").getMessage());
            assertEquals("column number 2 of relation \"st_e\" does not exist",
                    error(c, "alter index st_e alter column 2 set statistics 100").getMessage());
            ServerErrorMessage e = error(c, "alter index st_a alter column 1 set statistics 100");
            assertEquals("cannot alter statistics on non-expression column \"a\" of index \"st_a\"", e.getMessage());
            assertEquals("Alter statistics on table column instead.", e.getHint());
            e = error(c, "alter index st_a alter column a set (n_distinct = 100)");
            assertEquals("ALTER action ALTER COLUMN ... SET cannot be performed on relation \"st_a\"", e.getMessage());
            assertEquals("This operation is not supported for indexes.", e.getDetail());
            // REINDEX CONCURRENTLY's copy keeps the target
            exec(c, "reindex index concurrently st_e");
            assertEquals("100", joinedRows(c, "select attstattarget from pg_attribute where attrelid = 'st_e'::regclass"));
        }
    }

    @Test
    void constraintsAdoptExistingIndexes() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table cw (a int, b varchar(10), c char)", "insert into cw values (1, 'x'), (2, 'y')",
                    "create unique index cw_ab on cw (a, b)", "alter table cw add primary key using index cw_ab");
            assertEquals("cw_ab|p", joinedRows(c, "select conname, contype from pg_constraint where conrelid = 'cw'::regclass"));
            assertEquals("t|t", joinedRows(c, "select bool_and(attnotnull), bool_and(attnotnull) from pg_attribute "
                    + "where attrelid = 'cw'::regclass and attname in ('a', 'b')"));
            exec(c, "create unique index cw_b on cw (b)");
            SQLWarning w = exec(c, "alter table cw add constraint cw_b_key unique using index cw_b");
            assertEquals("ALTER TABLE / ADD CONSTRAINT USING INDEX will rename index \"cw_b\" to \"cw_b_key\"", w.getMessage());
            ServerErrorMessage e = error(c, "drop index cw_b_key");
            assertEquals("cannot drop index cw_b_key because constraint cw_b_key on table cw requires it", e.getMessage());
            exec(c, "create unique index cw_desc on cw (a desc)");
            e = error(c, "alter table cw add unique using index cw_desc");
            assertEquals("index \"cw_desc\" column number 1 does not have default sorting behavior", e.getMessage());
            assertEquals("Cannot create a primary key or unique constraint using such an index.", e.getDetail());
            assertEquals(20, e.getPosition());
            exec(c, "create index cw_plain on cw (c)");
            assertEquals("\"cw_plain\" is not a unique index", error(c, "alter table cw add unique using index cw_plain").getMessage());
            assertEquals("index \"nosuch\" does not exist", error(c, "alter table cw add unique using index nosuch").getMessage());
            exec(c, "create table cwp (a int) partition by hash (a)", "create unique index on cwp (a)");
            assertEquals("ALTER TABLE / ADD CONSTRAINT USING INDEX is not supported on partitioned tables",
                    error(c, "alter table cwp add primary key using index cwp_a_idx").getMessage());
        }
    }

    @Test
    void onCommitActionsOfTemporaryTables() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create temp table ocd (a int) on commit delete rows", "create index ocd_a on ocd (a)",
                    "insert into ocd values (1), (2)");
            assertEquals("0", joinedRows(c, "select count(*) from ocd"));
            c.setAutoCommit(false);
            exec(c, "insert into ocd values (3)");
            assertEquals("1", joinedRows(c, "select count(*) from ocd"));
            c.commit();
            assertEquals("0", joinedRows(c, "select count(*) from ocd"));
            exec(c, "create temp table ocx (a int) on commit drop", "insert into ocx values (1)");
            assertEquals("1", joinedRows(c, "select count(*) from ocx"));
            c.commit();
            c.setAutoCommit(true);
            assertEquals("0", joinedRows(c, "select count(*) from pg_class where relname = 'ocx'"));
            exec(c, "create temp table ocp (a int) on commit preserve rows", "insert into ocp values (1)");
            assertEquals("1", joinedRows(c, "select count(*) from ocp"));
            ServerErrorMessage e = error(c, "create table ocn (a int) on commit drop");
            assertEquals("42P16", e.getSQLState());
            assertEquals("ON COMMIT can only be used on temporary tables", e.getMessage());
        }
    }

    @Test
    void partitionedIndexesOnOnlyAndReindex() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table pr (a int) partition by range (a)",
                    "create table pr1 partition of pr for values from (0) to (10)",
                    "create table pr2 partition of pr for values from (10) to (20)",
                    "insert into pr values (1), (11)",
                    "create index pr_a on only pr (a)");
            assertEquals("f|0", joinedRows(c, "select indisvalid, (select count(*) from pg_index i join pg_class k "
                    + "on k.oid = i.indrelid where k.relname in ('pr1', 'pr2')) from pg_index where indexrelid = 'pr_a'::regclass"));
            exec(c, "create index pr1_a on pr1 (a)", "alter index pr_a attach partition pr1_a");
            assertEquals("f", joinedRows(c, "select indisvalid from pg_index where indexrelid = 'pr_a'::regclass"));
            exec(c, "create index pr2_a on pr2 (a)", "alter index pr_a attach partition pr2_a");
            assertEquals("t", joinedRows(c, "select indisvalid from pg_index where indexrelid = 'pr_a'::regclass"));
            exec(c, "create table before as select relname, relfilenode from pg_class where relname in ('pr1_a', 'pr2_a')",
                    "reindex index pr_a");
            assertEquals("pr1_a|t;pr2_a|t", joinedRows(c, "select b.relname, b.relfilenode <> c.relfilenode from before b "
                    + "join pg_class c on c.relname = b.relname order by 1"));
            exec(c, "drop table before",
                    "create table before as select relname, relfilenode from pg_class where relname in ('pr1_a', 'pr2_a')",
                    "reindex table pr");
            assertEquals("pr1_a|t;pr2_a|t", joinedRows(c, "select b.relname, b.relfilenode <> c.relfilenode from before b "
                    + "join pg_class c on c.relname = b.relname order by 1"));
            assertEquals("\"pr\" is not an index", error(c, "reindex index pr").getMessage());
            assertEquals("\"pr_a\" is not a table or materialized view", error(c, "reindex table pr_a").getMessage());
            // each partition would be rebuilt in a transaction of its own: not inside a block
            c.setAutoCommit(false);
            ServerErrorMessage e = error(c, "reindex index pr_a");
            assertEquals("25001", e.getSQLState());
            assertEquals("REINDEX INDEX cannot run inside a transaction block", e.getMessage());
            assertEquals("while reindexing partitioned index \"public.pr_a\"", e.getWhere());
            c.rollback();
            e = error(c, "reindex table pr");
            assertEquals("REINDEX TABLE cannot run inside a transaction block", e.getMessage());
            assertEquals("while reindexing partitioned table \"public.pr\"", e.getWhere());
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    @Test
    void clusterOnMarksOneIndexOfTheTable() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table cl (a int, b int)", "create index cl_a on cl (a)", "create unique index cl_b on cl (b)",
                    "create index cl_p on cl (a) where b > 0", "create table cl2 (a int)", "create index cl2_a on cl2 (a)",
                    "alter table cl cluster on cl_a");
            String flags = "select string_agg(indexrelid::regclass || '=' || indisclustered, ',' order by indexrelid::regclass::text)"
                    + " from pg_index where indrelid = 'cl'::regclass";
            assertEquals("cl_a=true,cl_b=false,cl_p=false", joinedRows(c, flags));
            exec(c, "alter table cl cluster on cl_b");
            assertEquals("cl_a=false,cl_b=true,cl_p=false", joinedRows(c, flags));
            // REINDEX CONCURRENTLY keeps the mark on the rebuilt index
            exec(c, "reindex table concurrently cl");
            assertEquals("cl_a=false,cl_b=true,cl_p=false", joinedRows(c, flags));
            exec(c, "alter table cl set without cluster");
            assertEquals("cl_a=false,cl_b=false,cl_p=false", joinedRows(c, flags));
            ServerErrorMessage e = error(c, "alter table cl cluster on nosuch");
            assertEquals("42704", e.getSQLState());
            assertEquals("index \"nosuch\" for table \"cl\" does not exist", e.getMessage());
            assertEquals("\"cl2_a\" is not an index for table \"cl\"", error(c, "alter table cl cluster on cl2_a").getMessage());
            assertEquals("cannot cluster on partial index \"cl_p\"", error(c, "alter table cl cluster on cl_p").getMessage());
            exec(c, "create table clp (a int) partition by range (a)", "create index clp_a on clp (a)");
            assertEquals("cannot mark index clustered in partitioned table",
                    error(c, "alter table clp cluster on clp_a").getMessage());
        }
    }

    @Test
    void replicaIdentityMarksOneUniqueNotNullIndex() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ri (id int primary key, a text not null, b text, c text not null)",
                    "create index ri_a on ri (a)", "create unique index ri_ab on ri (a, b)",
                    "create unique index ri_expr on ri (a, (c || 'x'))", "create unique index ri_part on ri (a) where c > ''",
                    "create unique index ri_ac on ri (a, c)",
                    "alter table ri add constraint ri_defer unique (c) deferrable");
            String flags = "select relreplident || ':' || (select string_agg(indexrelid::regclass::text, ',') from pg_index"
                    + " where indrelid = 'ri'::regclass and indisreplident) from pg_class where oid = 'ri'::regclass";
            exec(c, "alter table ri replica identity using index ri_ac");
            assertEquals("i:ri_ac", joinedRows(c, flags));
            // REINDEX CONCURRENTLY keeps the mark on the rebuilt index
            exec(c, "reindex table concurrently ri");
            assertEquals("i:ri_ac", joinedRows(c, flags));
            exec(c, "alter table ri replica identity full");
            assertEquals("null", joinedRows(c, flags));
            assertEquals("f", joinedRows(c, "select relreplident from pg_class where oid = 'ri'::regclass"));
            exec(c, "alter table ri replica identity nothing");
            assertEquals("n", joinedRows(c, "select relreplident from pg_class where oid = 'ri'::regclass"));
            exec(c, "alter table ri replica identity default");
            assertEquals("d", joinedRows(c, "select relreplident from pg_class where oid = 'ri'::regclass"));
            ServerErrorMessage e = error(c, "alter table ri replica identity using index nosuch");
            assertEquals("42704", e.getSQLState());
            assertEquals("index \"nosuch\" for table \"ri\" does not exist", e.getMessage());
            assertEquals("cannot use non-unique index \"ri_a\" as replica identity",
                    error(c, "alter table ri replica identity using index ri_a").getMessage());
            assertEquals("index \"ri_ab\" cannot be used as replica identity because column \"b\" is nullable",
                    error(c, "alter table ri replica identity using index ri_ab").getMessage());
            assertEquals("cannot use expression index \"ri_expr\" as replica identity",
                    error(c, "alter table ri replica identity using index ri_expr").getMessage());
            assertEquals("cannot use partial index \"ri_part\" as replica identity",
                    error(c, "alter table ri replica identity using index ri_part").getMessage());
            assertEquals("cannot use non-immediate index \"ri_defer\" as replica identity",
                    error(c, "alter table ri replica identity using index ri_defer").getMessage());
        }
    }

    @Test
    void reindexTableRebuildsTheToastIndexToo() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rt (x text)", "insert into rt select (select string_agg(md5(g::text || i::text), '')"
                    + " from generate_series(1, 200) i) from generate_series(1, 20) g");
            String toastIndex = "select relfilenode from pg_class where oid = (select indexrelid from pg_index"
                    + " where indrelid = (select reltoastrelid from pg_class where relname = 'rt'))";
            String before = joinedRows(c, toastIndex);
            // reindex_relation's REINDEX_REL_PROCESS_TOAST: the TOAST index counts, so no "has no indexes" NOTICE
            SQLWarning w = exec(c, "reindex table rt");
            assertEquals(null, w);
            assertEquals("f", joinedRows(c, "select (" + toastIndex + ") = " + before));
            assertEquals("20|128000", joinedRows(c, "select count(*), sum(length(x)) from rt"));
        }
    }

    @Test
    void reindexSchemaNeedsTheSchemasOwner() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create schema rs_owned", "create table rs_owned.t (a int primary key)", "create role regress_rs_user",
                    "set session role regress_rs_user");
            ServerErrorMessage e = error(c, "reindex schema rs_owned");
            assertEquals("42501", e.getSQLState());
            assertEquals("must be owner of schema rs_owned", e.getMessage());
            exec(c, "reset role", "reindex schema rs_owned", "drop schema rs_owned cascade", "drop role regress_rs_user");
        }
    }

    @Test
    void relationsAndColumnsAreDescribed() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table dd (a int, b int)", "create index dd_a on dd (a)");
            assertEquals("table dd|column b of table dd|index dd_a|t", joinedRows(c, "select "
                    + "pg_describe_object('pg_class'::regclass, 'dd'::regclass, 0), "
                    + "pg_describe_object('pg_class'::regclass, 'dd'::regclass, 2), "
                    + "pg_describe_object('pg_class'::regclass, 'dd_a'::regclass, 0), "
                    + "pg_describe_object(0, 0, 0) is null"));
            assertEquals("t", joinedRows(c, "select pg_describe_object('pg_class'::regclass, 1, 0) is null"));
        }
    }

    @Test
    void createIndexStoresTheTableStatistics() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rs (a int)", "create index rs_empty on rs (a)");
            assertEquals("0|-1", joinedRows(c, "select relpages, reltuples from pg_class where relname = 'rs'"));
            exec(c, "insert into rs select generate_series(1, 1000)", "create index rs_a on rs (a) where a > 500");
            assertEquals("5|1000", joinedRows(c, "select relpages, reltuples from pg_class where relname = 'rs'"));
            assertEquals("500", joinedRows(c, "select reltuples from pg_class where relname = 'rs_a'"));
            assertEquals("1|0", joinedRows(c, "select relpages, reltuples from pg_class where relname = 'rs_empty'"));
        }
    }
}
