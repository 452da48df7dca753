package org.tusk.libpq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

class ScramSha256Test {
    private static final byte[] MOCK_NONCE = new byte[MockAuthenticationNonce.LENGTH];

    // RFC 7677 section 3.
    private static final String RFC_SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
    private static final String RFC_CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String RFC_SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String RFC_SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String RFC_CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String RFC_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static String rfcVerifier() {
        return ScramSha256.buildVerifier("pencil".getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(RFC_SALT), 4096).toString();
    }

    private static ScramServerExchange rfcExchange(String storedSecret) {
        return new ScramServerExchange("SCRAM-SHA-256", "user", storedSecret, MOCK_NONCE, () -> RFC_SERVER_NONCE);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void rfc7677TestVector() {
        ScramServerExchange ex = rfcExchange(rfcVerifier());
        ScramServerExchange.Step first = ex.exchange(ascii(RFC_CLIENT_FIRST));
        assertEquals(ScramServerExchange.Status.CONTINUE, first.status());
        assertEquals(RFC_SERVER_FIRST, new String(first.output(), StandardCharsets.ISO_8859_1));

        ScramServerExchange.Step fin = ex.exchange(ascii(RFC_CLIENT_FINAL));
        assertEquals(ScramServerExchange.Status.SUCCESS, fin.status());
        assertEquals(RFC_SERVER_FINAL, new String(fin.output(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void rfcProofFailsAgainstAnotherPassword() {
        String other = ScramSha256.buildVerifier("pencil2".getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(RFC_SALT), 4096).toString();
        ScramServerExchange ex = rfcExchange(other);
        ex.exchange(ascii(RFC_CLIENT_FIRST));
        ScramServerExchange.Step fin = ex.exchange(ascii(RFC_CLIENT_FINAL));
        assertEquals(ScramServerExchange.Status.FAILURE, fin.status());
        assertNull(fin.output());
    }

    @Test
    void verifierHasPostgresFormat() {
        String v = ScramSha256.buildVerifier("secret");
        assertTrue(v.matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}="), v);
        ScramVerifier parsed = ScramVerifier.parse(v);
        assertEquals(4096, parsed.iterations());
        assertEquals(16, parsed.salt().length);
        assertEquals(v, parsed.toString());
        assertNotEquals(v, ScramSha256.buildVerifier("secret"), "salt must be random");
        assertTrue(ScramSha256.verifyPlainPassword(ascii("secret"), parsed));
        assertFalse(ScramSha256.verifyPlainPassword(ascii("Secret"), parsed));
    }

    @Test
    void rfcVerifierKeys() {
        // StoredKey and ServerKey for "pencil" with the RFC salt, as PostgreSQL would store them.
        ScramVerifier v = ScramVerifier.parse(rfcVerifier());
        assertEquals("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
                + "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", v.toString());
    }

    @Test
    void parseRejectsMalformedSecrets() {
        assertNull(ScramVerifier.parse("md5abc"));
        assertNull(ScramVerifier.parse("SCRAM-SHA-256$4096:c2FsdA==$short:short"));
        assertNull(ScramVerifier.parse("SCRAM-SHA-1$4096:c2FsdA==$" + "A".repeat(43) + "=:" + "A".repeat(43) + "="));
        assertNull(ScramVerifier.parse("SCRAM-SHA-256$x:c2FsdA==$" + "A".repeat(43) + "=:" + "A".repeat(43) + "="));
        assertEquals(PasswordType.SCRAM_SHA_256, PasswordType.of(rfcVerifier()));
        assertEquals(PasswordType.PLAINTEXT, PasswordType.of("SCRAM-SHA-256$oops"));
    }

    @Test
    void fullExchangeThroughClientAuthentication() throws Exception {
        String verifier = ScramSha256.buildVerifier("hunter2");
        TestScramClient client = new TestScramClient("hunter2", "fyko+d2lbbFgONRv9qkxdawL");
        ScriptedChannel ch = scramClient(client, "user");
        new ClientAuthentication(MOCK_NONCE).authenticate(ch, scramLine(), "alice", "db", null, true, verifier, true);
        assertEquals(java.util.List.of(10, 11, 12), ch.codes());
        client.checkServerFinal(new String(ch.sent.getLast().payload(), StandardCharsets.US_ASCII));
        assertEquals("SCRAM-SHA-256\0\0", new String(ch.sent.getFirst().payload(), StandardCharsets.US_ASCII));
    }

    @Test
    void wrongPasswordFailsWith28P01() {
        String verifier = ScramSha256.buildVerifier("hunter2");
        ScriptedChannel ch = scramClient("hunter3", "");
        AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                () -> new ClientAuthentication(MOCK_NONCE).authenticate(ch, scramLine(), "alice", "db", null, true,
                        verifier, true));
        assertEquals(SqlState.INVALID_PASSWORD, e.sqlState());
        assertEquals(Severity.FATAL, e.severity());
        assertEquals("password authentication failed for user \"alice\"", e.getMessage());
        assertNull(e.detail());
        assertEquals("Connection matched pg_hba.conf line 1: \"local all all scram-sha-256\"", e.logDetail());
        assertEquals(java.util.List.of(10, 11), ch.codes(), "no SASLFinal after a failed proof");
    }

    @Test
    void unknownUserGetsStableMockSaltAndFails() {
        byte[] nonce = new byte[MockAuthenticationNonce.LENGTH];
        nonce[0] = 42;
        String salt1 = saltOfMockExchange("ghost", nonce);
        String salt2 = saltOfMockExchange("ghost", nonce);
        assertEquals(salt1, salt2, "a nonexistent role must look like a real one: same salt every time");
        assertNotEquals(salt1, saltOfMockExchange("ghost2", nonce));
        assertEquals(Base64.getEncoder().encodeToString(ScramSha256.mockSalt("ghost", nonce)), salt1);

        ScriptedChannel ch = scramClient("whatever", "");
        AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                () -> new ClientAuthentication(nonce).authenticate(ch, scramLine(), "ghost", "db", null, true, null,
                        false));
        assertEquals(SqlState.INVALID_PASSWORD, e.sqlState());
        assertEquals("password authentication failed for user \"ghost\"", e.getMessage());
        assertTrue(e.logDetail().startsWith("Role \"ghost\" does not exist.\n"), e.logDetail());
        assertEquals(java.util.List.of(10, 11), ch.codes());
    }

    private static String saltOfMockExchange(String user, byte[] nonce) {
        ScramServerExchange ex = new ScramServerExchange("SCRAM-SHA-256", user, null, nonce, new SecureRandom());
        String first = new String(ex.exchange(ascii("n,,n=,r=abc")).output(), StandardCharsets.ISO_8859_1);
        assertTrue(first.endsWith(",i=4096"), first);
        return first.split(",")[1].substring(2);
    }

    @Test
    void md5SecretCannotDoScram() {
        ScramServerExchange ex = new ScramServerExchange("SCRAM-SHA-256", "u", Md5Password.encrypt("p", "u"),
                MOCK_NONCE, new SecureRandom());
        assertEquals("User \"u\" does not have a valid SCRAM secret.", ex.logDetail());
    }

    @Test
    void missingInitialResponseGetsEmptyChallenge() {
        ScramServerExchange ex = rfcExchange(rfcVerifier());
        ScramServerExchange.Step s = ex.exchange(null);
        assertEquals(ScramServerExchange.Status.CONTINUE, s.status());
        assertEquals(0, s.output().length);
        assertEquals(RFC_SERVER_FIRST, new String(ex.exchange(ascii(RFC_CLIENT_FIRST)).output(),
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void malformedMessages() {
        assertMalformed("malformed SCRAM message", "The message is empty.", "");
        assertMalformed("malformed SCRAM message", "Message length does not match input length.", "n,,n=\0");
        assertMalformed("malformed SCRAM message",
                "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes "
                        + "channel binding data.", "p=tls-server-end-point,,n=,r=x");
        assertMalformed("malformed SCRAM message", "Unexpected channel-binding flag \"'x'\".", "x,,n=,r=x");
        assertMalformed("malformed SCRAM message", "Comma expected, but found character \"'q'\".", "nq,n=,r=x");
        assertMalformed("malformed SCRAM message", "Expected attribute \"r\" but found \"0x00\".", "n,,n=");
        assertMalformed("malformed SCRAM message", "Expected character \"=\" for attribute \"n\".", "n,,nr");
        assertMalformed("non-printable characters in SCRAM nonce", null, "n,,n=,r=a\u0001b");

        PgException authz = assertThrows(PgException.class, () -> rfcExchange(null).exchange(ascii("n,a=x,n=,r=x")));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, authz.sqlState());
        assertEquals("client uses authorization identity, but it is not supported", authz.getMessage());
    }

    @Test
    void malformedFinalMessages() {
        assertFinalError("unexpected SCRAM channel-binding attribute in client-final-message", null,
                "c=eSws,r=x,p=AAAA");
        assertFinalError("invalid SCRAM response", "Nonce does not match.",
                "c=biws,r=rOprNGfwEbeRWgbNEkqOwrong,p=" + "A".repeat(43) + "=");
        assertFinalError("malformed SCRAM message", "Malformed proof in client-final-message.",
                "c=biws,r=x,p=AAAA");
        assertFinalError("malformed SCRAM message", "Garbage found at the end of client-final-message.",
                "c=biws,r=x,p=" + "A".repeat(43) + "=,x=1");
        assertFinalError("malformed SCRAM message", "Attribute expected, but found invalid character \"0x00\".",
                "c=biws,r=x");
    }

    @Test
    void invalidMechanismIsRejected() {
        PgException e = assertThrows(PgException.class, () -> new ScramServerExchange("SCRAM-SHA-256-PLUS", "u",
                null, MOCK_NONCE, new SecureRandom()));
        assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState());
        assertEquals("client selected an invalid SASL authentication mechanism", e.getMessage());
    }

    @Test
    void saslPrep() {
        // Soft hyphen is mapped to nothing, NBSP to a space, and NFKC folds the ligature.
        assertEquals("IX", SaslPrep.prepare("I\u00ADX".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a b", SaslPrep.prepare("a\u00A0b".getBytes(StandardCharsets.UTF_8)));
        assertEquals("fi", SaslPrep.prepare("\uFB01".getBytes(StandardCharsets.UTF_8)));
        // Prohibited (private use) and invalid UTF-8: no preparation, the raw bytes are used.
        assertNull(SaslPrep.prepare("a\uE000".getBytes(StandardCharsets.UTF_8)));
        byte[] latin1 = {(byte) 0xE9, 't', (byte) 0xE9};
        assertNull(SaslPrep.prepare(latin1));
        assertArrayEquals(latin1, SaslPrep.prepareOrKeep(latin1));
        // Mixed right-to-left and left-to-right text is refused.
        assertNull(SaslPrep.prepare("\u05D0a\u05D0".getBytes(StandardCharsets.UTF_8)));
        // A verifier made with the prepared form accepts both spellings.
        ScramVerifier v = ScramSha256.buildVerifier("I\u00ADX".getBytes(StandardCharsets.UTF_8), new byte[16], 4096);
        assertTrue(ScramSha256.verifyPlainPassword("IX".getBytes(StandardCharsets.UTF_8), v));
    }

    private static void assertMalformed(String message, String detail, String clientFirst) {
        PgException e = assertThrows(PgException.class, () -> rfcExchange(null).exchange(ascii(clientFirst)));
        assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState());
        assertEquals(message, e.getMessage());
        assertEquals(detail, e.detail());
    }

    private static void assertFinalError(String message, String detail, String clientFinal) {
        ScramServerExchange ex = rfcExchange(rfcVerifier());
        ex.exchange(ascii(RFC_CLIENT_FIRST));
        PgException e = assertThrows(PgException.class, () -> ex.exchange(ascii(clientFinal)));
        assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState());
        assertEquals(message, e.getMessage());
        assertEquals(detail, e.detail());
    }

    static HbaLine scramLine() {
        return HbaFile.parse(java.nio.file.Path.of("pg_hba.conf"), "local all all scram-sha-256\n").lines().getFirst();
    }

    /** A channel playing a SCRAM client that sends SASLInitialResponse then SASLResponse. */
    static ScriptedChannel scramClient(String password, String scramUser) {
        return scramClient(new TestScramClient(password, "fyko+d2lbbFgONRv9qkxdawL"), scramUser);
    }

    static ScriptedChannel scramClient(TestScramClient client, String scramUser) {
        return new ScriptedChannel(req -> {
            try {
                return switch (req.code()) {
                    case 10 -> saslInitial("SCRAM-SHA-256", client.clientFirst(scramUser));
                    case 11 -> client.clientFinal(new String(req.payload(), StandardCharsets.ISO_8859_1))
                            .getBytes(StandardCharsets.ISO_8859_1);
                    default -> throw new AssertionError("unexpected request " + req.code());
                };
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    static byte[] saslInitial(String mechanism, String data) {
        byte[] mech = mechanism.getBytes(StandardCharsets.US_ASCII);
        byte[] d = data.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(mech.length + 1 + 4 + d.length).put(mech).put((byte) 0).putInt(d.length).put(d)
                .array();
    }
}
