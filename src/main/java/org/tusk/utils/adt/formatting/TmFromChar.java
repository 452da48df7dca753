package org.tusk.utils.adt.formatting;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * formatting.c's TmFromChar: the fields to_timestamp/to_date read, 0 meaning "not given".
 * {@link #set} is from_char_set_int (a field given twice must agree) and {@link #setMode} is
 * from_char_set_mode (Gregorian and ISO-week fields must not be mixed).
 */
final class TmFromChar {
    KeyWord.DateMode mode = KeyWord.DateMode.NONE;
    int hh, pm, mi, ss, ssss, d, dd, ddd, mm, ms, year, bc, ww, w, cc, j, us, yysz, ff, tzsign, tzh, tzm;
    boolean clock12;

    static int set(int current, int value, FormatNode n) {
        if (current != 0 && current != value)
            throw PgException.error(SqlState.INVALID_DATETIME_FORMAT,
                    "conflicting values for \"" + n.key().name() + "\" field in formatting string")
                    .withDetail("This value contradicts a previous setting for the same field type.");
        return value;
    }

    void setMode(KeyWord.DateMode m) {
        if (m == KeyWord.DateMode.NONE) return;
        if (mode == KeyWord.DateMode.NONE) mode = m;
        else if (mode != m)
            throw PgException.error(SqlState.INVALID_DATETIME_FORMAT, "invalid combination of date conventions")
                    .withHint("Do not mix Gregorian and ISO week date conventions in a formatting template.");
    }
}
