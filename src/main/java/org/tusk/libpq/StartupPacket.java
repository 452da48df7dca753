package org.tusk.libpq;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a client's first packet (PostgreSQL's ProcessStartupPacket): an SSL or GSSAPI
 * encryption request, a cancel request, or the startup message proper.
 *
 * <p>The backend that was handed the connection reads it, under {@code authentication_timeout}.
 * The postmaster only checks the first packet of a connection it refuses (postmaster's
 * DeadEndConnections), with {@link #parseStartup}, so that its answer is the one a backend's would be. Malformed packets are reported to the server log only
 * (PostgreSQL's COMMERROR: the client may not even speak the protocol) and end this process,
 * touching nothing shared.
 */
public final class StartupPacket {
    public static final int CANCEL_REQUEST_CODE = (1234 << 16) | 5678;
    public static final int NEGOTIATE_SSL_CODE = (1234 << 16) | 5679;
    public static final int NEGOTIATE_GSS_CODE = (1234 << 16) | 5680;
    public static final int MAX_STARTUP_PACKET_LENGTH = 10000;
    public static final int PROTOCOL_MAJOR = 3, PROTOCOL_LATEST_MINOR = 0;

    /** What the client sent. */
    public sealed interface Result permits Startup, Cancel {}

    /** A cancel request: the target backend's pid and secret key. */
    public record Cancel(int pid, int key) implements Result {}

    /** A startup message, recorded in the {@link Port}. */
    public record Startup() implements Result {}

    /** A packet that is not the protocol at all: logged, never answered. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private StartupPacket() {}

    /**
     * Reads packets until a startup message or cancel request arrives, answering encryption
     * requests with 'N' (no TLS or GSSAPI yet) on the way.
     */
    public static Result read(Port port, long timeoutMs) {
        PqComm comm = port.comm();
        boolean sslDone = false, gssDone = false;
        while (true) {
            int len = comm.readInt32(timeoutMs);
            if (len < 8 || len > MAX_STARTUP_PACKET_LENGTH) throw new Invalid("invalid length of startup packet");
            byte[] body = comm.readBytes(len - 4, timeoutMs);
            int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
            if (code == CANCEL_REQUEST_CODE) {
                if (len != 16) throw new Invalid("invalid length of cancel request packet");
                PqFormat.Reader r = new PqFormat.Reader(body);
                r.int32();
                return new Cancel(r.int32(), r.int32());
            }
            if (code == NEGOTIATE_SSL_CODE || code == NEGOTIATE_GSS_CODE) {
                if (code == NEGOTIATE_SSL_CODE ? sslDone : gssDone) {
                    throw new Invalid(code == NEGOTIATE_SSL_CODE ? "received unencrypted data after SSL request"
                            : "received unencrypted data after GSSAPI encryption request");
                }
                if (code == NEGOTIATE_SSL_CODE) sslDone = true; else gssDone = true;
                comm.write(new byte[] {'N'});
                comm.flush();
                continue;
            }
            applyStartup(port, code, body);
            return new Startup();
        }
    }

    /**
     * A startup message's contents, validated as ProcessStartupPacket validates them: the protocol
     * version, the layout, a user name.
     */
    public record StartupMessage(int minor, String user, String database, String applicationName,
                                 List<String[]> parameters, List<String> unrecognizedProtocolOptions) {}

    private static void applyStartup(Port port, int version, byte[] body) {
        StartupMessage m = parseStartup(version, body);
        for (String[] p : m.parameters()) port.addStartupParameter(p[0], p[1]);
        port.setStartupValues(m.minor(), m.user(), m.database(), m.applicationName());
        if (m.minor() > PROTOCOL_LATEST_MINOR || !m.unrecognizedProtocolOptions().isEmpty()) {
            new BackendMessages(port.comm()).negotiateProtocolVersion(
                    (PROTOCOL_MAJOR << 16) | Math.min(m.minor(), PROTOCOL_LATEST_MINOR), m.unrecognizedProtocolOptions());
        }
    }

    /**
     * Parses the body of a startup message (after its length word) whose first word is
     * {@code version}; throws the FATAL error PostgreSQL sends for an unsupported protocol, a bad
     * layout or a missing user name.
     */
    public static StartupMessage parseStartup(int version, byte[] body) {
        int major = version >>> 16, minor = version & 0xffff;
        if (major != PROTOCOL_MAJOR) {
            throw new PgException(Severity.FATAL, SqlState.FEATURE_NOT_SUPPORTED,
                    "unsupported frontend protocol " + major + "." + minor + ": server supports 3.0 to 3."
                            + PROTOCOL_LATEST_MINOR, null, null, 0);
        }
        String user = null, database = null, appName = null;
        List<String> unrecognizedProtocolOptions = new ArrayList<>();
        List<String[]> parameters = new ArrayList<>();
        int pos = 4;
        while (pos < body.length) {
            String name = cstring(body, pos);
            pos += utf8Length(name) + 1;
            if (name.isEmpty()) break;
            if (pos >= body.length) throw invalidLayout();
            String value = cstring(body, pos);
            pos += utf8Length(value) + 1;
            switch (name) {
                case "user" -> user = value;
                case "database" -> database = value;
                case "replication" -> {
                    if (!value.equalsIgnoreCase("false") && !value.equals("0") && !value.equalsIgnoreCase("off")) {
                        throw new PgException(Severity.FATAL, SqlState.FEATURE_NOT_SUPPORTED,
                                "replication connections are not supported", null, null, 0);
                    }
                }
                default -> {
                    if (name.startsWith("_pq_.")) {
                        unrecognizedProtocolOptions.add(name);
                    } else {
                        if (name.equals("application_name")) appName = value;
                        parameters.add(new String[] {name, value});
                    }
                }
            }
        }
        if (pos != body.length) throw invalidLayout();
        if (user == null || user.isEmpty()) {
            throw new PgException(Severity.FATAL, SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet", null, null, 0);
        }
        if (database == null || database.isEmpty()) database = user;
        // Names longer than NAMEDATALEN-1 bytes are truncated, as PostgreSQL does.
        return new StartupMessage(minor, truncateName(user), truncateName(database), appName == null ? "" : appName,
                parameters, unrecognizedProtocolOptions);
    }

    private static PgException invalidLayout() {
        return new PgException(Severity.FATAL, SqlState.PROTOCOL_VIOLATION,
                "invalid startup packet layout: expected terminator as last byte", null, null, 0);
    }

    private static String truncateName(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < 64) return s;
        int n = 63;
        while (n > 0 && (b[n] & 0xC0) == 0x80) n--;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    private static String cstring(byte[] b, int from) {
        int end = from;
        while (end < b.length && b[end] != 0) end++;
        if (end >= b.length) throw invalidLayout();
        return new String(b, from, end - from, StandardCharsets.UTF_8);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
