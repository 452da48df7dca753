package org.tusk.main;

import org.tusk.libpq.PqComm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The frontend side of the AOT training session: just enough of libpq's protocol 3.0 to play
 * pgbench against a backend over a socketpair (startup packet, simple Query, and Parse, Bind,
 * Describe, Execute, Sync of the extended protocol). Every request is followed by reading the
 * replies up to ReadyForQuery; an ErrorResponse fails the training, since a training workload that
 * errors trains the error path instead of the one benchmarks take.
 */
final class AotTrainingClient {
    /** A read that takes longer than this means the backend is stuck: give up the training. */
    private static final long READ_TIMEOUT_MS = 60_000;

    private final PqComm comm;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    AotTrainingClient(int fd) {
        this.comm = new PqComm(fd, -1);
    }

    /** StartupMessage for {@code user} on {@code database}, then waits for ReadyForQuery. */
    void startup(String user, String database) throws IOException {
        body.reset();
        for (String s : new String[] {"user", user, "database", database, "application_name", "aot-train",
                "client_encoding", "UTF8"}) {
            cstring(s);
        }
        body.write(0);
        byte[] b = body.toByteArray();
        comm.write(ByteBuffer.allocate(8 + b.length).putInt(8 + b.length).putInt(3 << 16).put(b).array());
        awaitReady("startup");
    }

    /** A simple-protocol Query ('Q'): one round trip, as pgbench -M simple. */
    void query(String sql) throws IOException {
        body.reset();
        cstring(sql);
        message('Q');
        awaitReady(sql);
    }

    /** Parse ('P') of a named statement with untyped parameters, then Sync: pgbench -M prepared's first use. */
    void prepare(String name, String sql) throws IOException {
        parse(name, sql);
        sync();
        awaitReady(sql);
    }

    /** Bind, Execute, Sync of a prepared statement: each later use under pgbench -M prepared. */
    void executePrepared(String name, String... params) throws IOException {
        bind(name, params);
        execute();
        sync();
        awaitReady(name);
    }

    /** Parse, Bind, Describe, Execute, Sync of the unnamed statement: pgbench -M extended. */
    void executeExtended(String sql, String... params) throws IOException {
        parse("", sql);
        bind("", params);
        body.reset();
        body.write('P');
        cstring("");
        message('D');
        execute();
        sync();
        awaitReady(sql);
    }

    /** Terminate ('X'): the session ends cleanly. */
    void terminate() {
        body.reset();
        message('X');
        comm.flush();
    }

    private void parse(String name, String sql) {
        body.reset();
        cstring(name);
        cstring(sql);
        int16(0);
        message('P');
    }

    private void bind(String statement, String[] params) {
        body.reset();
        cstring("");
        cstring(statement);
        int16(0); // all parameters in text format
        int16(params.length);
        for (String p : params) {
            byte[] v = p.getBytes(StandardCharsets.UTF_8);
            int32(v.length);
            body.writeBytes(v);
        }
        int16(0); // all results in text format
        message('B');
    }

    private void execute() {
        body.reset();
        cstring("");
        int32(0);
        message('E');
    }

    private void sync() {
        body.reset();
        message('S');
    }

    /** Reads backend messages up to ReadyForQuery; fails on ErrorResponse. */
    private void awaitReady(String what) throws IOException {
        comm.flush();
        String error = null;
        while (true) {
            int type = comm.readByte(READ_TIMEOUT_MS);
            int len = comm.readInt32(READ_TIMEOUT_MS);
            byte[] payload = comm.readBytes(len - 4, READ_TIMEOUT_MS);
            if (type == 'E' && error == null) error = errorMessage(payload);
            if (type == 'Z') break;
        }
        if (error != null) throw new IOException("training statement failed: " + what + ": " + error);
    }

    /** The 'M' (message) field of an ErrorResponse. */
    private static String errorMessage(byte[] payload) {
        int i = 0;
        while (i < payload.length && payload[i] != 0) {
            byte code = payload[i++];
            int end = i;
            while (payload[end] != 0) end++;
            if (code == 'M') return new String(payload, i, end - i, StandardCharsets.UTF_8);
            i = end + 1;
        }
        return "(no message)";
    }

    private void message(char type) {
        byte[] b = body.toByteArray();
        comm.write(ByteBuffer.allocate(5 + b.length).put((byte) type).putInt(4 + b.length).put(b).array());
    }

    private void cstring(String s) {
        body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        body.write(0);
    }

    private void int16(int v) {
        body.write(v >>> 8);
        body.write(v);
    }

    private void int32(int v) {
        body.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
    }
}
