package org.tusk.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationProvider;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Analyzer;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The table-creating half of CREATE TABLE AS and SELECT INTO (PostgreSQL's createas.c
 * ExecCreateTableAs / create_ctas_internal): the query is analysed for its output columns, whose
 * names (or the given column names) and types become the new table's columns. Filling the table
 * is the caller's second step, an INSERT of the same query into it (intorel_receive's work),
 * skipped for WITH NO DATA.
 */
public final class CreateAsCommands {
    private CreateAsCommands() {}

    /**
     * Creates the table of {@code s}; returns it, or null when IF NOT EXISTS found one already
     * (with PostgreSQL's NOTICE, sent by the catalog).
     */
    public static Relation createTableAs(Stmt.CreateTableAsStmt s, String queryString, RelationProvider relations,
                                         ExecEnvironment env, InputSettings zone, String currentDatabase,
                                         List<Integer> paramTypes) {
        Catalog catalog = env.catalog();
        Stmt.RangeVar rv = s.relation();
        if (s.ifNotExists() && catalog.openRelation(rv.schema(), rv.name()) != null) {
            catalog.createTable(rv.schema(), rv.name(), List.of(), s.temp() ? 't' : 'p', true);
            return null;
        }
        Query q = Analyzer.analyze(new RawStmt(s.query(), 0, queryString.length()), queryString, relations, env, zone,
                currentDatabase, paramTypes == null ? null : new ArrayList<>(paramTypes));
        List<Catalog.ColumnSpec> columns = columns(q, s.colNames());
        List<String> reloptions = RelOptions.heapOptions(s.options() == null ? List.of() : s.options());
        int oid = catalog.createTable(rv.schema(), rv.name(), columns, s.temp() ? 't' : 'p', false, reloptions);
        env.commandCounterIncrement();
        return catalog.openRelation(oid);
    }

    /**
     * CreateTableAsRelExists (what EXPLAIN CREATE TABLE AS asks before planning): false when the
     * target name is free; true, after PostgreSQL's NOTICE, when it is taken and IF NOT EXISTS
     * was given; 42P07 when it is taken otherwise.
     */
    public static boolean relationExists(Stmt.CreateTableAsStmt s, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        Stmt.RangeVar rv = s.relation();
        if (catalog.openRelation(rv.schema(), rv.name()) == null) return false;
        if (!s.ifNotExists()) {
            throw PgException.error(SqlState.DUPLICATE_TABLE, "relation \"" + rv.name() + "\" already exists");
        }
        // the catalog sends the "already exists, skipping" NOTICE of an IF NOT EXISTS that finds the name taken
        catalog.createTable(rv.schema(), rv.name(), List.of(), s.temp() ? 't' : 'p', true);
        return true;
    }

    /** The query's visible output columns, renamed by {@code colNames} (intorel_startup's checks). */
    static List<Catalog.ColumnSpec> columns(Query q, List<String> colNames) {
        List<Catalog.ColumnSpec> columns = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) {
            if (te.resjunk()) continue;
            int type = te.expr().type() == TypeOids.UNKNOWN ? TypeOids.TEXT : te.expr().type();
            String name = columns.size() < colNames.size() ? colNames.get(columns.size()) : te.name();
            columns.add(new Catalog.ColumnSpec(name, type, te.expr().typmod(), false, null));
        }
        if (colNames.size() > columns.size()) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "too many column names were specified");
        }
        Set<String> seen = new HashSet<>();
        for (Catalog.ColumnSpec c : columns) {
            if (!seen.add(c.name())) throw PgException.error(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
        }
        return columns;
    }
}
