package org.tusk.libpq;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * Runs the authentication method that pg_hba.conf chose for a new connection, as PostgreSQL's
 * {@code ClientAuthentication()} in auth.c, and fails with PostgreSQL's FATAL reports.
 *
 * <p>On return the client is authenticated; the caller then sends AuthenticationOk (code
 * {@link AuthChannel#AUTH_REQ_OK}) and goes on to check that the role exists and may log in,
 * which PostgreSQL also does after authentication (so that {@code trust} reports a missing role
 * as such).
 *
 * <p>For the password methods a missing role, or one without a password, fails exactly like a
 * wrong password, after a complete exchange (a mock one for SCRAM), so that a client cannot
 * probe for role names. The true reason is only in {@link AuthenticationFailedException#logDetail()}.
 */
public final class ClientAuthentication {
    private static final byte[] SASL_MECHANISMS =
            (ScramSha256.MECHANISM + "\0\0").getBytes(StandardCharsets.US_ASCII);

    private final byte[] mockAuthNonce;
    private final SecureRandom random;

    /**
     * @param mockAuthNonce the cluster-wide secret for mock SCRAM salts, the same in every backend;
     *                      see {@link MockAuthenticationNonce#loadOrCreate}
     */
    public ClientAuthentication(byte[] mockAuthNonce) {
        this(mockAuthNonce, new SecureRandom());
    }

    public ClientAuthentication(byte[] mockAuthNonce, SecureRandom random) {
        this.mockAuthNonce = mockAuthNonce.clone();
        this.random = random;
    }

    /**
     * Authenticates a connection.
     *
     * @param line         the pg_hba.conf line that matched, or null if none did
     * @param clientAddr   the client's address; null for local connections
     * @param storedSecret the role's {@code rolpassword}; null when the role does not exist or has
     *                     no password
     * @throws AuthenticationFailedException     (FATAL, 28000 or 28P01) if authentication fails
     * @throws PgException                       (FATAL) if the client breaks the protocol
     * @throws ClientDisconnectedException       if the client hung up instead of answering; end
     *                                           the backend quietly
     */
    public void authenticate(AuthChannel ch, HbaLine line, String user, String database, InetAddress clientAddr,
                             boolean isLocal, String storedSecret, boolean roleExists) {
        String host = isLocal ? NumericHost.format(null) : NumericHost.format(clientAddr);
        if (line == null) {
            // Implicit reject. Tusk has neither SSL nor GSSAPI, hence always "no encryption".
            throw new AuthenticationFailedException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no pg_hba.conf entry for host \"" + host + "\", user \"" + user + "\", database \""
                            + database + "\", no encryption", null);
        }
        String roleDetail = storedSecret != null ? null
                : roleExists ? "User \"" + user + "\" has no password assigned."
                : "Role \"" + user + "\" does not exist.";
        PasswordCheck.Result result = switch (line.authMethod()) {
            case REJECT -> throw new AuthenticationFailedException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "pg_hba.conf rejects connection for host \"" + host + "\", user \"" + user + "\", database \""
                            + database + "\", no encryption", null);
            case TRUST -> PasswordCheck.Result.OK;
            case PASSWORD -> checkPassword(ch, user, storedSecret, roleDetail);
            case MD5, SCRAM_SHA_256 -> checkChallenge(ch, line.authMethod(), user, storedSecret, roleDetail);
        };
        if (!result.ok()) {
            String matched = "Connection matched pg_hba.conf line " + line.lineNumber() + ": \"" + line.rawLine() + "\"";
            String logDetail = result.logDetail() == null ? matched : result.logDetail() + "\n" + matched;
            throw new AuthenticationFailedException(SqlState.INVALID_PASSWORD,
                    "password authentication failed for user \"" + user + "\"", logDetail);
        }
    }

    /** The {@code password} method: ask for the cleartext password. */
    private PasswordCheck.Result checkPassword(AuthChannel ch, String user, String storedSecret, String roleDetail) {
        ch.sendAuthenticationRequest(AuthChannel.AUTH_REQ_PASSWORD, new byte[0]);
        byte[] password = readPassword(ch);
        if (storedSecret == null) {
            return PasswordCheck.Result.fail(roleDetail);
        }
        return PasswordCheck.plain(user, storedSecret, password);
    }

    /**
     * The {@code md5} and {@code scram-sha-256} methods. An md5 line only uses the MD5 challenge
     * when the role really has an md5 hash; otherwise SCRAM runs, because an md5 challenge cannot
     * be answered from a SCRAM verifier. A role without a secret gets SCRAM too, the default
     * password_encryption, so that it blends in with genuine roles.
     */
    private PasswordCheck.Result checkChallenge(AuthChannel ch, HbaAuthMethod method, String user,
                                                String storedSecret, String roleDetail) {
        boolean md5Stored = storedSecret != null && PasswordType.of(storedSecret) == PasswordType.MD5;
        PasswordCheck.Result result = method == HbaAuthMethod.MD5 && md5Stored
                ? checkMd5(ch, user, storedSecret)
                : checkScram(ch, user, storedSecret);
        if (storedSecret == null) {
            return PasswordCheck.Result.fail(roleDetail);
        }
        return result;
    }

    private PasswordCheck.Result checkMd5(AuthChannel ch, String user, String storedSecret) {
        byte[] salt = new byte[4];
        random.nextBytes(salt);
        ch.sendAuthenticationRequest(AuthChannel.AUTH_REQ_MD5, salt);
        String response = new String(readPassword(ch), StandardCharsets.UTF_8);
        return PasswordCheck.md5(user, storedSecret, response, salt);
    }

    private PasswordCheck.Result checkScram(AuthChannel ch, String user, String storedSecret) {
        ch.sendAuthenticationRequest(AuthChannel.AUTH_REQ_SASL, SASL_MECHANISMS);
        ScramServerExchange exchange = null;
        ScramServerExchange.Step step;
        do {
            byte[] body = ch.readPasswordPacket();
            if (body == null) {
                throw new ClientDisconnectedException();
            }
            byte[] input;
            if (exchange == null) {
                // The first message is a SASLInitialResponse naming the mechanism; later ones are
                // bare SASLResponse payloads.
                SaslInitialResponse initial = SaslInitialResponse.parse(body);
                exchange = new ScramServerExchange(initial.mechanism(), user, storedSecret, mockAuthNonce, random);
                input = initial.data();
            } else {
                input = body;
            }
            step = exchange.exchange(input);
            if (step.status() == ScramServerExchange.Status.SUCCESS) {
                ch.sendAuthenticationRequest(AuthChannel.AUTH_REQ_SASL_FIN, step.output());
            } else if (step.status() == ScramServerExchange.Status.CONTINUE) {
                ch.sendAuthenticationRequest(AuthChannel.AUTH_REQ_SASL_CONT, step.output());
            }
        } while (step.status() == ScramServerExchange.Status.CONTINUE);
        return step.status() == ScramServerExchange.Status.SUCCESS
                ? PasswordCheck.Result.OK
                : PasswordCheck.Result.fail(exchange.logDetail());
    }

    /**
     * Reads a PasswordMessage: one NUL-terminated string filling the whole body, as
     * {@code recv_password_packet()} checks.
     */
    private static byte[] readPassword(AuthChannel ch) {
        byte[] body = ch.readPasswordPacket();
        if (body == null) {
            throw new ClientDisconnectedException();
        }
        int nul = 0;
        while (nul < body.length && body[nul] != 0) {
            nul++;
        }
        if (nul + 1 != body.length) {
            throw new PgException(Severity.FATAL, SqlState.PROTOCOL_VIOLATION, "invalid password packet size",
                    null, null, 0);
        }
        if (nul == 0) {
            // libpq never sends an empty password; other clients might, and it must not pass.
            throw new PgException(Severity.FATAL, SqlState.INVALID_PASSWORD, "empty password returned by client",
                    null, null, 0);
        }
        return java.util.Arrays.copyOf(body, nul);
    }
}
