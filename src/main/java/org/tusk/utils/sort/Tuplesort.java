package org.tusk.utils.sort;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import org.tusk.utils.error.PgException;

/**
 * Sorting of tuples within work_mem, spilling to disk past it (tuplesort.c with logtape.c).
 *
 * <p>Tuples are collected in memory, each charged the space {@link DatumCodec#size} estimates.
 * If everything fits in {@code workMemKb}, {@link #performSort()} sorts in memory ("quicksort",
 * PostgreSQL's own algorithm, {@link Qsort}, so rows with equal keys come out in PostgreSQL's
 * order). When the memory would be exceeded, the tuples held so far are sorted and
 * written as one sorted run to the sort's temporary file (dumptuples) and collection starts
 * again. At the end the last run is written too and the runs are merged with a heap
 * (mergeruns/mergeonerun): while there are more runs than the merge order allows
 * (tuplesort_merge_order: work_mem over a 32-block buffer per input, between 6 and 500), groups
 * of runs are merged into longer runs appended to the same file (PostgreSQL 15's balanced
 * k-way merge); the final merge is done as the caller reads. Runs of equal keys stay in input
 * order because ties are broken by run number.
 *
 * <p>All runs live in one temporary file (a LogicalTapeSet's BufFile), removed by
 * {@link #close()}; the caller must also arrange for close() on error (the executor registers
 * it with the statement's resources). Single-threaded: a sort belongs to one plan node.
 */
public final class Tuplesort implements AutoCloseable {
    private static final int BLCKSZ = 8192, MERGE_BUFFER_SIZE = BLCKSZ * 32, TAPE_BUFFER_OVERHEAD = BLCKSZ,
            MINORDER = 6, MAXORDER = 500, SORTTUPLE_SIZE = 24;

    private final Comparator<Object[]> cmp;
    private final long allowedMem;
    private final Path dataDir;
    private List<Object[]> memtuples = new ArrayList<>();
    /** The memtuples array's length in SortTuple slots (INITIAL_MEMTUPSIZE, doubled by grow_memtuples), charged at 24 bytes each. */
    private long memtupsize = 1024;
    private long availMem;
    private long maxSpace;
    private TempFile file;
    private FileChannel channel;
    /** Runs in the file: start offset and tuple count. */
    private final List<long[]> runs = new ArrayList<>();
    private long fileEnd;
    private boolean sorted;
    private int readPos;
    private Merger merger;

    /**
     * @param workMemKb work_mem in kB
     * @param dataDir the data directory, where {@code base/pgsql_tmp} is
     */
    public Tuplesort(Comparator<Object[]> cmp, long workMemKb, Path dataDir) {
        this.cmp = cmp;
        this.allowedMem = Math.max(64, workMemKb) * 1024L;
        this.availMem = allowedMem - memtupsize * SORTTUPLE_SIZE;
        this.maxSpace = memtupsize * SORTTUPLE_SIZE;
        this.dataDir = dataDir;
    }

    /** tuplesort_puttupleslot. */
    public void put(Object[] tuple) {
        if (sorted) throw new IllegalStateException("tuplesort already sorted");
        long size = DatumCodec.size(tuple);
        if (availMem - size < 0 && !memtuples.isEmpty() && dataDir != null && DatumCodec.canWrite(tuple)) dumpTuples();
        if (memtuples.size() >= memtupsize && (file == null || dataDir == null)) {
            // grow_memtuples: double the array while in memory (a spilled sort keeps its size)
            availMem -= memtupsize * SORTTUPLE_SIZE;
            memtupsize *= 2;
        }
        memtuples.add(tuple);
        availMem -= size;
        maxSpace = Math.max(maxSpace, allowedMem - availMem);
    }

    /** tuplesort_performsort: after it, {@link #next()} returns the tuples in order. */
    public void performSort() {
        sorted = true;
        if (file == null) {
            Qsort.sort(memtuples, cmp);   // PostgreSQL's quicksort: its order for equal keys
            return;
        }
        if (!memtuples.isEmpty()) dumpTuples();
        memtuples = null;
        int order = mergeOrder();
        try {
            while (runs.size() > order) {
                List<long[]> next = new ArrayList<>();
                for (int i = 0; i < runs.size(); i += order) {
                    List<long[]> group = runs.subList(i, Math.min(runs.size(), i + order));
                    if (group.size() == 1) {
                        next.add(group.get(0));
                        continue;
                    }
                    next.add(mergeIntoNewRun(group));
                }
                runs.clear();
                runs.addAll(next);
            }
            merger = new Merger(runs);
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    /** tuplesort_gettupleslot: the next tuple in order, or null at the end. */
    public Object[] next() {
        if (!sorted) throw new IllegalStateException("tuplesort not sorted yet");
        if (merger == null) return readPos < memtuples.size() ? memtuples.get(readPos++) : null;
        try {
            return merger.next();
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    /** Whether the sort spilled to disk (tuplesort's TSS_FINALMERGE / external method). */
    public boolean spilled() { return file != null; }

    /** "quicksort" or "external merge", as tuplesort_method_name names them. */
    public String method() { return file == null ? "quicksort" : "external merge"; }

    /** The space used in kB: peak memory, or the temporary file's size once spilled (tuplesort_get_stats). */
    public long spaceUsedKb() {
        if (file != null) return (fileEnd + 1023) / 1024;
        return (maxSpace + 1023) / 1024;
    }

    /** The temporary file, or null while the sort is in memory (for tests and EXPLAIN). */
    public Path tempFile() { return file == null ? null : file.path; }

    /** tuplesort_end: releases the temporary file. Idempotent. */
    @Override
    public void close() {
        memtuples = null;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the file is removed below either way
            }
            channel = null;
        }
        if (file != null) file.close();
    }

    /** tuplesort_merge_order. */
    private int mergeOrder() {
        long order = (allowedMem - TAPE_BUFFER_OVERHEAD) / (MERGE_BUFFER_SIZE + TAPE_BUFFER_OVERHEAD);
        return (int) Math.max(MINORDER, Math.min(MAXORDER, order));
    }

    /** dumptuples: sorts what is in memory and appends it to the file as one run. */
    private void dumpTuples() {
        try {
            if (file == null) {
                file = TempFile.create(dataDir);
                channel = FileChannel.open(file.path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            Qsort.sort(memtuples, cmp);   // PostgreSQL's quicksort: its order for equal keys
            long start = fileEnd;
            DataOutputStream out = writerAt(start);
            for (Object[] t : memtuples) DatumCodec.write(out, t);
            out.flush();
            fileEnd = channel.size();
            runs.add(new long[] {start, memtuples.size()});
            memtuples = new ArrayList<>();
            availMem = allowedMem - memtupsize * SORTTUPLE_SIZE;
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    private long[] mergeIntoNewRun(List<long[]> group) throws IOException {
        Merger m = new Merger(group);
        long start = fileEnd, n = 0;
        DataOutputStream out = writerAt(start);
        Object[] t;
        while ((t = m.next()) != null) {
            DatumCodec.write(out, t);
            n++;
        }
        out.flush();
        fileEnd = channel.size();
        return new long[] {start, n};
    }

    private DataOutputStream writerAt(long pos) throws IOException {
        channel.position(pos);
        return new DataOutputStream(new BufferedOutputStream(new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) channel.write(buf);
            }
        }, BLCKSZ));
    }

    /** A reader of one run, with its own file position (a logical tape being read). */
    private final class RunReader {
        private final DataInputStream in;
        private long remaining;
        final int runNo;

        RunReader(long[] run, int runNo) {
            this.remaining = run[1];
            this.runNo = runNo;
            long[] pos = {run[0]};
            InputStream s = new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = channel.read(java.nio.ByteBuffer.wrap(b, off, len), pos[0]);
                    if (n > 0) pos[0] += n;
                    return n;
                }
            };
            this.in = new DataInputStream(new BufferedInputStream(s, BLCKSZ));
        }

        Object[] next() throws IOException {
            if (remaining == 0) return null;
            remaining--;
            try {
                return DatumCodec.read(in);
            } catch (EOFException e) {
                throw new IOException("unexpected end of sort temporary file", e);
            }
        }
    }

    /** mergeonerun: a heap of the runs' current tuples, ties broken by run number (stability). */
    private final class Merger {
        private record Head(Object[] tuple, RunReader from) {}

        private final PriorityQueue<Head> heap;

        Merger(List<long[]> group) throws IOException {
            heap = new PriorityQueue<>(Math.max(1, group.size()), (a, b) -> {
                int c = cmp.compare(a.tuple(), b.tuple());
                return c != 0 ? c : Integer.compare(a.from().runNo, b.from().runNo);
            });
            for (int i = 0; i < group.size(); i++) {
                RunReader r = new RunReader(group.get(i), i);
                Object[] t = r.next();
                if (t != null) heap.add(new Head(t, r));
            }
        }

        Object[] next() throws IOException {
            Head h = heap.poll();
            if (h == null) return null;
            Object[] t = h.from().next();
            if (t != null) heap.add(new Head(t, h.from()));
            return h.tuple();
        }
    }

    private static PgException ioError(IOException e) {
        return PgException.error("58030", "could not read or write temporary file: " + e.getMessage());
    }
}
