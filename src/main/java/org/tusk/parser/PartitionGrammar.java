package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The declarative-partitioning pieces of gram.y: PartitionSpec (CREATE TABLE ... PARTITION BY),
 * PartitionBoundSpec (PARTITION OF ... FOR VALUES / DEFAULT, ATTACH PARTITION) and the element
 * list of a PARTITION OF table (OptTypedTableElementList: column options and table constraints,
 * no column types).
 */
final class PartitionGrammar {
    private final Parser p;

    PartitionGrammar(Parser p) {
        this.p = p;
    }

    /** PartitionSpec: PARTITION BY ColId '(' part_elem [, ...] ')'. */
    Stmt.PartitionSpec partitionSpec() {
        Token start = p.expectKw("partition");
        p.expectKw("by");
        Token strategy = p.peek();
        String name = p.colId().toLowerCase(Locale.ROOT);
        p.expectChar('(');
        List<Stmt.PartitionElem> params = new ArrayList<>();
        do {
            params.add(partElem());
        } while (p.acceptChar(','));
        p.expectChar(')');
        return new Stmt.PartitionSpec(name, List.copyOf(params), strategy.start() >= 0 ? start.start() : start.start());
    }

    /**
     * part_elem: ColId opt_collate opt_qualified_name | func_expr_windowless opt_collate
     * opt_qualified_name | '(' a_expr ')' opt_collate opt_qualified_name.
     */
    private Stmt.PartitionElem partElem() {
        Token t = p.peek();
        String column = null;
        RawExpr expr = null;
        String sql = null;
        if (t.isChar('(')) {
            p.advance();
            int start = p.peek().start();
            expr = p.aExpr();
            sql = p.src.substring(start, p.lastEnd);
            p.expectChar(')');
        } else if (p.peek(1).isChar('(') || p.peek(1).isChar('.')) {
            // func_expr_windowless: a (possibly qualified) function call, parsed as a primary
            // expression so that a COLLATE after it belongs to the key element
            int start = t.start();
            expr = p.cExpr();
            sql = p.src.substring(start, p.lastEnd);
        } else {
            column = p.colId();
        }
        List<String> collation = p.acceptKw("collate") ? anyName() : null;
        List<String> opclass = null;
        if (Keywords.isColId(p.peek())) opclass = anyName();
        return new Stmt.PartitionElem(column, expr, sql, collation, opclass, t.start());
    }

    /** any_name: ColId [. attr_name ...]. */
    private List<String> anyName() {
        List<String> names = new ArrayList<>();
        names.add(p.colId());
        while (p.acceptChar('.')) {
            Token t = p.peek();
            if (!Keywords.isColLabel(t)) throw p.syntaxError(t);
            names.add(p.advance().value());
        }
        return List.copyOf(names);
    }

    /**
     * PartitionBoundSpec: FOR VALUES WITH (MODULUS m, REMAINDER r) | FOR VALUES IN (exprs) |
     * FOR VALUES FROM (exprs) TO (exprs) | DEFAULT.
     */
    Stmt.PartitionBoundSpec boundSpec() {
        Token start = p.peek();
        if (p.acceptKw("default")) {
            return new Stmt.PartitionBoundSpec('d', null, null, null, null, null, null, -1, -1, start.start());
        }
        p.expectKw("for");
        p.expectKw("values");
        // PostgreSQL's PartitionBoundSpec location: the WITH, IN or FROM that follows FOR VALUES
        start = p.peek();
        if (p.acceptKw("with")) {
            p.expectChar('(');
            int modulus = -1, remainder = -1;
            do {
                Token opt = p.peek();
                String name = p.advance().value().toLowerCase(Locale.ROOT);
                Token num = p.peek();
                if (!num.is(Token.Kind.ICONST)) throw p.syntaxError(num);
                int value = Integer.parseInt(p.advance().value());
                switch (name) {
                    case "modulus" -> {
                        if (modulus != -1) throw err("modulus for hash partition provided more than once", opt);
                        modulus = value;
                    }
                    case "remainder" -> {
                        if (remainder != -1) throw err("remainder for hash partition provided more than once", opt);
                        remainder = value;
                    }
                    default -> throw err("unrecognized hash partition bound specification \"" + name + "\"", opt);
                }
            } while (p.acceptChar(','));
            p.expectChar(')');
            if (modulus == -1) throw err("modulus for hash partition must be specified", start);
            if (remainder == -1) throw err("remainder for hash partition must be specified", start);
            return new Stmt.PartitionBoundSpec('h', null, null, null, null, null, null, modulus, remainder, start.start());
        }
        if (p.acceptKw("in")) {
            List<RawExpr> datums = new ArrayList<>();
            List<String> sql = new ArrayList<>();
            exprList(datums, sql);
            return new Stmt.PartitionBoundSpec('l', datums, sql, null, null, null, null, -1, -1, start.start());
        }
        p.expectKw("from");
        List<RawExpr> lower = new ArrayList<>(), upper = new ArrayList<>();
        List<String> lowerSql = new ArrayList<>(), upperSql = new ArrayList<>();
        exprList(lower, lowerSql);
        p.expectKw("to");
        exprList(upper, upperSql);
        return new Stmt.PartitionBoundSpec('r', null, null, lower, lowerSql, upper, upperSql, -1, -1, start.start());
    }

    private void exprList(List<RawExpr> out, List<String> sql) {
        p.expectChar('(');
        do {
            int s = p.peek().start();
            out.add(p.aExpr());
            sql.add(p.src.substring(s, p.lastEnd));
        } while (p.acceptChar(','));
        p.expectChar(')');
    }

    /**
     * OptTypedTableElementList of PARTITION OF: '(' (ColId [WITH OPTIONS] ColQualList |
     * TableConstraint) [, ...] ')'. A column entry becomes a ColumnDefinition without a type.
     */
    void typedTableElements(List<Stmt.ColumnDefinition> cols, List<Stmt.TableConstraint> cons) {
        p.expectChar('(');
        do {
            if (p.isKw("constraint") || p.isKw("primary") || p.isKw("unique") || p.isKw("check") || p.isKw("foreign")
                    || p.isKw("exclude")) {
                cons.add(p.tableConstraint());
            } else {
                cols.add(p.columnOptions());
            }
        } while (p.acceptChar(','));
        p.expectChar(')');
    }

    private PgException err(String msg, Token at) {
        return PgException.errorAt(SqlState.SYNTAX_ERROR, msg, Lexer.position(p.src, at.start()));
    }
}
