package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * gram.y's CreateDomainStmt, AlterDomainStmt (with RenameStmt's ALTER DOMAIN ... RENAME forms)
 * and DropStmt for OBJECT_DOMAIN. DOMAIN is an unreserved keyword in PostgreSQL; Tusk's lexer
 * does not list it, so it is recognised here as the unquoted word after CREATE/ALTER/DROP.
 * DEFAULT and CHECK expressions are kept as the text written (typdefault and conbin hold SQL text
 * in Tusk) after a syntax check by parsing them. The checks DefineDomain makes on the
 * constraint list (conflicting NULL/NOT NULL, several defaults, constraint kinds a domain cannot
 * have) are made here, where the positions are known, with PostgreSQL's messages.
 */
final class DomainGrammar {
    private final Parser p;

    DomainGrammar(Parser p) {
        this.p = p;
    }

    /** Whether the statement is CREATE/ALTER/DROP DOMAIN: the second token is the unquoted word "domain". */
    static boolean at(Parser p) {
        Token t = p.peek(1);
        return t.is(Token.Kind.IDENT) && "domain".equals(t.value()) && p.src.charAt(t.start()) != '"';
    }

    private List<String> anyName() {
        List<String> n = new ArrayList<>();
        n.add(p.colId());
        while (p.acceptChar('.')) n.add(p.colId());
        return n;
    }

    /** CREATE DOMAIN any_name opt_as Typename ColQualList. */
    Stmt create() {
        int start = p.peek().start();
        p.expectKw("create");
        p.advance();   // DOMAIN
        List<String> name = anyName();
        p.acceptKw("as");
        TypeName type = p.typeName();
        List<String> collation = null;
        String defaultSql = null;
        List<Stmt.DomainConstraint> cons = new ArrayList<>();
        boolean sawNull = false, sawNotNull = false;
        while (true) {
            Token t = p.peek();
            String conName = null;
            if (p.acceptKw("constraint")) conName = p.colId();
            Token k = p.peek();
            if (p.isKw("not") && p.peek(1).isKeyword("null")) {
                p.advance();
                p.advance();
                if (sawNull) throw conflicting(k);
                sawNotNull = true;
                cons.add(new Stmt.DomainConstraint(conName, 'n', null, false, t.start()));
            } else if (p.isKw("null")) {
                p.advance();
                if (sawNotNull) throw conflicting(k);
                sawNull = true;
                cons.add(new Stmt.DomainConstraint(conName, 'u', null, false, t.start()));
            } else if (p.isKw("check")) {
                cons.add(check(conName, t.start(), false));
            } else if (conName == null && p.isKw("default")) {
                p.advance();
                if (defaultSql != null)
                    throw PgException.error(SqlState.SYNTAX_ERROR, "multiple default expressions");
                int s = p.peek().start();
                p.bExpr();
                defaultSql = p.src.substring(s, p.lastEnd);
            } else if (conName == null && p.isKw("collate")) {
                p.advance();
                collation = anyName();
            } else if (p.isKw("unique") || p.isKw("primary") || p.isKw("references")) {
                String what = p.isKw("unique") ? "unique" : p.isKw("primary") ? "primary key" : "foreign key";
                throw PgException.error(SqlState.SYNTAX_ERROR, what + " constraints not possible for domains");
            } else if (conName != null) {
                throw p.syntaxError(p.peek());
            } else {
                break;
            }
        }
        return new Stmt.CreateDomainStmt(name, type, collation, defaultSql, List.copyOf(cons), start);
    }

    private PgException conflicting(Token at) {
        // DefineDomain reports it without a position
        return PgException.error(SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL constraints");
    }

    /** CHECK ( a_expr ), with NOT VALID allowed after it in ALTER DOMAIN ADD (ConstraintAttributeSpec). */
    private Stmt.DomainConstraint check(String conName, int location, boolean attributes) {
        p.expectKw("check");
        p.expectChar('(');
        int s = p.peek().start();
        p.aExpr();
        String sql = p.src.substring(s, p.lastEnd);
        p.expectChar(')');
        boolean notValid = false;
        if (attributes && p.isKw("not") && "valid".equals(p.peek(1).value())) {
            p.advance();
            p.advance();
            notValid = true;
        }
        if (p.isKw("no") && "inherit".equals(p.peek(1).value())) {
            throw PgException.errorAt(SqlState.INVALID_TABLE_DEFINITION,
                    "check constraints for domains cannot be marked NO INHERIT", Lexer.position(p.src, location));
        }
        return new Stmt.DomainConstraint(conName, 'c', sql, notValid, location);
    }

    /** AlterDomainStmt and ALTER DOMAIN ... RENAME. */
    Stmt alter() {
        int start = p.peek().start();
        p.expectKw("alter");
        p.advance();   // DOMAIN
        List<String> name = anyName();
        if (p.acceptKw("set")) {
            if (p.acceptKw("default")) {
                int s = p.peek().start();
                p.aExpr();
                return new Stmt.AlterDomainStmt(name, 'T', p.src.substring(s, p.lastEnd), null, null, null, false, false);
            }
            if (p.acceptKw("not")) {
                p.expectKw("null");
                return new Stmt.AlterDomainStmt(name, 'O', null, null, null, null, false, false);
            }
            throw p.notSupported("ALTER DOMAIN SET SCHEMA", start);
        }
        if (p.acceptKw("drop")) {
            if (p.acceptKw("default")) return new Stmt.AlterDomainStmt(name, 'T', null, null, null, null, false, false);
            if (p.acceptKw("not")) {
                p.expectKw("null");
                return new Stmt.AlterDomainStmt(name, 'N', null, null, null, null, false, false);
            }
            p.expectKw("constraint");
            boolean missingOk = p.acceptIfExists();
            String con = p.colId();
            boolean cascade = p.acceptKw("cascade");
            if (!cascade) p.acceptKw("restrict");
            return new Stmt.AlterDomainStmt(name, 'X', null, null, con, null, missingOk, cascade);
        }
        if (p.acceptKw("add")) {
            Token t = p.peek();
            String conName = null;
            if (p.acceptKw("constraint")) conName = p.colId();
            // PostgreSQL 15's DomainConstraintElem has CHECK only (ADD NOT NULL came in 17)
            return new Stmt.AlterDomainStmt(name, 'C', null, check(conName, t.start(), true), null, null, false, false);
        }
        if ("validate".equals(p.peek().value()) && p.peek(1).isKeyword("constraint")) {
            p.advance();
            p.advance();
            return new Stmt.AlterDomainStmt(name, 'V', null, null, p.colId(), null, false, false);
        }
        if (p.acceptKw("rename")) {
            if (p.acceptKw("constraint")) {
                String old = p.colId();
                p.expectKw("to");
                return new Stmt.AlterDomainStmt(name, 'r', null, null, old, p.colId(), false, false);
            }
            p.expectKw("to");
            return new Stmt.AlterDomainStmt(name, 'R', null, null, null, p.colId(), false, false);
        }
        if (p.acceptKw("owner")) {
            p.expectKw("to");
            return new Stmt.AlterTypeOwnerStmt(true, name, new RoleGrammar(p, p.src).roleSpec());
        }
        throw p.notSupported("this form of ALTER DOMAIN", start);
    }

    /** DROP DOMAIN [IF EXISTS] any_name_list [CASCADE | RESTRICT]. */
    Stmt drop() {
        p.expectKw("drop");
        p.advance();   // DOMAIN
        boolean missingOk = p.acceptIfExists();
        List<List<String>> names = new ArrayList<>();
        do {
            names.add(anyName());
        } while (p.acceptChar(','));
        boolean cascade = p.acceptKw("cascade");
        if (!cascade) p.acceptKw("restrict");
        return new Stmt.DropDomainStmt(names, missingOk, cascade);
    }
}
