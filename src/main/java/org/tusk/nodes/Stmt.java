package org.tusk.nodes;

import java.util.List;

/** Raw statement nodes produced by the grammar. */
public sealed interface Stmt {

    record ResTarget(String name, RawExpr val, int location) {}

    /** A relation name in FROM: [catalog.][schema.]name [AS alias]. */
    record RangeVar(String catalog, String schema, String name, String alias, int location) {}

    record SortBy(RawExpr node, boolean desc, Boolean nullsFirst, int location) {}

    record SelectStmt(boolean distinct, List<ResTarget> targetList, RangeVar from, RawExpr where,
                      List<RawExpr> groupBy, RawExpr having, List<SortBy> sortClause,
                      RawExpr limitCount, RawExpr limitOffset) implements Stmt {}

    /** SET / RESET: kind VALUE (args), DEFAULT (SET x TO DEFAULT), RESET, RESET_ALL. */
    record VariableSetStmt(Kind kind, String name, List<RawExpr> args, boolean isLocal) implements Stmt {
        public enum Kind { VALUE, DEFAULT, RESET, RESET_ALL }
    }

    /** SHOW name; name "all" for SHOW ALL. */
    record VariableShowStmt(String name) implements Stmt {}

    record TransactionStmt(Kind kind, List<String> options, String savepointName, String gid, boolean chain) implements Stmt {
        public enum Kind { BEGIN, START, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO, PREPARE, COMMIT_PREPARED,
            ROLLBACK_PREPARED }
    }

    /** A valid PostgreSQL statement Tusk cannot run yet; tag is its command tag (e.g. "CREATE TABLE"). */
    record UnsupportedStmt(String tag) implements Stmt {}

    /** CHECKPOINT: carried out by the backend, which asks the checkpointer process. */
    record CheckpointStmt() implements Stmt {}
}
