package org.tusk.utils.error;

/**
 * check_stack_depth's error (postgres.c): 54001 "stack depth limit exceeded", whose hint names
 * the max_stack_depth setting in force. Where it is raised (a JSON parser, a function call
 * nesting too deep, a thread stack running out) the session's settings are not at hand, so it is
 * raised without the hint and the backend adds it as it reports the error ({@link #withHint}).
 */
public final class StackDepth {
    private static final String SQLSTATE = "54001";
    private static final String MESSAGE = "stack depth limit exceeded";

    private StackDepth() {}

    public static PgException exceeded() {
        return PgException.error(SQLSTATE, MESSAGE);
    }

    /** {@code e} with the hint naming max_stack_depth ({@code maxStackDepthKb}), if it is this error without one. */
    public static PgException withHint(PgException e, int maxStackDepthKb) {
        if (!SQLSTATE.equals(e.sqlState()) || !MESSAGE.equals(e.getMessage()) || e.hint() != null) return e;
        return e.withHint("Increase the configuration parameter \"max_stack_depth\" (currently " + maxStackDepthKb
                + "kB), after ensuring the platform's stack depth limit is adequate.");
    }
}
