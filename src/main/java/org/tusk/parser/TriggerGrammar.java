package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Token.Kind;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * gram.y's trigger statements: CreateTrigStmt (CREATE [OR REPLACE] [CONSTRAINT] TRIGGER),
 * DropTrigStmt (DROP TRIGGER) and the trigger form of RenameStmt (ALTER TRIGGER ... RENAME TO).
 * The words EACH, STATEMENT, REFERENCING, INSTEAD, OLD and NEW are unreserved keywords of
 * PostgreSQL that Tusk's lexer leaves identifiers, so they are matched by their text here.
 */
final class TriggerGrammar {
    static final int TRIGGER_TYPE_BEFORE = 1 << 1, TRIGGER_TYPE_INSERT = 1 << 2, TRIGGER_TYPE_DELETE = 1 << 3,
            TRIGGER_TYPE_UPDATE = 1 << 4, TRIGGER_TYPE_TRUNCATE = 1 << 5, TRIGGER_TYPE_INSTEAD = 1 << 6;

    private final Parser p;
    private final String src;

    TriggerGrammar(Parser p, String src) {
        this.p = p;
        this.src = src;
    }

    /** Whether the tokens after CREATE start a trigger: [OR REPLACE] [CONSTRAINT] TRIGGER. */
    static boolean atCreate(Parser p) {
        int i = 1;
        if (p.peek(i).isKeyword("or") && "replace".equals(p.peek(i + 1).value())) i += 2;
        if (p.peek(i).isKeyword("constraint")) i++;
        return p.peek(i).isKeyword("trigger");
    }

    private boolean word(String w) {
        Token t = p.peek();
        return t.is(Kind.IDENT) && t.value().equals(w);
    }

    private boolean acceptWord(String w) {
        if (!word(w)) return false;
        p.advance();
        return true;
    }

    private void expectWord(String w) {
        if (!acceptWord(w)) throw p.syntaxError(p.peek());
    }

    Stmt create() {
        int location = p.peek().start();
        p.expectKw("create");
        boolean replace = false;
        if (p.acceptKw("or")) {
            expectWord("replace");
            replace = true;
        }
        boolean constraint = p.acceptKw("constraint");
        p.expectKw("trigger");
        String name = p.colId();
        int timing;
        if (constraint) {
            p.expectKw("after");
            timing = 0;
        } else if (p.acceptKw("before")) {
            timing = TRIGGER_TYPE_BEFORE;
        } else if (p.acceptKw("after")) {
            timing = 0;
        } else if (acceptWord("instead")) {
            p.expectKw("of");
            timing = TRIGGER_TYPE_INSTEAD;
        } else {
            throw p.syntaxError(p.peek());
        }
        int events = 0;
        List<String> columns = new ArrayList<>();
        do {
            Token t = p.peek();
            int ev;
            if (p.acceptKw("insert")) ev = TRIGGER_TYPE_INSERT;
            else if (p.acceptKw("delete")) ev = TRIGGER_TYPE_DELETE;
            else if (p.acceptKw("truncate")) ev = TRIGGER_TYPE_TRUNCATE;
            else if (p.acceptKw("update")) {
                ev = TRIGGER_TYPE_UPDATE;
                if (p.acceptKw("of")) {
                    do {
                        columns.add(p.colId());
                    } while (p.acceptChar(','));
                }
            } else throw p.syntaxError(t);
            // TriggerEvents: an event given twice
            if ((events & ev) != 0) {
                throw PgException.errorAt(SqlState.SYNTAX_ERROR, "duplicate trigger events specified",
                        Lexer.position(src, t.start()));
            }
            events |= ev;
        } while (p.acceptKw("or"));
        p.expectKw("on");
        Stmt.RangeVar rel = p.qualifiedName();
        Stmt.RangeVar constrrel = null;
        boolean deferrable = false, initdeferred = false;
        List<Stmt.TriggerTransition> transitions = new ArrayList<>();
        boolean row = false;
        if (constraint) {
            if (replace) {
                throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED,
                        "CREATE OR REPLACE CONSTRAINT TRIGGER is not supported", Lexer.position(src, location));
            }
            if (p.acceptKw("from")) constrrel = p.qualifiedName();
            boolean[] attrs = constraintAttributes();
            deferrable = attrs[0];
            initdeferred = attrs[1];
            p.expectKw("for");
            acceptWord("each");
            p.expectKw("row");
            row = true;
        } else {
            if (acceptWord("referencing")) transitions = transitions();
            if (p.acceptKw("for")) {
                acceptWord("each");
                if (p.acceptKw("row")) row = true;
                else expectWord("statement");
            }
        }
        RawExpr when = null;
        String whenSql = null;
        int whenLocation = -1;
        if (p.acceptKw("when")) {
            p.expectChar('(');
            whenLocation = p.peek().start();
            when = p.aExpr();
            whenSql = src.substring(whenLocation, p.lastEnd);
            p.expectChar(')');
        }
        p.expectKw("execute");
        if (!p.acceptKw("function")) p.expectKw("procedure");
        List<String> funcname = new ArrayList<>();
        funcname.add(p.colId());
        while (p.acceptChar('.')) funcname.add(p.colId());
        p.expectChar('(');
        List<String> args = new ArrayList<>();
        if (!p.isChar(')')) {
            do {
                args.add(funcArg());
            } while (p.acceptChar(','));
        }
        p.expectChar(')');
        return new Stmt.CreateTrigStmt(replace, constraint, name, rel, List.copyOf(funcname), List.copyOf(args), row, timing,
                events, List.copyOf(columns), when, whenSql, whenLocation, List.copyOf(transitions), deferrable,
                initdeferred, constrrel, location);
    }

    /** TriggerFuncArg: an integer, a float, a string or a column label, each kept as its text. */
    private String funcArg() {
        Token t = p.peek();
        if (t.is(Kind.OP) && t.value().equals("-") && (p.peek(1).is(Kind.ICONST) || p.peek(1).is(Kind.FCONST))) {
            p.advance();
            return "-" + p.advance().value();
        }
        if (t.is(Kind.ICONST) || t.is(Kind.FCONST) || t.is(Kind.SCONST)) return p.advance().value();
        if (t.is(Kind.IDENT)) return p.advance().value();
        throw p.syntaxError(t);
    }

    /** TriggerReferencing: one or more {OLD|NEW} {TABLE|ROW} [AS] name. */
    private List<Stmt.TriggerTransition> transitions() {
        List<Stmt.TriggerTransition> out = new ArrayList<>();
        do {
            boolean isNew;
            if (acceptWord("new")) isNew = true;
            else {
                expectWord("old");
                isNew = false;
            }
            boolean isTable;
            if (p.acceptKw("table")) isTable = true;
            else {
                p.expectKw("row");
                isTable = false;
            }
            p.acceptKw("as");
            out.add(new Stmt.TriggerTransition(p.colId(), isNew, isTable));
        } while (word("new") || word("old"));
        return out;
    }

    /**
     * ConstraintAttributeSpec of a constraint trigger: [NOT] DEFERRABLE, INITIALLY {DEFERRED |
     * IMMEDIATE} in any order; returns {deferrable, initdeferred}. processCASbits's checks.
     */
    private boolean[] constraintAttributes() {
        boolean deferrable = false, notDeferrable = false, initdeferred = false;
        int start = p.peek().start();
        while (true) {
            Token t = p.peek();
            if (p.isKw("not") && p.peek(1).isKeyword("deferrable")) {
                p.advance();
                p.advance();
                notDeferrable = true;
            } else if (p.acceptKw("deferrable")) {
                deferrable = true;
            } else if (p.acceptKw("initially")) {
                if (p.acceptKw("deferred")) initdeferred = true;
                else p.expectKw("immediate");
            } else if (p.isKw("not") && p.peek(1).isKeyword("valid")) {
                throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED,
                        "constraint triggers cannot be marked NOT VALID", Lexer.position(src, t.start()));
            } else if (p.isKw("no") && p.peek(1).isKeyword("inherit")) {
                throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED,
                        "constraint triggers cannot be marked NO INHERIT", Lexer.position(src, t.start()));
            } else {
                break;
            }
        }
        // gram.y's ConstraintAttributeSpec: INITIALLY DEFERRED implies DEFERRABLE, unless NOT DEFERRABLE was said
        if (initdeferred && notDeferrable) {
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "constraint declared INITIALLY DEFERRED must be DEFERRABLE",
                    Lexer.position(src, start));
        }
        return new boolean[] {deferrable || initdeferred, initdeferred};
    }

    /**
     * ALTER TABLE's ENABLE [ALWAYS | REPLICA] TRIGGER name | ALL | USER and DISABLE TRIGGER ...,
     * or null (nothing consumed) when the subcommand is another one.
     */
    static Stmt.AlterTableCmd enableDisable(Parser p) {
        Token t = p.peek();
        if (!t.is(Kind.IDENT) || !(t.value().equals("enable") || t.value().equals("disable"))) return null;
        int i = 1;
        char fires = t.value().equals("enable") ? 'O' : 'D';
        if (fires == 'O' && p.peek(1).is(Kind.IDENT) && p.peek(1).value().equals("always")) {
            fires = 'A';
            i++;
        } else if (fires == 'O' && p.peek(1).is(Kind.IDENT) && p.peek(1).value().equals("replica")) {
            fires = 'R';
            i++;
        }
        if (!p.peek(i).isKeyword("trigger")) return null;
        for (int k = 0; k <= i; k++) p.advance();
        if (p.acceptKw("all")) return new Stmt.AlterTableCmd.EnableTrigger(null, false, fires);
        if (p.acceptKw("user")) return new Stmt.AlterTableCmd.EnableTrigger(null, true, fires);
        return new Stmt.AlterTableCmd.EnableTrigger(p.colId(), false, fires);
    }

    /** DROP TRIGGER [IF EXISTS] name ON any_name [CASCADE | RESTRICT]. */
    Stmt drop() {
        p.expectKw("drop");
        p.expectKw("trigger");
        DropOnTable d = DropOnTable.parse(p);
        return new Stmt.DropTriggerStmt(d.name(), d.table(), d.missingOk(), d.cascade());
    }

    /** ALTER TRIGGER name ON qualified_name RENAME TO name (ALTER TRIGGER ... DEPENDS ON EXTENSION is not handled). */
    Stmt alter() {
        p.expectKw("alter");
        p.expectKw("trigger");
        String name = p.colId();
        p.expectKw("on");
        Stmt.RangeVar rel = p.qualifiedName();
        if (!p.isKw("rename")) return p.unsupportedRest("ALTER TRIGGER");
        p.expectKw("rename");
        p.expectKw("to");
        return new Stmt.RenameTriggerStmt(name, rel, p.colId());
    }
}
