package org.tusk.utils.adt.formatting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * parse_format of formatting.c: turns a format picture into {@link FormatNode}s. Keywords are
 * found by index_seq_search: among the keywords starting with the picture's next character, the
 * first (longest-listed) one that matches wins, so "HH24" beats "HH". Double-quoted text is
 * literal (a backslash quotes the next character); outside quotes a backslash is special only
 * before a double quote. PostgreSQL caches parsed pictures; the parse is cheap and pure, so
 * Tusk parses each call.
 */
final class FormatParser {
    private FormatParser() {}

    /** A keyword table with its first-character index (KeyWord_INDEX). */
    static final class Table {
        final KeyWord[] keywords;
        private final Map<Character, Integer> index = new HashMap<>();

        Table(KeyWord[] keywords) {
            this.keywords = keywords;
            for (int i = keywords.length - 1; i >= 0; i--) index.put(keywords[i].name().charAt(0), i);
        }

        /** index_seq_search: the keyword at {@code pos} of {@code s}, or null. */
        KeyWord search(String s, int pos) {
            char c = s.charAt(pos);
            if (c <= ' ' || c >= '~') return null;
            Integer start = index.get(c);
            if (start == null) return null;
            for (int i = start; i < keywords.length && keywords[i].name().charAt(0) == c; i++)
                if (s.startsWith(keywords[i].name(), pos)) return keywords[i];
            return null;
        }
    }

    /** Receives each keyword node as it is parsed (NUMDesc_prepare for number pictures). */
    interface KeywordHook { void accept(FormatNode n); }

    /**
     * parse_format: {@code dch} enables the FM/TM prefix and TH/th/SP postfix suffixes and
     * separator nodes; {@code std} is the SQL/JSON standard mode, which allows only "-./,':; "
     * between fields.
     */
    static List<FormatNode> parse(String str, Table kw, boolean dch, boolean std, KeywordHook hook) {
        List<FormatNode> out = new ArrayList<>();
        int p = 0, len = str.length();
        while (p < len) {
            int suffix = 0;
            if (dch) {
                int s = prefix(str, p);
                if (s != 0) {
                    suffix |= s;
                    p += 2;
                }
            }
            KeyWord k = p < len ? kw.search(str, p) : null;
            if (k != null) {
                p += k.name().length();
                if (dch && p < len) {
                    int s = postfix(str, p);
                    if (s != 0) {
                        suffix |= s;
                        p += 2;
                    }
                }
                FormatNode n = new FormatNode(FormatNode.Type.ACTION, k, null, suffix);
                if (hook != null) hook.accept(n);
                out.add(n);
            } else if (p < len) {
                char c = str.charAt(p);
                if (std && c != '"') {
                    if ("-./,':; ".indexOf(c) < 0)
                        throw PgException.error(SqlState.INVALID_DATETIME_FORMAT,
                                "invalid datetime format separator: \"" + str.substring(p, p + Character.charCount(str.codePointAt(p))) + "\"");
                    out.add(new FormatNode(c == ' ' ? FormatNode.Type.SPACE : FormatNode.Type.SEPARATOR, null, String.valueOf(c), 0));
                    p++;
                } else if (c == '"') {
                    p++;
                    while (p < len) {
                        if (str.charAt(p) == '"') {
                            p++;
                            break;
                        }
                        if (str.charAt(p) == '\\' && p + 1 < len) p++;
                        int cl = Character.charCount(str.codePointAt(p));
                        out.add(new FormatNode(FormatNode.Type.CHAR, null, str.substring(p, p + cl), 0));
                        p += cl;
                    }
                } else {
                    if (c == '\\' && p + 1 < len && str.charAt(p + 1) == '"') p++;
                    c = str.charAt(p);
                    int cl = Character.charCount(str.codePointAt(p));
                    FormatNode.Type t;
                    if (dch && isSeparatorChar(c)) t = FormatNode.Type.SEPARATOR;
                    else if (c == ' ' || (c >= '\t' && c <= '\r')) t = FormatNode.Type.SPACE;
                    else t = FormatNode.Type.CHAR;
                    out.add(new FormatNode(t, null, str.substring(p, p + cl), 0));
                    p += cl;
                }
            }
        }
        return out;
    }

    /** is_separator_char: printable ASCII that is not a letter or digit. */
    static boolean isSeparatorChar(char c) {
        return c > 0x20 && c < 0x7F && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9');
    }

    private static int prefix(String s, int p) {
        if (s.startsWith("FM", p) || s.startsWith("fm", p)) return FormatNode.S_FM;
        if (s.startsWith("TM", p) || s.startsWith("tm", p)) return FormatNode.S_TM;
        return 0;
    }

    private static int postfix(String s, int p) {
        if (s.startsWith("TH", p)) return FormatNode.S_TH;
        if (s.startsWith("th", p)) return FormatNode.S_th;
        if (s.startsWith("SP", p)) return FormatNode.S_SP;
        return 0;
    }
}
