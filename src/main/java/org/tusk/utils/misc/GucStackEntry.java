package org.tusk.utils.misc;

/**
 * What one transaction nest level changed about one parameter (PostgreSQL's {@code GucStack}).
 *
 * <p>{@code prior} is the value to restore when the level is rolled back. When a SET is
 * followed by a SET LOCAL in the same level, the SET's value is kept in {@code masked}: a
 * commit must restore it, while the SET LOCAL value itself disappears.
 */
final class GucStackEntry {
    /** What happened at this level, which decides what commit keeps. */
    enum State {
        /** A function's SET clause: always restore the prior value. */
        SAVE,
        /** SET: keep the current value on commit. */
        SET,
        /** SET LOCAL: restore the prior value on commit. */
        LOCAL,
        /** SET then SET LOCAL: restore the masked (SET) value on commit. */
        SET_LOCAL
    }

    final GucStackEntry prev;
    int nestLevel;
    State state;
    GucSource source;
    GucContext scontext;
    Object prior;
    Object masked;
    GucContext maskedScontext;

    GucStackEntry(GucStackEntry prev, int nestLevel, State state, GucSource source, GucContext scontext,
                  Object prior) {
        this.prev = prev;
        this.nestLevel = nestLevel;
        this.state = state;
        this.source = source;
        this.scontext = scontext;
        this.prior = prior;
    }
}
