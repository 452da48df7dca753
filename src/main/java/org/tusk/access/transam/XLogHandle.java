package org.tusk.access.transam;

import java.nio.file.Path;

/**
 * A process's {@link XLog}, made on first use. Auxiliary processes start before the startup
 * process has initialized WAL insertion (PM_STARTUP), and a process's XLog can only be made after
 * that; nothing asks for it earlier than it can exist (there is no WAL to flush or write before).
 */
public final class XLogHandle {
    private final XLogCtl ctl;
    private final Path dataDir;
    private final boolean fsync;
    private final String walSyncMethod;
    private final int procNumber;
    private XLog xlog;

    public XLogHandle(XLogCtl ctl, Path dataDir, boolean fsync, String walSyncMethod, int procNumber) {
        this.ctl = ctl;
        this.dataDir = dataDir;
        this.fsync = fsync;
        this.walSyncMethod = walSyncMethod;
        this.procNumber = procNumber;
    }

    public boolean ready() {
        return ctl.isInitialized();
    }

    public synchronized XLog get() {
        if (xlog == null) xlog = XLog.forProcess(ctl, dataDir, fsync, walSyncMethod, procNumber);
        return xlog;
    }

    /** XLogFlush through the handle (for the buffer manager's WAL-before-data rule). */
    public void flush(long lsn) {
        get().flushUnchecked(lsn);
    }
}
