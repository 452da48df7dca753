package org.tusk.commands;

import java.util.Locale;

import org.tusk.nodes.Stmt.OptionItem;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/** Reading option values (PostgreSQL's commands/define.c defGetString, defGetBoolean, defGetInt32). */
final class DefElems {
    private DefElems() {}

    /** defGetString: the value as text (numbers and booleans spelled out). */
    static String string(OptionItem d) {
        if (d.value() == null) throw PgException.error(SqlState.SYNTAX_ERROR, d.name() + " requires a parameter");
        return d.value().toString();
    }

    /** defGetBoolean: true/false/on/off/1/0 (and a missing value means true). */
    static boolean bool(OptionItem d) {
        Object v = d.value();
        if (v == null) return true;
        if (v instanceof Boolean b) return b;
        if (v instanceof Long l && (l == 0 || l == 1)) return l == 1;
        if (v instanceof String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "on" -> { return true; }
                case "false", "off" -> { return false; }
                default -> { }
            }
        }
        throw PgException.error(SqlState.SYNTAX_ERROR, d.name() + " requires a Boolean value");
    }

    /** defGetInt32. */
    static int int32(OptionItem d) {
        if (d.value() == null) throw PgException.error(SqlState.SYNTAX_ERROR, d.name() + " requires an integer value");
        if (d.value() instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) return (int) (long) l;
        throw PgException.error(SqlState.SYNTAX_ERROR, d.name() + " requires an integer value");
    }

    /** errorConflictingDefElem. */
    static PgException conflicting() {
        return PgException.error(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
    }
}
