package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Plan;

/**
 * nodeCtescan.c: reads a WITH query's rows from a buffer shared by all scans of that query in
 * the statement. The buffer pulls rows from the query's plan only as far as some reader has
 * read, so a LIMIT over an unbounded recursive query terminates.
 */
final class CteScanState extends PlanState {
    /** The rows a WITH query has produced so far (the CTE's tuplestore). */
    static final class Buffer {
        private final Plan plan;
        private final ExecContext ctx;
        private PlanState source;
        private final List<Object[]> rows = new ArrayList<>();
        private boolean done;

        Buffer(Plan plan, ExecContext ctx) {
            this.plan = plan;
            this.ctx = ctx;
        }

        /** Whether the query reads the work table {@code paramId} (null: not yet worked out). */
        private Boolean readsWorkTable;

        /**
         * Whether this WITH query reads the rows of the recursive query whose work table is
         * {@code paramId}: then each round of that recursion needs it computed afresh (PostgreSQL
         * sees this as the work-table parameter in the CTE plan's extParam, and its rescan empties
         * the tuplestore).
         */
        boolean readsWorkTable(int paramId) {
            // a data-modifying WITH query runs exactly once per statement, however many rounds of a
            // recursive query it reads (it can only stand at the top level, never inside a recursive term)
            if (readsWorkTable == null) readsWorkTable = !dataModifying(plan) && contains(plan, paramId);
            return readsWorkTable;
        }

        private static boolean dataModifying(Plan p) {
            return p instanceof Plan.ModifyTable || p instanceof Plan.ModifyingCtes m && dataModifying(m.plan());
        }

        /** Searches a plan tree (expressions and sub-plans included) for a scan of the work table. */
        private static boolean contains(Object node, int paramId) {
            switch (node) {
                case Plan.WorkTableScan w -> {
                    return w.paramId() == paramId;
                }
                case java.util.List<?> list -> {
                    for (Object o : list) if (o != null && contains(o, paramId)) return true;
                    return false;
                }
                case Record r -> {
                    for (Object child : org.tusk.nodes.NodeFields.children(r)) if (contains(child, paramId)) return true;
                    return false;
                }
                default -> {
                    return false;
                }
            }
        }

        /** Row {@code i}, produced now if needed; null past the end. */
        Object[] get(int i) {
            while (rows.size() <= i && !done) {
                if (source == null) source = Executor.init(plan, ctx);
                Object[] t = source.next();
                if (t == null) {
                    done = true;
                    source.close();
                } else {
                    rows.add(t);
                }
            }
            return i < rows.size() ? rows.get(i) : null;
        }
    }

    /**
     * The top of a statement with data-modifying WITH queries (Plan.ModifyingCtes): the main
     * query's rows, then, once they are exhausted, every such WITH query read to its end.
     */
    static final class ModifyingCtesState extends PlanState {
        private final PlanState main;
        private final Plan.ModifyingCtes plan;
        private final ExecContext ctx;
        private boolean finished;

        ModifyingCtesState(PlanState main, Plan.ModifyingCtes plan, ExecContext ctx) {
            this.main = main;
            this.plan = plan;
            this.ctx = ctx;
        }

        PlanState main() { return main; }

        @Override
        public Object[] next() {
            Object[] t = main.next();
            if (t == null && !finished) {
                finished = true;
                for (Plan.CteScan c : plan.ctes()) {
                    Buffer b = ctx.cteBuffer(c.cteId(), c.ctePlan());
                    for (int i = 0; b.get(i) != null; i++) ctx.session().checkForInterrupts();
                }
            }
            return t;
        }

        @Override
        public void close() {
            main.close();
        }
    }

    private final Buffer buffer;
    private int pos;

    CteScanState(Buffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public Object[] next() {
        Object[] t = buffer.get(pos);
        if (t != null) pos++;
        return t;
    }
}
