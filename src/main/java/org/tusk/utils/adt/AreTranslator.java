package org.tusk.utils.adt;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.tusk.utils.error.PgException;

/**
 * Rewrites a PostgreSQL Advanced Regular Expression (the flavour of backend/regex, Henry
 * Spencer's library) into a java.util.regex pattern with the same meaning for the ARE features
 * that the two engines spell differently: bracket expressions ({@code [[:alpha:]]},
 * {@code [.x.]}, {@code [=x=]}, a leading {@code ]}, no nested classes or {@code &&}), the ARE
 * escapes ({@code \m \M \y \Y \Z \B \b \e \v}), a {@code {} that is not a bound, {@code $} that
 * matches only at the very end, the {@code ***=} and {@code ***:} directors and the embedded
 * options {@code (?bceimnpqstwx)}. What Java cannot do alike is left out: ARE's
 * leftmost-longest rule for a whole RE without non-greedy quantifiers (Java takes the first
 * alternative that matches) and BRE syntax (flag 'b').
 */
final class AreTranslator {
    private AreTranslator() {}

    /** The regcomp flags of PostgreSQL's regex.h that this engine honours. */
    static final int REG_ICASE = 1, REG_NEWLINE_STOP = 2, REG_NEWLINE_ANCHOR = 4, REG_EXPANDED = 8, REG_QUOTE = 16,
            REG_EXTENDED_ONLY = 32;

    static Pattern compile(String re, int flags) {
        String body = re;
        if (body.startsWith("***=")) {
            body = body.substring(4);
            flags |= REG_QUOTE;
        } else if (body.startsWith("***:")) {
            body = body.substring(4);
        }
        if ((flags & REG_QUOTE) == 0 && body.startsWith("(?") && (flags & REG_EXTENDED_ONLY) == 0) {
            int close = body.indexOf(')');
            String opts = close < 0 ? "" : body.substring(2, close);
            if (close > 2 && opts.chars().allMatch(Character::isLetter)) {
                for (char c : opts.toCharArray()) flags = applyOption(flags, c);
                body = body.substring(close + 1);
            }
        }
        String java = (flags & REG_QUOTE) != 0 ? Pattern.quote(body) : translate(body, flags);
        int jflags = 0;
        if ((flags & REG_ICASE) != 0) jflags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        if ((flags & REG_NEWLINE_STOP) == 0) jflags |= Pattern.DOTALL;
        if ((flags & REG_NEWLINE_ANCHOR) != 0) jflags |= Pattern.MULTILINE;
        jflags |= Pattern.UNIX_LINES;
        try {
            return Pattern.compile(java, jflags);
        } catch (PatternSyntaxException e) {
            throw invalid(describe(e));
        }
    }

    static int applyOption(int flags, char c) {
        return switch (c) {
            case 'b' -> flags | REG_EXTENDED_ONLY; // basic REs: not supported beyond ERE syntax
            case 'c' -> flags & ~REG_ICASE;
            case 'e' -> flags | REG_EXTENDED_ONLY;
            case 'i' -> flags | REG_ICASE;
            case 'm', 'n' -> flags | REG_NEWLINE_STOP | REG_NEWLINE_ANCHOR;
            case 'p' -> (flags | REG_NEWLINE_STOP) & ~REG_NEWLINE_ANCHOR;
            case 'q' -> flags | REG_QUOTE;
            case 's' -> flags & ~(REG_NEWLINE_STOP | REG_NEWLINE_ANCHOR);
            case 't' -> flags & ~REG_EXPANDED;
            case 'w' -> (flags & ~REG_NEWLINE_STOP) | REG_NEWLINE_ANCHOR;
            case 'x' -> flags | REG_EXPANDED;
            default -> throw invalid("invalid embedded option");
        };
    }

    static PgException invalid(String what) {
        return PgException.error("2201B", "invalid regular expression: " + what);
    }

    /** The regerror() wording for the syntax errors Java reports. */
    private static String describe(PatternSyntaxException e) {
        String d = e.getDescription();
        if (d.contains("Unclosed group") || d.contains("Unmatched closing")) return "parentheses () not balanced";
        if (d.contains("Unclosed character class")) return "brackets [] not balanced";
        if (d.contains("Dangling meta character")) return "quantifier operand invalid";
        if (d.contains("Illegal character range")) return "invalid character range";
        if (d.contains("Illegal repetition range")) return "invalid repetition count(s)";
        if (d.contains("Illegal repetition") || d.contains("Unclosed counted closure")) return "braces {} not balanced";
        return "invalid regular expression";
    }

    private static String translate(String re, int flags) {
        boolean expanded = (flags & REG_EXPANDED) != 0;
        boolean anchorNl = (flags & REG_NEWLINE_ANCHOR) != 0;
        StringBuilder out = new StringBuilder();
        int n = re.length();
        int i = 0;
        while (i < n) {
            char c = re.charAt(i);
            if (expanded && (c == ' ' || c == '\t' || c == '\n')) {
                i++;
                continue;
            }
            if (expanded && c == '#') {
                while (i < n && re.charAt(i) != '\n') i++;
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= n) throw invalid("invalid escape \\ sequence");
                    i = escape(re, i + 1, out, false);
                    continue;
                }
                case '[' -> {
                    // the word-boundary brackets of Spencer's library
                    if (re.startsWith("[[:<:]]", i) || re.startsWith("[[:>:]]", i)) {
                        out.append(re.charAt(i + 3) == '<' ? "\\b(?=\\w)" : "\\b(?<=\\w)");
                        i += 7;
                        continue;
                    }
                    i = bracket(re, i + 1, out, (flags & REG_NEWLINE_STOP) != 0);
                    continue;
                }
                case '$' -> out.append(anchorNl ? "(?=\\n|\\z)" : "\\z");
                // ARE's ^ with newline anchoring also matches after a final newline, which
                // Java's MULTILINE ^ does not
                case '^' -> out.append(anchorNl ? "(?:\\A|(?<=\\n))" : "\\A");
                case '{' -> {
                    if (i + 1 < n && Character.isDigit(re.charAt(i + 1))) out.append('{');
                    else out.append("\\{");
                }
                case '}' -> out.append('}');
                case '(' -> {
                    // Java's named groups and inline flags have no ARE meaning
                    if (re.startsWith("(?", i) && !(re.startsWith("(?:", i) || re.startsWith("(?=", i)
                            || re.startsWith("(?!", i) || re.startsWith("(?<=", i) || re.startsWith("(?<!", i)))
                        throw invalid("quantifier operand invalid");
                    out.append('(');
                }
                default -> out.append(c);
            }
            i++;
        }
        return shortestNonGreedyGroups(out.toString());
    }

    /**
     * ARE gives a subexpression quantified non-greedily ({@code (a*){1,1}?}) the shortest match
     * as a whole, whatever the quantifiers inside it say (the greediness of a quantified atom is
     * its quantifier's, and the subexpressions starting earlier choose first); Java only makes
     * the outer repetition lazy, and a greedy {@code a*} inside still takes all it can. So inside
     * such a group every greedy quantifier becomes lazy. similar_to_escape relies on it: its
     * first part is {@code (?:...){1,1}?}, which SUBSTRING ... SIMILAR matches as short as it can.
     */
    static String shortestNonGreedyGroups(String re) {
        if (!re.contains("){") && !re.contains(")*?") && !re.contains(")+?") && !re.contains(")??")) return re;
        java.util.List<int[]> lazyGroups = new java.util.ArrayList<>();
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i = escapeEnd(re, i);
            } else if (c == '[') {
                i = bracketEnd(re, i);
            } else if (c == '(') {
                open.push(i);
            } else if (c == ')' && !open.isEmpty()) {
                int start = open.pop();
                int q = quantifierEnd(re, i + 1);
                if (q > i + 1 && q < re.length() && re.charAt(q) == '?') lazyGroups.add(new int[] {start, i});
            }
        }
        if (lazyGroups.isEmpty()) return re;
        boolean[] lazify = new boolean[re.length()];
        for (int[] g : lazyGroups) {
            for (int i = g[0]; i < g[1]; i++) {
                char c = re.charAt(i);
                if (c == '\\') {
                    i = escapeEnd(re, i);
                } else if (c == '[') {
                    i = bracketEnd(re, i);
                } else if (c == '(' && i + 1 < re.length() && re.charAt(i + 1) == '?') {
                    i++; // (?: (?= (?! (?<= (?<!: that '?' is not a quantifier
                } else {
                    int q = quantifierEnd(re, i);
                    if (q > i) {
                        boolean greedy = q >= re.length() || (re.charAt(q) != '?' && re.charAt(q) != '+');
                        if (greedy) lazify[q - 1] = true;
                        i = q - 1;
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder(re.length() + 8);
        for (int i = 0; i < re.length(); i++) {
            out.append(re.charAt(i));
            if (lazify[i]) out.append('?');
        }
        return out.toString();
    }

    /** The index after a quantifier ({@code * + ?} or a bound {@code {m}, {m,}, {m,n}}) at {@code i}, or {@code i}. */
    private static int quantifierEnd(String re, int i) {
        if (i >= re.length()) return i;
        char c = re.charAt(i);
        if (c == '*' || c == '+' || c == '?') return i + 1;
        if (c == '{' && i + 1 < re.length() && Character.isDigit(re.charAt(i + 1))) {
            int close = re.indexOf('}', i);
            return close < 0 ? i : close + 1;
        }
        return i;
    }

    /** The last index of the Java escape at {@code i} (a backslash): {@code \\x{..}}, {@code \\p{..}} or one character. */
    private static int escapeEnd(String re, int i) {
        if (i + 2 < re.length() && "xpPN".indexOf(re.charAt(i + 1)) >= 0 && re.charAt(i + 2) == '{') {
            int close = re.indexOf('}', i + 2);
            if (close > 0) return close;
        }
        return i + 1;
    }

    /** The index of the ']' that closes the Java character class opened at {@code i}. */
    private static int bracketEnd(String re, int i) {
        int j = i + 1;
        if (j < re.length() && re.charAt(j) == '^') j++;
        if (j < re.length() && re.charAt(j) == ']') j++;
        for (; j < re.length(); j++) {
            char c = re.charAt(j);
            if (c == '\\') j = escapeEnd(re, j);
            else if (c == ']') return j;
        }
        return re.length() - 1;
    }

    /** One escape outside (inBracket false) or inside a bracket expression; returns the next index. */
    private static int escape(String re, int i, StringBuilder out, boolean inBracket) {
        char e = re.charAt(i);
        switch (e) {
            case 'd', 'D', 's', 'S', 'w', 'W' -> {
                if (inBracket && Character.isUpperCase(e)) throw invalid("invalid escape \\ sequence");
                out.append('\\').append(e);
            }
            case 'm' -> out.append(inBracket ? "m" : "\\b(?=\\w)");
            case 'M' -> out.append(inBracket ? "M" : "\\b(?<=\\w)");
            case 'y' -> out.append("\\b");
            case 'Y' -> out.append("\\B");
            case 'A' -> out.append("\\A");
            case 'Z' -> out.append("\\z");
            case 'a' -> out.append("\\x07");
            case 'b' -> out.append("\\x08");
            case 'B' -> out.append("\\\\");
            case 'e' -> out.append("\\x1B");
            case 'f' -> out.append("\\f");
            case 'n' -> out.append("\\n");
            case 'r' -> out.append("\\r");
            case 't' -> out.append("\\t");
            case 'v' -> out.append("\\x0B");
            case 'c' -> {
                if (i + 1 >= re.length()) throw invalid("invalid escape \\ sequence");
                out.append("\\x").append(String.format("%02X", re.charAt(i + 1) & 0x1F));
                return i + 2;
            }
            case 'x', 'u', 'U' -> {
                int max = e == 'u' ? 4 : e == 'U' ? 8 : 8;
                int j = i + 1;
                while (j < re.length() && j - i - 1 < max && Character.digit(re.charAt(j), 16) >= 0) j++;
                if (j == i + 1) throw invalid("invalid escape \\ sequence");
                out.append("\\x{").append(re, i + 1, j).append('}');
                return j;
            }
            default -> {
                if (Character.isDigit(e) && !inBracket) {
                    int j = i;
                    while (j < re.length() && Character.isDigit(re.charAt(j))) j++;
                    if (e == '0') out.append("\\x00");
                    else out.append('\\').append(re, i, j);
                    return j;
                }
                if (Character.isLetterOrDigit(e)) throw invalid("invalid escape \\ sequence");
                out.append('\\').append(e);
            }
        }
        return i + 1;
    }

    /** A bracket expression from just after '['; returns the index after its ']'. */
    private static int bracket(String re, int i, StringBuilder out, boolean newlineStop) {
        int n = re.length();
        StringBuilder cls = new StringBuilder("[");
        if (i < n && re.charAt(i) == '^') {
            cls.append('^');
            i++;
            if (newlineStop) cls.append("\\n");
        }
        boolean first = true;
        while (true) {
            if (i >= n) throw invalid("brackets [] not balanced");
            char c = re.charAt(i);
            if (c == ']' && !first) break;
            first = false;
            if (c == '[' && i + 1 < n && (re.charAt(i + 1) == ':' || re.charAt(i + 1) == '.' || re.charAt(i + 1) == '=')) {
                char kind = re.charAt(i + 1);
                int end = re.indexOf(kind + "]", i + 2);
                if (end < 0) throw invalid("brackets [] not balanced");
                String name = re.substring(i + 2, end);
                i = end + 2;
                if (kind == ':') {
                    cls.append(posixClass(name));
                    continue;
                }
                if (name.length() != 1) throw invalid("invalid collating element");
                c = name.charAt(0);
                i = literalOrRange(re, i, c, cls);
                continue;
            }
            if (c == '\\') {
                if (i + 1 >= n) throw invalid("invalid escape \\ sequence");
                char e = re.charAt(i + 1);
                if ("dswDSW".indexOf(e) >= 0) {
                    i = escape(re, i + 1, cls, true);
                    continue;
                }
                StringBuilder one = new StringBuilder();
                int next = escape(re, i + 1, one, true);
                String lit = one.toString();
                // a single escaped character may start a range
                if (lit.length() == 2 && lit.charAt(0) == '\\' && !Character.isLetterOrDigit(lit.charAt(1))) {
                    i = literalOrRange(re, next, lit.charAt(1), cls);
                } else {
                    cls.append(lit);
                    i = next;
                }
                continue;
            }
            i = literalOrRange(re, i + 1, c, cls);
        }
        out.append(cls).append(']');
        return i + 1;
    }

    private static int literalOrRange(String re, int i, char lo, StringBuilder cls) {
        appendLiteral(cls, lo);
        if (i + 1 < re.length() && re.charAt(i) == '-' && re.charAt(i + 1) != ']') {
            char hi = re.charAt(i + 1);
            int next = i + 2;
            if (hi == '[' && i + 2 < re.length() && (re.charAt(i + 2) == '.' || re.charAt(i + 2) == '=')) {
                int end = re.indexOf(re.charAt(i + 2) + "]", i + 3);
                if (end < 0 || end != i + 4) throw invalid("invalid character range");
                hi = re.charAt(i + 3);
                next = end + 2;
            } else if (hi == '\\' && i + 2 < re.length()) {
                hi = re.charAt(i + 2);
                next = i + 3;
            }
            if (hi < lo) throw invalid("invalid character range");
            cls.append('-');
            appendLiteral(cls, hi);
            return next;
        }
        return i;
    }

    private static void appendLiteral(StringBuilder cls, char c) {
        if (Character.isLetterOrDigit(c) || c > 0x7F) cls.append(c);
        else if (c < 0x20 || c == 0x7F) cls.append(String.format("\\x%02X", (int) c));
        else cls.append('\\').append(c);
    }

    private static String posixClass(String name) {
        return switch (name) {
            case "alpha" -> "\\p{IsAlphabetic}";
            case "upper" -> "\\p{IsUppercase}";
            case "lower" -> "\\p{IsLowercase}";
            case "digit" -> "\\p{IsDigit}";
            case "xdigit" -> "\\p{XDigit}";
            case "alnum" -> "\\p{IsAlphabetic}\\p{IsDigit}";
            case "space" -> "\\p{IsWhite_Space}";
            case "punct" -> "\\p{IsPunctuation}";
            case "graph" -> "\\p{Graph}";
            case "print" -> "\\p{Print}";
            case "cntrl" -> "\\p{Cntrl}";
            case "blank" -> " \\t";
            case "word" -> "\\w";
            default -> throw invalid("invalid character class");
        };
    }
}
