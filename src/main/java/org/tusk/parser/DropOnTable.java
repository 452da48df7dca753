package org.tusk.parser;

import org.tusk.nodes.Stmt;

/**
 * The tail gram.y shares among DROP RULE, DROP TRIGGER and DROP POLICY, after the object keyword:
 * {@code [IF EXISTS] name ON qualified_name [CASCADE | RESTRICT]}.
 */
record DropOnTable(String name, Stmt.RangeVar table, boolean missingOk, boolean cascade) {

    /** Parses the tail at {@code p}'s position (the object keyword already read). */
    static DropOnTable parse(Parser p) {
        boolean missingOk = p.acceptIfExists();
        String name = p.colId();
        p.expectKw("on");
        Stmt.RangeVar table = p.qualifiedName();
        boolean cascade = p.acceptKw("cascade");
        if (!cascade) p.acceptKw("restrict");
        return new DropOnTable(name, table, missingOk, cascade);
    }
}
