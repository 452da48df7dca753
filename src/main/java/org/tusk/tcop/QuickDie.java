package org.tusk.tcop;

import org.tusk.libpq.PqFormat;
import org.tusk.port.Libc;
import org.tusk.port.Signals;
import org.tusk.port.Sockets;
import org.tusk.storage.ipc.PMChildFlags;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.IntSupplier;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The handler for SIGQUICKDIE, Tusk's SIGQUIT (PostgreSQL's quickdie in postgres.c): the
 * postmaster orders every child to quit at once, because another process crashed and shared
 * memory may be corrupt, or because of an immediate shutdown.
 *
 * <p>The process must not run any cleanup that touches shared memory. It makes one best-effort,
 * non-blocking attempt to tell its client why (a FATAL message written straight to the socket,
 * as PostgreSQL does from its signal handler), then leaves with {@code _exit(2)}, skipping JVM
 * shutdown hooks.
 */
public final class QuickDie {
    private volatile int clientFd = -1;
    private final IntSupplier quitReason;

    /** @param quitReason reads the reason the postmaster recorded (PMChildFlags); 0 if unknown */
    public QuickDie(IntSupplier quitReason) {
        this.quitReason = quitReason;
    }

    public void install() {
        Signals.handle(Signals.SIGQUICKDIE, s -> die());
    }

    /** Once a client is connected, it is told why its session ends. */
    public void setClientFd(int fd) {
        this.clientFd = fd;
    }

    private void die() {
        int fd = clientFd;
        if (fd >= 0) {
            try {
                boolean stop = quitReason.getAsInt() == PMChildFlags.QUIT_FOR_STOP;
                PqFormat.Builder b = new PqFormat.Builder().begin('E');
                b.int8('S').string(Severity.FATAL.wireName()).int8('V').string(Severity.FATAL.wireName());
                if (stop) {
                    b.int8('C').string(SqlState.ADMIN_SHUTDOWN).int8('M').string("terminating connection due to immediate shutdown command");
                } else {
                    b.int8('C').string(SqlState.CRASH_SHUTDOWN)
                            .int8('M').string("terminating connection because of crash of another server process")
                            .int8('D').string("The postmaster has commanded this server process to roll back the current "
                                    + "transaction and exit, because another server process exited abnormally and "
                                    + "possibly corrupted shared memory.")
                            .int8('H').string("In a moment you should be able to reconnect to the database and repeat your command.");
                }
                b.int8(0);
                byte[] msg = b.endMessage();
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment buf = a.allocateFrom(JAVA_BYTE, msg);
                    Sockets.send(fd, buf, msg.length);
                }
            } catch (RuntimeException ignored) {
                // Best effort only: nothing may stop us from exiting.
            }
        }
        Libc.exitNow(2);
    }
}
