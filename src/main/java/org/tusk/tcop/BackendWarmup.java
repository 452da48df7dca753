package org.tusk.tcop;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.libpq.BackendMessages;
import org.tusk.libpq.ClientAuthentication;
import org.tusk.libpq.HbaConnType;
import org.tusk.libpq.HbaFile;
import org.tusk.libpq.MockAuthenticationNonce;
import org.tusk.libpq.Port;
import org.tusk.libpq.PqComm;
import org.tusk.libpq.StartupPacket;
import org.tusk.port.Libc;
import org.tusk.port.Sockets;
import org.tusk.utils.error.PgException;
import org.tusk.utils.init.ChildEnvironment;
import org.tusk.utils.misc.GucSettings;
import org.tusk.utils.misc.SessionServices;
import org.tusk.utils.misc.StartupOptions;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a spare does before it reports ready, so that its first client does not pay for it: in a
 * fresh JVM the first call of each native binding, the first use of each class and the first run of
 * each code path cost milliseconds. The spare runs the first session's paths once, on private
 * objects: the hand-off (SCM_RIGHTS, recvmsg), a startup packet read through {@link PqComm} from
 * a socketpair, pg_hba.conf and the role catalog, a throw-away copy of the settings, a query
 * through parser, planner and executor, and the messages of a reply. Nothing shared is touched and
 * nothing it creates is kept.
 */
final class BackendWarmup {
    private BackendWarmup() {}

    static void run(ChildEnvironment env) {
        int[] pair = Sockets.socketPair();
        int[] carried = Sockets.socketPair();
        try {
            Sockets.sendWithFd(pair[0], new byte[] {1, 2, 3, 4}, carried[0]);
            Libc.close(Sockets.receiveWithFd(pair[1], 64).fd());
            Sockets.peer(carried[1]);

            // A startup packet, read as a backend reads it.
            PqComm client = new PqComm(pair[0], -1);
            client.write(startupPacket());
            client.flush();
            Port port = new Port(new PqComm(pair[1], -1), new Sockets.PeerAddress(InetAddress.getLoopbackAddress(), 1));
            StartupPacket.read(port, 1000);

            // Authentication's inputs, and a session's settings (on a copy).
            HbaFile.load(env.dataDir().resolve("pg_hba.conf")).match(HbaConnType.HOST, "postgres", "postgres",
                    InetAddress.getLoopbackAddress());
            BootstrapCatalog.load(env.dataDir()).role("postgres");
            new ClientAuthentication(MockAuthenticationNonce.loadOrCreate(
                    env.dataDir().resolve("global").resolve("mock_authentication_nonce")));
            new SecureRandom().nextInt();
            GucSettings copy = GucSettings.forBackend();
            copy.importNonDefault(env.gucs().exportNonDefault());
            StartupOptions.applyStartupPacket(copy, port.startupParameters(), true);
            Map<String, String> reported = copy.beginReporting();

            // A query, and the messages of its reply.
            String query = "SELECT 1 AS x, 'a' || 'b', now() > '2000-01-01', 2.5 * 2";
            PreparedStatement ps = Engine.prepare(Engine.parse(query).get(0), query,
                    (schema, name) -> null, new WarmupSession(copy));
            BackendMessages out = new BackendMessages(client);
            for (Map.Entry<String, String> e : reported.entrySet()) out.parameterStatus(e.getKey(), e.getValue());
            out.rowDescription(DestRemote.columns(ps.columns(), null));
            DestRemote dest = new DestRemote(out, ps.columns(), null);
            for (Iterator<String[]> rows = ps.execute(); rows.hasNext(); ) dest.send(rows.next());
            out.commandComplete(ps.commandTag());
            out.report(PgException.error("42601", "syntax error at or near \"x\""));
            out.readyForQuery('I');
            out.flush();
        } catch (RuntimeException e) {
            // A failed warm-up costs only speed; the real session reports real errors.
            env.log().report(org.tusk.utils.error.Severity.DEBUG, null, "spare warm-up failed: " + e, null, null);
        } finally {
            Libc.close(pair[0]);
            Libc.close(pair[1]);
            Libc.close(carried[0]);
            Libc.close(carried[1]);
        }
    }

    private static byte[] startupPacket() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String s : new String[] {"user", "postgres", "database", "postgres", "application_name", "warmup",
                "client_encoding", "UTF8", "DateStyle", "ISO"}) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        byte[] b = body.toByteArray();
        return ByteBuffer.allocate(8 + b.length).putInt(8 + b.length).putInt(3 << 16).put(b).array();
    }

    /** Answers the engine's questions during the warm-up query from the copied settings. */
    private record WarmupSession(GucSettings gucs) implements SessionServices {
        @Override public int backendPid() { return (int) ProcessHandle.current().pid(); }
        @Override public String currentUser() { return "postgres"; }
        @Override public String sessionUser() { return "postgres"; }
        @Override public String currentDatabase() { return "postgres"; }
        @Override public void sleep(double seconds) { }
        @Override public boolean terminateBackend(int pid, long timeoutMs) { return false; }
        @Override public boolean cancelBackend(int pid) { return false; }
        @Override public String showSetting(String name) { return gucs.show(name); }
        @Override public void setSetting(String name, String value, boolean isLocal) { gucs.setFromSql(name, value, isLocal, true); }
        @Override public void resetSetting(String name) { gucs.setFromSql(name, null, false, true); }
        @Override public List<SettingRow> allSettings() { return List.of(); }
        @Override public Instant statementStart() { return Instant.now(); }
        @Override public Instant transactionStart() { return Instant.now(); }
        @Override public Instant postmasterStart() { return Instant.now(); }
        @Override public InetAddress clientAddr() { return null; }
        @Override public int clientPort() { return -1; }
        @Override public void checkForInterrupts() { }
    }
}
