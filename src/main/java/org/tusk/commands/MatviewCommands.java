package org.tusk.commands;

import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationLocks;
import org.tusk.catalog.RelationProvider;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Analyzer;
import org.tusk.rewrite.RewriteHandler;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The catalog half of materialized views (PostgreSQL's createas.c for CREATE MATERIALIZED VIEW
 * and matview.c ExecRefreshMatView): a heap of relkind 'm' whose query is its "_RETURN" rule.
 * Reading one reads its heap (the rewriter expands only views); filling it, at CREATE and at
 * REFRESH, is the caller's INSERT of the stored query, as CREATE TABLE AS fills its table.
 */
public final class MatviewCommands {
    private MatviewCommands() {}

    /**
     * ExecCreateTableAs for OBJECT_MATVIEW: analyses the query (transformCreateTableAsStmt's
     * checks), creates the heap with the query's columns and stores the query as its rule.
     * Returns the new materialized view, or null when IF NOT EXISTS found the name taken.
     */
    public static Relation create(Stmt.CreateMatViewStmt s, String queryString, RelationProvider relations,
                                  ExecEnvironment env, InputSettings zone, String currentDatabase, Consumer<String> notices) {
        Catalog catalog = env.catalog();
        Stmt.RangeVar rv = s.relation();
        // CreateTableAsRelExists
        if (catalog.openRelation(rv.schema(), rv.name()) != null) {
            if (!s.ifNotExists()) throw PgException.error(SqlState.DUPLICATE_TABLE, "relation \"" + rv.name() + "\" already exists");
            notices.accept("relation \"" + rv.name() + "\" already exists, skipping");
            return null;
        }
        if (s.accessMethod() != null && !s.accessMethod().equals("heap")) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "access method \"" + s.accessMethod() + "\" does not exist");
        }
        if (s.tablespace() != null && !s.tablespace().equals("pg_default")) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "tablespace \"" + s.tablespace() + "\" does not exist");
        }
        Query q = Analyzer.analyze(new RawStmt(s.query(), 0, queryString.length()), queryString, relations, env, zone,
                currentDatabase, null);
        // transformCreateTableAsStmt: the query must not change data nor depend on this session
        if (modifiesData(q)) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "materialized views must not use data-modifying statements in WITH");
        }
        List<Integer> referenced = RewriteHandler.referencedRelations(q);
        for (int oid : referenced) {
            Relation r = catalog.openRelation(oid);
            if (r != null && r.persistence() == 't') {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "materialized views must not use temporary tables or views");
            }
        }
        List<Catalog.ColumnSpec> columns = CreateAsCommands.columns(q, s.colNames());
        List<String> reloptions = RelOptions.heapOptions(s.options() == null ? List.of() : s.options());
        // ev_action binds the names the query resolves now, as a view's does (StoredNamePins)
        String stored = ViewCommands.pinnedQuery(s.queryText(), relations, env, zone, currentDatabase);
        int oid = catalog.createMaterializedView(rv.schema(), rv.name(), columns, 'p', reloptions, stored, referenced,
                s.withData());
        Relation mv = catalog.openRelation(oid);
        catalog.recordViewColumnDependencies(mv, org.tusk.rewrite.ColumnReferences.of(q));
        env.commandCounterIncrement();
        return catalog.openRelation(oid);
    }

    private static boolean modifiesData(Query q) {
        for (Query.CommonTableExpr cte : q.cteList()) {
            if (cte.query().commandType() != Query.CommandType.SELECT) return true;
        }
        return false;
    }

    /**
     * ExecRefreshMatView's checks and its emptying: opens the materialized view (ExclusiveLock for
     * CONCURRENTLY, AccessExclusiveLock otherwise), checks the options against its state, marks it
     * populated or not (SetMatViewPopulatedState), and for a plain refresh gives it new, empty
     * storage as refresh_by_heap_swap's new heap does (indexes too). A CONCURRENTLY refresh keeps
     * the storage: the caller replaces the rows in place, so readers keep seeing the old ones.
     * Returns the materialized view, or null when nothing is to be filled (WITH NO DATA).
     */
    public static Relation prepareRefresh(Stmt.RefreshMatViewStmt s, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        Stmt.RangeVar rv = s.relation();
        Relation mv = catalog.openRelation(rv.schema(), rv.name(),
                s.concurrent() ? RelationLocks.EXCLUSIVE_LOCK : RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (mv == null) {
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
        }
        if (mv.relkind() != 'm') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + mv.name() + "\" is not a materialized view");
        }
        // RangeVarCallbackOwnsTable: the owner (or a member of the owning role) refreshes
        if (!env.currentUserIsSuperuser() && mv.owner() != env.currentUserId() && !org.tusk.catalog.RoleMembership
                .hasPrivsOfRole(org.tusk.catalog.ObjectNames.current().sharedCatalog(), env.currentUserId(), mv.owner())) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of materialized view " + mv.name());
        }
        if (s.concurrent() && s.skipData()) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "CONCURRENTLY and WITH NO DATA options cannot be used together");
        }
        if (s.concurrent() && !mv.isPopulated()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "CONCURRENTLY cannot be used when the materialized view is not populated");
        }
        if (s.concurrent() && !hasUsableUniqueIndex(mv, catalog)) {
            throw PgException.error("55000", "cannot refresh materialized view \"" + qualifiedName(mv, catalog) + "\" concurrently")
                    .withHint("Create a unique index with no WHERE clause on one or more columns of the materialized view.");
        }
        if (catalog.viewDefinition(mv) == null) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "could not find rule for materialized view \"" + mv.name() + "\"");
        }
        if (!s.concurrent()) catalog.truncateRelation(mv);
        if (mv.isPopulated() == s.skipData()) catalog.setRelationPopulated(mv, !s.skipData());
        env.commandCounterIncrement();
        return s.skipData() ? null : catalog.openRelation(mv.oid());
    }

    /**
     * finish_heap_swap's reindex_relation after a plain refresh: the indexes are rebuilt over the
     * new rows, which also sets the relpages and reltuples of the materialized view and of each
     * index as PostgreSQL's index_update_stats does (a materialized view without indexes keeps
     * the new heap's unknown size, as there).
     */
    public static void reindexAfterRefresh(Relation mv, org.tusk.executor.ExecContext ctx) {
        Relation current = ctx.env().catalog().openRelation(mv.oid());
        if (current != null) ReindexCommand.reindexRelation(current, ctx, line -> { });
    }

    /**
     * refresh_by_match_merge's is_usable_unique_index: a valid unique index, immediate, without a
     * predicate, whose keys are all plain columns.
     */
    private static boolean hasUsableUniqueIndex(Relation mv, Catalog catalog) {
        for (Relation index : catalog.indexesOf(mv)) {
            Relation.IndexInfo info = index.index();
            if (info == null || !info.unique() || !info.immediate() || !index.indexIsValid()) continue;
            if (info.predicate() != null) continue;
            boolean plain = true;
            for (int a : info.keyAttnums()) if (a <= 0) plain = false;
            if (plain && info.keyAttnums().length > 0) return true;
        }
        return false;
    }

    private static String qualifiedName(Relation rel, Catalog catalog) {
        return catalog.namespaceName(rel.namespace()) + "." + rel.name();
    }

    /** The stored query of materialized view {@code mv} (its "_RETURN" rule's action), parsed. */
    public static Stmt.SelectStmt storedQuery(Relation mv, Catalog catalog, org.tusk.utils.misc.ScanSettings scan) {
        String sql = catalog.viewDefinition(mv);
        List<RawStmt> raws = org.tusk.parser.Parser.parse(sql, scan);
        if (raws.size() != 1 || !(raws.get(0).stmt() instanceof Stmt.SelectStmt sel)) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "materialized view \"" + mv.name() + "\" has an invalid definition");
        }
        return sel;
    }

    /** The same query's text, which positions of errors in it point into. */
    public static String storedQueryText(Relation mv, Catalog catalog) {
        return catalog.viewDefinition(mv);
    }
}
