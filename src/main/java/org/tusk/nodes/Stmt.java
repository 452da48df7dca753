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

    // ---- tables and indexes (gram.y CreateStmt, IndexStmt, DropStmt)

    /**
     * One column of CREATE TABLE (ColumnDef with its column constraints folded in).
     *
     * @param rawDefault  the DEFAULT expression, or null
     * @param defaultSql  its text as written (what the catalog stores), or null
     * @param primaryKeyLocation where its PRIMARY KEY constraint starts, -1 if none (likewise UNIQUE)
     */
    record ColumnDefinition(String name, TypeName type, boolean notNull, RawExpr rawDefault, String defaultSql,
                            int primaryKeyLocation, int uniqueLocation, int location) {
        public boolean primaryKey() { return primaryKeyLocation >= 0; }

        public boolean unique() { return uniqueLocation >= 0; }
    }

    /** A table constraint: [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols). */
    record TableConstraint(String name, boolean primary, List<String> columns, int location) {}

    /** CREATE [TEMP] TABLE [IF NOT EXISTS] name (...). Column PRIMARY KEY/UNIQUE appear in the columns. */
    record CreateStmt(RangeVar relation, List<ColumnDefinition> columns, List<TableConstraint> constraints,
                      boolean temp, boolean ifNotExists) implements Stmt {}

    /** One key column of CREATE INDEX. */
    record IndexElem(String column, boolean desc, Boolean nullsFirst, int location) {}

    /** CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING method] (cols). */
    record IndexStmt(String name, RangeVar relation, String accessMethod, List<IndexElem> params, boolean unique,
                     boolean ifNotExists) implements Stmt {}

    /** DROP TABLE|INDEX [IF EXISTS] names [CASCADE|RESTRICT]. */
    record DropStmt(ObjectType kind, List<RangeVar> objects, boolean missingOk, boolean cascade) implements Stmt {
        public enum ObjectType { TABLE, INDEX }
    }

    // ---- data modification (gram.y InsertStmt, UpdateStmt, DeleteStmt)

    /**
     * INSERT INTO t [(cols)] source [RETURNING ...]. Exactly one of {@code values} (VALUES lists,
     * whose items may be {@link RawExpr.SetToDefault}), {@code select} or {@code defaultValues}
     * gives the rows. Column names in {@code columns} carry their locations.
     */
    record InsertStmt(RangeVar relation, List<ResTarget> columns, List<List<RawExpr>> values, int valuesLocation,
                      SelectStmt select, boolean defaultValues, List<ResTarget> returning) implements Stmt {}

    /** UPDATE t [[AS] a] SET col = expr, ... [FROM ...] [WHERE ...] [RETURNING ...]; name is the column. */
    record UpdateStmt(RangeVar relation, List<ResTarget> targetList, RangeVar from, RawExpr where,
                      List<ResTarget> returning) implements Stmt {}

    /** DELETE FROM t [[AS] a] [WHERE ...] [RETURNING ...]. */
    record DeleteStmt(RangeVar relation, RawExpr where, List<ResTarget> returning) implements Stmt {}
}
