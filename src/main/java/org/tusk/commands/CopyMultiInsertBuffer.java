package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * COPY FROM's batch of rows not yet stored (copyfrom.c CopyMultiInsertBuffer): rows are stored
 * together once {@link #MAX_BUFFERED_TUPLES} are waiting or their input reaches
 * {@link #MAX_BUFFERED_BYTES}, PostgreSQL's limits, so that a batch fills whole pages without
 * holding much memory. Each row keeps its input line number for the errors its index entries may
 * raise when the batch is flushed.
 */
final class CopyMultiInsertBuffer {
    static final int MAX_BUFFERED_TUPLES = 1000;
    static final int MAX_BUFFERED_BYTES = 65535;

    private final List<Object[]> rows = new ArrayList<>();
    private long[] lineNos = new long[64];
    private int bytes;

    /** Adds a row read from line {@code lineNo} of {@code length} characters; true when the batch is full. */
    boolean add(Object[] row, long lineNo, int length) {
        if (rows.size() == lineNos.length) lineNos = java.util.Arrays.copyOf(lineNos, lineNos.length * 2);
        lineNos[rows.size()] = lineNo;
        rows.add(row);
        bytes += length;
        return rows.size() >= MAX_BUFFERED_TUPLES || bytes >= MAX_BUFFERED_BYTES;
    }

    List<Object[]> rows() {
        return rows;
    }

    long lineNo(int i) {
        return lineNos[i];
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void clear() {
        rows.clear();
        bytes = 0;
    }
}
