package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;

/**
 * gram.y's CreateEnumStmt (CREATE TYPE name AS ENUM), CreateRangeStmt (CREATE TYPE name AS
 * RANGE definition), AlterEnumStmt (ALTER TYPE ... ADD VALUE / RENAME VALUE) and DropStmt for
 * types; composite, base and shell types go to their own grammar. Other forms of ALTER TYPE are
 * valid PostgreSQL that Tusk does not run yet: 0A000.
 */
final class TypeGrammar {
    private final Parser p;

    TypeGrammar(Parser p) {
        this.p = p;
    }

    /** any_name: a possibly qualified name. */
    private List<String> anyName() {
        List<String> n = new ArrayList<>();
        n.add(p.colId());
        while (p.acceptChar('.')) n.add(p.colId());
        return n;
    }

    Stmt create() {
        int start = p.peek().start();
        p.expectKw("create");
        p.expectKw("type");
        List<String> name = anyName();
        if (p.acceptKw("as")) {
            if (p.acceptKw("enum")) {
                p.expectChar('(');
                List<String> labels = new ArrayList<>();
                if (!p.isChar(')')) {
                    do {
                        labels.add(p.sconst());
                    } while (p.acceptChar(','));
                }
                p.expectChar(')');
                return new Stmt.CreateEnumStmt(name, labels);
            }
            if (p.isChar('(')) return CompositeTypeGrammar.attributes(p, name);
            if (p.acceptKw("range")) return new Stmt.CreateRangeStmt(name, new DefineGrammar(p).definition(), start);
            throw p.syntaxError(p.peek());
        }
        return new DefineGrammar(p).createType(name, start);
    }

    Stmt alter() {
        int start = p.peek().start();
        p.expectKw("alter");
        p.expectKw("type");
        List<String> name = anyName();
        if (p.acceptKw("add")) {
            p.expectKw("value");
            boolean skip = false;
            if (p.isKw("if") && p.peek(1).isKeyword("not")) {
                p.advance();
                p.advance();
                p.expectKw("exists");
                skip = true;
            }
            String val = p.sconst();
            String neighbor = null;
            boolean before = false;
            if (p.acceptKw("before")) {
                before = true;
                neighbor = p.sconst();
            } else if (p.acceptKw("after")) {
                neighbor = p.sconst();
            }
            return new Stmt.AlterEnumStmt(name, null, val, neighbor, before, skip, false);
        }
        if (p.isKw("rename") && p.peek(1).isKeyword("value")) {
            p.advance();
            p.advance();
            String oldVal = p.sconst();
            p.expectKw("to");
            return new Stmt.AlterEnumStmt(name, oldVal, p.sconst(), null, false, false, false);
        }
        if (p.isKw("rename") && p.peek(1).isKeyword("to")) {
            p.advance();
            p.advance();
            return new Stmt.AlterEnumStmt(name, null, p.colId(), null, false, false, true);
        }
        if (p.acceptKw("owner")) {
            p.expectKw("to");
            return new Stmt.AlterTypeOwnerStmt(false, name, new RoleGrammar(p, p.src).roleSpec());
        }
        throw p.notSupported("this form of ALTER TYPE", start);
    }

    Stmt drop() {
        p.expectKw("drop");
        p.expectKw("type");
        boolean missingOk = p.acceptIfExists();
        List<List<String>> names = new ArrayList<>();
        do {
            names.add(anyName());
        } while (p.acceptChar(','));
        boolean cascade = p.acceptKw("cascade");
        if (!cascade) p.acceptKw("restrict");
        return new Stmt.DropTypeStmt(names, missingOk, cascade);
    }
}
