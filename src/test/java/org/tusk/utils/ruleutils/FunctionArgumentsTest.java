package org.tusk.utils.ruleutils;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The pieces of pg_get_function_arguments that need no catalog. */
class FunctionArgumentsTest {
    @Test
    void defaultsSplitAtTopLevelCommasOnly() {
        assertEquals(List.of("1", "'a,b'", "f(x, y)", "ARRAY[1, 2]", "\"q,\"\"\"", "E'\\',x'"),
                FunctionArguments.splitTopLevel("1, 'a,b', f(x, y), ARRAY[1, 2], \"q,\"\"\", E'\\',x'"));
    }
}
