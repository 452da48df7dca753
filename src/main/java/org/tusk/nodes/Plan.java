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
     * (targetList null: emit the scan tuple as is). The scan tuple of a table has one element
     * per column and, after them, the row version's TID (the ctid system column), which
     * ModifyTable uses to address the row.
     */
    record SeqScan(Query.RangeTblEntry rte, Expr qual, List<Expr> targetList) implements Plan {
        public int width() { return targetList == null ? rte.columns().size() : targetList.size(); }
    }

    /**
     * One index qualification (an indexqual of nodeIndexscan.c, as a ScanKey to be): index key
     * column {@code indexColumn} (1-based, in index key order) compared with {@code argument},
     * an expression without Vars (a Const or a Param), by B-tree strategy {@code strategy}.
     * {@code clause} is the WHERE clause it came from, rechecked on each fetched row.
     */
    record IndexQual(int indexColumn, org.tusk.access.index.ScanKey.Strategy strategy, Expr argument, Expr clause) {}

    /**
     * Index scan (nodeIndexscan.c): the heap TIDs the index returns for {@code indexQuals} are
     * fetched through the table access method with the statement's snapshot; each row is
     * rechecked against the index clauses, filtered by {@code qual} (the remaining WHERE
     * clauses) and projected like SeqScan's, including the trailing TID.
     */
    record IndexScan(Query.RangeTblEntry rte, org.tusk.utils.cache.Relation index, List<IndexQual> indexQuals, Expr qual,
                     List<Expr> targetList, boolean backward) implements Plan {
        public int width() { return targetList == null ? rte.columns().size() : targetList.size(); }
    }

    /** The rows of a VALUES list (nodeValuesscan.c), each evaluated without input. */
    record ValuesScan(List<List<Expr>> rows, int width) implements Plan {}

    /**
     * INSERT, UPDATE or DELETE of {@code target}'s table (nodeModifyTable.c) over the rows of
     * {@code source}. For INSERT, {@code newRow} computes the row to store from a source tuple;
     * for UPDATE, from the old row (a scan tuple of the target, TID last); DELETE has none.
     * {@code recheckQual} is the WHERE clause re-evaluated on the newest version of a row that
     * a concurrent transaction updated (EvalPlanQual). Emits the RETURNING projection per row
     * when {@code returning} is not empty, otherwise nothing.
     */
    record ModifyTable(Query.CommandType operation, Query.RangeTblEntry target, Plan source, List<Expr> newRow,
                       Expr recheckQual, List<Expr> returning) implements Plan {
        public int width() { return returning.size(); }
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
