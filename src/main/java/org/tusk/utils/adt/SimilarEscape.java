package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;

/**
 * similar_to_escape (regexp.c's similar_escape_internal): rewrites an SQL-standard SIMILAR TO
 * pattern into the ARE that {@code ~} then matches. The whole pattern is anchored
 * ({@code ^(?:...)$}); % becomes .*, _ becomes ., plain parentheses become non-capturing,
 * the ARE metacharacters . ^ $ \ are quoted outside bracket expressions, and the escape
 * character quotes the next character. Up to two escape-double-quote separators split the
 * pattern into three parts, the middle one being captured (that is what SUBSTRING ... SIMILAR
 * returns): the first part is matched as lazily and the last as greedily as possible.
 */
public final class SimilarEscape {
    private SimilarEscape() {}

    /** similar_to_escape(pattern [, escape]); a null escape means the default backslash. */
    public static String toRegex(String pat, String esc) {
        int escChar;
        if (esc == null) {
            escChar = '\\';
        } else if (esc.isEmpty()) {
            escChar = -1;
        } else if (esc.codePointCount(0, esc.length()) == 1) {
            escChar = esc.codePointAt(0);
        } else {
            throw PgException.error("22025", "invalid escape string").withHint("Escape string must be empty or one character.");
        }
        StringBuilder r = new StringBuilder("^(?:");
        boolean afterEscape = false;
        int nquotes = 0;
        // position inside a bracket expression: 0 outside, 1 right after '[', 2 after a leading '^', 3 later
        int charclassPos = 0;
        for (int i = 0; i < pat.length(); ) {
            int c = pat.codePointAt(i);
            i += Character.charCount(c);
            if (afterEscape) {
                if (c == '"' && charclassPos == 0) {
                    if (nquotes == 0) r.append("){1,1}?(");
                    else if (nquotes == 1) r.append("){1,1}(?:");
                    else throw PgException.error("2200C",
                            "SQL regular expression may not contain more than two escape-double-quote separators");
                    nquotes++;
                } else {
                    // any character may be escaped; ARE then takes it literally
                    r.append('\\').appendCodePoint(c);
                    if (charclassPos > 0) charclassPos = 3;
                }
                afterEscape = false;
            } else if (c == escChar) {
                afterEscape = true;
            } else if (charclassPos > 0) {
                if (c == '\\') r.append('\\');
                r.appendCodePoint(c);
                if (c == ']' && charclassPos > 2) {
                    charclassPos = 0;
                } else if (c == '[' && i < pat.length() && ":.=".indexOf(pat.charAt(i)) >= 0) {
                    // a [:class:], [.coll.] or [=equiv=] element: copy it through its closing bracket
                    char kind = pat.charAt(i);
                    int end = pat.indexOf(kind + "]", i + 1);
                    if (end >= 0) {
                        r.append(pat, i, end + 2);
                        i = end + 2;
                    }
                    charclassPos = 3;
                } else if (c == '^' && charclassPos == 1) {
                    charclassPos = 2;
                } else {
                    charclassPos = 3;
                }
            } else if (c == '[') {
                r.append('[');
                charclassPos = 1;
            } else if (c == '%') {
                r.append(".*");
            } else if (c == '_') {
                r.append('.');
            } else if (c == '(') {
                r.append("(?:");
            } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
                r.append('\\').appendCodePoint(c);
            } else {
                r.appendCodePoint(c);
            }
        }
        r.append(")$");
        return r.toString();
    }
}
