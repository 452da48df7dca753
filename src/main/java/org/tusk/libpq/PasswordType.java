package org.tusk.libpq;

/**
 * The form of a stored role secret, recognised from its text as PostgreSQL's
 * {@code get_password_type()} does: an md5 hash is {@code md5} plus exactly 32 lowercase hex
 * digits, a SCRAM secret is anything {@link ScramVerifier#parse} accepts, everything else is a
 * plain password.
 */
public enum PasswordType {
    PLAINTEXT, MD5, SCRAM_SHA_256;

    public static PasswordType of(String secret) {
        if (Md5Password.isMd5Hash(secret)) {
            return MD5;
        }
        if (ScramVerifier.parse(secret) != null) {
            return SCRAM_SHA_256;
        }
        return PLAINTEXT;
    }
}
