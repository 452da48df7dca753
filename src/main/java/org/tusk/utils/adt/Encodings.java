package org.tusk.utils.adt;

import java.util.List;
import java.util.Locale;

/**
 * Server encoding names and numbers (PostgreSQL's pg_wchar.h enum pg_enc and encnames.c), for
 * pg_database.encoding and pg_encoding_to_char. The numbers are stored in catalogs, so the order
 * is PostgreSQL's and must not change.
 */
public final class Encodings {
    private Encodings() {}

    private static final List<String> NAMES = List.of("SQL_ASCII", "EUC_JP", "EUC_CN", "EUC_KR", "EUC_TW",
            "EUC_JIS_2004", "UTF8", "MULE_INTERNAL", "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6", "LATIN7",
            "LATIN8", "LATIN9", "LATIN10", "WIN1256", "WIN1258", "WIN866", "WIN874", "KOI8R", "WIN1251", "WIN1252",
            "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "WIN1250", "WIN1253", "WIN1254", "WIN1255",
            "WIN1257", "KOI8U", "SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB", "SHIFT_JIS_2004");

    /** pg_encoding_to_char: the name, or "" for a number that is no encoding. */
    public static String name(int encoding) {
        return encoding >= 0 && encoding < NAMES.size() ? NAMES.get(encoding) : "";
    }

    /**
     * pg_encoding_max_length: the longest character of an encoding in bytes (pg_wchar_table's
     * maxmblen), or null for a number that is no encoding.
     */
    public static Integer maxLength(int encoding) {
        if (encoding < 0 || encoding >= NAMES.size()) return null;
        return switch (NAMES.get(encoding)) {
            case "EUC_CN", "SJIS", "BIG5", "GBK", "UHC", "SHIFT_JIS_2004" -> 2;
            case "EUC_JP", "EUC_KR", "EUC_JIS_2004", "JOHAB" -> 3;
            case "EUC_TW", "UTF8", "MULE_INTERNAL", "GB18030" -> 4;
            default -> 1;
        };
    }

    /** Whether {@code name} names an encoding (pg_char_to_encoding, ignoring case, '-' and '_'). */
    public static boolean isKnown(String name) {
        String n = clean(name);
        for (String e : NAMES) if (clean(e).equals(n)) return true;
        return false;
    }

    private static String clean(String s) {
        return s.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
