package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;

/** COMMENT ON CONSTRAINT: of a table, and of a domain (OBJECT_DOMCONSTRAINT). */
class CommentGrammarTest {
    private static Stmt.CommentStmt one(String sql) {
        return (Stmt.CommentStmt) Parser.parse(sql).get(0).stmt();
    }

    @Test
    void constraintOnDomainNamesTheDomainAsAType() {
        Stmt.CommentStmt s = one("COMMENT ON CONSTRAINT the_constraint ON DOMAIN s.dom IS 'yes'");
        assertEquals("domain constraint", s.objtype());
        assertEquals("the_constraint", s.member());
        assertEquals("yes", s.comment());
        assertEquals(List.of(), s.names());
        assertEquals("dom", s.type().names().get(s.type().names().size() - 1));
    }

    @Test
    void constraintOnTableStaysATableConstraint() {
        Stmt.CommentStmt s = one("COMMENT ON CONSTRAINT c ON public.t IS NULL");
        assertEquals("constraint", s.objtype());
        assertEquals(List.of("public", "t"), s.names());
        assertNull(s.comment());
        // a table called "domain"
        s = one("COMMENT ON CONSTRAINT c ON domain IS 'x'");
        assertEquals("constraint", s.objtype());
        assertEquals(List.of("domain"), s.names());
    }
}
