package org.tusk.commands;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.DependencyType;
import org.tusk.catalog.ObjectAddress;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.GenerationExprAnalysis;
import org.tusk.parser.IndexExprAnalysis;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Stored generated columns in DDL (GENERATED ALWAYS AS (expr) STORED): transformColumnDefinition's
 * checks of the clause, and heap.c's cookDefault / StoreAttrDefault for a new column, whose
 * expression is analysed over the table's row once the table exists and whose column depends on
 * each column the expression reads (recordDependencyOnSingleRelExpr).
 */
final class GeneratedColumns {
    private GeneratedColumns() {}

    /** transformColumnDefinition: one generation clause, and neither a default nor identity beside it (42601). */
    static void checkDefinition(Stmt.ColumnDefinition c, String table, String queryString) {
        Stmt.Generation g = c.generation();
        int pos = org.tusk.parser.Lexer.position(queryString, g.location());
        if (g.multiple())
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "multiple generation clauses specified for column \"" + c.name()
                    + "\" of table \"" + table + "\"", pos);
        if (c.defaultSql() != null)
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "both default and generation expression specified for column \""
                    + c.name() + "\" of table \"" + table + "\"", pos);
        if (c.identity() != 0)
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "both identity and generation expression specified for column \""
                    + c.name() + "\" of table \"" + table + "\"", pos);
    }

    /**
     * cookDefault for the generated columns {@code defs} declares of the new table {@code rel}
     * (PostgreSQL's errors at the expression's place in the statement), and their dependencies.
     */
    static void cookNew(Relation rel, List<Stmt.ColumnDefinition> defs, String queryString, ExecEnvironment env,
                        InputSettings zone, String currentDatabase) {
        if (!rel.hasGeneratedStored()) return;
        List<String> stored = env.catalog().generationExpressions(rel);
        for (int attnum = 1; attnum <= stored.size(); attnum++) {
            if (stored.get(attnum - 1) == null) continue;
            Stmt.Generation written = null;
            for (Stmt.ColumnDefinition c : defs) {
                if (c.generation() != null && c.name().equals(rel.desc().attr(attnum - 1).name())) written = c.generation();
            }
            // a column declared here reports errors where its expression was written; an inherited one as stored
            Expr e = written != null
                    ? GenerationExprAnalysis.cookAt(rel, attnum, written.sql(), queryString, written.exprLocation(), zone,
                            currentDatabase, env)
                    : GenerationExprAnalysis.cook(rel, attnum, stored.get(attnum - 1), zone, currentDatabase, env);
            recordDependencies(env.catalog(), rel, attnum, e);
        }
    }

    /**
     * The generated column {@code attnum} depends on each column of its table its expression
     * reads: NORMAL, as PostgreSQL 15's StoreAttrDefault records it, so that dropping such a
     * column needs CASCADE, which drops the generated column too.
     */
    static void recordDependencies(Catalog catalog, Relation rel, int attnum, Expr e) {
        BitSet used = new BitSet();
        IndexExprAnalysis.collectAttnums(e, used);
        ObjectAddress column = new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, rel.oid(), attnum);
        for (int a = used.nextSetBit(1); a > 0 && a <= rel.desc().natts(); a = used.nextSetBit(a + 1)) {
            if (a == attnum) continue;
            catalog.dependencies().recordDependencyOn(column,
                    new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, rel.oid(), a), DependencyType.NORMAL);
        }
    }

    /** The generated columns of {@code rel} whose expressions read column {@code attnum}. */
    static List<Integer> readersOf(Relation rel, int attnum, List<String> expressions, ExecEnvironment env,
                                   InputSettings zone, String currentDatabase) {
        List<Integer> out = new ArrayList<>();
        for (int g = 1; g <= expressions.size(); g++) {
            if (g == attnum || expressions.get(g - 1) == null || rel.desc().attr(g - 1).attisdropped()) continue;
            BitSet used = new BitSet();
            IndexExprAnalysis.collectAttnums(GenerationExprAnalysis.cook(rel, g, expressions.get(g - 1), zone,
                    currentDatabase, env), used);
            if (used.get(attnum)) out.add(g);
        }
        return out;
    }

    /**
     * ATExecDropExpression (with ATPrepDropExpression's checks): the column keeps its values and
     * becomes an ordinary one, in every inheritance child too.
     */
    static void dropExpression(Relation rel, Stmt.AlterTableCmd.DropExpression d, boolean recurse, boolean recursing,
                               org.tusk.executor.ExecContext ctx, java.util.function.Consumer<String> notices) {
        Catalog catalog = ctx.env().catalog();
        if (!recurse && !catalog.inheritanceChildren(rel.oid()).isEmpty())
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "ALTER TABLE / DROP EXPRESSION must be applied to child tables too");
        int attnum = attnum(rel, d.column());
        if (attnum == 0) {
            if (org.tusk.catalog.CatalogRows.isSystemColumnName(d.column()))
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter system column \"" + d.column() + "\"");
            throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + d.column() + "\" of relation \"" + rel.name()
                    + "\" does not exist");
        }
        Catalog.ColumnInheritance inh = catalog.columnInheritance(rel, attnum);
        if (!recursing && inh != null && inh.inhcount() > 0)
            throw PgException.error("42P16", "cannot drop generation expression from inherited column");
        if (rel.attgenerated(attnum) == 0) {
            String msg = "column \"" + d.column() + "\" of relation \"" + rel.name() + "\" is not a stored generated column";
            if (!d.missingOk()) throw PgException.error("55000", msg);
            notices.accept(msg + ", skipping");
            return;
        }
        catalog.dropColumnGeneration(rel, attnum);
        for (int child : catalog.inheritanceChildren(rel.oid())) {
            Relation c = catalog.openRelation(child);
            if (c != null) dropExpression(c, d, true, true, ctx, notices);
        }
    }

    private static int attnum(Relation rel, String name) {
        for (int i = 0; i < rel.desc().natts(); i++) {
            if (!rel.desc().attr(i).attisdropped() && rel.desc().attr(i).name().equals(name)) return i + 1;
        }
        return 0;
    }
}
