package org.tusk.parser;

import java.util.List;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The grammar of CREATE VIEW, CREATE TABLE AS and SELECT INTO's target (gram.y ViewStmt,
 * CreateAsStmt/create_as_target, OptTempTableName), on the token stream of the {@link Parser}
 * that found the statement, so positions and syntax errors are the parser's.
 */
final class CreateAsGrammar {
    private final Parser p;

    CreateAsGrammar(Parser p) {
        this.p = p;
    }

    /** Whether the tokens after CREATE are [OR REPLACE] [TEMP | TEMPORARY | LOCAL/GLOBAL TEMP] [RECURSIVE] VIEW. */
    static boolean atCreateView(Parser p) {
        int i = 1;
        if (p.peek(i).isKeyword("or")) {
            if (!p.peek(i + 1).isKeyword("replace")) return false;
            i += 2;
        }
        if (p.peek(i).isKeyword("local") || p.peek(i).isKeyword("global")) i++;
        if (p.peek(i).isKeyword("temp") || p.peek(i).isKeyword("temporary")) i++;
        if (p.peek(i).isKeyword("recursive")) i++;
        return p.peek(i).isKeyword("view");
    }

    /**
     * ViewStmt: CREATE [OR REPLACE] [TEMP | TEMPORARY] VIEW qualified_name [(columns)]
     * [WITH (options)] AS SelectStmt [WITH [CASCADED | LOCAL] CHECK OPTION].
     */
    Stmt createView() {
        p.expectKw("create");
        boolean replace = false;
        if (p.acceptKw("or")) {
            p.expectKw("replace");
            replace = true;
        }
        boolean temp = false;
        if (p.acceptKw("local") || p.acceptKw("global")) {
            if (!p.acceptKw("temp")) p.expectKw("temporary");
            temp = true;
        } else if (p.acceptKw("temp") || p.acceptKw("temporary")) {
            temp = true;
        }
        boolean recursive = p.acceptKw("recursive");
        p.expectKw("view");
        Stmt.RangeVar name = p.qualifiedName();
        List<String> aliases = List.of();
        if (p.isChar('(') || recursive) aliases = p.nameList();
        List<Stmt.DefElem> options = List.of();
        if (p.acceptKw("with")) options = new UtilityParser(p).relOptions();
        p.expectKw("as");
        Token q = p.peek();
        Stmt.SelectStmt query = p.selectStmtRejectingInto("views must not contain SELECT INTO");
        String text = p.src.substring(q.start(), p.lastEnd);
        String checkOption = null;
        if (p.isKw("with")) {
            p.advance();
            checkOption = p.acceptKw("local") ? "local" : "cascaded";
            p.acceptKw("cascaded");
            p.expectKw("check");
            p.expectKw("option");
        }
        if (recursive) {
            if (checkOption != null)
                throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED, "WITH CHECK OPTION not supported on recursive views",
                        Lexer.position(p.src, q.start()));
            query = recursiveViewSelect(name, aliases, query);
            text = "WITH RECURSIVE " + quoted(name.name()) + "(" + String.join(", ", aliases.stream().map(CreateAsGrammar::quoted).toList())
                    + ") AS (" + text + ") SELECT " + String.join(", ", aliases.stream().map(CreateAsGrammar::quoted).toList())
                    + " FROM " + quoted(name.name());
        }
        return new Stmt.ViewStmt(name, aliases, query, text, replace, temp, checkOption, options);
    }

    /**
     * makeRecursiveViewSelect: CREATE RECURSIVE VIEW v (cols) AS q is CREATE VIEW v AS
     * WITH RECURSIVE v (cols) AS (q) SELECT cols FROM v.
     */
    private static Stmt.SelectStmt recursiveViewSelect(Stmt.RangeVar view, List<String> cols, Stmt.SelectStmt query) {
        List<Stmt.ResTarget> targets = new java.util.ArrayList<>();
        for (String c : cols) targets.add(new Stmt.ResTarget(null, new RawExpr.ColumnRef(List.of(c), false, -1), -1));
        Stmt.WithClause with = new Stmt.WithClause(true,
                List.of(new Stmt.CommonTableExpr(view.name(), cols, query, view.location())), -1);
        return new Stmt.SelectStmt(false, List.of(), List.copyOf(targets),
                List.of(new Stmt.RangeVar(null, null, view.name(), null, -1)), null, List.of(), null, List.of(), null, null,
                List.of(), Stmt.SetOperation.NONE, false, null, null, with, -1);
    }

    /** quote_identifier, for the text of the view PostgreSQL would deparse. */
    private static String quoted(String ident) {
        return ident.matches("[a-z_][a-z0-9_$]*") && !Keywords.isReserved(ident) ? ident : "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    /** Whether the tokens after CREATE TABLE name are "(col, ...) AS" (or WITH): a CREATE TABLE AS column list, not column definitions. */
    boolean atColumnNameList() {
        if (!p.isChar('(')) return false;
        Token t2 = p.peek(2);
        return t2.isChar(',') || t2.isChar(')') && (p.peek(3).isKeyword("as") || p.peek(3).isKeyword("with"));
    }

    /**
     * The rest of CreateAsStmt after "CREATE [TEMP] TABLE [IF NOT EXISTS] name": [(columns)] AS
     * SelectStmt [WITH [NO] DATA].
     */
    Stmt createTableAs(Stmt.RangeVar rel, boolean temp, boolean ifNotExists) {
        List<String> cols = List.of();
        if (p.isChar('(')) cols = p.nameList();
        // create_as_target's OptWith: WITH (storage parameters)
        List<Stmt.DefElem> options = List.of();
        if (p.isKw("with") && p.peek(1).isChar('(')) {
            p.advance();
            options = new UtilityParser(p).relOptions();
        }
        p.expectKw("as");
        Stmt.ExecuteStmt execute = null;
        Stmt.SelectStmt query = null;
        // CREATE TABLE ... AS EXECUTE name [(params)] (gram.y CreateAsStmt over ExecuteStmt)
        if (p.isKw("execute")) execute = (Stmt.ExecuteStmt) new PortalGrammar(p).execute();
        else query = p.selectStmt();
        boolean withData = p.optWithData();
        return new Stmt.CreateTableAsStmt(rel, cols, query, temp, ifNotExists, withData, false, execute, options);
    }

    /** into_clause's OptTempTableName: [TEMP | TEMPORARY | LOCAL TEMP | GLOBAL TEMP | UNLOGGED] [TABLE] qualified_name. */
    Into intoClause() {
        p.expectKw("into");
        boolean temp = false;
        if (p.acceptKw("local") || p.acceptKw("global")) {
            if (!p.acceptKw("temp")) p.expectKw("temporary");
            temp = true;
        } else if (p.acceptKw("temp") || p.acceptKw("temporary")) {
            temp = true;
        } else if (p.isKw("unlogged")) {
            throw p.notSupported("SELECT INTO UNLOGGED", p.peek().start());
        }
        p.acceptKw("table");
        return new Into(p.qualifiedName(), temp);
    }

    /** The target of SELECT ... INTO. */
    record Into(Stmt.RangeVar relation, boolean temp) {}
}
