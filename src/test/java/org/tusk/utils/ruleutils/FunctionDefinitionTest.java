package org.tusk.utils.ruleutils;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** SplitGUCList as pg_get_functiondef uses it on a GUC_LIST_QUOTE setting stored in proconfig. */
class FunctionDefinitionTest {
    @Test
    void splitsQuotedListElementsWithoutFoldingCase() {
        assertEquals(List.of("public", "pg_temp"), FunctionDefinition.splitGucList("public, pg_temp"));
        assertEquals(List.of("$user", "My \"S\"", "x"), FunctionDefinition.splitGucList("\"$user\", \"My \"\"S\"\"\",x"));
        assertEquals(List.of("Abc"), FunctionDefinition.splitGucList("Abc"));
        assertEquals(List.of(), FunctionDefinition.splitGucList("  "));
    }
}
