package org.tusk.tsearch;

import java.util.List;
import java.util.Locale;

/**
 * The built-in text search configurations simple (3748) and english (13164) with PostgreSQL's
 * pg_ts_config_map rows: simple maps every word-like token type to the simple dictionary;
 * english maps the all-letter word types to english_stem and the rest to simple. Token types
 * without a mapping (blank, tag, protocol, entity) are skipped by parsetext.
 */
public final class TextSearchConfigs {
    private TextSearchConfigs() {}

    public static final int SIMPLE = 3748, ENGLISH = 13164, DEFAULT_PARSER = 3722;

    private static final int[] MAPPED = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17, 18, 19, 20, 21, 22};
    private static final int[] STEMMED = {1, 2, 10, 11, 16, 17};

    /** The dictionaries of {@code cfg} for token {@code type}, in order (empty: not indexed). */
    public static List<Integer> dictionaries(int cfg, int type) {
        boolean mapped = false;
        for (int t : MAPPED) if (t == type) mapped = true;
        if (!mapped) return List.of();
        if (cfg == ENGLISH) {
            for (int t : STEMMED) if (t == type) return List.of(Dictionaries.ENGLISH_STEM);
        }
        return List.of(Dictionaries.SIMPLE);
    }

    /** The token types mapped by a configuration (pg_ts_config_map rows). */
    public static int[] mappedTypes() { return MAPPED.clone(); }

    /** regconfigin for the built-in configurations: the OID of name, or -1. */
    public static int byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.startsWith("\"") && n.endsWith("\"") && n.length() >= 2) n = n.substring(1, n.length() - 1);
        if (n.startsWith("pg_catalog.")) n = n.substring(11);
        return switch (n) {
            case "simple" -> SIMPLE;
            case "english" -> ENGLISH;
            default -> -1;
        };
    }

    /** regconfigout. */
    public static String name(int oid) {
        return switch (oid) {
            case SIMPLE -> "simple";
            case ENGLISH -> "english";
            default -> String.valueOf(oid);
        };
    }
}
