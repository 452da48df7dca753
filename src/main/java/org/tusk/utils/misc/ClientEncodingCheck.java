package org.tusk.utils.misc;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;

import org.tusk.utils.error.SqlState;

/**
 * The client_encoding check hook ({@code check_client_encoding}): resolves PostgreSQL's
 * encoding names and aliases ("unicode", "latin1", "ISO-8859-1", "Windows-1252"...) to the
 * canonical name, and refuses encodings Tusk cannot convert to and from, with PostgreSQL's
 * detail and SQLSTATE. Tusk converts through Java charsets, so an encoding is usable exactly
 * when the JVM provides a charset for it.
 */
final class ClientEncodingCheck implements GucCheckHook {
    /** Canonical PostgreSQL name to Java charset name; null where the JVM has none. */
    private static final Map<String, String> CANONICAL = new HashMap<>();
    /** Cleaned spelling (lower case, letters and digits only) to canonical name. */
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        canonical("SQL_ASCII", "US-ASCII", "sqlascii");
        canonical("UTF8", "UTF-8", "utf8", "unicode");
        canonical("EUC_JP", "EUC-JP", "eucjp");
        canonical("EUC_CN", "GB2312", "euccn");
        canonical("EUC_KR", "EUC-KR", "euckr");
        canonical("EUC_TW", "x-EUC-TW", "euctw");
        canonical("EUC_JIS_2004", null, "eucjis2004");
        canonical("MULE_INTERNAL", null, "muleinternal");
        canonical("LATIN1", "ISO-8859-1", "latin1", "iso88591");
        canonical("LATIN2", "ISO-8859-2", "latin2", "iso88592");
        canonical("LATIN3", "ISO-8859-3", "latin3", "iso88593");
        canonical("LATIN4", "ISO-8859-4", "latin4", "iso88594");
        canonical("LATIN5", "ISO-8859-9", "latin5", "iso88599");
        canonical("LATIN6", null, "latin6", "iso885910");
        canonical("LATIN7", "ISO-8859-13", "latin7", "iso885913");
        canonical("LATIN8", null, "latin8", "iso885914");
        canonical("LATIN9", "ISO-8859-15", "latin9", "iso885915");
        canonical("LATIN10", "ISO-8859-16", "latin10", "iso885916");
        canonical("ISO_8859_5", "ISO-8859-5", "iso88595");
        canonical("ISO_8859_6", "ISO-8859-6", "iso88596");
        canonical("ISO_8859_7", "ISO-8859-7", "iso88597");
        canonical("ISO_8859_8", "ISO-8859-8", "iso88598");
        canonical("WIN1250", "windows-1250", "win1250", "windows1250");
        canonical("WIN1251", "windows-1251", "win1251", "windows1251", "win");
        canonical("WIN1252", "windows-1252", "win1252", "windows1252");
        canonical("WIN1253", "windows-1253", "win1253", "windows1253");
        canonical("WIN1254", "windows-1254", "win1254", "windows1254");
        canonical("WIN1255", "windows-1255", "win1255", "windows1255");
        canonical("WIN1256", "windows-1256", "win1256", "windows1256");
        canonical("WIN1257", "windows-1257", "win1257", "windows1257");
        canonical("WIN1258", "windows-1258", "win1258", "windows1258", "abc", "tcvn", "tcvn5712", "vscii");
        canonical("WIN866", "IBM866", "win866", "windows866", "alt");
        canonical("WIN874", "x-windows-874", "win874", "windows874");
        canonical("KOI8R", "KOI8-R", "koi8r", "koi8");
        canonical("KOI8U", "KOI8-U", "koi8u");
        canonical("SJIS", "Shift_JIS", "sjis", "shiftjis", "mskanji", "win932", "windows932");
        canonical("SHIFT_JIS_2004", null, "shiftjis2004");
        canonical("BIG5", "Big5", "big5", "win950", "windows950");
        canonical("GBK", "GBK", "gbk", "win936", "windows936");
        canonical("UHC", "x-windows-949", "uhc", "win949", "windows949");
        canonical("GB18030", "GB18030", "gb18030");
        canonical("JOHAB", "x-Johab", "johab");
    }

    private static void canonical(String name, String javaCharset, String... aliases) {
        CANONICAL.put(name, javaCharset);
        for (String alias : aliases) {
            ALIASES.put(alias, name);
        }
    }

    /** {@code clean_encoding_name}: keep letters and digits, lower-cased. */
    private static String clean(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c < 128 && Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /** The canonical PostgreSQL name of an encoding spelling, or null if it names none. */
    static String canonicalName(String spelling) {
        return ALIASES.get(clean(spelling));
    }

    /** The Java charset for a canonical encoding name, or null when Tusk cannot convert it. */
    static Charset charset(String canonicalName) {
        String java = CANONICAL.get(canonicalName);
        return java != null && Charset.isSupported(java) ? Charset.forName(java) : null;
    }

    @Override
    public Object check(Object proposed, GucSettings settings) throws GucCheckException {
        String canonical = canonicalName((String) proposed);
        if (canonical == null) {
            throw GucCheckException.invalid();
        }
        if (charset(canonical) == null) {
            String serverEncoding = settings == null ? "UTF8" : settings.getString("server_encoding");
            throw GucCheckException.withDetail("Conversion between " + canonical + " and "
                    + serverEncoding + " is not supported.").sqlState(SqlState.FEATURE_NOT_SUPPORTED);
        }
        return canonical;
    }
}
