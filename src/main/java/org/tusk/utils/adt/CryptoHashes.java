package org.tusk.utils.adt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** md5 and the SHA-2 functions of cryptohashfuncs.c: md5 gives lower-case hex text, sha224..sha512 bytea. */
public final class CryptoHashes {
    private CryptoHashes() {}

    public static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** md5(text) and md5(bytea): 32 lower-case hex digits. */
    public static String md5Hex(byte[] data) { return HexFormat.of().formatHex(digest("MD5", data)); }
}
