package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;

/**
 * gram.y's CompositeTypeStmt after {@code CREATE TYPE name AS}: the parenthesized
 * OptTableFuncElementList of attribute names and types (each with an optional COLLATE, which
 * Tusk accepts only as the default collation's clauses are accepted elsewhere: parsed and not
 * recorded). An empty list makes a composite type without attributes.
 */
final class CompositeTypeGrammar {
    private CompositeTypeGrammar() {}

    /** At the '(' after AS. */
    static Stmt attributes(Parser p, List<String> name) {
        p.expectChar('(');
        List<Stmt.CompositeAttribute> attrs = new ArrayList<>();
        if (!p.acceptChar(')')) {
            do {
                Token t = p.peek();
                String attname = p.colId();
                attrs.add(new Stmt.CompositeAttribute(attname, p.typeName(), t.start()));
                if (p.isKw("collate")) {
                    p.advance();
                    p.colId();
                    while (p.acceptChar('.')) p.colId();
                }
            } while (p.acceptChar(','));
            p.expectChar(')');
        }
        return new Stmt.CompositeTypeStmt(name, List.copyOf(attrs));
    }
}
