package org.tusk.access.transam;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Where record placement finds the WAL page it writes into (PostgreSQL's GetXLogBuffer): the
 * single-process writer keeps one page in private memory; the shared WAL buffers will map a page
 * address to a slot of the ring in shared memory.
 */
@FunctionalInterface
public interface XLogPageBuffers {
    /**
     * The XLOG_BLCKSZ bytes of the page starting at {@code pageAddr}, already initialised with its
     * page header ({@link XLogPageHeader#initPage}) the first time it is handed out. Pages are asked
     * for in increasing address order while one record is copied.
     */
    MemorySegment page(long pageAddr) throws IOException;
}
