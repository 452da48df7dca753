package org.tusk.libpq;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks what a client sent against a role's stored secret, as crypt.c's
 * {@code md5_crypt_verify()} and {@code plain_crypt_verify()}. A failure carries the detail
 * PostgreSQL writes to the server log (never to the client).
 */
final class PasswordCheck {
    private PasswordCheck() {}

    /** Outcome of a check; {@code logDetail} is null on success. */
    record Result(boolean ok, String logDetail) {
        static final Result OK = new Result(true, null);

        static Result fail(String logDetail) {
            return new Result(false, logDetail);
        }
    }

    /** An MD5 challenge response; only an md5 stored hash can answer it. */
    static Result md5(String role, String storedSecret, String clientResponse, byte[] challengeSalt) {
        if (!Md5Password.isMd5Hash(storedSecret)) {
            return Result.fail("User \"" + role + "\" has a password that cannot be used with MD5 authentication.");
        }
        String expected = Md5Password.challengeResponse(storedSecret, challengeSalt);
        return constantTimeEquals(expected, clientResponse) ? Result.OK : mismatch(role);
    }

    /**
     * A cleartext password, against any stored form: a SCRAM verifier is recomputed with its own
     * salt, an md5 hash is recomputed with the role name, and a plain secret is compared as is.
     * (PostgreSQL 15 never stores plain secrets; Tusk accepts them so that a catalog written by
     * hand still works with the password method.)
     */
    static Result plain(String role, String storedSecret, byte[] clientPassword) {
        switch (PasswordType.of(storedSecret)) {
            case SCRAM_SHA_256 -> {
                boolean ok = ScramSha256.verifyPlainPassword(clientPassword, ScramVerifier.parse(storedSecret));
                return ok ? Result.OK : mismatch(role);
            }
            case MD5 -> {
                String computed = Md5Password.encrypt(clientPassword, role.getBytes(StandardCharsets.UTF_8));
                return constantTimeEquals(computed, storedSecret) ? Result.OK : mismatch(role);
            }
            case PLAINTEXT -> {
                boolean ok = MessageDigest.isEqual(storedSecret.getBytes(StandardCharsets.UTF_8), clientPassword);
                return ok ? Result.OK : mismatch(role);
            }
        }
        throw new AssertionError("unreachable");
    }

    private static Result mismatch(String role) {
        return Result.fail("Password does not match for user \"" + role + "\".");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
