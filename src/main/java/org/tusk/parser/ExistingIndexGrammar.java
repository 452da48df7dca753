package org.tusk.parser;

import org.tusk.nodes.Stmt;

/**
 * gram.y's ExistingIndex table constraint after ALTER TABLE ... ADD: [CONSTRAINT name]
 * {PRIMARY KEY | UNIQUE} USING INDEX index_name [ConstraintAttributeSpec]. It has no column list:
 * the index supplies the columns (ATExecAddIndexConstraint).
 */
final class ExistingIndexGrammar {
    private final Parser p;

    ExistingIndexGrammar(Parser p) {
        this.p = p;
    }

    /** Whether the tokens ahead are this form (the USING right after PRIMARY KEY or UNIQUE). */
    static boolean at(Parser p) {
        int i = p.isKw("constraint") ? 2 : 0;
        if (p.peek(i).isKeyword("primary")) return p.peek(i + 1).isKeyword("key") && p.peek(i + 2).isKeyword("using");
        return p.peek(i).isKeyword("unique") && p.peek(i + 1).isKeyword("using");
    }

    Stmt.AlterTableCmd.AddIndexConstraint addIndexConstraint() {
        int location = p.peek().start();
        String name = null;
        if (p.acceptKw("constraint")) name = p.colId();
        boolean primary = p.acceptKw("primary");
        if (primary) p.expectKw("key");
        else p.expectKw("unique");
        p.expectKw("using");
        p.expectKw("index");
        String index = p.colId();
        boolean[] when = new ConstraintGrammar(p).keyAttributes(primary ? "PRIMARY KEY" : "UNIQUE");
        return new Stmt.AlterTableCmd.AddIndexConstraint(name, primary, index, when[0], when[1], location);
    }
}
