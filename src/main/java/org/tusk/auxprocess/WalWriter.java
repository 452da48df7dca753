package org.tusk.auxprocess;

import org.tusk.access.transam.XLogHandle;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildEnvironment;

import java.io.IOException;

/**
 * The WAL writer (PostgreSQL's postmaster/walwriter.c): every {@code wal_writer_delay} it writes
 * and flushes the WAL that is complete, so that asynchronous commits become durable within a
 * bounded time and backends rarely have to write WAL buffers themselves.
 */
public final class WalWriter {
    private WalWriter() {}

    public static void run(ChildEnvironment env, int slot) {
        AuxLoop loop = AuxLoop.start(env, slot, BackendType.WAL_WRITER);
        XLogHandle xlog = new XLogHandle(env.shmem().xlogCtl(), env.dataDir(), env.gucs().getBool("fsync"),
                env.gucs().getEnum("wal_sync_method"), slot);
        while (!loop.handleInterrupts()) {
            try {
                if (xlog.ready()) xlog.get().backgroundFlush(false);
            } catch (IOException e) {
                env.log().report(org.tusk.utils.error.Severity.PANIC, null, "could not write WAL: " + e.getMessage(), null, null);
                org.tusk.port.Libc.exitNow(2);
            }
            loop.sleep(env.gucs().getInt("wal_writer_delay"));
        }
        env.procExit().exit(0);
    }
}
