package org.tusk.utils.misc;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokenizer of postgresql.conf, following the flex rules of PostgreSQL's guc-file.l:
 * the longest match wins, and among equally long matches the rule listed first. Values that are
 * not a plain identifier, number or quoted string (a path such as /tmp, "1.5GB") therefore do
 * not tokenize as one value and must be quoted, exactly as in PostgreSQL.
 */
final class ConfigFileLexer {
    enum TokenType { EOF, EOL, ID, QUALIFIED_ID, STRING, UNQUOTED_STRING, INTEGER, REAL, EQUALS, ERROR }

    record Token(TokenType type, String text) {}

    private static final String LETTER = "(?:[A-Za-z_]|[^\\x00-\\x7F])";
    private static final String LETTER_OR_DIGIT = "(?:[A-Za-z_0-9]|[^\\x00-\\x7F])";
    private static final String ID = LETTER + LETTER_OR_DIGIT + "*";

    private record Rule(TokenType type, Pattern pattern) {}

    /** In guc-file.l's order, which breaks ties between matches of equal length. */
    private static final List<Rule> RULES = List.of(
            new Rule(TokenType.ID, Pattern.compile(ID)),
            new Rule(TokenType.QUALIFIED_ID, Pattern.compile(ID + "\\." + ID)),
            new Rule(TokenType.STRING, Pattern.compile("'(?:[^'\\\\\\n]|\\\\.|'')*'")),
            new Rule(TokenType.UNQUOTED_STRING, Pattern.compile(LETTER + "(?:" + LETTER_OR_DIGIT + "|[-._:/])*")),
            // Hex first: Java takes the first alternative that matches, flex the longest.
            new Rule(TokenType.INTEGER, Pattern.compile("[-+]?(?:0x[0-9a-fA-F]+|[0-9]+)[a-zA-Z]*")),
            new Rule(TokenType.REAL, Pattern.compile("[-+]?[0-9]*\\.[0-9]*(?:[Ee][-+]?[0-9]+)?")),
            new Rule(TokenType.EQUALS, Pattern.compile("=")));

    private final String text;
    private int pos;
    /** The current line number, starting at 1 and advanced by each newline token. */
    private int lineNumber = 1;

    ConfigFileLexer(String text) {
        this.text = text;
    }

    int lineNumber() {
        return lineNumber;
    }

    Token next() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++; // a comment runs to the end of the line
                }
            } else {
                break;
            }
        }
        if (pos >= text.length()) {
            return new Token(TokenType.EOF, "");
        }
        if (text.charAt(pos) == '\n') {
            pos++;
            lineNumber++;
            return new Token(TokenType.EOL, "\n");
        }
        TokenType best = null;
        int bestEnd = pos;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text).region(pos, text.length());
            if (m.lookingAt() && m.end() > bestEnd) {
                best = rule.type();
                bestEnd = m.end();
            }
        }
        if (best == null) {
            best = TokenType.ERROR;
            bestEnd = text.offsetByCodePoints(pos, 1);
        }
        String tokenText = text.substring(pos, bestEnd);
        pos = bestEnd;
        return new Token(best, tokenText);
    }
}
