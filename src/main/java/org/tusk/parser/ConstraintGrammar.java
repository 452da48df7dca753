package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The grammar of CHECK and FOREIGN KEY constraints (gram.y ColConstraintElem, ConstraintElem,
 * key_match, key_actions, ConstraintAttributeSpec), for column definitions and table constraints.
 * It works on the token stream of its {@link Parser}, so positions and syntax errors are the
 * parser's. The CHECK expression is kept as the text written (it is what pg_constraint.conbin
 * holds in Tusk) after a syntax check by parsing it.
 */
final class ConstraintGrammar {
    private final Parser p;

    ConstraintGrammar(Parser p) {
        this.p = p;
    }

    /** CHECK ( a_expr ) [NO INHERIT]: the expression's text, and whether NO INHERIT was written. */
    private record Check(String sql, boolean noInherit, int location) {}

    private Check check() {
        p.expectKw("check");
        p.expectChar('(');
        int start = p.peek().start();
        p.aExpr();
        String sql = p.src.substring(start, p.lastEnd);
        p.expectChar(')');
        boolean noInherit = false;
        if (p.isKw("no") && p.peek(1).isKeyword("inherit")) {
            p.advance();
            p.advance();
            noInherit = true;
        }
        return new Check(sql, noInherit, start);
    }

    /** A column's CHECK constraint: a table constraint on that column alone. */
    Stmt.TableConstraint columnCheck(String name, int location) {
        Check c = check();
        return new Stmt.TableConstraint(name, 'c', List.of(), location, c.sql(), c.noInherit(), null, false, false, false, c.location());
    }

    /** A column's REFERENCES constraint: FOREIGN KEY (column) REFERENCES ... */
    Stmt.TableConstraint columnReferences(String name, String column, int location) {
        Stmt.ForeignKey fk = references();
        Attrs a = attributes();
        return new Stmt.TableConstraint(name, 'f', List.of(column), location, null, false, fk, a.notValid, a.deferrable,
                a.initiallyDeferred, -1);
    }

    /** The CHECK or FOREIGN KEY part of a table constraint, after [CONSTRAINT name]. */
    Stmt.TableConstraint tableConstraint(String name, int location) {
        if (p.isKw("check")) {
            Check c = check();
            Attrs a = attributes();
            if (a.deferrable) throw p.notSupported("DEFERRABLE CHECK constraints", location);
            return new Stmt.TableConstraint(name, 'c', List.of(), location, c.sql(), c.noInherit() || a.noInherit, null,
                    a.notValid, false, false, c.location());
        }
        p.expectKw("foreign");
        p.expectKw("key");
        List<String> cols = columnList();
        Stmt.ForeignKey fk = references();
        Attrs a = attributes();
        return new Stmt.TableConstraint(name, 'f', cols, location, null, false, fk, a.notValid, a.deferrable,
                a.initiallyDeferred, -1);
    }

    private List<String> columnList() {
        p.expectChar('(');
        List<String> cols = new ArrayList<>();
        do {
            cols.add(p.colId());
        } while (p.acceptChar(','));
        p.expectChar(')');
        return cols;
    }

    /** REFERENCES qualified_name opt_column_list key_match key_actions. */
    private Stmt.ForeignKey references() {
        p.expectKw("references");
        Stmt.RangeVar table = p.qualifiedName();
        List<String> cols = p.isChar('(') ? columnList() : List.of();
        char match = 's';
        char upd = 'a', del = 'a';
        while (true) {
            if (p.isKw("match")) {
                Token m = p.advance();
                if (p.acceptKw("full")) match = 'f';
                else if (p.acceptKw("simple")) match = 's';
                else if (p.isKw("partial")) {
                    throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED, "MATCH PARTIAL not yet implemented",
                            Lexer.position(p.src, m.start()));
                } else throw p.syntaxError(p.peek());
            } else if (p.isKw("on") && p.peek(1).isKeyword("delete")) {
                p.advance();
                p.advance();
                del = action();
            } else if (p.isKw("on") && p.peek(1).isKeyword("update")) {
                p.advance();
                p.advance();
                upd = action();
            } else {
                break;
            }
        }
        return new Stmt.ForeignKey(table, cols, match, upd, del);
    }

    /** key_action: NO ACTION | RESTRICT | CASCADE | SET NULL | SET DEFAULT. */
    private char action() {
        if (p.acceptKw("no")) {
            p.expectKw("action");
            return 'a';
        }
        if (p.acceptKw("restrict")) return 'r';
        if (p.acceptKw("cascade")) return 'c';
        Token set = p.expectKw("set");
        if (p.isChar('(')) throw p.notSupported("SET NULL/DEFAULT with a column list", set.start());
        if (p.acceptKw("null")) return 'n';
        if (p.acceptKw("default")) return 'd';
        throw p.syntaxError(p.peek());
    }

    /**
     * The ConstraintAttributeSpec after PRIMARY KEY or UNIQUE: {deferrable, initdeferred}.
     * processCASbits refuses NOT VALID and NO INHERIT there.
     */
    boolean[] keyAttributes(String what) {
        int at = p.peek().start();
        Attrs a = attributes();
        if (a.notValid) throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED, what + " constraints cannot be marked NOT VALID",
                Lexer.position(p.src, at));
        if (a.noInherit) throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED, what + " constraints cannot be marked NO INHERIT",
                Lexer.position(p.src, at));
        return new boolean[] {a.deferrable, a.initiallyDeferred};
    }

    /** ConstraintAttributeSpec: DEFERRABLE, NOT DEFERRABLE, INITIALLY DEFERRED|IMMEDIATE, NOT VALID, NO INHERIT. */
    private static final class Attrs {
        boolean deferrable, initiallyDeferred, notValid, noInherit, deferrableSeen;
    }

    private Attrs attributes() {
        Attrs a = new Attrs();
        while (true) {
            Token t = p.peek();
            if (p.acceptKw("deferrable")) {
                a.deferrable = true;
                a.deferrableSeen = true;
            } else if (p.isKw("not") && p.peek(1).isKeyword("deferrable")) {
                p.advance();
                p.advance();
                if (a.deferrableSeen && a.deferrable) throw conflicting(t);
                a.deferrableSeen = true;
            } else if (p.acceptKw("initially")) {
                if (p.acceptKw("deferred")) a.initiallyDeferred = true;
                else p.expectKw("immediate");
            } else if (p.isKw("not") && p.peek(1).isKeyword("valid")) {
                p.advance();
                p.advance();
                a.notValid = true;
            } else if (p.isKw("no") && p.peek(1).isKeyword("inherit")) {
                p.advance();
                p.advance();
                a.noInherit = true;
            } else {
                break;
            }
        }
        if (a.initiallyDeferred && a.deferrableSeen && !a.deferrable) {
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "constraint declared INITIALLY DEFERRED must be DEFERRABLE",
                    Lexer.position(p.src, p.peek().start()));
        }
        if (a.initiallyDeferred) a.deferrable = true;
        return a;
    }

    private PgException conflicting(Token t) {
        return PgException.errorAt(SqlState.SYNTAX_ERROR, "multiple DEFERRABLE/NOT DEFERRABLE clauses not allowed",
                Lexer.position(p.src, t.start()));
    }
}
