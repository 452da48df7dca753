package org.tusk.tsearch;

import java.util.List;
import java.util.Locale;

/**
 * The built-in dictionaries: simple (dict_simple.c dsimple_lexize: the lower-cased token,
 * accepted) and english_stem (dict_snowball.c dsnowball_lexize: lower-cased, an english.stop
 * word yields no lexeme, else the Snowball English stem; tokens over 1000 bytes are only
 * lower-cased). A result of null means "not recognized", an empty list "stop word".
 */
public final class Dictionaries {
    private Dictionaries() {}

    public static final int SIMPLE = 3765, ENGLISH_STEM = 13163;

    /** lowerstr: per-character lower-casing, as str_tolower does in a UTF-8 database. */
    static String lower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.toLowerCase(c)));
        return sb.toString();
    }

    /** ts_lexize(dict, token). */
    public static List<String> lexize(int dictOid, String token) {
        String txt = lower(token);
        if (dictOid == SIMPLE) {
            if (txt.isEmpty()) return List.of();
            return List.of(txt);
        }
        if (dictOid == ENGLISH_STEM) {
            if (txt.isEmpty() || StopWords.english().contains(txt)) return List.of();
            if (txt.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1000) return List.of(txt);
            return List.of(EnglishStemmer.stem(txt));
        }
        return null;
    }

    /** The dictionary OID of a dictionary name (pg_catalog only), or -1. */
    public static int byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("pg_catalog.")) n = n.substring(11);
        return switch (n) {
            case "simple" -> SIMPLE;
            case "english_stem" -> ENGLISH_STEM;
            default -> -1;
        };
    }
}
