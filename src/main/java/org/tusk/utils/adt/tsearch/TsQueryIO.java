package org.tusk.utils.adt.tsearch;

import java.util.function.Function;

import org.tusk.utils.error.PgException;

/**
 * tsqueryin and tsqueryout (tsquery.c: parse_tsquery with gettoken_query_standard, makepol,
 * infix). Operators by priority, highest first: ! (NOT), &lt;-&gt; and &lt;N&gt; (PHRASE), &amp; (AND),
 * | (OR); binary operators group from the left. An operand is a lexeme, optionally quoted, with
 * optional ':' modifiers (weights A-D, '*' for prefix). The operand callback (pushval) lets
 * to_tsquery run each operand through a text search configuration.
 */
public final class TsQueryIO {
    private TsQueryIO() {}

    /** PushFunction: what an operand becomes (a plain operand for tsqueryin). */
    @FunctionalInterface
    public interface PushVal {
        TsQuery.Node push(String word, int weight, boolean prefix);
    }

    public static final PushVal PLAIN = (w, weight, prefix) -> {
        int bytes = w.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > TsVector.MAXSTRLEN) throw PgException.error("54000", "word is too long in tsquery: \"" + w + "\"");
        if (w.isEmpty()) throw PgException.error("42601", "syntax error in tsquery");
        return new TsQuery.Operand(w, weight, prefix);
    };

    /** tsqueryin. */
    public static TsQuery in(String s) { return parse(s, PLAIN); }

    /** parse_tsquery: the query tree, possibly with Stop placeholders, or EMPTY if there is no operand. */
    public static TsQuery parse(String s, PushVal push) {
        Parser p = new Parser(s, push);
        p.skipSpace();
        if (p.i >= p.cp.length) return TsQuery.EMPTY;
        TsQuery.Node n = p.or();
        p.skipSpace();
        if (p.i < p.cp.length) throw p.syntax();
        return new TsQuery(n);
    }

    private static final class Parser {
        final String text;
        final int[] cp;
        final PushVal push;
        int i;

        Parser(String text, PushVal push) {
            this.text = text;
            this.cp = text.codePoints().toArray();
            this.push = push;
        }

        PgException syntax() { return PgException.error("42601", "syntax error in tsquery: \"" + text + "\""); }

        void skipSpace() { while (i < cp.length && TsVectorIO.isSpace(cp[i])) i++; }

        boolean peek(char c) {
            skipSpace();
            return i < cp.length && cp[i] == c;
        }

        TsQuery.Node or() {
            TsQuery.Node l = and();
            while (peek('|')) {
                i++;
                l = new TsQuery.Operator(TsQuery.OP_OR, 0, l, and());
            }
            return l;
        }

        TsQuery.Node and() {
            TsQuery.Node l = phrase();
            while (peek('&')) {
                i++;
                l = new TsQuery.Operator(TsQuery.OP_AND, 0, l, phrase());
            }
            return l;
        }

        TsQuery.Node phrase() {
            TsQuery.Node l = unary();
            while (peek('<')) {
                int d = phraseOperator();
                l = new TsQuery.Operator(TsQuery.OP_PHRASE, d, l, unary());
            }
            return l;
        }

        /** parse_phrase_operator: "<->" is distance 1, "<N>" distance N. */
        int phraseOperator() {
            i++;
            if (i < cp.length && cp[i] == '-') {
                if (i + 2 < cp.length + 1 && i + 1 < cp.length && cp[i + 1] == '>') {
                    i += 2;
                    return 1;
                }
                throw syntax();
            }
            long d = 0;
            int start = i;
            while (i < cp.length && TsVectorIO.isDigit(cp[i])) d = Math.min(d * 10 + cp[i++] - '0', Integer.MAX_VALUE);
            if (i == start || i >= cp.length || cp[i] != '>') throw syntax();
            if (d > TsVector.MAXENTRYPOS - 1) {
                throw PgException.error("22023", "distance in phrase operator must be an integer value between zero and "
                        + (TsVector.MAXENTRYPOS - 1) + " inclusive");
            }
            i++;
            return (int) d;
        }

        TsQuery.Node unary() {
            skipSpace();
            if (i >= cp.length) throw syntax();
            if (cp[i] == '!') {
                i++;
                return new TsQuery.Operator(TsQuery.OP_NOT, 0, null, unary());
            }
            if (cp[i] == '(') {
                i++;
                TsQuery.Node n = or();
                if (!peek(')')) throw syntax();
                i++;
                return n;
            }
            if (cp[i] == ':' || isOperator(cp[i])) throw syntax();
            return operand();
        }

        static boolean isOperator(int c) { return c == '!' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<'; }

        TsQuery.Node operand() {
            StringBuilder w = new StringBuilder();
            if (cp[i] == '\'') {
                i++;
                while (true) {
                    if (i >= cp.length) throw syntax();
                    if (cp[i] == '\\' && i + 1 < cp.length) {
                        w.appendCodePoint(cp[i + 1]);
                        i += 2;
                    } else if (cp[i] == '\'') {
                        if (i + 1 < cp.length && cp[i + 1] == '\'') {
                            w.append('\'');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        w.appendCodePoint(cp[i++]);
                    }
                }
            } else {
                while (i < cp.length && !TsVectorIO.isSpace(cp[i]) && !isOperator(cp[i]) && cp[i] != ':') {
                    if (cp[i] == '\\' && i + 1 < cp.length) {
                        w.appendCodePoint(cp[i + 1]);
                        i += 2;
                    } else {
                        w.appendCodePoint(cp[i++]);
                    }
                }
            }
            int weight = 0;
            boolean prefix = false;
            if (i < cp.length && cp[i] == ':') {
                i++;
                loop:
                while (i < cp.length) {
                    switch (cp[i]) {
                        case 'a', 'A' -> weight |= 1 << 3;
                        case 'b', 'B' -> weight |= 1 << 2;
                        case 'c', 'C' -> weight |= 1 << 1;
                        case 'd', 'D' -> weight |= 1;
                        case '*' -> prefix = true;
                        default -> { break loop; }
                    }
                    i++;
                }
            }
            return push.push(w.toString(), weight, prefix);
        }
    }

    /** tsqueryout. */
    public static String out(TsQuery q) {
        if (q.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        infix(sb, q.root(), -1, false);
        return sb.toString();
    }

    private static void infix(StringBuilder sb, TsQuery.Node n, int parentPriority, boolean rightPhraseOp) {
        switch (n) {
            case TsQuery.Operand o -> {
                TsVectorIO.quote(sb, o.word());
                if (o.weight() != 0 || o.prefix()) {
                    sb.append(':');
                    if (o.prefix()) sb.append('*');
                    if ((o.weight() & 8) != 0) sb.append('A');
                    if ((o.weight() & 4) != 0) sb.append('B');
                    if ((o.weight() & 2) != 0) sb.append('C');
                    if ((o.weight() & 1) != 0) sb.append('D');
                }
            }
            case TsQuery.Stop s -> { }
            case TsQuery.Operator op when op.oper() == TsQuery.OP_NOT -> {
                int priority = TsQuery.priority(op);
                boolean paren = priority < parentPriority;
                if (paren) sb.append("( ");
                sb.append('!');
                infix(sb, op.right(), priority, false);
                if (paren) sb.append(" )");
            }
            case TsQuery.Operator op -> {
                int priority = TsQuery.priority(op);
                boolean paren = priority < parentPriority || (op.oper() == TsQuery.OP_PHRASE && rightPhraseOp);
                if (paren) sb.append("( ");
                infix(sb, op.left(), priority, false);
                switch (op.oper()) {
                    case TsQuery.OP_OR -> sb.append(" | ");
                    case TsQuery.OP_AND -> sb.append(" & ");
                    default -> sb.append(op.distance() != 1 ? " <" + op.distance() + "> " : " <-> ");
                }
                infix(sb, op.right(), priority, op.oper() == TsQuery.OP_PHRASE);
                if (paren) sb.append(" )");
            }
        }
    }

    /** A function applied to every operand of a query (used by querytree and rewriting helpers). */
    public static TsQuery.Node map(TsQuery.Node n, Function<TsQuery.Operand, TsQuery.Node> f) {
        if (n instanceof TsQuery.Operand o) return f.apply(o);
        if (n instanceof TsQuery.Operator op) {
            return new TsQuery.Operator(op.oper(), op.distance(), op.left() == null ? null : map(op.left(), f), map(op.right(), f));
        }
        return n;
    }
}
