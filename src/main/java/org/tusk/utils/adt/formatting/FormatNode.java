package org.tusk.utils.adt.formatting;

/**
 * One node of a parsed format picture (formatting.c's FormatNode): a keyword action with its
 * FM/TM/TH/th/SP suffix bits, or a literal character, separator or space.
 */
record FormatNode(Type type, KeyWord key, String character, int suffix) {
    enum Type { ACTION, CHAR, SEPARATOR, SPACE }

    static final int S_FM = 0x01, S_TH = 0x02, S_th = 0x04, S_SP = 0x08, S_TM = 0x10;

    int id() { return key.id(); }

    boolean fm() { return (suffix & S_FM) != 0; }
    boolean thth() { return (suffix & (S_TH | S_th)) != 0; }
    boolean upperTh() { return (suffix & S_TH) != 0; }
    boolean tm() { return (suffix & S_TM) != 0; }
}
