package org.tusk.parser;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;

/**
 * gram.y's opt_search_clause and opt_cycle_clause, written after a WITH query's parenthesised
 * body, on the token stream of the calling {@link Parser}:
 * {@code SEARCH {DEPTH|BREADTH} FIRST BY col [, ...] SET seqcol} and
 * {@code CYCLE col [, ...] SET markcol [TO value DEFAULT default] USING pathcol}. Without TO and
 * DEFAULT the mark is boolean, true and false, as the grammar fills in. Whether the query may
 * have them at all (it must be recursive) is for analysis to say.
 */
final class CteClauseGrammar {
    private final Parser p;

    CteClauseGrammar(Parser p) {
        this.p = p;
    }

    /** opt_search_clause: null when the next token is not SEARCH. */
    Stmt.CteSearchClause searchClause() {
        if (!p.isKw("search")) return null;
        int location = p.expectKw("search").start();
        boolean breadth = p.acceptKw("breadth");
        if (!breadth) p.expectKw("depth");
        p.expectKw("first");
        p.expectKw("by");
        java.util.List<String> cols = columnList();
        p.expectKw("set");
        return new Stmt.CteSearchClause(cols, breadth, p.colId(), location);
    }

    /** opt_cycle_clause: null when the next token is not CYCLE. */
    Stmt.CteCycleClause cycleClause() {
        if (!p.isKw("cycle")) return null;
        int location = p.expectKw("cycle").start();
        java.util.List<String> cols = columnList();
        p.expectKw("set");
        String mark = p.colId();
        RawExpr value, dflt;
        if (p.isKw("to")) {
            p.expectKw("to");
            value = p.cExpr();
            p.expectKw("default");
            dflt = p.cExpr();
        } else {
            value = new RawExpr.AConst(RawExpr.AConst.Kind.BOOLEAN, true, -1);
            dflt = new RawExpr.AConst(RawExpr.AConst.Kind.BOOLEAN, false, -1);
        }
        p.expectKw("using");
        return new Stmt.CteCycleClause(cols, mark, value, dflt, p.colId(), location);
    }

    /** columnList: ColId [, ...] (no parentheses). */
    private java.util.List<String> columnList() {
        java.util.List<String> cols = new java.util.ArrayList<>();
        do {
            cols.add(p.colId());
        } while (p.acceptChar(','));
        return java.util.List.copyOf(cols);
    }
}
