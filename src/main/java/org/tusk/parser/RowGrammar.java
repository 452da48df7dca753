package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Token.Kind;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * gram.y's row productions: {@code row} / {@code explicit_row} / {@code implicit_row}
 * ({@code ROW(a, b)}, {@code ROW()}, {@code (a, b, ...)}), field indirection after a
 * parenthesized expression ({@code (x).f}, {@code (x).*}, repeatable and mixed with
 * subscripts), and the multiple-column assignment of UPDATE's set_clause
 * ({@code SET (a, b) = source}, one MultiAssignRef per column).
 */
final class RowGrammar {
    private RowGrammar() {}

    /** After the keyword ROW, at its '(': explicit_row. */
    static RawExpr explicitRow(Parser p, int loc) {
        p.expectChar('(');
        List<RawExpr> args = new ArrayList<>();
        if (!p.acceptChar(')')) {
            do {
                args.add(p.aExpr());
            } while (p.acceptChar(','));
            p.expectChar(')');
        }
        return new RawExpr.RowExpr(List.copyOf(args), true, loc);
    }

    /** After '(' a_expr, at a ',': the rest of an implicit_row. */
    static RawExpr implicitRow(Parser p, RawExpr first, int loc) {
        List<RawExpr> args = new ArrayList<>();
        args.add(first);
        while (p.acceptChar(',')) args.add(p.aExpr());
        p.expectChar(')');
        return new RawExpr.RowExpr(List.copyOf(args), false, loc);
    }

    /**
     * opt_indirection after an assignment target's column name (set_target, insert_column_item):
     * any mix of {@code .field} and {@code [subscript]} / {@code [lower:upper]}, in order; empty
     * when none follows.
     */
    static List<RawExpr.IndirectionStep> assignIndirection(Parser p) {
        List<RawExpr.IndirectionStep> steps = new ArrayList<>();
        while (true) {
            if (p.isChar('.')) {
                p.advance();
                Token n = p.peek();
                if (!Keywords.isColLabel(n)) throw p.syntaxError(n);
                p.advance();
                steps.add(new RawExpr.IndirectionStep(null, n.value(), n.start()));
            } else if (p.isChar('[')) {
                Token lb = p.advance();
                RawExpr.Indirection ind = (RawExpr.Indirection) ArrayGrammar.subscripts(p, null, lb.start());
                for (RawExpr.Subscript sub : ind.subscripts()) steps.add(new RawExpr.IndirectionStep(sub, null, lb.start()));
            } else {
                return List.copyOf(steps);
            }
        }
    }

    /** opt_indirection after a parenthesized expression: {@code .name} and {@code .*}, and subscripts between them. */
    static RawExpr indirection(Parser p, RawExpr arg) {
        RawExpr e = arg;
        while (true) {
            if (p.isChar('.')) {
                Token dot = p.advance();
                Token n = p.peek();
                if (n.isChar('*')) {
                    p.advance();
                    e = new RawExpr.FieldSelection(e, null, dot.start());
                    continue;
                }
                if (!Keywords.isColLabel(n)) throw p.syntaxError(n);
                p.advance();
                e = new RawExpr.FieldSelection(e, n.value(), n.start());
            } else if (p.isChar('[')) {
                Token lb = p.advance();
                e = ArrayGrammar.subscripts(p, e, lb.start());
            } else {
                return e;
            }
        }
    }

    /**
     * set_clause's {@code '(' set_target_list ')' '=' a_expr}, at the '(': one target per column,
     * each a MultiAssignRef of the shared source. A row constructor source may hold DEFAULT items.
     */
    static void multiAssign(Parser p, List<Stmt.ResTarget> sets) {
        p.expectChar('(');
        List<Token> cols = new ArrayList<>();
        List<List<RawExpr.IndirectionStep>> indirections = new ArrayList<>();
        do {
            Token c = p.peek();
            p.colId();
            cols.add(c);
            indirections.add(assignIndirection(p));
        } while (p.acceptChar(','));
        p.expectChar(')');
        p.expectChar('=');
        Token v = p.peek();
        RawExpr source;
        if (v.isKeyword("row") && p.peek(1).isChar('(')) {
            p.advance();
            source = rowWithDefaults(p, v.start(), true);
        } else if (v.isChar('(') && !startsSelect(p)) {
            source = rowWithDefaults(p, v.start(), false);
        } else {
            source = p.aExpr();
        }
        if (source instanceof RawExpr.RowExpr row && !row.args().stream().anyMatch(RowGrammar::isStar)) {
            // transformMultiAssignRef: a row constructor hands out its items directly
            if (row.args().size() != cols.size())
                throw PgException.errorAt(SqlState.SYNTAX_ERROR, "number of columns does not match number of values",
                        Lexer.position(p.src(), row.location()));
            for (int i = 0; i < cols.size(); i++)
                sets.add(target(cols.get(i), indirections.get(i), row.args().get(i)));
            return;
        }
        // a row with a * item (ROW(v.*)) is counted once analysis has expanded it (transformMultiAssignRef)
        if (!(source instanceof RawExpr.SubLink sl && sl.kind() == RawExpr.SubLink.Kind.EXPR) && !(source instanceof RawExpr.RowExpr))
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression",
                    Lexer.position(p.src(), source.location()));
        for (int i = 0; i < cols.size(); i++)
            sets.add(target(cols.get(i), indirections.get(i), new RawExpr.MultiAssignRef(source, i + 1, cols.size(),
                    source.location())));
    }

    /** One set_target with its value: the value wrapped in an IndirectAssign when the target has indirection. */
    static Stmt.ResTarget target(Token col, List<RawExpr.IndirectionStep> indirection, RawExpr value) {
        RawExpr v = indirection.isEmpty() ? value : new RawExpr.IndirectAssign(indirection, value, col.start());
        return new Stmt.ResTarget(col.value(), v, col.start());
    }

    /** A {@code rel.*} or {@code (x).*} item, which expands to several columns. */
    private static boolean isStar(RawExpr e) {
        return e instanceof RawExpr.ColumnRef c && c.star() || e instanceof RawExpr.FieldSelection f && f.field() == null;
    }

    private static boolean startsSelect(Parser p) {
        int i = 0;
        while (p.peek(i).isChar('(')) i++;
        Token t = p.peek(i);
        return t.isKeyword("select") || t.isKeyword("values") || t.isKeyword("with") || t.isKeyword("table");
    }

    /** A parenthesized item list whose items may be DEFAULT; a single item without ROW is a plain expression. */
    private static RawExpr rowWithDefaults(Parser p, int loc, boolean explicit) {
        p.expectChar('(');
        List<RawExpr> args = new ArrayList<>();
        if (!p.isChar(')')) {
            do {
                Token t = p.peek();
                if (t.isKeyword("default") && (p.peek(1).isChar(',') || p.peek(1).isChar(')'))) {
                    p.advance();
                    args.add(new RawExpr.SetToDefault(t.start()));
                } else {
                    args.add(p.aExpr());
                }
            } while (p.acceptChar(','));
        }
        p.expectChar(')');
        if (!explicit && args.size() == 1) {
            RawExpr single = indirection(p, args.get(0));
            if (p.peek().is(Kind.EOF) || p.isChar(',') || p.isChar(';') || p.isKw("where") || p.isKw("from")
                    || p.isKw("returning"))
                return single;
            throw p.syntaxError(p.peek());
        }
        return new RawExpr.RowExpr(List.copyOf(args), explicit, loc);
    }
}
