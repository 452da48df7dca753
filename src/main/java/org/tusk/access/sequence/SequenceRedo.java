package org.tusk.access.sequence;

import org.tusk.access.transam.DecodedXLogRecord;
import org.tusk.access.transam.RedoContext;
import org.tusk.access.transam.XLogUtils;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/** seq_redo (RM_SEQ_ID): the sequence page is rebuilt from the record's tuple. */
public final class SequenceRedo {
    private SequenceRedo() {}

    public static void redo(DecodedXLogRecord rec, RedoContext ctx) {
        if ((rec.info() & 0xF0) != Sequences.XLOG_SEQ_LOG) {
            throw new PgException(Severity.PANIC, SqlState.INTERNAL_ERROR, "seq_redo: unknown op code " + (rec.info() & 0xF0), null, null, 0);
        }
        XLogUtils.RedoBuffer rb = XLogUtils.readBufferForRedo(ctx, rec, 0);
        MemorySegment data = rec.mainData();
        byte[] tuple = data.asSlice(12).toArray(JAVA_BYTE);
        SequencePage.init(ctx.buffers().page(rb.buffer()), tuple);
        XLogUtils.finishRedo(ctx, rec, rb);
        XLogUtils.release(ctx, rb);
    }
}
