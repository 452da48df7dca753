package org.tusk.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationProvider;
import org.tusk.catalog.TypeOids;
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
 * CREATE [OR REPLACE] VIEW (PostgreSQL's view.c DefineView): the query is analysed now, so
 * that errors in it are reported at CREATE time and the view's columns get their names and
 * types; the catalog then stores the relation, its columns and the "_RETURN" rule holding the
 * query's text, with dependencies on every relation the query reads.
 */
public final class ViewCommands {
    private ViewCommands() {}

    /** DefineView. */
    public static void defineView(Stmt.ViewStmt s, String queryString, RelationProvider relations, ExecEnvironment env,
                                  InputSettings zone, String currentDatabase, Consumer<String> notices) {
        Query q = Analyzer.analyze(new RawStmt(s.query(), 0, queryString.length()), queryString, relations, env, zone,
                currentDatabase, null);
        if (s.checkOption() != null || ViewOptions.namesCheckOption(s.options())) requireAutoUpdatable(q);
        List<String> reloptions = ViewOptions.of(s.options(), s.checkOption());
        List<Catalog.ColumnSpec> columns = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) {
            if (te.resjunk()) continue;
            int type = te.expr().type() == TypeOids.UNKNOWN ? TypeOids.TEXT : te.expr().type();
            columns.add(new Catalog.ColumnSpec(te.name(), type, te.expr().typmod(), false, null));
        }
        if (s.aliases().size() > columns.size()) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
        }
        for (int i = 0; i < s.aliases().size(); i++) {
            Catalog.ColumnSpec c = columns.get(i);
            columns.set(i, new Catalog.ColumnSpec(s.aliases().get(i), c.typeOid(), c.typmod(), false, null));
        }
        Set<String> seen = new HashSet<>();
        for (Catalog.ColumnSpec c : columns) {
            if (!seen.add(c.name())) throw PgException.error(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
        }
        List<Integer> referenced = RewriteHandler.referencedRelations(q);
        boolean temp = s.temp();
        if (!temp) {
            // isQueryUsingTempRelation: a view over a temporary table goes with the session too.
            for (int oid : referenced) {
                Relation r = env.catalog().openRelation(oid);
                if (r != null && r.persistence() == 't') {
                    temp = true;
                    notices.accept("view \"" + s.view().name() + "\" will be a temporary view");
                    break;
                }
            }
        }
        // ev_action binds the names the query resolves now (StoredNamePins): the stored text is
        // analysed as the rewriter will read it, and gets their schemas
        String stored = pinnedQuery(s.queryText(), relations, env, zone, currentDatabase);
        int viewOid = env.catalog().createView(s.view().schema(), s.view().name(), columns, temp ? 't' : 'p', s.replace(),
                stored, referenced);
        Relation view = env.catalog().openRelation(viewOid);
        if (view != null) {
            env.catalog().recordViewColumnDependencies(view, org.tusk.rewrite.ColumnReferences.of(q));
            // recordDependencyOnExpr: the user functions the query calls, so DROP FUNCTION refuses
            // while the view needs one (relations and columns are recorded above)
            env.catalog().recordViewObjectDependencies(view, RoutineDependencies.referenced(List.of(), List.of(q), 0).stream()
                    .filter(o -> o.classId() == org.tusk.catalog.FunctionDdl.PROCEDURE_RELATION_ID).toList());
            // CREATE OR REPLACE replaces the options too (DefineView's AT_ReplaceRelOptions)
            if (!reloptions.isEmpty() || !env.catalog().relOptions(view).isEmpty()) env.catalog().setRelOptions(view, reloptions);
        }
    }

    /**
     * The text to store for a view's or materialized view's query {@code sql}: analysed on its
     * own, as the rewriter reads pg_rewrite.ev_action, with the names it resolves bound to their
     * schemas ({@link org.tusk.catalog.StoredNamePins}).
     */
    static String pinnedQuery(String sql, RelationProvider relations, ExecEnvironment env, InputSettings zone,
                              String currentDatabase) {
        return org.tusk.catalog.StoredNamePins.analyze(sql, () -> Analyzer.analyze(
                org.tusk.parser.Parser.parse(sql, Analyzer.scanSettings(env)).get(0), sql, relations, env, zone, currentDatabase, null)).text();
    }

    /** DefineView / ATExecSetRelOptions: a check option needs view_query_is_auto_updatable(query, true) to pass. */
    static void requireAutoUpdatable(Query q) {
        String reason = org.tusk.rewrite.ViewUpdatability.notAutoUpdatableReason(q, true);
        if (reason != null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "WITH CHECK OPTION is supported only on automatically updatable views")
                    .withHint(reason);
        }
    }
}
