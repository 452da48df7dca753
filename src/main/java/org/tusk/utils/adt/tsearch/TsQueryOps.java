package org.tusk.utils.adt.tsearch;

import org.tusk.utils.error.PgException;

/** The SQL operators and functions on tsquery (tsquery_op.c, tsquery_cleanup.c). */
public final class TsQueryOps {
    private TsQueryOps() {}

    /** tsquery_and: a &amp;&amp; b; an empty side yields the other. */
    public static TsQuery and(TsQuery a, TsQuery b) { return join(a, b, TsQuery.OP_AND, 0); }

    /** tsquery_or: a || b. */
    public static TsQuery or(TsQuery a, TsQuery b) { return join(a, b, TsQuery.OP_OR, 0); }

    /** tsquery_phrase / tsquery_phrase_distance: a &lt;-&gt; b, a &lt;N&gt; b. */
    public static TsQuery phrase(TsQuery a, TsQuery b, int distance) {
        if (distance < 0 || distance > TsVector.MAXENTRYPOS - 1) {
            throw PgException.error("22023", "distance in phrase operator must be an integer value between zero and "
                    + (TsVector.MAXENTRYPOS - 1) + " inclusive");
        }
        return join(a, b, TsQuery.OP_PHRASE, distance);
    }

    private static TsQuery join(TsQuery a, TsQuery b, int oper, int distance) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        return new TsQuery(new TsQuery.Operator(oper, distance, a.root(), b.root()));
    }

    /** tsquery_not: !!q. */
    public static TsQuery not(TsQuery a) {
        if (a.isEmpty()) return a;
        return new TsQuery(new TsQuery.Operator(TsQuery.OP_NOT, 0, null, a.root()));
    }

    /** tsquery_numnode. */
    public static int numnode(TsQuery q) { return TsQuery.count(q.root()); }

    /**
     * tsquery_cmp (CompareTSQ): by item count, then by stored size, then QTNodeCompare over the
     * trees: an operator before an operand; operators by descending operator code, then their
     * operands right first, then (phrase) descending distance; operands by descending valcrc,
     * then lexeme. Weights and prefix flags are not compared, as in PostgreSQL.
     */
    public static int compare(TsQuery a, TsQuery b) {
        int na = numnode(a), nb = numnode(b);
        if (na != nb) return na < nb ? -1 : 1;
        int sa = varsize(a.root()), sb = varsize(b.root());
        if (sa != sb) return sa < sb ? -1 : 1;
        if (a.isEmpty()) return 0;
        return compareNodes(a.root(), b.root());
    }

    /** VARSIZE of the stored form: header, size, 12 bytes per item, each operand NUL-terminated. */
    private static int varsize(TsQuery.Node n) {
        return 8 + 12 * TsQuery.count(n) + operandBytes(n);
    }

    private static int operandBytes(TsQuery.Node n) {
        if (n == null) return 0;
        if (n instanceof TsQuery.Operand o) return o.word().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        if (n instanceof TsQuery.Operator op) return operandBytes(op.left()) + operandBytes(op.right());
        return 0;
    }

    private static int compareNodes(TsQuery.Node x, TsQuery.Node y) {
        boolean vx = x instanceof TsQuery.Operand, vy = y instanceof TsQuery.Operand;
        if (vx != vy) return vx ? 1 : -1;
        if (x instanceof TsQuery.Operand a && y instanceof TsQuery.Operand b) {
            int ca = LegacyCrc32.of(a.word()), cb = LegacyCrc32.of(b.word());
            if (ca != cb) return ca > cb ? -1 : 1;
            return TsVector.compareLexemes(a.word(), b.word());
        }
        TsQuery.Operator a = (TsQuery.Operator) x, b = (TsQuery.Operator) y;
        if (a.oper() != b.oper()) return a.oper() > b.oper() ? -1 : 1;
        int c = compareNodes(a.right(), b.right());
        if (c != 0) return c;
        if (a.left() != null && b.left() != null) {
            c = compareNodes(a.left(), b.left());
            if (c != 0) return c;
        }
        if (a.oper() == TsQuery.OP_PHRASE && a.distance() != b.distance()) return a.distance() > b.distance() ? -1 : 1;
        return 0;
    }

    /**
     * cleanup_tsquery_stopwords (clean_stopword_intree): removes stop-word placeholders and the
     * operators left without an operand, adding the width of removed phrase parts to the
     * distance of the phrase operators that remain.
     */
    public static TsQuery cleanupStopwords(TsQuery q) {
        if (q.isEmpty()) return q;
        int[] add = new int[2];
        return new TsQuery(clean(q.root(), add));
    }

    private static TsQuery.Node clean(TsQuery.Node node, int[] add) {
        add[0] = add[1] = 0;
        if (node instanceof TsQuery.Operand) return node;
        if (node instanceof TsQuery.Stop) return null;
        TsQuery.Operator op = (TsQuery.Operator) node;
        if (op.oper() == TsQuery.OP_NOT) {
            TsQuery.Node r = clean(op.right(), add);
            return r == null ? null : new TsQuery.Operator(TsQuery.OP_NOT, 0, null, r);
        }
        int[] l = new int[2], r = new int[2];
        TsQuery.Node left = clean(op.left(), l);
        TsQuery.Node right = clean(op.right(), r);
        boolean isphrase = op.oper() == TsQuery.OP_PHRASE;
        int nd = isphrase ? op.distance() : 0;
        if (left == null && right == null) {
            if (isphrase) add[0] = add[1] = l[0] + nd + r[1];
            else add[0] = add[1] = Math.max(l[0], r[1]);
            return null;
        } else if (left == null) {
            if (isphrase) {
                add[0] = l[0] + nd + r[0];
                add[1] = r[1];
            } else {
                add[0] = r[0];
                add[1] = r[1];
            }
            return right;
        } else if (right == null) {
            if (isphrase) {
                add[0] = l[0];
                add[1] = l[1] + nd + r[1];
            } else {
                add[0] = l[0];
                add[1] = l[1];
            }
            return left;
        } else if (isphrase) {
            add[0] = l[0];
            add[1] = r[1];
            return new TsQuery.Operator(op.oper(), op.distance() + l[1] + r[0], left, right);
        }
        return new TsQuery.Operator(op.oper(), op.distance(), left, right);
    }

    /**
     * querytree (tsquery_op.c with clean_NOT): the part of the query an index could use, NOT
     * branches removed; "T" when nothing is left of a non-empty query.
     */
    public static String querytree(TsQuery q) {
        if (q.isEmpty()) return "";
        TsQuery.Node n = cleanNot(q.root());
        return n == null ? "T" : TsQueryIO.out(new TsQuery(n));
    }

    private static TsQuery.Node cleanNot(TsQuery.Node n) {
        if (n instanceof TsQuery.Operand) return n;
        TsQuery.Operator op = (TsQuery.Operator) n;
        if (op.oper() == TsQuery.OP_NOT) return null;
        TsQuery.Node l = cleanNot(op.left()), r = cleanNot(op.right());
        if (op.oper() == TsQuery.OP_OR) {
            if (l == null || r == null) return null;
        } else {
            if (l == null) return r;
            if (r == null) return l;
        }
        return new TsQuery.Operator(op.oper(), op.distance(), l, r);
    }
}
