package org.tusk.libpq;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of pg_hba.conf into lines, fields and tokens, as {@code tokenize_auth_file()}
 * and {@code next_token()} in PostgreSQL's hba.c do.
 *
 * <ul>
 *   <li>A line ending in a backslash continues on the next line; the line number reported for the
 *       joined line is that of its first physical line.</li>
 *   <li>Fields are separated by blanks (space, tab, carriage return). A field may hold a
 *       comma-separated list of tokens; blanks may follow a comma, but a blank before a comma
 *       ends the field (so {@code a ,b} is two fields), exactly as in PostgreSQL.</li>
 *   <li>Double quotes protect blanks, commas and {@code #}; two double quotes inside quotes stand
 *       for one. A missing closing quote is not an error: the token runs to the end of the line,
 *       which is also what PostgreSQL does.</li>
 *   <li>An unquoted {@code #} starts a comment that runs to the end of the line.</li>
 *   <li>Lines with no fields are dropped.</li>
 * </ul>
 */
final class HbaTokenizer {
    private HbaTokenizer() {}

    /**
     * One logical line with at least one field.
     *
     * @param lineNumber 1-based number of the line's first physical line
     * @param rawLine    the logical line as written (continuations joined), for error details
     * @param fields     the fields, each a non-empty list of tokens
     * @param error      a tokenizing error for this line, or null
     */
    record Line(int lineNumber, String rawLine, List<List<HbaToken>> fields, String error) {}

    static List<Line> tokenize(String text) {
        List<Line> lines = new ArrayList<>();
        String[] physical = text.split("\n", -1);
        int i = 0;
        while (i < physical.length) {
            int lineNumber = i + 1;
            StringBuilder logical = new StringBuilder();
            // Join backslash continuations, stripping the newline (and a Windows \r) as PG does.
            while (true) {
                String part = stripCr(physical[i++]);
                if (part.endsWith("\\") && i < physical.length) {
                    logical.append(part, 0, part.length() - 1);
                    continue;
                }
                if (part.endsWith("\\")) {
                    part = part.substring(0, part.length() - 1);
                }
                logical.append(part);
                break;
            }
            Line line = tokenizeLine(lineNumber, logical.toString());
            if (!line.fields().isEmpty() || line.error() != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static Line tokenizeLine(int lineNumber, String raw) {
        List<List<HbaToken>> fields = new ArrayList<>();
        Cursor cursor = new Cursor(raw);
        while (!cursor.atEnd()) {
            List<HbaToken> field = new ArrayList<>();
            boolean moreInField;
            do {
                Token t = nextToken(cursor);
                if (t == null) {
                    break;
                }
                // "@file" includes another file's tokens. Tusk does not implement it; reject the
                // line rather than silently treating "@file" as a database or role name.
                if (!t.initialQuote && t.text.length() > 1 && t.text.charAt(0) == '@') {
                    return new Line(lineNumber, raw, fields,
                            "secondary authentication file \"" + t.text
                                    + "\" cannot be included: file inclusion is not supported by this build");
                }
                field.add(new HbaToken(t.text, t.sawQuote));
                moreInField = t.terminatingComma;
            } while (moreInField);
            if (!field.isEmpty()) {
                fields.add(field);
            }
        }
        return new Line(lineNumber, raw, fields, null);
    }

    /** A token as next_token() sees it, before it becomes an {@link HbaToken}. */
    private record Token(String text, boolean initialQuote, boolean sawQuote, boolean terminatingComma) {}

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    /** Reads one token; returns null at end of line or at a comment. */
    private static Token nextToken(Cursor c) {
        // Skip blanks and commas before the token.
        while (!c.atEnd() && (isBlank(c.peek()) || c.peek() == ',')) {
            c.pos++;
        }
        StringBuilder buf = new StringBuilder();
        boolean inQuote = false;
        boolean wasQuote = false;
        boolean sawQuote = false;
        boolean initialQuote = false;
        boolean terminatingComma = false;
        while (!c.atEnd() && (!isBlank(c.peek()) || inQuote)) {
            char ch = c.peek();
            if (ch == '#' && !inQuote) {
                c.pos = c.s.length();
                break;
            }
            if (ch == ',' && !inQuote) {
                // The comma is left in place; the next call skips it.
                terminatingComma = true;
                break;
            }
            if (ch != '"' || wasQuote) {
                buf.append(ch);
            }
            // Inside quotes, "" is a literal quote: the second quote is kept, not toggled on.
            wasQuote = inQuote && ch == '"' && !wasQuote;
            if (ch == '"') {
                inQuote = !inQuote;
                sawQuote = true;
                if (buf.isEmpty()) {
                    initialQuote = true;
                }
            }
            c.pos++;
        }
        if (!sawQuote && buf.isEmpty()) {
            return null;
        }
        return new Token(buf.toString(), initialQuote, sawQuote, terminatingComma);
    }
}
