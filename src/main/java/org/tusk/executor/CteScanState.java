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
