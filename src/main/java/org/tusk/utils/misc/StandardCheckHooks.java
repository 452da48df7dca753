package org.tusk.utils.misc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The small check hooks of PostgreSQL's built-in parameters that need no state of their own. */
final class StandardCheckHooks {
    private StandardCheckHooks() {}

    /**
     * application_name and cluster_name ({@code pg_clean_ascii}): every byte outside printable
     * ASCII becomes '?', because these names end up in logs and process titles whose encoding
     * is unknown. Working on UTF-8 bytes matches PostgreSQL, which turns "é" into "??".
     */
    static final GucCheckHook CLEAN_ASCII = (proposed, settings) -> {
        byte[] bytes = ((String) proposed).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (byte b : bytes) {
            out.write(b < 32 || b > 126 ? '?' : b);
        }
        return out.toString(StandardCharsets.US_ASCII);
    };

    /** search_path and other identifier lists must at least be syntactically valid lists. */
    /**
     * check_default_tablespace: empty, or a tablespace that exists (pg_default and pg_global are
     * the only ones, Tusk having no CREATE TABLESPACE).
     */
    static final GucCheckHook DEFAULT_TABLESPACE = (proposed, settings) -> {
        String name = (String) proposed;
        if (!name.isEmpty() && !name.equals("pg_default") && !name.equals("pg_global"))
            throw GucCheckException.withDetail("Tablespace \"" + name + "\" does not exist.");
        return name;
    };

    /** check_default_table_access_method: heap is the only table access method. */
    static final GucCheckHook DEFAULT_TABLE_ACCESS_METHOD = (proposed, settings) -> {
        String name = (String) proposed;
        if (name.isEmpty()) throw GucCheckException.withDetail("default_table_access_method cannot be empty.");
        if (!name.equals("heap")) throw GucCheckException.withDetail("Table access method \"" + name + "\" does not exist.");
        return name;
    };

    /** check_timezone_abbreviations: only the built-in "Default" set exists. */
    static final GucCheckHook TIMEZONE_ABBREVIATIONS = (proposed, settings) -> {
        if (!"Default".equals(proposed)) throw GucCheckException.invalid();
        return proposed;
    };

    static final GucCheckHook IDENTIFIER_LIST = (proposed, settings) -> {
        if (IdentifierList.split((String) proposed, ',') == null) {
            throw GucCheckException.withDetail("List syntax is invalid.");
        }
        return proposed;
    };

    private static final Pattern LOCALE_NAME =
            Pattern.compile("([a-zA-Z]{2,3})(_[A-Za-z]{2})?(\\.[A-Za-z0-9_-]+)?(@[A-Za-z0-9]+)?");
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    /**
     * lc_messages, lc_monetary, lc_numeric, lc_time ({@code check_locale}). PostgreSQL asks
     * setlocale(); Tusk accepts "C", "POSIX", the empty string (take the environment's) and
     * names shaped like "en_US.UTF-8" whose language is an ISO 639 code.
     */
    static final GucCheckHook LOCALE = (proposed, settings) -> {
        String name = (String) proposed;
        if (name.isEmpty() || name.equals("C") || name.equals("POSIX") || name.equals("C.UTF-8")) {
            return name;
        }
        var m = LOCALE_NAME.matcher(name);
        if (m.matches() && LANGUAGES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
            return name;
        }
        throw GucCheckException.invalid();
    };
}
