package org.tusk.libpq;

/**
 * The first column of a pg_hba.conf line, and at the same time the kind of a client connection.
 *
 * <p>A connection is always {@link #LOCAL} (Unix-domain socket) or {@link #HOST} (TCP/IP); the
 * other constants only describe lines. Tusk has neither TLS nor GSSAPI encryption, so a TCP
 * connection is never encrypted: {@code hostssl} and {@code hostgssenc} lines can never match,
 * while {@code hostnossl} and {@code hostnogssenc} lines match every TCP connection, exactly as in
 * a PostgreSQL built without SSL and GSSAPI support.
 */
public enum HbaConnType {
    LOCAL("local"),
    HOST("host"),
    HOSTSSL("hostssl"),
    HOSTNOSSL("hostnossl"),
    HOSTGSSENC("hostgssenc"),
    HOSTNOGSSENC("hostnogssenc");

    private final String keyword;

    HbaConnType(String keyword) {
        this.keyword = keyword;
    }

    /** The word written in pg_hba.conf. */
    public String keyword() {
        return keyword;
    }

    /** The line type for a pg_hba.conf keyword (case-sensitive, as PostgreSQL), or null. */
    static HbaConnType fromKeyword(String word) {
        for (HbaConnType t : values()) {
            if (t.keyword.equals(word)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Whether a line of this type can match a connection of the given kind.
     *
     * @param connection {@link #LOCAL} or {@link #HOST}; a connection has no other kind
     */
    boolean admits(HbaConnType connection) {
        if (connection != LOCAL && connection != HOST) {
            throw new IllegalArgumentException("a connection is either LOCAL or HOST, not " + connection);
        }
        return switch (this) {
            case LOCAL -> connection == LOCAL;
            // Unencrypted TCP is all Tusk offers, so these are plain "host" lines in effect.
            case HOST, HOSTNOSSL, HOSTNOGSSENC -> connection == HOST;
            case HOSTSSL, HOSTGSSENC -> false;
        };
    }
}
