package org.tusk.utils.adt.jsonpath;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.utils.adt.Numerics;
import org.tusk.utils.adt.RegExps;
import org.tusk.utils.adt.jsonpath.JsonPathItem.Type;
import org.tusk.utils.adt.jsonpath.JsonPathScanner.Token;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The jsonpath grammar (jsonpath_gram.y of PostgreSQL 15) as a recursive-descent parser, plus
 * the checks of flattenJsonPathParseItem (@ only inside filters, LAST only inside array
 * subscripts) and makeItemLikeRegex (flags, and the pattern must compile).
 *
 * <p>The grammar distinguishes expressions from predicates; a parenthesised operand may be
 * either, so each parse step returns an item with its kind and the operators check the kinds
 * of their operands, raising bison's "syntax error" at the token where the LALR parser would
 * stop. Precedence is the grammar's: || &lt; &amp;&amp; &lt; ! &lt; comparisons &lt; + - &lt;
 * * / % &lt; unary + - &lt; accessors.
 */
final class JsonPathParser {
    private final JsonPathScanner scanner;
    private Token tok;

    private JsonPathParser(String text) {
        scanner = new JsonPathScanner(text);
        tok = scanner.next();
    }

    /** jsonpath_in: parsejsonpath, then the checks of flattenJsonPathParseItem. */
    static JsonPath parse(String text) {
        JsonPathParser p = new JsonPathParser(text);
        if (p.is("EOF"))
            throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type jsonpath: \"" + text + "\"");
        boolean lax = true;
        if (p.is("STRICT")) {
            lax = false;
            p.advance();
        } else if (p.is("LAX")) {
            p.advance();
        }
        Node n = p.orExpr();
        if (!p.is("EOF")) throw p.syntaxError();
        check(n.item, 0, false);
        return new JsonPath(lax, n.item);
    }

    /** A parsed operand: the item and whether it is a predicate (boolean) rather than an expression. */
    private record Node(JsonPathItem item, boolean pred) {}

    private boolean is(String kind) { return tok.kind().equals(kind); }

    private Token advance() {
        Token t = tok;
        tok = scanner.next();
        return t;
    }

    private PgException syntaxError() {
        return JsonPathScanner.error("syntax error", tok.yytext());
    }

    private void expect(String kind) {
        if (!is(kind)) throw syntaxError();
        advance();
    }

    private JsonPathItem pred(Node n) {
        if (!n.pred) throw syntaxError();
        return n.item;
    }

    private JsonPathItem expr(Node n) {
        if (n.pred) throw syntaxError();
        return n.item;
    }

    private Node orExpr() {
        Node left = andExpr();
        while (is("||")) {
            JsonPathItem l = pred(left);
            advance();
            left = new Node(JsonPathItem.binary(Type.OR, l, pred(andExpr())), true);
        }
        return left;
    }

    private Node andExpr() {
        Node left = notExpr();
        while (is("&&")) {
            JsonPathItem l = pred(left);
            advance();
            left = new Node(JsonPathItem.binary(Type.AND, l, pred(notExpr())), true);
        }
        return left;
    }

    /** NOT_P delimited_predicate. */
    private Node notExpr() {
        if (!is("!")) return comparison();
        advance();
        JsonPathItem arg;
        if (is("EXISTS")) {
            arg = exists();
        } else {
            expect("(");
            arg = pred(orExpr());
            expect(")");
        }
        return new Node(JsonPathItem.unary(Type.NOT, arg), true);
    }

    private static Type compOp(String kind) {
        return switch (kind) {
            case "==" -> Type.EQUAL;
            case "!=" -> Type.NOT_EQUAL;
            case "<" -> Type.LESS;
            case ">" -> Type.GREATER;
            case "<=" -> Type.LESS_OR_EQUAL;
            case ">=" -> Type.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    private Node comparison() {
        Node left = additive();
        Type op = compOp(tok.kind());
        if (op != null) {
            JsonPathItem l = expr(left);
            advance();
            return new Node(JsonPathItem.binary(op, l, expr(additive())), true);
        }
        if (is("STARTS")) {
            JsonPathItem l = expr(left);
            advance();
            expect("WITH");
            JsonPathItem init;
            if (is("STRING")) init = JsonPathItem.string(Type.STRING, advance().value());
            else if (is("VARIABLE")) init = JsonPathItem.string(Type.VARIABLE, advance().value());
            else throw syntaxError();
            return new Node(JsonPathItem.binary(Type.STARTS_WITH, l, init), true);
        }
        if (is("LIKE_REGEX")) {
            JsonPathItem l = expr(left);
            advance();
            if (!is("STRING")) throw syntaxError();
            String pattern = advance().value();
            String flags = null;
            if (is("FLAG")) {
                advance();
                if (!is("STRING")) throw syntaxError();
                flags = advance().value();
            }
            return new Node(likeRegex(l, pattern, flags), true);
        }
        return left;
    }

    private Node additive() {
        Node left = multiplicative();
        while (is("+") || is("-")) {
            JsonPathItem l = expr(left);
            Type t = advance().kind().equals("+") ? Type.ADD : Type.SUB;
            left = new Node(JsonPathItem.binary(t, l, expr(multiplicative())), false);
        }
        return left;
    }

    private Node multiplicative() {
        Node left = unary();
        while (is("*") || is("/") || is("%")) {
            JsonPathItem l = expr(left);
            String k = advance().kind();
            Type t = k.equals("*") ? Type.MUL : k.equals("/") ? Type.DIV : Type.MOD;
            left = new Node(JsonPathItem.binary(t, l, expr(unary())), false);
        }
        return left;
    }

    private Node unary() {
        if (is("+") || is("-")) {
            boolean minus = advance().kind().equals("-");
            return new Node(makeItemUnary(minus ? Type.MINUS : Type.PLUS, expr(unary())), false);
        }
        return primary();
    }

    /** makeItemUnary: a sign applied to a lone numeric literal is folded into it. */
    private static JsonPathItem makeItemUnary(Type t, JsonPathItem a) {
        if (a.type == Type.NUMERIC && a.next == null) {
            if (t == Type.PLUS) return a;
            JsonPathItem n = new JsonPathItem(Type.NUMERIC);
            n.num = Numerics.norm(a.num.negate());
            return n;
        }
        return JsonPathItem.unary(t, a);
    }

    private JsonPathItem exists() {
        expect("EXISTS");
        expect("(");
        JsonPathItem arg = expr(orExpr());
        expect(")");
        return JsonPathItem.unary(Type.EXISTS, arg);
    }

    private boolean atAccessor() {
        return is(".") || is("[") || is("?");
    }

    private Node primary() {
        if (is("(")) {
            advance();
            Node inner = orExpr();
            expect(")");
            if (inner.pred && is("IS")) {
                advance();
                expect("UNKNOWN");
                return new Node(JsonPathItem.unary(Type.IS_UNKNOWN, inner.item), true);
            }
            if (atAccessor()) return new Node(accessors(inner.item), false);
            return inner;
        }
        if (is("EXISTS")) return new Node(exists(), true);
        JsonPathItem head = switch (tok.kind()) {
            case "STRING" -> JsonPathItem.string(Type.STRING, tok.value());
            case "VARIABLE" -> JsonPathItem.string(Type.VARIABLE, tok.value());
            case "NULL" -> new JsonPathItem(Type.NULL);
            case "TRUE", "FALSE" -> {
                JsonPathItem b = new JsonPathItem(Type.BOOL);
                b.bool = is("TRUE");
                yield b;
            }
            case "NUMERIC", "INT" -> {
                JsonPathItem n = new JsonPathItem(Type.NUMERIC);
                n.num = Numerics.numericIn(tok.value());
                yield n;
            }
            case "$" -> new JsonPathItem(Type.ROOT);
            case "@" -> new JsonPathItem(Type.CURRENT);
            case "LAST" -> new JsonPathItem(Type.LAST);
            default -> throw syntaxError();
        };
        advance();
        return new Node(accessors(head), false);
    }

    /** accessor_expr followed by accessor_op*: makeItemList appends each to the end of the chain. */
    private JsonPathItem accessors(JsonPathItem head) {
        JsonPathItem end = head;
        while (end.next != null) end = end.next;
        while (atAccessor()) {
            JsonPathItem op = accessorOp();
            end.next = op;
            end = op;
        }
        return head;
    }

    private static final Set<String> METHODS = Set.of("ABS", "SIZE", "TYPE", "FLOOR", "DOUBLE", "CEILING", "KEYVALUE");
    private static final Set<String> KEY_WORDS = Set.of("IDENT", "STRING", "TO", "NULL", "TRUE", "FALSE", "IS", "UNKNOWN",
            "EXISTS", "STRICT", "LAX", "ABS", "SIZE", "TYPE", "FLOOR", "DOUBLE", "CEILING", "DATETIME", "KEYVALUE", "LAST",
            "STARTS", "WITH", "LIKE_REGEX", "FLAG");

    private JsonPathItem accessorOp() {
        if (is("[")) return arrayAccessor();
        if (is("?")) {
            advance();
            expect("(");
            JsonPathItem p = pred(orExpr());
            expect(")");
            return JsonPathItem.unary(Type.FILTER, p);
        }
        expect(".");
        if (is("*")) {
            advance();
            return new JsonPathItem(Type.ANY_KEY);
        }
        if (is("**")) return anyPath();
        if (!KEY_WORDS.contains(tok.kind())) throw syntaxError();
        Token word = advance();
        if (is("(") && METHODS.contains(word.kind())) {
            advance();
            expect(")");
            return new JsonPathItem(switch (word.kind()) {
                case "ABS" -> Type.ABS;
                case "SIZE" -> Type.SIZE;
                case "TYPE" -> Type.TYPE;
                case "FLOOR" -> Type.FLOOR;
                case "DOUBLE" -> Type.DOUBLE;
                case "CEILING" -> Type.CEILING;
                default -> Type.KEY_VALUE;
            });
        }
        if (is("(") && word.kind().equals("DATETIME")) {
            advance();
            JsonPathItem template = null;
            if (is("STRING")) template = JsonPathItem.string(Type.STRING, advance().value());
            expect(")");
            return JsonPathItem.unary(Type.DATETIME, template);
        }
        return JsonPathItem.string(Type.KEY, word.value());
    }

    private JsonPathItem arrayAccessor() {
        expect("[");
        if (is("*")) {
            advance();
            expect("]");
            return new JsonPathItem(Type.ANY_ARRAY);
        }
        List<JsonPathItem[]> subs = new ArrayList<>();
        while (true) {
            JsonPathItem from = expr(orExpr());
            JsonPathItem to = null;
            if (is("TO")) {
                advance();
                to = expr(orExpr());
            }
            subs.add(new JsonPathItem[] {from, to});
            if (is(",")) {
                advance();
                continue;
            }
            expect("]");
            break;
        }
        JsonPathItem a = new JsonPathItem(Type.INDEX_ARRAY);
        a.subscripts = List.copyOf(subs);
        return a;
    }

    /** any_path: ** with optional {level} or {level to level}. */
    private JsonPathItem anyPath() {
        expect("**");
        JsonPathItem a = new JsonPathItem(Type.ANY);
        a.first = 0;
        a.last = JsonPathItem.LAST_LEVEL;
        if (is("{")) {
            advance();
            a.first = anyLevel();
            a.last = a.first;
            if (is("TO")) {
                advance();
                a.last = anyLevel();
            }
            expect("}");
        }
        return a;
    }

    private long anyLevel() {
        if (is("LAST")) {
            advance();
            return JsonPathItem.LAST_LEVEL;
        }
        if (!is("INT")) throw syntaxError();
        String v = advance().value();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + v + "\" is out of range for type integer");
        }
    }

    /** makeItemLikeRegex: the flags, then the pattern compiled once to report a bad one at input. */
    private static JsonPathItem likeRegex(JsonPathItem expr, String pattern, String flags) {
        JsonPathItem v = JsonPathItem.unary(Type.LIKE_REGEX, expr);
        v.str = pattern;
        int f = 0;
        if (flags != null) {
            for (int i = 0; i < flags.length(); i++) {
                switch (flags.charAt(i)) {
                    case 'i' -> f |= JsonPathItem.REGEX_ICASE;
                    case 's' -> f |= JsonPathItem.REGEX_DOTALL;
                    case 'm' -> f |= JsonPathItem.REGEX_MLINE;
                    case 'x' -> f |= JsonPathItem.REGEX_WSPACE;
                    case 'q' -> f |= JsonPathItem.REGEX_QUOTE;
                    default -> throw PgException.error(SqlState.SYNTAX_ERROR, "invalid input syntax for type jsonpath")
                            .withDetail("Unrecognized flag character \"" + flags.substring(i, flags.offsetByCodePoints(i, 1))
                                    + "\" in LIKE_REGEX predicate.");
                }
            }
        }
        v.regexFlags = f;
        v.regex = compileRegex(pattern, f);
        return v;
    }

    /** jspConvertRegexFlags, then RE_compile_and_cache. */
    static java.util.regex.Pattern compileRegex(String pattern, int f) {
        boolean quote = (f & JsonPathItem.REGEX_QUOTE) != 0;
        if (!quote && (f & JsonPathItem.REGEX_WSPACE) != 0)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "XQuery \"x\" flag (expanded regular expressions) is not implemented");
        boolean nlStop = !quote && (f & JsonPathItem.REGEX_DOTALL) == 0;
        boolean nlAnchor = !quote && (f & JsonPathItem.REGEX_MLINE) != 0;
        return RegExps.compileWithFlags(pattern, (f & JsonPathItem.REGEX_ICASE) != 0, nlStop, nlAnchor, quote);
    }

    /** flattenJsonPathParseItem's checks: @ needs an enclosing filter, LAST an enclosing subscript. */
    private static void check(JsonPathItem item, int nestingLevel, boolean insideSubscript) {
        for (JsonPathItem i = item; i != null; i = i.next) {
            switch (i.type) {
                case CURRENT -> {
                    if (nestingLevel <= 0)
                        throw PgException.error(SqlState.SYNTAX_ERROR, "@ is not allowed in root expressions");
                }
                case LAST -> {
                    if (!insideSubscript)
                        throw PgException.error(SqlState.SYNTAX_ERROR, "LAST is allowed only in array subscripts");
                }
                case INDEX_ARRAY -> {
                    for (JsonPathItem[] s : i.subscripts) {
                        check(s[0], nestingLevel, true);
                        if (s[1] != null) check(s[1], nestingLevel, true);
                    }
                }
                default -> {
                    if (i.left != null) check(i.left, nestingLevel, insideSubscript);
                    if (i.right != null) check(i.right, nestingLevel, insideSubscript);
                    if (i.arg != null) check(i.arg, nestingLevel + (i.type == Type.FILTER ? 1 : 0), insideSubscript);
                }
            }
        }
    }
}
