package org.tusk.utils.adt.tsearch;

/**
 * A tsquery value (ts_type.h TSQueryData) as a tree: operands (QueryOperand: lexeme, weight
 * mask, prefix flag) and operators NOT, AND, OR and PHRASE with its distance. PostgreSQL stores
 * the same tree flattened in prefix order with the right operand first
 * ({@link org.tusk.utils.adt.tsearch.TsQuery#root()} is GETQUERY(q)[0]). An empty query has a
 * null root. Immutable.
 */
public record TsQuery(Node root) implements Comparable<TsQuery> {
    public static final int OP_NOT = 1, OP_AND = 2, OP_OR = 3, OP_PHRASE = 4;

    /** A QueryItem. */
    public sealed interface Node permits Operand, Operator, Stop {}

    /** QI_VAL. Weight is a mask: 8 = A, 4 = B, 2 = C, 1 = D. */
    public record Operand(String word, int weight, boolean prefix) implements Node {}

    /** QI_OPR: NOT has only a right operand (left is null). */
    public record Operator(int oper, int distance, Node left, Node right) implements Node {}

    /** QI_VALSTOP: a stop word's place, present only while a query is being built. */
    public record Stop() implements Node {}

    public static final TsQuery EMPTY = new TsQuery(null);

    public boolean isEmpty() { return root == null; }

    /** tsquery_op_priority. */
    static int priority(Node n) {
        if (!(n instanceof Operator o)) return 5;
        return switch (o.oper()) {
            case OP_NOT -> 4;
            case OP_PHRASE -> 3;
            case OP_AND -> 2;
            default -> 1;
        };
    }

    /** The number of QueryItems (numnode). */
    public static int count(Node n) {
        if (n == null) return 0;
        if (n instanceof Operator o) return 1 + (o.left() == null ? 0 : count(o.left())) + count(o.right());
        return 1;
    }

    /** tsquery_cmp's order (CompareTSQ), what btree tsquery_ops sorts by. */
    @Override
    public int compareTo(TsQuery o) { return TsQueryOps.compare(this, o); }

    @Override
    public String toString() { return TsQueryIO.out(this); }
}
