package org.tusk.libpq;

import java.util.Arrays;
import java.util.Base64;

/**
 * A SCRAM-SHA-256 secret as stored in {@code pg_authid.rolpassword}:
 * {@code SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>}.
 *
 * <p>Only StoredKey = H(HMAC(SaltedPassword, "Client Key")) and ServerKey =
 * HMAC(SaltedPassword, "Server Key") are kept. StoredKey lets the server check a client's proof,
 * ServerKey lets it prove itself to the client; neither lets anyone who reads the catalog log in,
 * since a proof needs ClientKey, of which StoredKey is a one-way hash.
 *
 * @param iterations PBKDF2 (RFC 5802 "Hi") iteration count
 * @param salt       the salt, decoded
 * @param storedKey  32 bytes
 * @param serverKey  32 bytes
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    static final String SCHEME = "SCRAM-SHA-256";

    public ScramVerifier {
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
        if (storedKey.length != ScramSha256.KEY_LENGTH || serverKey.length != ScramSha256.KEY_LENGTH) {
            throw new IllegalArgumentException("SCRAM keys must be " + ScramSha256.KEY_LENGTH + " bytes");
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    /** The salt as sent in the server-first-message and stored in the catalog. */
    public String saltBase64() {
        return Base64.getEncoder().encodeToString(salt);
    }

    /**
     * Parses a stored secret, as {@code parse_scram_secret()}: returns null if it is not a
     * well-formed SCRAM-SHA-256 secret (it may then be an md5 hash or a plain password).
     */
    public static ScramVerifier parse(String secret) {
        if (secret == null) {
            return null;
        }
        int dollar1 = secret.indexOf('$');
        if (dollar1 < 0 || !secret.substring(0, dollar1).equals(SCHEME)) {
            return null;
        }
        String[] halves = secret.substring(dollar1 + 1).split("\\$", -1);
        if (halves.length != 2) {
            return null;
        }
        String[] first = halves[0].split(":", -1);
        String[] second = halves[1].split(":", -1);
        if (first.length != 2 || second.length != 2) {
            return null;
        }
        try {
            int iterations = Integer.parseInt(first[0]);
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(first[1]);
            byte[] storedKey = b64.decode(second[0]);
            byte[] serverKey = b64.decode(second[1]);
            if (storedKey.length != ScramSha256.KEY_LENGTH || serverKey.length != ScramSha256.KEY_LENGTH) {
                return null;
            }
            return new ScramVerifier(iterations, salt, storedKey, serverKey);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The catalog form. */
    @Override
    public String toString() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + ":" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramVerifier v && v.iterations == iterations && Arrays.equals(v.salt, salt)
                && Arrays.equals(v.storedKey, storedKey) && Arrays.equals(v.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(storedKey) + iterations;
    }
}
