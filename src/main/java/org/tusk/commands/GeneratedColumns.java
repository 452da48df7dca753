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
 * expression is analysed over the table's row once the table exists and whose column depends
 * AUTO on each column the expression reads (recordDependencyOnSingleRelExpr), so that dropping
 * one of those drops the generated column with it.
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
        for (Stmt.ColumnDefinition c : defs) {
            if (c.generation() == null) continue;
            int attnum = attnum(rel, c.name());
            if (attnum == 0 || rel.attgenerated(attnum) == 0) continue;
            Expr e = GenerationExprAnalysis.cookAt(rel, attnum, c.generation().sql(), queryString,
                    c.generation().exprLocation(), zone, currentDatabase, env);
            recordDependencies(env.catalog(), rel, attnum, e);
        }
    }

    /** The generated column {@code attnum} depends AUTO on each column of its table its expression reads. */
    static void recordDependencies(Catalog catalog, Relation rel, int attnum, Expr e) {
        BitSet used = new BitSet();
        IndexExprAnalysis.collectAttnums(e, used);
        ObjectAddress column = new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, rel.oid(), attnum);
        for (int a = used.nextSetBit(1); a > 0 && a <= rel.desc().natts(); a = used.nextSetBit(a + 1)) {
            if (a == attnum) continue;
            catalog.dependencies().recordDependencyOn(column,
                    new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, rel.oid(), a), DependencyType.AUTO);
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

    private static int attnum(Relation rel, String name) {
        for (int i = 0; i < rel.desc().natts(); i++) {
            if (!rel.desc().attr(i).attisdropped() && rel.desc().attr(i).name().equals(name)) return i + 1;
        }
        return 0;
    }
}
