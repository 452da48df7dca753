package org.tusk.libpq;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * The server side of one SCRAM-SHA-256 exchange (PostgreSQL's {@code scram_init()} and
 * {@code scram_exchange()}), without channel binding since Tusk has no TLS.
 *
 * <pre>
 *   client-first   n,,n=,r=&lt;cnonce&gt;
 *   server-first   r=&lt;cnonce&gt;&lt;snonce&gt;,s=&lt;salt&gt;,i=&lt;iterations&gt;     (SASLContinue)
 *   client-final   c=biws,r=&lt;cnonce&gt;&lt;snonce&gt;,p=&lt;ClientProof&gt;
 *   server-final   v=&lt;ServerSignature&gt;                           (SASLFinal)
 * </pre>
 *
 * <p>The user name inside the SCRAM messages is ignored (libpq sends it empty); the name from the
 * startup packet counts. When the role has no usable SCRAM secret the exchange is "doomed": it
 * runs to the end with a mock salt and fails exactly like a wrong password, so that a client
 * cannot learn which roles exist. The proof is still computed in that case so the timing does
 * not differ either.
 *
 * <p>Errors in the client's messages are thrown as {@link PgException}s with PostgreSQL's texts;
 * PostgreSQL raises them as ERROR, which during authentication ends the connection, so they are
 * FATAL here.
 */
public final class ScramServerExchange {
    /** The result of one step, as PostgreSQL's PG_SASL_EXCHANGE_* codes. */
    public enum Status { CONTINUE, SUCCESS, FAILURE }

    /**
     * One step's outcome.
     *
     * @param output the message for the client (SASLContinue if CONTINUE, SASLFinal if SUCCESS),
     *               never present on FAILURE
     */
    public record Step(Status status, byte[] output) {}

    private enum State { INIT, SALT_SENT, FINISHED }

    private final Supplier<String> serverNonces;
    private final ScramVerifier verifier;
    private final boolean doomed;
    private final String logDetail;
    private State state = State.INIT;

    private char cbindFlag;
    private String clientFirstMessageBare;
    private String clientNonce;
    private String serverNonce;
    private String serverFirstMessage;

    /**
     * Starts an exchange.
     *
     * @param selectedMechanism the mechanism named in SASLInitialResponse
     * @param userName          the role name from the startup packet
     * @param storedSecret      {@code rolpassword}, or null if the role does not exist or has none
     * @param mockAuthNonce     the cluster's secret for mock salts; see {@link MockAuthenticationNonce}
     * @throws PgException if the client chose a mechanism that was not offered
     */
    public ScramServerExchange(String selectedMechanism, String userName, String storedSecret,
                               byte[] mockAuthNonce, SecureRandom random) {
        this(selectedMechanism, userName, storedSecret, mockAuthNonce, () -> randomNonce(random));
    }

    /** As the public constructor, with the server nonce supplied (tests replay RFC 7677's). */
    ScramServerExchange(String selectedMechanism, String userName, String storedSecret,
                        byte[] mockAuthNonce, Supplier<String> serverNonces) {
        // Only SCRAM-SHA-256 is offered; SCRAM-SHA-256-PLUS would need TLS channel binding.
        if (!ScramSha256.MECHANISM.equals(selectedMechanism)) {
            throw fatal(SqlState.PROTOCOL_VIOLATION, "client selected an invalid SASL authentication mechanism");
        }
        this.serverNonces = serverNonces;
        ScramVerifier parsed = null;
        String detail = null;
        if (storedSecret != null) {
            if (PasswordType.of(storedSecret) == PasswordType.SCRAM_SHA_256) {
                parsed = ScramVerifier.parse(storedSecret);
            } else {
                // An md5 hash cannot drive SCRAM. (PostgreSQL 15 never stores plain passwords.)
                detail = "User \"" + userName + "\" does not have a valid SCRAM secret.";
            }
        }
        this.logDetail = detail;
        this.doomed = parsed == null;
        this.verifier = parsed != null ? parsed
                : new ScramVerifier(ScramSha256.DEFAULT_ITERATIONS, ScramSha256.mockSalt(userName, mockAuthNonce),
                        new byte[ScramSha256.KEY_LENGTH], new byte[ScramSha256.KEY_LENGTH]);
    }

    /** Why the exchange failed, for the server log only; null when there is nothing to add. */
    public String logDetail() {
        return logDetail;
    }

    /**
     * Processes the next client message.
     *
     * @param input the message bytes; null only for a SASLInitialResponse without data (length -1)
     */
    public Step exchange(byte[] input) {
        if (input == null) {
            // No initial response: send an empty challenge, to which the client answers with its
            // client-first-message.
            if (state != State.INIT) {
                throw fatal(SqlState.INTERNAL_ERROR, "invalid SCRAM exchange state");
            }
            return new Step(Status.CONTINUE, new byte[0]);
        }
        if (input.length == 0) {
            throw ScramMessageReader.malformed("The message is empty.");
        }
        for (byte b : input) {
            if (b == 0) {
                throw ScramMessageReader.malformed("Message length does not match input length.");
            }
        }
        String text = new String(input, StandardCharsets.ISO_8859_1);
        switch (state) {
            case INIT -> {
                readClientFirstMessage(text);
                byte[] out = buildServerFirstMessage();
                state = State.SALT_SENT;
                return new Step(Status.CONTINUE, out);
            }
            case SALT_SENT -> {
                ClientFinal fin = readClientFinalMessage(text);
                if (!fin.nonce().equals(clientNonce + serverNonce)) {
                    throw new PgException(Severity.FATAL, SqlState.PROTOCOL_VIOLATION, "invalid SCRAM response",
                            "Nonce does not match.", null, 0);
                }
                // The proof is checked even when doomed, so that timing does not tell.
                boolean proofOk = verifyClientProof(fin);
                state = State.FINISHED;
                if (!proofOk || doomed) {
                    return new Step(Status.FAILURE, null);
                }
                return new Step(Status.SUCCESS, buildServerFinalMessage(fin));
            }
            default -> throw fatal(SqlState.INTERNAL_ERROR, "invalid SCRAM exchange state");
        }
    }

    private void readClientFirstMessage(String text) {
        ScramMessageReader r = new ScramMessageReader(text);
        cbindFlag = r.peek();
        switch (cbindFlag) {
            case 'n', 'y' -> {
                // 'y': the client could bind but thinks we cannot. True, since there is no TLS.
                r.advance();
                if (r.peek() != ',') {
                    throw ScramMessageReader.malformed(
                            "Comma expected, but found character \"" + ScramMessageReader.sanitize(r.peek()) + "\".");
                }
                r.advance();
            }
            case 'p' -> throw ScramMessageReader.malformed("The client selected SCRAM-SHA-256 without channel "
                    + "binding, but the SCRAM message includes channel binding data.");
            default -> throw ScramMessageReader.malformed(
                    "Unexpected channel-binding flag \"" + ScramMessageReader.sanitize(cbindFlag) + "\".");
        }
        if (r.peek() == 'a') {
            throw fatal(SqlState.FEATURE_NOT_SUPPORTED, "client uses authorization identity, but it is not supported");
        }
        if (r.peek() != ',') {
            throw ScramMessageReader.malformed("Unexpected attribute \"" + ScramMessageReader.sanitize(r.peek())
                    + "\" in client-first-message.");
        }
        r.advance();
        clientFirstMessageBare = r.rest();
        if (r.peek() == 'm') {
            throw fatal(SqlState.FEATURE_NOT_SUPPORTED, "client requires an unsupported SCRAM extension");
        }
        r.readAttrValue('n');
        clientNonce = r.readAttrValue('r');
        if (!ScramMessageReader.isPrintable(clientNonce)) {
            throw fatal(SqlState.PROTOCOL_VIOLATION, "non-printable characters in SCRAM nonce");
        }
        // Optional extensions: none are supported, so they are parsed and ignored.
        while (!r.atEnd()) {
            r.readAnyAttr();
        }
    }

    private byte[] buildServerFirstMessage() {
        serverNonce = serverNonces.get();
        serverFirstMessage = "r=" + clientNonce + serverNonce + ",s=" + verifier.saltBase64()
                + ",i=" + Integer.toUnsignedString(verifier.iterations());
        return serverFirstMessage.getBytes(StandardCharsets.ISO_8859_1);
    }

    private record ClientFinal(String withoutProof, String nonce, byte[] proof) {}

    private ClientFinal readClientFinalMessage(String text) {
        ScramMessageReader r = new ScramMessageReader(text);
        String channelBinding = r.readAttrValue('c');
        // Without channel binding, c= is the base64 of the gs2 header the client sent first:
        // "n,," is "biws" and "y,," is "eSws". (An authzid was refused earlier.)
        boolean cbindOk = (channelBinding.equals("biws") && cbindFlag == 'n')
                || (channelBinding.equals("eSws") && cbindFlag == 'y');
        if (!cbindOk) {
            throw fatal(SqlState.PROTOCOL_VIOLATION,
                    "unexpected SCRAM channel-binding attribute in client-final-message");
        }
        String nonce = r.readAttrValue('r');
        // Skip extensions up to the proof, which must be last.
        int proofStart;
        char attr;
        do {
            proofStart = r.position() - 1;
            attr = r.readAnyAttr();
        } while (attr != 'p');
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(r.lastValue());
        } catch (IllegalArgumentException e) {
            proof = null;
        }
        if (proof == null || proof.length != ScramSha256.KEY_LENGTH) {
            throw ScramMessageReader.malformed("Malformed proof in client-final-message.");
        }
        if (!r.atEnd()) {
            throw ScramMessageReader.malformed("Garbage found at the end of client-final-message.");
        }
        return new ClientFinal(text.substring(0, proofStart), nonce, proof);
    }

    /** AuthMessage = client-first-message-bare "," server-first-message "," client-final-without-proof. */
    private byte[] authMessage(ClientFinal fin) {
        return (clientFirstMessageBare + "," + serverFirstMessage + "," + fin.withoutProof())
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); it must hash to StoredKey. */
    private boolean verifyClientProof(ClientFinal fin) {
        byte[] signature = ScramSha256.hmac(verifier.storedKey(), authMessage(fin));
        byte[] clientKey = new byte[ScramSha256.KEY_LENGTH];
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] = (byte) (fin.proof()[i] ^ signature[i]);
        }
        return MessageDigest.isEqual(ScramSha256.storedKey(clientKey), verifier.storedKey());
    }

    private byte[] buildServerFinalMessage(ClientFinal fin) {
        byte[] serverSignature = ScramSha256.hmac(verifier.serverKey(), authMessage(fin));
        return ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.US_ASCII);
    }

    /** 18 random bytes in base64: printable, as RFC 5802 requires of a nonce, and easy to make. */
    private static String randomNonce(SecureRandom random) {
        byte[] raw = new byte[ScramSha256.RAW_NONCE_LENGTH];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static PgException fatal(String sqlState, String message) {
        return new PgException(Severity.FATAL, sqlState, message, null, null, 0);
    }
}
