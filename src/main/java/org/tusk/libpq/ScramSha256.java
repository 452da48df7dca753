package org.tusk.libpq;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM-SHA-256 computations of RFC 5802 / RFC 7677 that both verifier creation and the
 * server side of the exchange need (PostgreSQL's scram-common.c and the verifier functions of
 * auth-scram.c).
 *
 * <pre>
 *   SaltedPassword  = Hi(SASLprep(password), salt, iterations)     -- PBKDF2-HMAC-SHA-256
 *   ClientKey       = HMAC(SaltedPassword, "Client Key")
 *   StoredKey       = H(ClientKey)
 *   ServerKey       = HMAC(SaltedPassword, "Server Key")
 * </pre>
 *
 * <p>Hi is computed here rather than with the JDK's PBKDF2 because the JDK's version takes a
 * {@code char[]} password, while PostgreSQL hashes raw bytes whenever SASLprep does not apply.
 */
public final class ScramSha256 {
    private ScramSha256() {}

    /** The SASL mechanism name advertised in AuthenticationSASL. */
    public static final String MECHANISM = "SCRAM-SHA-256";
    /** PostgreSQL 15's fixed iteration count for new verifiers. */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** Bytes of random salt in a new verifier. */
    public static final int SALT_LENGTH = 16;
    /** Bytes of randomness in the server nonce (before base64). */
    public static final int RAW_NONCE_LENGTH = 18;
    /** SHA-256 output length. */
    public static final int KEY_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new verifier for {@code password} with a random salt and the default iteration count. */
    public static String buildVerifier(String password) {
        return buildVerifier(password.getBytes(StandardCharsets.UTF_8));
    }

    /** A new verifier for a password given as bytes (the client's encoding, ideally UTF-8). */
    public static String buildVerifier(byte[] password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return buildVerifier(password, salt, DEFAULT_ITERATIONS).toString();
    }

    /** A verifier with a given salt and iteration count (deterministic; for tests and tools). */
    public static ScramVerifier buildVerifier(byte[] password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(SaslPrep.prepareOrKeep(password), salt, iterations);
        return new ScramVerifier(iterations, salt, storedKey(clientKey(salted)), serverKey(salted));
    }

    /**
     * Checks a cleartext password against a verifier, as {@code scram_verify_plain_password()}:
     * recompute ServerKey with the verifier's salt and iterations and compare.
     */
    public static boolean verifyPlainPassword(byte[] password, ScramVerifier verifier) {
        byte[] salted = saltedPassword(SaslPrep.prepareOrKeep(password), verifier.salt(), verifier.iterations());
        return MessageDigest.isEqual(serverKey(salted), verifier.serverKey());
    }

    /** RFC 5802 Hi(): PBKDF2 with HMAC-SHA-256 and a single output block. */
    static byte[] saltedPassword(byte[] password, byte[] salt, int iterations) {
        Mac mac = hmacFor(password);
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int i = 2; i <= iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    static byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] serverKey(byte[] saltedPassword) {
        return hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] storedKey(byte[] clientKey) {
        return sha256(clientKey);
    }

    /** HMAC-SHA-256 of the concatenation of {@code parts}. */
    static byte[] hmac(byte[] key, byte[]... parts) {
        Mac mac = hmacFor(key);
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * The salt of the "mock" exchange for a role that does not exist or has no SCRAM secret: the
     * first {@link #SALT_LENGTH} bytes of SHA-256(username || cluster mock nonce), as
     * {@code scram_mock_salt()}. It is stable for a given name, like a real role's salt, so
     * repeated attempts cannot tell the two apart; the cluster-wide nonce keeps it unpredictable.
     */
    static byte[] mockSalt(String userName, byte[] mockAuthNonce) {
        byte[] digest = sha256(userName.getBytes(StandardCharsets.UTF_8), mockAuthNonce);
        return Arrays.copyOf(digest, SALT_LENGTH);
    }

    private static Mac hmacFor(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // SecretKeySpec rejects empty keys; HMAC defines an empty key as all zero bytes, so a
            // single zero byte is equivalent (keys are zero-padded to the block size).
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
