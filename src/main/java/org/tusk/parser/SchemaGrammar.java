package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;
import org.tusk.nodes.Stmt.RoleSpec;

/**
 * gram.y's CreateSchemaStmt, DropStmt for schemas, and the schema forms of RenameStmt and
 * AlterOwnerStmt. Schema elements inside CREATE SCHEMA (CREATE TABLE ... as part of the same
 * statement) are valid PostgreSQL that Tusk does not run yet; they are refused with 0A000.
 */
final class SchemaGrammar {
    private final Parser p;
    private final String src;

    SchemaGrammar(Parser p, String src) {
        this.p = p;
        this.src = src;
    }

    /** CREATE SCHEMA [IF NOT EXISTS] [name] [AUTHORIZATION role] (one of the two at least). */
    Stmt create() {
        p.expectKw("create");
        p.expectKw("schema");
        boolean ifNotExists = false;
        if (p.isKw("if") && p.peek(1).isKeyword("not")) {
            p.advance();
            p.advance();
            p.expectKw("exists");
            ifNotExists = true;
        }
        String name = null;
        RoleSpec owner = null;
        if (!p.isKw("authorization")) name = p.colId();
        if (p.acceptKw("authorization")) owner = new RoleGrammar(p, src).roleSpec();
        if (name == null && owner == null) throw p.syntaxError(p.peek());
        if (p.isKw("create") || p.isKw("grant")) {
            if (ifNotExists) {
                // gram.y: "CREATE SCHEMA IF NOT EXISTS cannot include schema elements"
                throw org.tusk.utils.error.PgException.errorAt(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                        "CREATE SCHEMA IF NOT EXISTS cannot include schema elements", p.peek().start());
            }
            throw p.notSupported("CREATE SCHEMA with schema elements", p.peek().start());
        }
        return new Stmt.CreateSchemaStmt(name, owner, ifNotExists);
    }

    /** DROP SCHEMA [IF EXISTS] name [, ...] [CASCADE | RESTRICT]. */
    Stmt drop() {
        p.expectKw("drop");
        p.expectKw("schema");
        boolean missingOk = p.acceptIfExists();
        List<String> names = new ArrayList<>();
        do {
            names.add(p.colId());
        } while (p.acceptChar(','));
        boolean cascade = p.acceptKw("cascade");
        if (!cascade) p.acceptKw("restrict");
        return new Stmt.DropSchemaStmt(names, missingOk, cascade);
    }

    /** ALTER SCHEMA name RENAME TO new | OWNER TO role. */
    Stmt alter() {
        p.expectKw("alter");
        p.expectKw("schema");
        String name = p.colId();
        if (p.acceptKw("rename")) {
            p.expectKw("to");
            return new Stmt.AlterSchemaStmt(name, p.colId(), null);
        }
        p.expectKw("owner");
        p.expectKw("to");
        return new Stmt.AlterSchemaStmt(name, null, new RoleGrammar(p, src).roleSpec());
    }
}
