package org.tusk.bin.initdb;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The frontend side of protocol 3.0 that initdb needs to run its SQL scripts: a startup packet
 * over a Unix-domain socket, trust authentication, and simple Query messages, each answered up
 * to ReadyForQuery. PostgreSQL's initdb pipes the scripts into a single-user backend instead;
 * Tusk has no single-user mode, so initdb talks to a private postmaster (see {@link PostBootstrap}).
 */
final class SimpleQueryClient implements AutoCloseable {
    private final SocketChannel channel;

    private SimpleQueryClient(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects to {@code socket} as {@code user} to {@code database} and waits for ReadyForQuery. */
    static SimpleQueryClient connect(Path socket, String user, String database) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        SimpleQueryClient c = new SimpleQueryClient(ch);
        byte[] params = ("user\0" + user + "\0database\0" + database + "\0\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + params.length);
        b.putInt(8 + params.length).putInt(196608).put(params).flip();
        c.write(b);
        c.untilReady();
        return c;
    }

    /** Runs one simple-protocol query string; an ErrorResponse becomes an IOException with its message. */
    void execute(String sql) throws IOException {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + text.length + 1);
        b.put((byte) 'Q').putInt(4 + text.length + 1).put(text).put((byte) 0).flip();
        write(b);
        untilReady();
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) channel.write(b);
    }

    /** Reads messages up to ReadyForQuery; remembers the first error and throws it there. */
    private void untilReady() throws IOException {
        String error = null;
        while (true) {
            ByteBuffer head = read(5);
            byte type = head.get();
            ByteBuffer body = read(head.getInt() - 4);
            switch (type) {
                case 'Z' -> {
                    if (error != null) throw new IOException(error);
                    return;
                }
                case 'E' -> {
                    if (error == null) error = errorText(body);
                }
                case 'R' -> {
                    if (body.getInt() != 0) throw new IOException("initdb's connection needs trust authentication");
                }
                default -> { } // notices, parameter status, results: initdb's scripts return nothing it uses
            }
        }
    }

    /** The severity, SQLSTATE and message fields of an ErrorResponse. */
    private static String errorText(ByteBuffer body) {
        StringBuilder sb = new StringBuilder();
        String code = "", message = "";
        while (body.hasRemaining()) {
            byte field = body.get();
            if (field == 0) break;
            int start = body.position();
            while (body.get() != 0) { }
            String value = new String(body.array(), start, body.position() - start - 1, StandardCharsets.UTF_8);
            if (field == 'C') code = value;
            else if (field == 'M') message = value;
        }
        return sb.append(message).append(" (SQLSTATE ").append(code).append(')').toString();
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) throw new IOException("the server closed the connection");
        }
        return b.flip();
    }

    @Override
    public void close() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(5);
        b.put((byte) 'X').putInt(4).flip();
        try {
            write(b);
        } finally {
            channel.close();
        }
    }
}
