package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * parse_ident() of misc.c: splits a possibly qualified SQL identifier into its parts, undoing
 * double quotes and down-casing unquoted names as the lexer does (without truncating them).
 * In strict mode anything after the last identifier is an error; otherwise it is ignored.
 */
public final class IdentParse {
    private IdentParse() {}

    private static boolean isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b'; }

    private static boolean identStart(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }

    private static boolean identCont(char c) { return identStart(c) || (c >= '0' && c <= '9') || c == '$'; }

    public static List<String> parse(String qualname, boolean strict) {
        List<String> parts = new ArrayList<>();
        int p = 0, len = qualname.length();
        boolean afterDot = false;
        while (p < len && isSpace(qualname.charAt(p))) p++;
        while (true) {
            char c = p < len ? qualname.charAt(p) : '\0';
            if (c == '"') {
                StringBuilder sb = new StringBuilder();
                p++;
                while (true) {
                    int q = qualname.indexOf('"', p);
                    if (q < 0) throw invalid(qualname).withDetail("String has unclosed double quotes.");
                    sb.append(qualname, p, q);
                    p = q + 1;
                    if (p < len && qualname.charAt(p) == '"') {
                        sb.append('"');
                        p++;
                    } else break;
                }
                if (sb.isEmpty()) throw invalid(qualname).withDetail("Quoted identifier must not be empty.");
                parts.add(sb.toString());
            } else if (p < len && identStart(c)) {
                int start = p;
                while (p < len && identCont(qualname.charAt(p))) p++;
                parts.add(downcase(qualname.substring(start, p)));
            } else {
                if (c == '.') throw invalid(qualname).withDetail("No valid identifier before \".\".");
                if (afterDot) throw invalid(qualname).withDetail("No valid identifier after \".\".");
                throw invalid(qualname);
            }
            while (p < len && isSpace(qualname.charAt(p))) p++;
            if (p < len && qualname.charAt(p) == '.') {
                afterDot = true;
                p++;
                while (p < len && isSpace(qualname.charAt(p))) p++;
            } else if (p >= len) {
                break;
            } else {
                if (strict) throw invalid(qualname);
                break;
            }
        }
        return parts;
    }

    /** downcase_identifier: ASCII letters only. */
    private static String downcase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        return sb.toString();
    }

    private static PgException invalid(String s) {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE, "string is not a valid identifier: \"" + s + "\"");
    }

}
