package org.tusk.tsearch;

import java.util.ArrayDeque;
import java.util.Deque;

import org.tusk.utils.adt.tsearch.TsQuery;
import org.tusk.utils.adt.tsearch.TsQueryIO;
import org.tusk.utils.adt.tsearch.TsQueryOps;

/**
 * websearch_to_tsquery (to_tsany.c websearch_to_tsquery_byid; tsquery.c parse_tsquery with
 * P_TSQ_WEB: gettoken_query_websearch, parse_or_operator, makepol). Unquoted words are ANDed,
 * "quoted text" becomes a phrase, a leading '-' negates, the word "or" between operands means
 * OR; the characters of tsquery's operators are skipped and nothing is a syntax error. Each
 * operand goes through the configuration (pushval_morph with OP_PHRASE); stop words and
 * operands that produced no lexeme are removed silently.
 */
public final class WebSearchQuery {
    private static final int WAITOPERAND = 1, WAITOPERATOR = 2, WAITFIRSTOPERAND = 3;
    private static final int PT_END = 0, PT_VAL = 2, PT_OPR = 3;

    private final int[] cp;
    private final TsQueryIO.PushVal pushval;
    private int buf;
    private int state = WAITFIRSTOPERAND;
    /** The token just read: its operator, or its operand text. */
    private int operator;
    private String strval;
    /** makepol's output, as a stack of subtrees. */
    private final Deque<TsQuery.Node> operands = new ArrayDeque<>();
    private final int[] opstack = new int[32];
    private int lenstack;

    private WebSearchQuery(String text, int cfg) {
        this.cp = text.codePoints().toArray();
        this.pushval = ToTsAny.morph(cfg, TsQuery.OP_PHRASE);
    }

    /** websearch_to_tsquery(cfg, text). */
    public static TsQuery parse(int cfg, String text) {
        WebSearchQuery w = new WebSearchQuery(text, cfg);
        w.makepol();
        if (w.operands.isEmpty()) return TsQuery.EMPTY;
        return TsQueryOps.cleanupStopwords(new TsQuery(w.operands.pop()));
    }

    private int at(int i) { return i < cp.length ? cp[i] : 0; }

    private static boolean isSpace(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B; }

    /** ISOPERATOR of tsvector_parser.c. */
    private static boolean isOperator(int c) { return c == '!' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<'; }

    /** makepol with cleanOpStack: operator precedence NOT &gt; PHRASE &gt; AND &gt; OR, NOT right-associative. */
    private void makepol() {
        int type;
        while ((type = gettoken()) != PT_END) {
            if (type == PT_VAL) {
                operands.push(pushval.push(strval, 0, false));
            } else {
                cleanOpStack(operator);
                opstack[lenstack++] = operator;
            }
        }
        cleanOpStack(TsQuery.OP_OR);
    }

    private static int priority(int op) {
        return switch (op) {
            case TsQuery.OP_NOT -> 4;
            case TsQuery.OP_PHRASE -> 3;
            case TsQuery.OP_AND -> 2;
            default -> 1;
        };
    }

    private void cleanOpStack(int op) {
        int p = priority(op);
        while (lenstack > 0) {
            int top = opstack[lenstack - 1];
            if ((op != TsQuery.OP_NOT && p > priority(top)) || (op == TsQuery.OP_NOT && p >= priority(top))) break;
            lenstack--;
            if (top == TsQuery.OP_NOT) {
                operands.push(new TsQuery.Operator(TsQuery.OP_NOT, 0, null, operands.pop()));
            } else {
                TsQuery.Node right = operands.pop(), left = operands.pop();
                operands.push(new TsQuery.Operator(top, 0, left, right));
            }
        }
    }

    /** gettoken_query_websearch. */
    private int gettoken() {
        while (true) {
            int c = at(buf);
            if (state == WAITFIRSTOPERAND || state == WAITOPERAND) {
                if (c == '-') {
                    buf++;
                    state = WAITOPERAND;
                    operator = TsQuery.OP_NOT;
                    return PT_OPR;
                } else if (c == '"') {
                    // everything up to the closing quote (or the end) is one operand
                    int start = ++buf;
                    while (buf < cp.length && cp[buf] != '"') buf++;
                    strval = new String(cp, start, buf - start);
                    if (buf < cp.length) buf++;
                    state = WAITOPERATOR;
                    return PT_VAL;
                } else if (isOperator(c)) {
                    buf++;
                    state = WAITOPERAND;
                    continue;
                } else if (!isSpace(c)) {
                    if (word()) {
                        state = WAITOPERATOR;
                        return PT_VAL;
                    } else if (state == WAITFIRSTOPERAND) {
                        return PT_END;
                    }
                    // an operator wants an operand the text no longer has
                    operands.push(new TsQuery.Stop());
                    return PT_END;
                }
            } else {
                if (c == '"') {
                    state = WAITOPERAND;
                    operator = TsQuery.OP_AND;
                    return PT_OPR;
                } else if (orOperator()) {
                    state = WAITOPERAND;
                    operator = TsQuery.OP_OR;
                    return PT_OPR;
                } else if (buf >= cp.length) {
                    return PT_END;
                } else if (!isSpace(c) && !isOperator(c)) {
                    // tsquery's operator characters are skipped here too (PostgreSQL 15 does)
                    operator = TsQuery.OP_AND;
                    state = WAITOPERAND;
                    return PT_OPR;
                }
            }
            buf++;
        }
    }

    /**
     * gettoken_tsvector in web mode: a word up to a blank, an operator character, a double quote
     * or a ':'; false at the end of the text.
     */
    private boolean word() {
        if (buf >= cp.length) return false;
        StringBuilder sb = new StringBuilder();
        sb.appendCodePoint(cp[buf++]);
        while (buf < cp.length) {
            int c = cp[buf];
            if (isSpace(c) || isOperator(c) || c == '"' || c == ':') break;
            sb.appendCodePoint(c);
            buf++;
        }
        strval = sb.toString();
        return true;
    }

    /** parse_or_operator: "or" (any case) not part of a word and followed by something. */
    private boolean orOperator() {
        int p = buf;
        if (p + 1 >= cp.length || Character.toLowerCase(cp[p]) != 'o' || Character.toLowerCase(cp[p + 1]) != 'r') return false;
        p += 2;
        if (p >= cp.length) return false;
        int c = cp[p];
        if (c == '-' || c == '_' || Character.isLetter(c) || Character.isDigit(c)) return false;
        while (true) {
            p++;
            if (p >= cp.length) return false;
            if (!isSpace(cp[p])) break;
        }
        buf += 2;
        return true;
    }
}
