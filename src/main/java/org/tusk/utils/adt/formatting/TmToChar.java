package org.tusk.utils.adt.formatting;

/**
 * formatting.c's TmToChar: the broken-down value to_char formats. For timestamps year is
 * PostgreSQL's (0 = 1 BC), wday 0 = Sunday and yday 1-based; for intervals the fields are the
 * interval's (interval2itm), hour is unbounded and wday is meaningless. {@code tzn} is the zone
 * abbreviation (null without a zone) and {@code gmtoff} seconds east of UTC.
 */
record TmToChar(int year, int mon, int mday, long hour, int min, int sec, int fsec, int wday, int yday,
                long gmtoff, String tzn) {}
