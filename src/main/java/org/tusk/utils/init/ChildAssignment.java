package org.tusk.utils.init;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.nio.ByteBuffer;

/**
 * What the postmaster tells a spare backend when it hands it a client connection (the part of
 * PostgreSQL's BackendParameters that varies per connection). Sent as one message over the
 * spare's control socket, with the client's socket attached by SCM_RIGHTS.
 *
 * @param type        {@link BackendType#BACKEND}, or {@link BackendType#DEAD_END_BACKEND} for a child
 *                    that must only tell the client why it cannot connect
 * @param slot        child slot (1-based), 0 for a dead-end child
 * @param cac         why a dead-end child refuses the connection (PostgreSQL's CAC_state)
 * @param acceptMicros when the postmaster accepted the connection, microseconds since the Unix epoch
 * @param cancelRequest for a dead-end child: the postmaster read a cancel request from this
 *                    connection, which the child passes on to the backend it names
 * @param cancelPid   that request's backend pid
 * @param cancelKey   that request's secret key
 */
public record ChildAssignment(BackendType type, int slot, CanAcceptConnections cac, long acceptMicros,
                              boolean cancelRequest, int cancelPid, int cancelKey) {

    public ChildAssignment(BackendType type, int slot, CanAcceptConnections cac, long acceptMicros) {
        this(type, slot, cac, acceptMicros, false, 0, 0);
    }

    /** A dead-end child that only passes on a cancel request the postmaster has read. */
    public static ChildAssignment cancelRequest(CanAcceptConnections cac, long acceptMicros, int pid, int key) {
        return new ChildAssignment(BackendType.DEAD_END_BACKEND, 0, cac, acceptMicros, true, pid, key);
    }

    /** PostgreSQL's CAC_state: whether and why connections are refused right now. */
    public enum CanAcceptConnections {
        OK, STARTUP, SHUTDOWN, RECOVERY, TOOMANY;

        /** The FATAL error a refused client gets (ProcessStartupPacket's CAC_state messages). */
        public PgException refusal() {
            return switch (this) {
                case STARTUP -> PgException.fatal(SqlState.CANNOT_CONNECT_NOW, "the database system is starting up");
                case RECOVERY -> PgException.fatal(SqlState.CANNOT_CONNECT_NOW, "the database system is in recovery mode");
                case SHUTDOWN -> PgException.fatal(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
                case TOOMANY, OK -> PgException.fatal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
            };
        }
    }

    private static final int SIZE = 4 + 4 + 4 + 8 + 4 + 4 + 4;

    public byte[] encode() {
        return ByteBuffer.allocate(SIZE).putInt(type.ordinal()).putInt(slot).putInt(cac.ordinal())
                .putLong(acceptMicros).putInt(cancelRequest ? 1 : 0).putInt(cancelPid).putInt(cancelKey).array();
    }

    public static ChildAssignment decode(byte[] b) {
        if (b.length != SIZE) throw new IllegalArgumentException("malformed child assignment of " + b.length + " bytes");
        ByteBuffer bb = ByteBuffer.wrap(b);
        return new ChildAssignment(BackendType.values()[bb.getInt()], bb.getInt(),
                CanAcceptConnections.values()[bb.getInt()], bb.getLong(), bb.getInt() != 0, bb.getInt(), bb.getInt());
    }
}
