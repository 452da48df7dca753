package org.tusk.tcop;

import org.tusk.commands.CopySink;
import org.tusk.commands.CopySource;
import org.tusk.libpq.PqComm;
import org.tusk.libpq.PqFormat;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * The COPY sub-protocol of the frontend/backend protocol (PostgreSQL's copyfromparse.c
 * CopyGetData and copyto.c's CopySendEndOfRow for COPY_FRONTEND, pq_putmessage).
 *
 * <p>Copy-in: the backend sends CopyInResponse and flushes; the client sends CopyData messages
 * and ends with CopyDone, or CopyFail (an ERROR, 57014). Flush and Sync are ignored while copying,
 * any other message is a protocol violation (an ERROR). After an error the session loop ignores
 * the CopyData/CopyDone/CopyFail still arriving (and, in the extended protocol, everything up to
 * Sync). Copy-out: CopyOutResponse, one CopyData per row, CopyDone; the CommandComplete
 * ("COPY n") follows from the portal.
 */
final class CopyProtocol {
    private CopyProtocol() {}

    /** PQ_LARGE_MESSAGE_LIMIT, the bound on a CopyData message. */
    private static final int LARGE_MESSAGE_LIMIT = 0x3fffffff;

    static CopySource in(BackendContext ctx) {
        return new CopySource() {
            private boolean done;

            @Override
            public void start(int natts) {
                ctx.messages.copyResponse(true, natts);
                ctx.messages.flush();
            }

            @Override
            public byte[] read() {
                PqComm comm = ctx.port.comm();
                while (!done) {
                    int type;
                    try {
                        type = comm.readByte(-1);
                    } catch (PqComm.ClientGone e) {
                        throw new PgException(Severity.FATAL, SqlState.CONNECTION_FAILURE,
                                "unexpected EOF on client connection with an open transaction", null, null, 0);
                    }
                    int len = comm.readInt32(-1);
                    if (len < 4 || len > LARGE_MESSAGE_LIMIT) {
                        throw new PgException(Severity.FATAL, SqlState.PROTOCOL_VIOLATION, "invalid message length", null, null, 0);
                    }
                    byte[] body = comm.readBytes(len - 4, -1);
                    ctx.interrupts.check();
                    switch (type) {
                        case 'd' -> { return body; }
                        case 'c' -> done = true;
                        case 'f' -> {
                            done = true;
                            String msg = new PqFormat.Reader(body).string();
                            throw PgException.error(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + msg);
                        }
                        case 'H', 'S' -> { }
                        default -> {
                            done = true;
                            throw PgException.error(SqlState.PROTOCOL_VIOLATION,
                                    String.format("unexpected message type 0x%02X during COPY from stdin", type));
                        }
                    }
                }
                return null;
            }
        };
    }

    static CopySink out(BackendContext ctx) {
        return new CopySink() {
            @Override
            public void start(int natts) {
                ctx.messages.copyResponse(false, natts);
            }

            @Override
            public void write(byte[] row) {
                ctx.messages.copyData(row);
            }

            @Override
            public void end() {
                ctx.messages.copyDone();
            }
        };
    }
}
