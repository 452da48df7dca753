package org.tusk.parser;

import org.tusk.nodes.Stmt;
import org.tusk.parser.Token.Kind;

/**
 * The alter_table_cmd forms gram.y accepts after ALTER INDEX name: SET (reloptions), RESET
 * (reloptions), and ALTER [COLUMN] (ColId | Iconst) SET STATISTICS SignedIconst / SET
 * (reloptions) / RESET (reloptions). An index column may be named by its number, which is why
 * {@link Stmt.AlterTableCmd.SetStatistics} carries either. Which forms an index allows is decided
 * at execution (ATSimplePermissions), as in PostgreSQL, where the grammar accepts them for
 * every relation kind.
 */
final class AlterIndexGrammar {
    private final Parser p;

    AlterIndexGrammar(Parser p) {
        this.p = p;
    }

    /** The command at the current token, or null (nothing consumed) if it is none of these forms. */
    Stmt.AlterTableCmd command() {
        if ((p.isKw("set") || p.isKw("reset")) && p.peek(1).isChar('(')) {
            boolean reset = p.advance().isKeyword("reset");
            return new Stmt.AlterTableCmd.SetRelOptions(new UtilityParser(p).relOptions(), reset);
        }
        if (!p.isKw("alter")) return null;
        int ahead = p.peek(1).isKeyword("column") ? 2 : 1;
        Token target = p.peek(ahead);
        Token verb = p.peek(ahead + 1);
        if (!verb.isKeyword("set") && !verb.isKeyword("reset")) return null;
        boolean statistics = verb.isKeyword("set") && p.peek(ahead + 2).is(Kind.IDENT)
                && p.peek(ahead + 2).value().equals("statistics");
        boolean options = p.peek(ahead + 2).isChar('(');
        if (!statistics && !options) return null;
        p.advance();
        p.acceptKw("column");
        String column = null;
        int colnum = 0;
        if (target.is(Kind.ICONST)) {
            p.advance();
            colnum = Integer.parseInt(target.value());
        } else {
            column = p.colId();
        }
        boolean reset = p.advance().isKeyword("reset");
        if (options) return new Stmt.AlterTableCmd.SetColumnOptions(column, new UtilityParser(p).relOptions(), reset);
        p.advance();   // STATISTICS
        return new Stmt.AlterTableCmd.SetStatistics(column, colnum, signedIconst());
    }

    /** SignedIconst: an integer with an optional sign. */
    private int signedIconst() {
        boolean minus = false;
        if (p.isChar('-') || p.isChar('+')) minus = p.advance().isChar('-');
        Token v = p.peek();
        if (!v.is(Kind.ICONST)) throw p.syntaxError(v);
        p.advance();
        int n = Integer.parseInt(v.value());
        return minus ? -n : n;
    }
}
