package org.tusk.libpq;

import java.io.ByteArrayOutputStream;
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
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        private char type;

        public Builder begin(char messageType) {
            buf.reset();
            type = messageType;
            return this;
        }

        public Builder int8(int v) {
            buf.write(v);
            return this;
        }

        public Builder int16(int v) {
            buf.write(v >>> 8);
            buf.write(v);
            return this;
        }

        public Builder int32(int v) {
            buf.write(v >>> 24);
            buf.write(v >>> 16);
            buf.write(v >>> 8);
            buf.write(v);
            return this;
        }

        public Builder int64(long v) {
            int32((int) (v >>> 32));
            return int32((int) v);
        }

        /** A NUL-terminated string (pq_sendstring). */
        public Builder string(String s) {
            buf.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            buf.write(0);
            return this;
        }

        public Builder bytes(byte[] b) {
            buf.writeBytes(b);
            return this;
        }

        /** Type byte, length, body: the wire form of the message. */
        public byte[] endMessage() {
            byte[] body = buf.toByteArray();
            byte[] msg = new byte[5 + body.length];
            msg[0] = (byte) type;
            int len = body.length + 4;
            msg[1] = (byte) (len >>> 24);
            msg[2] = (byte) (len >>> 16);
            msg[3] = (byte) (len >>> 8);
            msg[4] = (byte) len;
            System.arraycopy(body, 0, msg, 5, body.length);
            return msg;
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
