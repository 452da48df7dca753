package org.tusk.access.transam;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;

import static org.tusk.access.transam.XLogDefs.XLOG_BLCKSZ;

/**
 * Reads WAL pages from the segment files of one timeline (the page_read callback of PostgreSQL's
 * xlogreader, as in XLogPageRead / WALRead), keeping the current segment open. Failures become
 * {@link InvalidXLogRecordException}s with PostgreSQL's wording, because to a reader a missing or
 * short file is one more way for WAL to end.
 */
final class XLogSegmentReader implements AutoCloseable {
    private final XLogFiles files;
    private final int tli;
    private long openSegNo = -1;
    private FileChannel channel;

    XLogSegmentReader(XLogFiles files, int tli) {
        this.files = files;
        this.tli = tli;
    }

    /** Reads the page at {@code pageAddr} into {@code page} (XLOG_BLCKSZ bytes). */
    void readPage(long pageAddr, MemorySegment page) {
        WalSegmentSize segSize = files.segmentSize();
        long segNo = segSize.segmentNumber(pageAddr);
        String name = segSize.fileName(tli, segNo);
        int offset = segSize.segmentOffset(pageAddr);
        try {
            if (segNo != openSegNo) {
                close();
                try {
                    channel = files.openForRead(tli, segNo);
                } catch (NoSuchFileException e) {
                    throw new InvalidXLogRecordException("could not open file \"%s\": No such file or directory"
                            .formatted(files.directory().resolve(name)));
                }
                openSegNo = segNo;
            }
            ByteBuffer buf = page.asByteBuffer();
            while (buf.hasRemaining()) {
                int n = channel.read(buf, offset + buf.position());
                if (n < 0) {
                    throw new InvalidXLogRecordException("could not read from WAL segment %s, offset %d: read %d of %d"
                            .formatted(name, offset, buf.position(), XLOG_BLCKSZ));
                }
            }
        } catch (IOException e) {
            throw new InvalidXLogRecordException("could not read from WAL segment %s, offset %d: %s".formatted(name, offset, e.getMessage()));
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only: nothing can be lost
            }
        }
        channel = null;
        openSegNo = -1;
    }
}
