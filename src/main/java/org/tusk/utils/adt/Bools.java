package org.tusk.utils.adt;

/** boolean (PostgreSQL's bool.c). */
public final class Bools {
    private Bools() {}

    /** parse_bool_with_len: unique prefixes of true/false/yes/no, on/off, 1/0, case-insensitive. */
    public static Boolean boolin(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        if (!t.isEmpty()) {
            if ("true".startsWith(t) || "yes".startsWith(t) || t.equals("1")) return true;
            if ("false".startsWith(t) || "no".startsWith(t) || t.equals("0")) return false;
            if (t.length() >= 2 && "on".startsWith(t)) return true;
            if (t.length() >= 2 && "off".startsWith(t)) return false;
        }
        throw Ints.badSyntax("boolean", s);
    }

    public static String boolout(Boolean b) { return b ? "t" : "f"; }
}
