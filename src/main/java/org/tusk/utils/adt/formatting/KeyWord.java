package org.tusk.utils.adt.formatting;

/**
 * One format-picture keyword (formatting.c's KeyWord): its spelling, the action it stands for,
 * whether its input is a number, and which date convention (Gregorian or ISO week) it belongs to.
 */
record KeyWord(String name, int id, boolean isDigit, DateMode dateMode) {
    /** FromCharDateMode: the date convention a keyword belongs to, for to_timestamp's mixing check. */
    enum DateMode { NONE, GREGORIAN, ISOWEEK }

    KeyWord(String name, int id) { this(name, id, false, DateMode.NONE); }
}
