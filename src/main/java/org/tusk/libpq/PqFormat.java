package org.tusk.libpq;

import java.nio.charset.StandardCharsets;

/**
 * Building and reading protocol message bodies (PostgreSQL's pqformat.c).
 *
 * <p>{@link Builder} is pq_beginmessage, pq_sendint32 and friends, pq_endmessage: a message type byte, an int32
 * length that counts itself, and the body. {@link Reader} is pq_getmsg*: it reads a received
 * body and raises PostgreSQL's protocol-violation errors for malformed content.
 */
public final class PqFormat {
    private PqFormat() {}

    /** One outgoing message. Reusable after {@link #endMessage}. */
    public static final class Builder {
        /** Room for the type byte and the length word, filled in by {@link #endMessage}. */
        private static final int HEADER = 5;
        // A plain growable array: ByteArrayOutputStream's methods are synchronized, a monitor
        // enter and exit for each byte of every row sent.
        private byte[] buf = new byte[256];
        private int pos = HEADER;
        private char type;

        public Builder begin(char messageType) {
            pos = HEADER;
            type = messageType;
            return this;
        }

        private void ensure(int n) {
            if (pos + n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }

        public Builder int8(int v) {
            ensure(1);
            buf[pos++] = (byte) v;
            return this;
        }

        public Builder int16(int v) {
            ensure(2);
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) v;
            return this;
        }

        public Builder int32(int v) {
            ensure(4);
            buf[pos++] = (byte) (v >>> 24);
            buf[pos++] = (byte) (v >>> 16);
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) v;
            return this;
        }

        public Builder int64(long v) {
            int32((int) (v >>> 32));
            return int32((int) v);
        }

        /** A NUL-terminated string (pq_sendstring). */
        public Builder string(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
            return int8(0);
        }

        public Builder bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
            return this;
        }

        /** Type byte, length, body: the wire form of the message. */
        public byte[] endMessage() {
            int len = pos - 1;
            buf[0] = (byte) type;
            buf[1] = (byte) (len >>> 24);
            buf[2] = (byte) (len >>> 16);
            buf[3] = (byte) (len >>> 8);
            buf[4] = (byte) len;
            return java.util.Arrays.copyOf(buf, pos);
        }
    }

    /** Reads one received message body. */
    public static final class Reader {
        private final byte[] b;
        private int pos;

        public Reader(byte[] body) {
            this.b = body;
        }

        public int remaining() {
            return b.length - pos;
        }

        private void need(int n) {
            if (n < 0 || pos + n > b.length) throw PqComm.protocolViolationError("insufficient data left in message");
        }

        public int int8() {
            need(1);
            return b[pos++] & 0xff;
        }

        public int int16() {
            need(2);
            int v = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
            pos += 2;
            return (short) v;
        }

        public int int32() {
            need(4);
            int v = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        public byte[] bytes(int n) {
            need(n);
            byte[] out = new byte[n];
            System.arraycopy(b, pos, out, 0, n);
            pos += n;
            return out;
        }

        /** A NUL-terminated string (pq_getmsgstring). */
        public String string() {
            int end = pos;
            while (end < b.length && b[end] != 0) end++;
            if (end >= b.length) throw PqComm.protocolViolationError("invalid string in message");
            String s = new String(b, pos, end - pos, StandardCharsets.UTF_8);
            pos = end + 1;
            return s;
        }

        /** pq_getmsgend: the message must be fully consumed. */
        public void end() {
            if (pos != b.length) throw PqComm.protocolViolationError("invalid message format");
        }
    }
}
