package org.tusk.utils.adt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.tusk.utils.error.PgException;

/**
 * The regular-expression match operators ~, ~*, !~ and !~* (regexp.c textregexeq and
 * texticregexeq). PostgreSQL's advanced regular expressions (ARE) are compiled to Java patterns:
 * the common syntax (anchors, classes, quantifiers, groups, alternation, bracket expressions)
 * means the same in both; ARE's class shorthands [[:alpha:]] etc. are translated. Compiled
 * patterns are cached per process, as RE_compile_and_cache does.
 */
public final class RegexOps {
    private RegexOps() {}

    private static final int MAX_CACHED = 32;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    /** Whether {@code pattern} matches somewhere in {@code s}. */
    public static boolean matches(String s, String pattern, boolean caseInsensitive) {
        return compile(pattern, caseInsensitive).matcher(s).find();
    }

    static Pattern compile(String pattern, boolean ci) {
        String key = (ci ? "i:" : "c:") + pattern;
        Pattern p = CACHE.get(key);
        if (p != null) return p;
        try {
            p = Pattern.compile(translate(pattern), ci ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw PgException.error("2201B", "invalid regular expression: " + e.getDescription());
        }
        if (CACHE.size() >= MAX_CACHED) CACHE.clear();
        CACHE.put(key, p);
        return p;
    }

    /** ARE to java.util.regex: POSIX character classes inside brackets. */
    static String translate(String are) {
        return are.replace("[:alpha:]", "\\p{Alpha}").replace("[:digit:]", "\\d").replace("[:alnum:]", "\\p{Alnum}")
                .replace("[:upper:]", "\\p{Upper}").replace("[:lower:]", "\\p{Lower}").replace("[:space:]", "\\s")
                .replace("[:punct:]", "\\p{Punct}").replace("[:xdigit:]", "\\p{XDigit}");
    }
}
