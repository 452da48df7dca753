package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;

/**
 * gram.y's IndexStmt: CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON [ONLY] table [USING method]
 * (index_elem [, ...]) [WHERE a_expr], where an index_elem is a column name, a function call or
 * a parenthesized expression, each with optional COLLATE, operator class, ASC/DESC and NULLS
 * FIRST/LAST, then NULLS [NOT] DISTINCT (opt_unique_null_treatment) and WITH (storage parameters,
 * opt_reloptions). An operator class may carry parameters (opclass_with_options). CONCURRENTLY is
 * parsed into the statement, and so are INCLUDE's non-key columns. TABLESPACE is valid PostgreSQL
 * that Tusk does not run yet (0A000 at its position).
 * Expressions keep their source text, which pg_index stores (as adbin does for defaults).
 */
final class IndexGrammar {
    private final Parser p;

    IndexGrammar(Parser p) {
        this.p = p;
    }

    Stmt indexStmt() {
        p.expectKw("create");
        boolean unique = p.acceptKw("unique");
        p.expectKw("index");
        boolean concurrent = p.acceptKw("concurrently");
        boolean ifNotExists = false;
        String name = null;
        if (p.isKw("if") && p.peek(1).isKeyword("not")) {
            p.advance();
            p.advance();
            p.expectKw("exists");
            ifNotExists = true;
            name = p.colId();
        } else if (!p.isKw("on")) {
            name = p.colId();
        }
        p.expectKw("on");
        boolean only = p.acceptKw("only");
        Stmt.RangeVar rel = p.qualifiedName();
        if (only) {
            // ON ONLY: inh false, as gram.y's relation_expr makes it; a partitioned table's partitions get no index
            rel = new Stmt.RangeVar(rel.catalog(), rel.schema(), rel.name(), rel.alias(), rel.location(), rel.colAliases(), false);
        }
        String method = "btree";
        if (p.acceptKw("using")) method = p.colId();
        p.expectChar('(');
        List<Stmt.IndexElem> elems = new ArrayList<>();
        do {
            elems.add(indexElem());
        } while (p.acceptChar(','));
        p.expectChar(')');
        // opt_include: INCLUDE (index_including_params), elements as in the key list
        List<Stmt.IndexElem> includes = new ArrayList<>();
        if (p.acceptKw("include")) {
            p.expectChar('(');
            do {
                includes.add(indexElem());
            } while (p.acceptChar(','));
            p.expectChar(')');
        }
        boolean nullsNotDistinct = false;
        if (p.acceptKw("nulls")) {
            nullsNotDistinct = p.acceptKw("not");
            p.expectKw("distinct");
        }
        List<Stmt.DefElem> options = List.of();
        if (p.acceptKw("with")) options = new UtilityParser(p).relOptions();
        if (p.isKw("tablespace"))
            throw p.notSupported(p.peek().value().toUpperCase(Locale.ROOT) + " in CREATE INDEX", p.peek().start());
        RawExpr where = null;
        String whereSql = null;
        if (p.acceptKw("where")) {
            int start = p.peek().start();
            where = p.aExpr();
            whereSql = p.src.substring(start, p.lastEnd);
        }
        return new Stmt.IndexStmt(name, rel, method, elems, unique, ifNotExists, where, whereSql, nullsNotDistinct,
                concurrent, options, includes);
    }

    /** Whether the parentheses of {@code sql} pair up (a prefix of a parenthesized expression does not). */
    private static boolean balanced(String sql) {
        int depth = 0;
        boolean quoted = false, ident = false;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '\'' && !ident) quoted = !quoted;
            else if (ch == '"' && !quoted) ident = !ident;
            else if (!quoted && !ident && ch == '(') depth++;
            else if (!quoted && !ident && ch == ')' && --depth < 0) return false;
        }
        return depth == 0 && !quoted && !ident;
    }

    /** index_elem (also the elements of ON CONFLICT's inference clause, gram.y's index_params there). */
    Stmt.IndexElem indexElem() {
        Token t = p.peek();
        String column = null;
        RawExpr expr = null;
        String exprSql = null;
        if (t.isChar('(')) {
            p.advance();
            int start = p.peek().start();
            expr = p.aExpr();
            exprSql = p.src.substring(start, p.lastEnd);
            p.expectChar(')');
        } else if (p.peek(1).isChar('(') || p.peek(1).isChar('.')) {
            // func_expr_windowless: a (possibly qualified) function call
            int start = t.start();
            expr = p.funcExprWindowless();
            exprSql = p.src.substring(start, p.lastEnd);
        } else {
            column = p.colId();
        }
        List<String> collation = null;
        // ComputeIndexAttrs: a top-level COLLATE of the expression is the element's collation, so
        // that "(x COLLATE y)" and "(x) COLLATE y" make the same index; the expression is its argument
        while (expr instanceof RawExpr.CollateClause cc && exprSql != null) {
            String argSql = p.src.substring(p.src.indexOf(exprSql, t.start()), cc.location()).strip();
            if (!balanced(argSql)) break;
            collation = cc.collname();
            expr = cc.arg();
            exprSql = argSql;
        }
        if (p.acceptKw("collate")) collation = anyName();
        List<String> opclass = null;
        List<Stmt.DefElem> opclassOptions = List.of();
        if (Keywords.isColId(p.peek()) && !p.isKw("asc") && !p.isKw("desc") && !p.isKw("nulls")) {
            opclass = anyName();
            // opclass_with_options: any_name reloptions
            if (p.isChar('(')) opclassOptions = new UtilityParser(p).relOptions();
        }
        boolean desc = false;
        if (p.acceptKw("desc")) desc = true;
        else p.acceptKw("asc");
        Boolean nullsFirst = null;
        if (p.acceptKw("nulls")) {
            if (p.acceptKw("first")) nullsFirst = true;
            else {
                p.expectKw("last");
                nullsFirst = false;
            }
        }
        return new Stmt.IndexElem(column, expr, exprSql, collation, opclass, desc, nullsFirst, t.start(), opclassOptions);
    }

    /** any_name: ColId [. attr_name ...]. */
    private List<String> anyName() {
        List<String> n = new ArrayList<>();
        n.add(p.colId());
        while (p.acceptChar('.')) {
            Token t = p.peek();
            if (!Keywords.isColLabel(t)) throw p.syntaxError(t);
            n.add(p.advance().value());
        }
        return n;
    }
}
