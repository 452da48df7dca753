package org.tusk.libpq;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * PostgreSQL's md5 password scheme (crypt.c, md5_common.c).
 *
 * <pre>
 *   stored   = "md5" || hex(md5(password || username))
 *   response = "md5" || hex(md5(hex(md5(password || username)) || salt))
 * </pre>
 *
 * The user name salts the stored hash, and the 4-byte random salt of AuthenticationMD5Password
 * keeps the response from being replayed. The stored hash is password-equivalent for this method:
 * whoever reads it can answer any challenge, which is why SCRAM is preferred.
 */
public final class Md5Password {
    private Md5Password() {}

    /** Length of {@code "md5"} plus 32 hex digits. */
    static final int HASH_LENGTH = 35;

    /** The stored form for a password and role name. */
    public static String encrypt(String password, String userName) {
        return encrypt(password.getBytes(StandardCharsets.UTF_8), userName.getBytes(StandardCharsets.UTF_8));
    }

    static String encrypt(byte[] password, byte[] salt) {
        return "md5" + HexFormat.of().formatHex(md5(password, salt));
    }

    /**
     * The answer expected to an MD5 challenge from a stored md5 hash: the hex digits of the hash
     * are themselves hashed with the challenge salt.
     */
    public static String challengeResponse(String storedMd5, byte[] challengeSalt) {
        return encrypt(storedMd5.substring(3).getBytes(StandardCharsets.US_ASCII), challengeSalt);
    }

    /** What a client computes for an MD5 challenge from the cleartext password. */
    public static String clientResponse(String password, String userName, byte[] challengeSalt) {
        return challengeResponse(encrypt(password, userName), challengeSalt);
    }

    /** Whether {@code secret} has the stored md5 form ({@code md5} and 32 lowercase hex digits). */
    public static boolean isMd5Hash(String secret) {
        if (secret.length() != HASH_LENGTH || !secret.startsWith("md5")) {
            return false;
        }
        for (int i = 3; i < HASH_LENGTH; i++) {
            char c = secret.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] md5(byte[] a, byte[] b) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(a);
            md.update(b);
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }
}
