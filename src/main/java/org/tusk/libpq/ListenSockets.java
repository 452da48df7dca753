package org.tusk.libpq;

import org.tusk.port.Errno;
import org.tusk.port.ErrnoException;
import org.tusk.port.Libc;
import org.tusk.port.Sockets;
import org.tusk.utils.error.ServerLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The postmaster's listening sockets (PostgreSQL's StreamServerPort in pqcomm.c): TCP for each
 * address of {@code listen_addresses}, and a Unix-domain socket {@code .s.PGSQL.PORT} in each
 * of {@code unix_socket_directories}, guarded by its {@code .lock} file.
 *
 * <p>All are non-blocking, so that the postmaster's accept loop never waits on a client.
 */
public final class ListenSockets implements AutoCloseable {
    private static final int BACKLOG = 1024;

    /** One listening socket and what it listens on, for log messages. */
    public record Listener(int fd, String description, boolean unix) {}

    private final List<Listener> listeners = new ArrayList<>();
    private final List<Path> socketFiles = new ArrayList<>();

    public List<Listener> listeners() {
        return listeners;
    }

    /** The addresses {@code listen_addresses} names: "*" is every address, "localhost" both loopbacks. */
    static List<InetAddress> resolve(String listenAddresses, ServerLog log) {
        Set<InetAddress> out = new LinkedHashSet<>();
        for (String raw : listenAddresses.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) continue;
            try {
                if (name.equals("*")) {
                    out.add(InetAddress.getByName("0.0.0.0"));
                    out.add(InetAddress.getByName("::"));
                } else {
                    for (InetAddress a : InetAddress.getAllByName(name)) out.add(a);
                }
            } catch (UnknownHostException e) {
                log.report(org.tusk.utils.error.Severity.WARNING, null,
                        "could not translate host name \"" + name + "\", service to address: Name or service not known",
                        null, null);
            }
        }
        return new ArrayList<>(out);
    }

    /** Opens TCP listeners; logs and skips an address that cannot be bound, as PostgreSQL does. */
    public void openTcp(String listenAddresses, int port, ServerLog log) {
        for (InetAddress addr : resolve(listenAddresses, log)) {
            boolean v6 = addr instanceof Inet6Address;
            String family = v6 ? "IPv6" : "IPv4";
            int fd = Sockets.socket(v6 ? Sockets.AF_INET6 : Sockets.AF_INET, Sockets.SOCK_STREAM | Sockets.SOCK_NONBLOCK);
            try {
                Sockets.setIntOption(fd, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1);
                if (v6) Sockets.setIntOption(fd, Sockets.IPPROTO_IPV6, Sockets.IPV6_V6ONLY, 1);
                Sockets.bindInet(fd, addr, port);
                Sockets.listen(fd, BACKLOG);
            } catch (ErrnoException e) {
                Libc.close(fd);
                log.report(org.tusk.utils.error.Severity.LOG, null,
                        "could not bind " + family + " address \"" + addr.getHostAddress() + "\": " + Errno.describe(e.errno()),
                        null, e.errno() == Errno.EADDRINUSE
                                ? "Is another postmaster already running on port " + port + "? If not, wait a few seconds and retry."
                                : null);
                continue;
            }
            String desc = family + " address \"" + addr.getHostAddress() + "\", port " + port;
            log.log("listening on " + desc);
            listeners.add(new Listener(fd, desc, false));
        }
    }

    /**
     * Opens the Unix-domain socket in {@code dir}. The lock file is created first and refuses if a
     * live process holds it; a stale socket file is then replaced.
     */
    public void openUnix(Path dir, int port, String lockFileContents, ServerLog log) {
        Path sock = dir.resolve(".s.PGSQL." + port);
        Path lock = dir.resolve(".s.PGSQL." + port + ".lock");
        LockFiles.create(lock, lockFileContents, "socket lock file");
        socketFiles.add(lock);
        int fd = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_STREAM | Sockets.SOCK_NONBLOCK);
        try {
            Files.deleteIfExists(sock);
            Sockets.bindUnix(fd, sock.toString());
            sock.toFile().setWritable(true, false);
            sock.toFile().setReadable(true, false);
            Sockets.listen(fd, BACKLOG);
        } catch (ErrnoException e) {
            Libc.close(fd);
            log.report(org.tusk.utils.error.Severity.LOG, null,
                    "could not bind Unix address \"" + sock + "\": " + Errno.describe(e.errno()), null, null);
            return;
        } catch (IOException e) {
            Libc.close(fd);
            throw new UncheckedIOException(e);
        }
        socketFiles.add(sock);
        log.log("listening on Unix socket \"" + sock + "\"");
        listeners.add(new Listener(fd, "Unix socket \"" + sock + "\"", true));
    }

    /** Closes every listener and removes the socket and lock files. */
    @Override
    public void close() {
        for (Listener l : listeners) Libc.close(l.fd());
        listeners.clear();
        for (Path p : socketFiles) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort at exit
            }
        }
        socketFiles.clear();
    }

    /** Closes the descriptors only (a shutting-down postmaster stops accepting but keeps its files until exit). */
    public void closeDescriptors() {
        for (Listener l : listeners) Libc.close(l.fd());
        listeners.clear();
    }
}
