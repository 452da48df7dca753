package org.tusk.libpq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The cluster-wide secret behind mock SCRAM salts (PostgreSQL keeps it in pg_control as
 * {@code mock_authentication_nonce}).
 *
 * <p>It must be the same in every backend and across restarts: Tusk runs one process per
 * connection, and if the mock salt for a nonexistent role changed from one connection to the next
 * while a real role's salt stays put, the difference would reveal which roles exist.
 */
public final class MockAuthenticationNonce {
    private MockAuthenticationNonce() {}

    /** Length of the nonce, as PostgreSQL's MOCK_AUTH_NONCE_LEN. */
    public static final int LENGTH = 32;

    /** Reads the nonce from {@code file}, creating the file with fresh random bytes if absent. */
    public static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] nonce = new byte[LENGTH];
                new SecureRandom().nextBytes(nonce);
                // Write it completely under a temporary name, then link it into place: the link
                // either appears whole or fails because another backend got there first, in which
                // case theirs is used so that all backends agree.
                Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "mock_nonce", ".tmp");
                try {
                    Files.write(tmp, nonce);
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException raced) {
                    // fall through and read the winner's nonce
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            byte[] nonce = Files.readAllBytes(file);
            if (nonce.length != LENGTH) {
                throw new IOException("mock authentication nonce file \"" + file + "\" has " + nonce.length
                        + " bytes, expected " + LENGTH);
            }
            return nonce;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
