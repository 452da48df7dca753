package org.tusk.nodes;

import java.util.List;

/**
 * Plan nodes (PostgreSQL's plannodes.h). Each node's targetlist says what its output tuples
 * contain; expressions in a node refer to the tuple produced by its child (Var = column of the
 * child's/scan's tuple) or, in Agg, to aggregate results. Upper nodes (Sort, Limit) pass
 * tuples through unchanged.
 */
public sealed interface Plan {
    /** Width of this node's output tuples. */
    int width();

    /** Produces one tuple per execution (or none if the one-time qual fails); no input. */
    record Result(List<Expr> targetList, Expr qual, boolean emptyTuple) implements Plan {
        public int width() { return targetList.size(); }
    }

    /**
     * Sequential scan of a relation: filters scan tuples by qual, then projects targetList
     * (targetList null: emit the scan tuple as is).
     */
    record SeqScan(Query.RangeTblEntry rte, Expr qual, List<Expr> targetList) implements Plan {
        public int width() { return targetList == null ? rte.columns().size() : targetList.size(); }
    }

    /**
     * Plain aggregation (no grouping yet): consumes all input tuples feeding {@code aggs},
     * then emits one tuple computed by targetList with Aggrefs replaced by the final values,
     * filtered by havingQual. Grouping will add group keys here.
     */
    record Agg(Plan child, List<Expr.Aggref> aggs, List<Expr> targetList, Expr havingQual) implements Plan {
        public int width() { return targetList.size(); }
    }

    record SortKey(int column, boolean desc, boolean nullsFirst) {}

    /** Sorts its input on the given 0-based columns. */
    record Sort(Plan child, List<SortKey> keys) implements Plan {
        public int width() { return child.width(); }
    }

    /** OFFSET/LIMIT; either expression may be null. */
    record Limit(Plan child, Expr offset, Expr count) implements Plan {
        public int width() { return child.width(); }
    }
}
