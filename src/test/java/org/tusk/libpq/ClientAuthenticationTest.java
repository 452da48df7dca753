package org.tusk.libpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

class ClientAuthenticationTest {
    private static final ClientAuthentication AUTH = new ClientAuthentication(new byte[32]);

    private static HbaLine line(String text) {
        return HbaFile.parse(Path.of("pg_hba.conf"), text + "\n").lines().getFirst();
    }

    private static byte[] cstring(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void md5StoredFormAndChallenge() {
        assertEquals("md520c46e3762c864548e296b33c3406aa9", Md5Password.encrypt("pencil", "user"));
        assertEquals("md54376eb6913b38f9aaff38dc7cf19ca76",
                Md5Password.challengeResponse("md520c46e3762c864548e296b33c3406aa9", new byte[] {1, 2, 3, 4}));
        assertTrue(Md5Password.isMd5Hash("md520c46e3762c864548e296b33c3406aa9"));
        assertFalse(Md5Password.isMd5Hash("md520C46E3762C864548E296B33C3406AA9"));
        assertEquals(PasswordType.MD5, PasswordType.of("md520c46e3762c864548e296b33c3406aa9"));
        assertEquals(PasswordType.PLAINTEXT, PasswordType.of("md5short"));
    }

    @Test
    void md5MethodWithMd5Secret() {
        String stored = Md5Password.encrypt("pencil", "user");
        ScriptedChannel ch = new ScriptedChannel(req -> {
            assertEquals(AuthChannel.AUTH_REQ_MD5, req.code());
            assertEquals(4, req.payload().length);
            return cstring(Md5Password.clientResponse("pencil", "user", req.payload()));
        });
        AUTH.authenticate(ch, line("host all all all md5"), "user", "db", InetAddress.getLoopbackAddress(), false,
                stored, true);
        assertEquals(List.of(5), ch.codes());

        ScriptedChannel wrong = new ScriptedChannel(req -> cstring(Md5Password.clientResponse("pen", "user",
                req.payload())));
        AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                () -> AUTH.authenticate(wrong, line("host all all all md5"), "user", "db",
                        InetAddress.getLoopbackAddress(), false, stored, true));
        assertEquals(SqlState.INVALID_PASSWORD, e.sqlState());
        assertEquals("password authentication failed for user \"user\"", e.getMessage());
        assertEquals("Password does not match for user \"user\".\n"
                + "Connection matched pg_hba.conf line 1: \"host all all all md5\"", e.logDetail());
    }

    @Test
    void md5MethodWithScramSecretUsesScram() {
        String verifier = ScramSha256.buildVerifier("pw");
        ScriptedChannel ch = ScramSha256Test.scramClient("pw", "");
        AUTH.authenticate(ch, line("local all all md5"), "u", "db", null, true, verifier, true);
        assertEquals(List.of(10, 11, 12), ch.codes());
    }

    @Test
    void passwordMethodAgainstEachStoredForm() {
        HbaLine pw = line("local all all password");
        for (String stored : List.of(ScramSha256.buildVerifier("s3cret"), Md5Password.encrypt("s3cret", "u"), "s3cret")) {
            ScriptedChannel ok = new ScriptedChannel(req -> cstring("s3cret"));
            AUTH.authenticate(ok, pw, "u", "db", null, true, stored, true);
            assertEquals(List.of(3), ok.codes());
            assertEquals(0, ok.sent.getFirst().payload().length);

            ScriptedChannel bad = new ScriptedChannel(req -> cstring("S3cret"));
            AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                    () -> AUTH.authenticate(bad, pw, "u", "db", null, true, stored, true));
            assertEquals("password authentication failed for user \"u\"", e.getMessage());
            assertEquals(SqlState.INVALID_PASSWORD, e.sqlState());
        }
    }

    @Test
    void passwordMethodMissingRoleFailsAsPassword() {
        ScriptedChannel ch = new ScriptedChannel(req -> cstring("x"));
        AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                () -> AUTH.authenticate(ch, line("local all all password"), "nobody", "db", null, true, null, false));
        assertEquals(SqlState.INVALID_PASSWORD, e.sqlState());
        assertEquals("password authentication failed for user \"nobody\"", e.getMessage());
        assertTrue(e.logDetail().startsWith("Role \"nobody\" does not exist."));

        ScriptedChannel ch2 = new ScriptedChannel(req -> cstring("x"));
        AuthenticationFailedException e2 = assertThrows(AuthenticationFailedException.class,
                () -> AUTH.authenticate(ch2, line("local all all password"), "nopw", "db", null, true, null, true));
        assertTrue(e2.logDetail().startsWith("User \"nopw\" has no password assigned."));
    }

    @Test
    void passwordPacketChecks() {
        HbaLine pw = line("local all all password");
        PgException empty = assertThrows(PgException.class,
                () -> AUTH.authenticate(new ScriptedChannel(r -> cstring("")), pw, "u", "d", null, true, "x", true));
        assertEquals(SqlState.INVALID_PASSWORD, empty.sqlState());
        assertEquals("empty password returned by client", empty.getMessage());
        PgException size = assertThrows(PgException.class, () -> AUTH.authenticate(
                new ScriptedChannel(r -> "ab\0c\0".getBytes(StandardCharsets.US_ASCII)), pw, "u", "d", null, true,
                "x", true));
        assertEquals(SqlState.PROTOCOL_VIOLATION, size.sqlState());
        assertEquals("invalid password packet size", size.getMessage());
    }

    @Test
    void clientHangingUpIsNotAFailure() {
        assertThrows(ClientDisconnectedException.class, () -> AUTH.authenticate(new ScriptedChannel(r -> null),
                line("local all all password"), "u", "d", null, true, "x", true));
        assertThrows(ClientDisconnectedException.class, () -> AUTH.authenticate(new ScriptedChannel(r -> null),
                line("local all all scram-sha-256"), "u", "d", null, true, "x", true));
    }

    @Test
    void noEntryAndReject() throws Exception {
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        AuthenticationFailedException none = assertThrows(AuthenticationFailedException.class,
                () -> AUTH.authenticate(new ScriptedChannel(r -> null), null, "u", "d", v4, false, null, false));
        assertEquals(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, none.sqlState());
        assertEquals(Severity.FATAL, none.severity());
        assertEquals("no pg_hba.conf entry for host \"127.0.0.1\", user \"u\", database \"d\", no encryption",
                none.getMessage());

        AuthenticationFailedException local = assertThrows(AuthenticationFailedException.class,
                () -> AUTH.authenticate(new ScriptedChannel(r -> null), null, "u", "d", null, true, null, false));
        assertEquals("no pg_hba.conf entry for host \"[local]\", user \"u\", database \"d\", no encryption",
                local.getMessage());

        InetAddress v6 = InetAddress.getByName("::1");
        AuthenticationFailedException rej = assertThrows(AuthenticationFailedException.class,
                () -> AUTH.authenticate(new ScriptedChannel(r -> null), line("host all all all reject"), "u", "d", v6,
                        false, "x", true));
        assertEquals(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, rej.sqlState());
        assertEquals("pg_hba.conf rejects connection for host \"::1\", user \"u\", database \"d\", no encryption",
                rej.getMessage());
    }

    @Test
    void trustSendsNothing() {
        ScriptedChannel ch = new ScriptedChannel(r -> null);
        AUTH.authenticate(ch, line("local all all trust"), "u", "d", null, true, null, false);
        assertTrue(ch.sent.isEmpty());
    }

    @Test
    void saslInitialResponseDecoding() {
        SaslInitialResponse r = SaslInitialResponse.parse(ScramSha256Test.saslInitial("SCRAM-SHA-256", "n,,n=,r=x"));
        assertEquals("SCRAM-SHA-256", r.mechanism());
        assertEquals("n,,n=,r=x", new String(r.data(), StandardCharsets.US_ASCII));
        byte[] noData = {'M', 0, -1, -1, -1, -1};
        assertNull(SaslInitialResponse.parse(noData).data());
        PgException e = assertThrows(PgException.class,
                () -> SaslInitialResponse.parse(new byte[] {'M', 0, 0, 0, 0, 9, 'x'}));
        assertEquals("insufficient data left in message", e.getMessage());
    }

    @Test
    void numericHostFormatting() {
        assertEquals("::1", NumericHost.formatIpv6(HbaAddress.parseNumeric("0:0:0:0:0:0:0:1")));
        assertEquals("::ffff:1.2.3.4", NumericHost.formatIpv6(HbaAddress.parseNumeric("::ffff:1.2.3.4")));
        assertEquals("fe80::1:0:0:2", NumericHost.formatIpv6(HbaAddress.parseNumeric("fe80:0:0:0:1:0:0:2")));
        assertEquals("2001:db8::", NumericHost.formatIpv6(HbaAddress.parseNumeric("2001:db8::")));
        assertEquals("::", NumericHost.formatIpv6(new byte[16]));
    }
}
