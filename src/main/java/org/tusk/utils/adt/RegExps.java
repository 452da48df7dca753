package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The regular-expression functions of PostgreSQL's regexp.c: the ~ family of operators
 * (textregexeq, texticregexeq), regexp_replace, regexp_like, regexp_count, regexp_instr,
 * regexp_substr, regexp_match, regexp_split_to_array and substring(text from pattern).
 * Patterns are ARE, compiled through {@link AreTranslator}; like RE_compile_and_cache, the
 * most recently used compiled patterns are kept (per process, so no locking).
 * Offsets are counted in UTF-16 units, which equal characters outside the astral planes.
 */
public final class RegExps {
    private RegExps() {}

    private static final int MAX_CACHED_RES = 32;
    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Pattern> e) { return size() > MAX_CACHED_RES; }
    };

    /** RE_compile_and_cache. */
    static Pattern compile(String re, int flags) {
        String key = flags + ":" + re;
        Pattern p = CACHE.get(key);
        if (p == null) {
            p = AreTranslator.compile(re, flags);
            CACHE.put(key, p);
        }
        return p;
    }

    /**
     * RE_compile_and_cache for callers outside this package that build the regcomp flags
     * themselves (jsonpath's like_regex, whose jspConvertRegexFlags maps XQuery flags to them).
     */
    public static Pattern compileWithFlags(String re, boolean icase, boolean newlineStop, boolean newlineAnchor, boolean quote) {
        int flags = (icase ? AreTranslator.REG_ICASE : 0) | (newlineStop ? AreTranslator.REG_NEWLINE_STOP : 0)
                | (newlineAnchor ? AreTranslator.REG_NEWLINE_ANCHOR : 0) | (quote ? AreTranslator.REG_QUOTE : 0);
        return compile(re, flags);
    }

    /** The parsed flags string of the regexp functions (pg_re_flags). */
    record Flags(int cflags, boolean glob) {}

    /** parse_re_flags. */
    static Flags parseFlags(String opts) {
        int cflags = 0;
        boolean glob = false;
        if (opts != null) {
            for (int i = 0; i < opts.length(); i++) {
                char c = opts.charAt(i);
                if (c == 'g') {
                    glob = true;
                } else if ("bceimnpqstwx".indexOf(c) >= 0) {
                    cflags = AreTranslator.applyOption(cflags, c);
                } else {
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                            "invalid regular expression option: \"" + opts.substring(i, opts.offsetByCodePoints(i, 1)) + "\"");
                }
            }
        }
        return new Flags(cflags, glob);
    }

    private static Flags flagsNoGlobal(String opts, String fn) {
        Flags f = parseFlags(opts);
        if (f.glob())
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, fn + " does not support the \"global\" option");
        return f;
    }

    /** textregexeq / texticregexeq (~ and ~*). */
    public static boolean matches(String s, String re, boolean icase) {
        return compile(re, icase ? AreTranslator.REG_ICASE : 0).matcher(s).find();
    }

    /** regexp_like(string, pattern [, flags]). */
    public static boolean like(String s, String re, String flags) {
        return compile(re, flagsNoGlobal(flags, "regexp_like()").cflags()).matcher(s).find();
    }

    /**
     * The matches of re in s from offset start, as setup_regexp_matches finds them: each next
     * search begins at the previous match's end, one further after an empty match. With
     * ignoreDegenerate (regexp_split), empty matches at the end and right after the previous
     * match are skipped.
     */
    static List<int[]> allMatches(Pattern p, String s, int start, boolean glob, boolean ignoreDegenerate) {
        List<int[]> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        int search = start, prevEnd = 0;
        while (search <= s.length() && m.find(search)) {
            if (!ignoreDegenerate || (m.start() < s.length() && m.end() > prevEnd)) {
                int[] g = new int[2 * (m.groupCount() + 1)];
                for (int k = 0; k <= m.groupCount(); k++) {
                    g[2 * k] = m.start(k);
                    g[2 * k + 1] = m.end(k);
                }
                out.add(g);
                if (!glob) break;
            }
            prevEnd = m.end();
            search = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return out;
    }

    /** regexp_count(string, pattern [, start [, flags]]). */
    public static int count(String s, String re, int start, String flags) {
        if (start <= 0) throw badParam("start", start);
        Pattern p = compile(re, flagsNoGlobal(flags, "regexp_count()").cflags());
        return start - 1 > s.length() ? 0 : allMatches(p, s, start - 1, true, false).size();
    }

    /** regexp_instr(string, pattern [, start [, N [, endoption [, flags [, subexpr]]]]]). */
    public static int instr(String s, String re, int start, int n, int endoption, String flags, int subexpr) {
        if (start <= 0) throw badParam("start", start);
        if (n <= 0) throw badParam("n", n);
        if (endoption != 0 && endoption != 1) throw badParam("endoption", endoption);
        if (subexpr < 0) throw badParam("subexpr", subexpr);
        Pattern p = compile(re, flagsNoGlobal(flags, "regexp_instr()").cflags());
        if (start - 1 > s.length()) return 0;
        List<int[]> ms = allMatches(p, s, start - 1, true, false);
        if (ms.size() < n) return 0;
        int[] g = ms.get(n - 1);
        if (2 * subexpr + 1 >= g.length || g[2 * subexpr] < 0) return 0;
        return g[2 * subexpr + endoption] + 1;
    }

    /** regexp_substr(string, pattern [, start [, N [, flags [, subexpr]]]]). */
    public static String substr(String s, String re, int start, int n, String flags, int subexpr) {
        if (start <= 0) throw badParam("start", start);
        if (n <= 0) throw badParam("n", n);
        if (subexpr < 0) throw badParam("subexpr", subexpr);
        Pattern p = compile(re, flagsNoGlobal(flags, "regexp_substr()").cflags());
        if (start - 1 > s.length()) return null;
        List<int[]> ms = allMatches(p, s, start - 1, true, false);
        if (ms.size() < n) return null;
        int[] g = ms.get(n - 1);
        if (2 * subexpr + 1 >= g.length || g[2 * subexpr] < 0) return null;
        return s.substring(g[2 * subexpr], g[2 * subexpr + 1]);
    }

    /** regexp_match(string, pattern [, flags]): the first match's subexpressions, or the whole match. */
    public static List<String> match(String s, String re, String flags) {
        Flags f = parseFlags(flags);
        if (f.glob())
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "regexp_match() does not support the \"global\" option")
                    .withHint("Use the regexp_matches function instead.");
        List<int[]> ms = allMatches(compile(re, f.cflags()), s, 0, false, false);
        if (ms.isEmpty()) return null;
        int[] g = ms.get(0);
        List<String> out = new ArrayList<>();
        if (g.length == 2) {
            out.add(s.substring(g[0], g[1]));
        } else {
            for (int k = 1; 2 * k < g.length; k++) out.add(g[2 * k] < 0 ? null : s.substring(g[2 * k], g[2 * k + 1]));
        }
        return out;
    }

    /** regexp_split_to_array(string, pattern [, flags]). */
    public static List<String> splitToArray(String s, String re, String flags) {
        Flags f = parseFlags(flags);
        if (f.glob())
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "regexp_split_to_array() does not support the \"global\" option");
        List<String> out = new ArrayList<>();
        int prev = 0;
        for (int[] g : allMatches(compile(re, f.cflags()), s, 0, true, true)) {
            out.add(s.substring(prev, g[0]));
            prev = g[1];
        }
        out.add(s.substring(prev));
        return out;
    }

    /** textregexsubstr: substring(string from pattern), the first parenthesised subexpression if any. */
    public static String substring(String s, String re) {
        Matcher m = compile(re, 0).matcher(s);
        if (!m.find()) return null;
        if (m.groupCount() == 0) return m.group();
        return m.start(1) < 0 ? null : m.group(1);
    }

    /** regexp_replace(source, pattern, replacement [, flags]): the first match, or all with 'g'. */
    public static String replace(String s, String re, String replacement, String flags) {
        Flags f = parseFlags(flags);
        return replace(s, compile(re, f.cflags()), replacement, 0, f.glob() ? 0 : 1);
    }

    /** The 4-argument form whose fourth argument was meant as a start position (replace_text_regexp hint). */
    public static String replaceWithFlagsChecked(String s, String re, String replacement, String flags) {
        try {
            return replace(s, re, replacement, flags);
        } catch (PgException e) {
            if (flags != null && !flags.isEmpty() && Character.isDigit(flags.charAt(0))
                    && e.getMessage().startsWith("invalid regular expression option"))
                throw e.withHint("If you meant to use regexp_replace() with a start parameter, cast the fourth argument to integer explicitly.");
            throw e;
        }
    }

    /** regexp_replace(source, pattern, replacement, start [, N [, flags]]): N 0 replaces all. */
    public static String replace(String s, String re, String replacement, int start, int n, String flags) {
        if (start <= 0) throw badParam("start", start);
        if (n < 0) throw badParam("n", n);
        Flags f = parseFlags(flags);
        return replace(s, compile(re, f.cflags()), replacement, start - 1, n);
    }

    /** replace_text_regexp: the Nth match from search_start (all when n is 0), with \1..\9 and \& expanded. */
    private static String replace(String s, Pattern p, String replacement, int searchStart, int n) {
        if (searchStart > s.length()) return s;
        List<int[]> ms = allMatches(p, s, searchStart, true, false);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < ms.size(); i++) {
            if (n > 0 && i + 1 != n) continue;
            int[] g = ms.get(i);
            out.append(s, copied, g[0]);
            appendReplacement(out, s, g, replacement);
            copied = g[1];
            if (n > 0) break;
        }
        out.append(s, copied, s.length());
        return out.toString();
    }

    /** appendStringInfoRegexpSubstr: \n (1-9) and \& insert matches, \\ a backslash, anything else stays. */
    private static void appendReplacement(StringBuilder out, String s, int[] g, String rep) {
        for (int i = 0; i < rep.length(); i++) {
            char c = rep.charAt(i);
            if (c != '\\' || i + 1 >= rep.length()) {
                out.append(c);
                continue;
            }
            char d = rep.charAt(i + 1);
            int k = -1;
            if (d >= '1' && d <= '9') k = d - '0';
            else if (d == '&') k = 0;
            if (k >= 0) {
                if (2 * k + 1 < g.length && g[2 * k] >= 0) out.append(s, g[2 * k], g[2 * k + 1]);
                i++;
            } else if (d == '\\') {
                out.append('\\');
                i++;
            } else {
                out.append('\\');
            }
        }
    }

    private static PgException badParam(String name, int v) {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + name + "\": " + v);
    }
}
