package org.tusk.main;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * What the AOT training session asks of its backend: pgbench's initialisation (server-side data
 * generation, {@code pgbench -i -I dtGvp}) and its built-in scripts, tpcb-like and select-only, in
 * each of pgbench's three query modes (simple, extended, prepared). Those are the paths a benchmark,
 * and most OLTP clients, keep a backend on; a fresh backend JVM finds their classes loaded and
 * linked in the cache instead of loading them during its first transactions.
 *
 * <p>The statements are pgbench 15's own (pgbench.c: initCreateTables,
 * initGenerateDataServerSide, initCreatePKeys, and the "tpcb-like" and "select-only" scripts), at a
 * tenth of scale 1 so that the training stays short.
 */
final class AotTrainingWorkload {
    /** Rows of pgbench_accounts (scale 1 has 100,000; a tenth is enough to train on). */
    static final int ACCOUNTS = 10_000;
    static final int TELLERS = 10, BRANCHES = 1;

    private static final String UPDATE_ACCOUNT = "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2";
    private static final String SELECT_ACCOUNT = "SELECT abalance FROM pgbench_accounts WHERE aid = $1";
    private static final String UPDATE_TELLER = "UPDATE pgbench_tellers SET tbalance = tbalance + $1 WHERE tid = $2";
    private static final String UPDATE_BRANCH = "UPDATE pgbench_branches SET bbalance = bbalance + $1 WHERE bid = $2";
    private static final String INSERT_HISTORY =
            "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)";

    private final SplittableRandom random = new SplittableRandom(42);
    private final int transactions;

    /** {@code transactions}: how many of each script to run in each mode. */
    AotTrainingWorkload(int transactions) {
        this.transactions = transactions;
    }

    /** pgbench -i with server-side generation: tables, rows, vacuum, primary keys. */
    void initialize(AotTrainingClient c) throws IOException {
        c.query("drop table if exists pgbench_accounts, pgbench_branches, pgbench_history, pgbench_tellers");
        c.query("create table pgbench_history(tid int,bid int,aid    int,delta int,mtime timestamp,filler char(22))");
        c.query("create table pgbench_tellers(tid int not null,bid int,tbalance int,filler char(84)) with (fillfactor=100)");
        c.query("create table pgbench_accounts(aid    int not null,bid int,abalance int,filler char(84)) with (fillfactor=100)");
        c.query("create table pgbench_branches(bid int not null,bbalance int,filler char(88)) with (fillfactor=100)");
        c.query("begin");
        c.query("truncate table pgbench_accounts, pgbench_branches, pgbench_history, pgbench_tellers");
        c.query("insert into pgbench_branches(bid,bbalance) select bid, 0 from generate_series(1, " + BRANCHES + ") as bid");
        c.query("insert into pgbench_tellers(tid,bid,tbalance) select tid, (tid - 1) / " + TELLERS
                + " + 1, 0 from generate_series(1, " + TELLERS + ") as tid");
        c.query("insert into pgbench_accounts(aid,bid,abalance,filler) select aid, (aid - 1) / " + ACCOUNTS
                + " + 1, 0, '' from generate_series(1, " + ACCOUNTS + ") as aid");
        c.query("commit");
        c.query("vacuum analyze pgbench_branches");
        c.query("vacuum analyze pgbench_tellers");
        c.query("vacuum analyze pgbench_accounts");
        c.query("vacuum analyze pgbench_history");
        c.query("alter table pgbench_branches add primary key (bid)");
        c.query("alter table pgbench_tellers add primary key (tid)");
        c.query("alter table pgbench_accounts add primary key (aid)");
    }

    /** pgbench -M simple: the scripts with their parameters spelled into the text. */
    void simple(AotTrainingClient c) throws IOException {
        for (int i = 0; i < transactions; i++) {
            Tx t = next();
            c.query("BEGIN;");
            c.query(UPDATE_ACCOUNT.replace("$1", t.delta).replace("$2", t.aid) + ";");
            c.query(SELECT_ACCOUNT.replace("$1", t.aid) + ";");
            c.query(UPDATE_TELLER.replace("$1", t.delta).replace("$2", t.tid) + ";");
            c.query(UPDATE_BRANCH.replace("$1", t.delta).replace("$2", t.bid) + ";");
            c.query(INSERT_HISTORY.replace("$1", t.tid).replace("$2", t.bid).replace("$3", t.aid).replace("$4", t.delta) + ";");
            c.query("END;");
            c.query(SELECT_ACCOUNT.replace("$1", next().aid) + ";");
        }
    }

    /** pgbench -M extended: every statement parsed anew as the unnamed statement. */
    void extended(AotTrainingClient c) throws IOException {
        for (int i = 0; i < transactions; i++) {
            Tx t = next();
            c.executeExtended("BEGIN;");
            c.executeExtended(UPDATE_ACCOUNT + ";", t.delta, t.aid);
            c.executeExtended(SELECT_ACCOUNT + ";", t.aid);
            c.executeExtended(UPDATE_TELLER + ";", t.delta, t.tid);
            c.executeExtended(UPDATE_BRANCH + ";", t.delta, t.bid);
            c.executeExtended(INSERT_HISTORY + ";", t.tid, t.bid, t.aid, t.delta);
            c.executeExtended("END;");
            c.executeExtended(SELECT_ACCOUNT + ";", next().aid);
        }
    }

    /** pgbench -M prepared: each statement parsed once, then only bound and executed. */
    void prepared(AotTrainingClient c) throws IOException {
        String[] names = {"P0_0", "P0_1", "P0_2", "P0_3", "P0_4", "P0_5", "P0_6", "P1_0"};
        String[] sqls = {"BEGIN;", UPDATE_ACCOUNT + ";", SELECT_ACCOUNT + ";", UPDATE_TELLER + ";", UPDATE_BRANCH + ";",
                INSERT_HISTORY + ";", "END;", SELECT_ACCOUNT + ";"};
        for (int i = 0; i < names.length; i++) c.prepare(names[i], sqls[i]);
        for (int i = 0; i < transactions; i++) {
            Tx t = next();
            c.executePrepared(names[0]);
            c.executePrepared(names[1], t.delta, t.aid);
            c.executePrepared(names[2], t.aid);
            c.executePrepared(names[3], t.delta, t.tid);
            c.executePrepared(names[4], t.delta, t.bid);
            c.executePrepared(names[5], t.tid, t.bid, t.aid, t.delta);
            c.executePrepared(names[6]);
            c.executePrepared(names[7], next().aid);
        }
    }

    /** One transaction's random values, as pgbench's \set lines draw them. */
    private record Tx(String aid, String bid, String tid, String delta) {}

    private Tx next() {
        return new Tx(String.valueOf(random.nextInt(1, ACCOUNTS + 1)), String.valueOf(random.nextInt(1, BRANCHES + 1)),
                String.valueOf(random.nextInt(1, TELLERS + 1)), String.valueOf(random.nextInt(-5000, 5001)));
    }
}
