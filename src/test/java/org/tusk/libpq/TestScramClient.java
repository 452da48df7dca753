package org.tusk.libpq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal SCRAM-SHA-256 client written straight from RFC 5802 section 3, independent of the
 * server code under test (it uses the JDK's PBKDF2 via its own HMAC loop, not ScramSha256).
 */
final class TestScramClient {
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    TestScramClient(String password, String clientNonce) {
        this.password = password;
        this.clientNonce = clientNonce;
    }

    String clientFirst(String user) {
        clientFirstBare = "n=" + user + ",r=" + clientNonce;
        return "n,," + clientFirstBare;
    }

    String clientFinal(String serverFirst) throws Exception {
        String nonce = null, salt = null;
        int iterations = 0;
        for (String part : serverFirst.split(",")) {
            String v = part.substring(2);
            switch (part.charAt(0)) {
                case 'r' -> nonce = v;
                case 's' -> salt = v;
                case 'i' -> iterations = Integer.parseInt(v);
                default -> { }
            }
        }
        byte[] salted = hi(password.getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(salt), iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    void checkServerFinal(String serverFinal) {
        assertEquals("v=" + Base64.getEncoder().encodeToString(expectedServerSignature), serverFinal);
    }

    private static byte[] hi(byte[] password, byte[] salt, int iterations) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(password, "HmacSHA256"));
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] out = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < out.length; j++) {
                out[j] ^= u[j];
            }
        }
        return out;
    }

    private static byte[] hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
