package org.tusk.port;

/** A libc call failed; carries the call's name and errno, as PostgreSQL's "%m" would print it. */
public final class ErrnoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public ErrnoException(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
