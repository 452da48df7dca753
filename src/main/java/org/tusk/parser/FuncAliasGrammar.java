package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * gram.y's func_alias_clause and opt_col_def_list: what may follow a function in FROM. Besides
 * the ordinary alias_clause ({@code [AS] x [(a, b)]}) that is a column definition list,
 * {@code AS (a int, b text)}, {@code AS x (a int, b text)} or {@code x (a int, b text)}
 * (TableFuncElementList), which gives the columns of a function returning record. A
 * parenthesised list whose first entry is a lone name is a list of column aliases, as the
 * grammar's name_list; one whose entry has a type after the name is a definition list.
 */
final class FuncAliasGrammar {
    /** The clause: alias (or null), column aliases, and the column definition list (empty when none). */
    record FuncAlias(String alias, List<String> colAliases, List<Stmt.FuncColumnDef> coldeflist) {}

    private final Parser p;

    FuncAliasGrammar(Parser p) {
        this.p = p;
    }

    /** func_alias_clause. */
    FuncAlias funcAlias() {
        boolean as = p.acceptKw("as");
        if (as && p.isChar('(')) return new FuncAlias(null, List.of(), tableFuncElementList());
        String alias = null;
        if (as) {
            Token a = p.peek();
            if (!Keywords.isColId(a)) throw p.syntaxError(a);
            alias = p.advance().value();
        } else if (Keywords.isColId(p.peek()) && !p.isKw("set")) {
            alias = p.advance().value();
        }
        if (alias == null || !p.isChar('(')) return new FuncAlias(alias, List.of(), List.of());
        if (startsDefinitionList()) return new FuncAlias(alias, List.of(), tableFuncElementList());
        return new FuncAlias(alias, p.nameList(), List.of());
    }

    /** opt_col_def_list of a ROWS FROM item: AS '(' TableFuncElementList ')', or nothing. */
    List<Stmt.FuncColumnDef> optColDefList() {
        if (!(p.isKw("as") && p.peek(1).isChar('('))) return List.of();
        p.advance();
        return tableFuncElementList();
    }

    /** At '(': whether a name followed by something other than ',' or ')' comes next (a TableFuncElement). */
    private boolean startsDefinitionList() {
        return Keywords.isColId(p.peek(1)) && !p.peek(2).isChar(',') && !p.peek(2).isChar(')');
    }

    /** '(' TableFuncElementList ')': ColId Typename, ... */
    private List<Stmt.FuncColumnDef> tableFuncElementList() {
        p.expectChar('(');
        List<Stmt.FuncColumnDef> cols = new ArrayList<>();
        do {
            Token n = p.peek();
            String name = p.colId();
            if (p.isKw("setof"))
                throw PgException.errorAt(SqlState.INVALID_TABLE_DEFINITION, "column \"" + name + "\" cannot be declared SETOF",
                        Lexer.position(p.src, n.start()));
            TypeName type = p.typeName();
            cols.add(new Stmt.FuncColumnDef(name, type, n.start()));
        } while (p.acceptChar(','));
        p.expectChar(')');
        return List.copyOf(cols);
    }
}
