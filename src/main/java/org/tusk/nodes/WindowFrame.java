package org.tusk.nodes;

/**
 * The frame option bits of a window (PostgreSQL's parsenodes.h FRAMEOPTION_*), kept in one int
 * as PostgreSQL keeps them in WindowDef.frameOptions and WindowClause.frameOptions. The default
 * frame is RANGE UNBOUNDED PRECEDING AND CURRENT ROW ({@link #DEFAULTS}).
 */
public final class WindowFrame {
    private WindowFrame() {}

    /** Any frame clause was given (else the defaults apply). */
    public static final int NONDEFAULT = 0x00001;
    public static final int RANGE = 0x00002;
    public static final int ROWS = 0x00004;
    public static final int GROUPS = 0x00008;
    /** BETWEEN was written (else only the start was). */
    public static final int BETWEEN = 0x00010;
    public static final int START_UNBOUNDED_PRECEDING = 0x00020;
    public static final int END_UNBOUNDED_PRECEDING = 0x00040;
    public static final int START_UNBOUNDED_FOLLOWING = 0x00080;
    public static final int END_UNBOUNDED_FOLLOWING = 0x00100;
    public static final int START_CURRENT_ROW = 0x00200;
    public static final int END_CURRENT_ROW = 0x00400;
    public static final int START_OFFSET_PRECEDING = 0x00800;
    public static final int END_OFFSET_PRECEDING = 0x01000;
    public static final int START_OFFSET_FOLLOWING = 0x02000;
    public static final int END_OFFSET_FOLLOWING = 0x04000;
    public static final int EXCLUDE_CURRENT_ROW = 0x08000;
    public static final int EXCLUDE_GROUP = 0x10000;
    public static final int EXCLUDE_TIES = 0x20000;

    public static final int START_OFFSET = START_OFFSET_PRECEDING | START_OFFSET_FOLLOWING;
    public static final int END_OFFSET = END_OFFSET_PRECEDING | END_OFFSET_FOLLOWING;
    public static final int EXCLUSION = EXCLUDE_CURRENT_ROW | EXCLUDE_GROUP | EXCLUDE_TIES;
    public static final int DEFAULTS = RANGE | START_UNBOUNDED_PRECEDING | END_CURRENT_ROW;
}
