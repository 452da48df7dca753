package org.tusk.utils.misc;

/**
 * One process's state of one parameter: the per-process half of PostgreSQL's
 * {@code config_generic} (the definition is the other, shared half).
 *
 * <p>Besides the current value and where it came from, it keeps the value RESET returns to,
 * the stack of transaction-level changes, what was last reported to the client, and where in
 * the configuration file the value was set.
 */
final class GucVariable {
    final GucDefinition def;

    Object value;
    GucSource source = GucSource.DEFAULT;
    /** The context in which the current value was set (governs who may later reuse it). */
    GucContext scontext = GucContext.INTERNAL;

    Object resetValue;
    GucSource resetSource = GucSource.DEFAULT;
    GucContext resetScontext = GucContext.INTERNAL;

    /** Changes made in open transaction levels, innermost first. */
    GucStackEntry stack;

    /** A reported parameter changed since the last ParameterStatus; see {@link GucSettings#takeChangedReportedValues()}. */
    boolean needsReport;
    String lastReported;

    /** Set while a configuration file is being processed if the file mentions this parameter. */
    boolean inFile;
    /** The file asks for a value that only a restart can apply. */
    boolean pendingRestart;
    String sourceFile;
    int sourceLine;

    GucVariable(GucDefinition def, Object bootValue) {
        this.def = def;
        this.value = bootValue;
        this.resetValue = bootValue;
    }

    /**
     * The same setting for a new session ({@link GucSettings#copy}): value, reset value, their
     * sources and file position; no transaction stack (only a variable outside any transaction is
     * copied) and nothing reported yet (the new session's client has been told nothing).
     */
    GucVariable copyForNewSession() {
        GucVariable v = new GucVariable(def, value);
        v.source = source;
        v.scontext = scontext;
        v.resetValue = resetValue;
        v.resetSource = resetSource;
        v.resetScontext = resetScontext;
        v.inFile = inFile;
        v.pendingRestart = pendingRestart;
        v.sourceFile = sourceFile;
        v.sourceLine = sourceLine;
        return v;
    }

    /**
     * {@code push_old_value}: records the value about to be overwritten so the current nest
     * level can undo it. Returns whether anything was pushed or changed (the caller then knows
     * there is work for the end of the transaction).
     */
    boolean pushOldValue(GucAction action, int nestLevel) {
        if (nestLevel == 0) {
            return false; // outside any transaction the change is permanent
        }
        if (stack != null && stack.nestLevel >= nestLevel) {
            switch (action) {
                case SET -> {
                    // SET overrides any earlier action at the same level (a masked value is dropped).
                    stack.masked = null;
                    stack.state = GucStackEntry.State.SET;
                }
                case LOCAL -> {
                    if (stack.state == GucStackEntry.State.SET) {
                        // SET followed by SET LOCAL: remember the SET's value for commit.
                        stack.masked = value;
                        stack.maskedScontext = scontext;
                        stack.state = GucStackEntry.State.SET_LOCAL;
                    }
                }
                case SAVE -> {
                    // Only another SAVE can precede a SAVE at the same level; nothing to do.
                }
            }
            return true;
        }
        GucStackEntry.State state = switch (action) {
            case SET -> GucStackEntry.State.SET;
            case LOCAL -> GucStackEntry.State.LOCAL;
            case SAVE -> GucStackEntry.State.SAVE;
        };
        stack = new GucStackEntry(stack, nestLevel, state, source, scontext, value);
        return true;
    }

    String name() {
        return def.name();
    }
}
