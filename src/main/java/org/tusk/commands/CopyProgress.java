package org.tusk.commands;

import org.tusk.utils.activity.CommandProgress;
import org.tusk.utils.activity.ProgressCommand;

import java.util.function.ToLongFunction;

/**
 * What a COPY reports while it runs (copyfrom.c and copyto.c's pgstat_progress calls, with
 * progress.h's PROGRESS_COPY_* counters), read through pg_stat_progress_copy: the direction,
 * where the data comes from or goes to, the bytes read or written so far (and a file's size),
 * the rows processed and the rows a WHERE clause excluded. The bytes are counted as the data
 * passes through the source or sink, the rows as CopyFrom and CopyTo handle them.
 */
final class CopyProgress {
    static final int BYTES_PROCESSED = 0, BYTES_TOTAL = 1, TUPLES_PROCESSED = 2, TUPLES_EXCLUDED = 3,
            COMMAND = 4, TYPE = 5;
    static final int COMMAND_FROM = 1, COMMAND_TO = 2;
    /** PROGRESS_COPY_TYPE_*: a server file, a program (not supported here), the client (STDIN/STDOUT). */
    static final int TYPE_FILE = 1, TYPE_PIPE = 3;

    private final CommandProgress progress;
    private long bytes, tuples, excluded;

    private CopyProgress(CommandProgress progress) {
        this.progress = progress;
    }

    /**
     * Runs {@code copy} with a progress report open for it: started as {@link #start} does and
     * ended however {@code copy} ends, as BeginCopyFrom/EndCopyFrom (and the COPY TO pair) bracket it.
     * Returns what {@code copy} returns, the row count.
     */
    static long reporting(CommandProgress progress, int relid, boolean from, boolean file, long bytesTotal,
                          ToLongFunction<CopyProgress> copy) {
        CopyProgress p = start(progress, relid, from, file, bytesTotal);
        try {
            return copy.applyAsLong(p);
        } finally {
            p.end();
        }
    }

    /** pgstat_progress_start_command(PROGRESS_COMMAND_COPY, relid) and the COPY's kind; {@code bytesTotal} 0 if unknown. */
    private static CopyProgress start(CommandProgress progress, int relid, boolean from, boolean file, long bytesTotal) {
        progress.start(ProgressCommand.COPY, relid);
        progress.update(COMMAND, from ? COMMAND_FROM : COMMAND_TO);
        progress.update(TYPE, file ? TYPE_FILE : TYPE_PIPE);
        if (bytesTotal > 0) progress.update(BYTES_TOTAL, bytesTotal);
        return new CopyProgress(progress);
    }

    /** {@code source}, counting the bytes it delivers (CopyGetData). */
    CopySource counting(CopySource source) {
        return new CopySource() {
            @Override public void start(int natts) { source.start(natts); }

            @Override public byte[] read() {
                byte[] b = source.read();
                if (b != null) progress.update(BYTES_PROCESSED, bytes += b.length);
                return b;
            }
        };
    }

    /** {@code sink}, counting the bytes it is given (CopySendEndOfRow). */
    CopySink counting(CopySink sink) {
        return new CopySink() {
            @Override public void start(int natts) { sink.start(natts); }

            @Override public void write(byte[] row) {
                sink.write(row);
                progress.update(BYTES_PROCESSED, bytes += row.length);
            }

            @Override public void end() { sink.end(); }
        };
    }

    void tupleProcessed() {
        progress.update(TUPLES_PROCESSED, ++tuples);
    }

    void tupleExcluded() {
        progress.update(TUPLES_EXCLUDED, ++excluded);
    }

    /** pgstat_progress_end_command (EndCopyFrom, EndCopyTo). */
    private void end() {
        progress.end();
    }
}
