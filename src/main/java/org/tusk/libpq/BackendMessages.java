package org.tusk.libpq;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;

import java.util.List;

/**
 * The messages a backend sends (protocol 3.0, "Message Formats" in PostgreSQL's documentation):
 * PostgreSQL builds them in elog.c (ErrorResponse, NoticeResponse), printtup.c (RowDescription,
 * DataRow), dest.c (CommandComplete, ReadyForQuery) and auth.c; here they are one vocabulary on
 * top of {@link PqComm}.
 */
public final class BackendMessages {
    private final PqComm comm;
    private final PqFormat.Builder b = new PqFormat.Builder();

    public BackendMessages(PqComm comm) {
        this.comm = comm;
    }

    public PqComm comm() {
        return comm;
    }

    private void send() {
        comm.write(b.endMessage());
    }

    public void authenticationRequest(int code, byte[] payload) {
        b.begin('R').int32(code);
        if (payload != null) b.bytes(payload);
        send();
    }

    public void parameterStatus(String name, String value) {
        b.begin('S').string(name).string(value);
        send();
    }

    public void backendKeyData(int pid, int key) {
        b.begin('K').int32(pid).int32(key);
        send();
    }

    /** ReadyForQuery with the transaction status: 'I' idle, 'T' in a block, 'E' in a failed block. */
    public void readyForQuery(char txStatus) {
        b.begin('Z').int8(txStatus);
        send();
    }

    /**
     * NegotiateProtocolVersion: the newest protocol version we support for the client's major
     * version (the full major.minor word, as PostgreSQL sends it) and the options we did not recognize.
     */
    public void negotiateProtocolVersion(int newestVersion, List<String> unrecognized) {
        b.begin('v').int32(newestVersion).int32(unrecognized.size());
        for (String o : unrecognized) b.string(o);
        send();
    }

    /** ErrorResponse ('E') or NoticeResponse ('N'), with the fields PostgreSQL fills. */
    public void report(PgException e) {
        report(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), e.position(), e.context(), e.objects());
    }

    public void report(Severity severity, String sqlState, String message, String detail, String hint, int position) {
        report(severity, sqlState, message, detail, hint, position, null, PgException.ErrorObjects.NONE);
    }

    /** ErrorResponse / NoticeResponse with fields in the order PostgreSQL's send_message_to_frontend uses. */
    public void report(Severity severity, String sqlState, String message, String detail, String hint, int position,
                       String context, PgException.ErrorObjects objects) {
        writeReport(b, severity, sqlState, message, detail, hint, position, context, objects);
        send();
        // send_message_to_frontend flushes every error and notice at once, so that a client sees
        // a long statement's notices as they come, and sees the error even if the backend dies next.
        comm.flush();
    }

    /** The bytes of one ErrorResponse, for a process that answers a client without a PqComm (the postmaster). */
    public static byte[] errorResponse(PgException e) {
        PqFormat.Builder b = new PqFormat.Builder();
        writeReport(b, e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), e.position(), e.context(), e.objects());
        return b.endMessage();
    }

    private static void writeReport(PqFormat.Builder b, Severity severity, String sqlState, String message, String detail,
                                    String hint, int position, String context, PgException.ErrorObjects objects) {
        boolean isError = severity.ordinal() >= Severity.ERROR.ordinal();
        b.begin(isError ? 'E' : 'N');
        b.int8('S').string(severity.wireName());
        b.int8('V').string(severity.wireName());
        b.int8('C').string(sqlState);
        b.int8('M').string(message);
        if (detail != null) b.int8('D').string(detail);
        if (hint != null) b.int8('H').string(hint);
        if (position > 0) b.int8('P').string(Integer.toString(position));
        if (context != null) b.int8('W').string(context);
        if (objects.schema() != null) b.int8('s').string(objects.schema());
        if (objects.table() != null) b.int8('t').string(objects.table());
        if (objects.column() != null) b.int8('c').string(objects.column());
        if (objects.dataType() != null) b.int8('d').string(objects.dataType());
        if (objects.constraint() != null) b.int8('n').string(objects.constraint());
        b.int8(0);
    }

    /** One column of a RowDescription. */
    public record Column(String name, int tableOid, int attnum, int typeOid, int typlen, int typmod, int format) {}

    public void rowDescription(List<Column> cols) {
        b.begin('T').int16(cols.size());
        for (Column c : cols) {
            b.string(c.name()).int32(c.tableOid()).int16(c.attnum()).int32(c.typeOid()).int16(c.typlen())
                    .int32(c.typmod()).int16(c.format());
        }
        send();
    }

    /** DataRow: each value already encoded in its column's format; null for SQL NULL. */
    public void dataRow(byte[][] values) {
        b.begin('D').int16(values.length);
        for (byte[] v : values) {
            if (v == null) {
                b.int32(-1);
            } else {
                b.int32(v.length).bytes(v);
            }
        }
        send();
    }

    public void commandComplete(String tag) {
        if (holding) {
            heldTag = tag;
            return;
        }
        b.begin('C').string(tag);
        send();
    }

    /** Whether CommandComplete is held back ({@link #holdCommandComplete}), and the tag held. */
    private boolean holding;
    private String heldTag;

    /**
     * Holds the next CommandComplete back until {@link #releaseCommandComplete}: exec_simple_query
     * commits the implicit transaction of a Query's last statement (finish_xact_command) before
     * EndCommand, so an error at commit (a deferred constraint) is reported in its place.
     */
    public void holdCommandComplete() {
        holding = true;
        heldTag = null;
    }

    /** Sends the CommandComplete held back, if any, and stops holding. */
    public void releaseCommandComplete() {
        String tag = heldTag;
        dropHeldCommandComplete();
        if (tag != null) commandComplete(tag);
    }

    /** Forgets the CommandComplete held back (the statement or its commit failed). */
    public void dropHeldCommandComplete() {
        holding = false;
        heldTag = null;
    }

    /** NotificationResponse ('A'): the notifying process, the channel and the payload (NotifyMyFrontEnd). */
    public void notificationResponse(int pid, String channel, String payload) {
        b.begin('A').int32(pid).string(channel).string(payload);
        send();
    }

    public void emptyQueryResponse() {
        b.begin('I');
        send();
    }

    public void parseComplete() { b.begin('1'); send(); }
    public void bindComplete() { b.begin('2'); send(); }
    public void closeComplete() { b.begin('3'); send(); }
    public void noData() { b.begin('n'); send(); }
    public void portalSuspended() { b.begin('s'); send(); }

    public void parameterDescription(int[] typeOids) {
        b.begin('t').int16(typeOids.length);
        for (int t : typeOids) b.int32(t);
        send();
    }

    /** CopyInResponse ('G') / CopyOutResponse ('H'): overall format and one format code per column (0 text). */
    public void copyResponse(boolean in, int natts) {
        b.begin(in ? 'G' : 'H');
        b.int8(0).int16(natts);
        for (int i = 0; i < natts; i++) b.int16(0);
        send();
    }

    /** CopyData ('d'). */
    public void copyData(byte[] data) {
        b.begin('d');
        b.bytes(data);
        send();
    }

    /** CopyDone ('c'). */
    public void copyDone() {
        b.begin('c');
        send();
    }

    public void flush() {
        comm.flush();
    }
}
