package org.tusk.commands;

import java.util.Set;
import java.util.TreeSet;

import org.tusk.catalog.Catalog;
import org.tusk.executor.ExecContext;
import org.tusk.nodes.Expr;
import org.tusk.parser.Analyzer;
import org.tusk.parser.IndexExprAnalysis;
import org.tusk.utils.cache.Relation;

/**
 * The dependencies index_create records for an index's key expressions and its predicate
 * (recordDependencyOnSingleRelExpr with self_behavior DEPENDENCY_AUTO): the index goes with any
 * column of its table they read, a whole-row reference standing for the table. The expressions
 * are read back from the new index's catalog entry, so every way an index is made (CREATE
 * INDEX, the indexes of a partitioned index's partitions) records them alike; the catalog
 * records the plain key columns itself.
 */
final class IndexExpressionDependencies {
    private IndexExpressionDependencies() {}

    /** Records the rows for index {@code indexOid} of {@code heap}; nothing when it has no expression nor predicate. */
    static void record(Relation heap, int indexOid, ExecContext ctx) {
        Catalog catalog = ctx.env().catalog();
        Relation index = catalog.openRelation(indexOid);
        if (index == null || index.index() == null) return;
        Relation.IndexInfo info = index.index();
        String db = ctx.session().currentDatabase();
        if (info.hasExpressions()) {
            Set<Integer> used = new TreeSet<>();
            for (Expr e : IndexExprAnalysis.storedExpressions(heap, info.expressions(), ctx.inputSettings(), db, ctx.env())) {
                collect(e, used);
            }
            catalog.recordIndexExpressionDependencies(indexOid, heap.oid(), used);
        }
        if (info.predicate() != null) {
            Set<Integer> used = new TreeSet<>();
            collect(IndexExprAnalysis.storedPredicate(heap, info.predicate(), ctx.inputSettings(), db, ctx.env()), used);
            catalog.recordIndexExpressionDependencies(indexOid, heap.oid(), used);
        }
    }

    /** find_expr_references_walker for Vars of the expression's own relation: their attnums (0: the whole row). */
    private static void collect(Expr e, Set<Integer> used) {
        if (e instanceof Expr.Var v && v.levelsup() == 0 && v.attno() >= 0) used.add(v.attno());
        for (Expr c : Analyzer.children(e)) collect(c, used);
    }
}
