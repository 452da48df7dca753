package org.tusk.bin.initdb;

import java.util.Locale;
import java.util.Map;

/**
 * initdb's choice of the cluster's LC_COLLATE and LC_CTYPE (initdb.c setlocales/check_locale_name):
 * an explicit --lc-collate/--lc-ctype wins, then --locale, then the environment as setlocale(cat, "")
 * reads it (LC_ALL, then LC_COLLATE or LC_CTYPE, then LANG), else "C". The names are what
 * template1, template0 and postgres record in datcollate/datctype.
 *
 * <p>Tusk compares text by code point only, which is the C and POSIX locales' order and, for
 * UTF-8, glibc's C.UTF-8 order. A locale with another order (en_US.UTF-8 ...) given explicitly is
 * refused with PostgreSQL's message for a locale setlocale does not accept, rather than recorded
 * with an order Tusk would not follow; one that only comes from the environment falls back to
 * "C", so that initdb (and {@code ./tusk start} on a fresh machine) works whatever LANG says.
 */
final class InitLocale {
    private InitLocale() {}

    /** The locale of {@code category} ("LC_COLLATE" or "LC_CTYPE"). */
    static String choose(String category, String categoryOption, String localeOption, Map<String, String> env) {
        String name = categoryOption != null ? categoryOption : localeOption;
        if (name == null || name.isEmpty()) {
            name = fromEnvironment(category, env);
            return codePointOrder(name) ? name : "C";
        }
        if (!codePointOrder(name)) {
            throw new IllegalArgumentException("invalid locale name \"" + name + "\"");
        }
        return name;
    }

    /** setlocale(category, ""): the first non-empty of LC_ALL, the category's variable and LANG, else "C". */
    static String fromEnvironment(String category, Map<String, String> env) {
        for (String v : new String[] {"LC_ALL", category, "LANG"}) {
            String s = env.get(v);
            if (s != null && !s.isEmpty()) return s;
        }
        return "C";
    }

    /** Whether {@code name} is a locale whose collation is code point order: C, POSIX or C with a UTF-8 codeset. */
    static boolean codePointOrder(String name) {
        if (name.equals("C") || name.equals("POSIX")) return true;
        if (!name.startsWith("C.")) return false;
        String codeset = name.substring(2).toLowerCase(Locale.ROOT).replace("-", "");
        return codeset.equals("utf8");
    }
}
