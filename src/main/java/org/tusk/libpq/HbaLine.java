package org.tusk.libpq;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * One parsed pg_hba.conf record: connection type, databases, roles, client address (host lines
 * only), authentication method and options.
 *
 * <p>Matching follows PostgreSQL's {@code check_hba()}, {@code check_db()} and
 * {@code check_role()}; see {@link #matches} and the package documentation.
 */
public final class HbaLine {
    private final int lineNumber;
    private final String rawLine;
    private final HbaConnType connType;
    private final List<HbaToken> databases;
    private final List<HbaToken> roles;
    private final HbaAddress address;
    private final HbaAuthMethod authMethod;
    private final Map<String, String> options;

    HbaLine(int lineNumber, String rawLine, HbaConnType connType, List<HbaToken> databases,
            List<HbaToken> roles, HbaAddress address, HbaAuthMethod authMethod, Map<String, String> options) {
        this.lineNumber = lineNumber;
        this.rawLine = rawLine;
        this.connType = connType;
        this.databases = List.copyOf(databases);
        this.roles = List.copyOf(roles);
        this.address = address;
        this.authMethod = authMethod;
        this.options = Map.copyOf(options);
    }

    /** 1-based line number in the file (first physical line of a continued line). */
    public int lineNumber() {
        return lineNumber;
    }

    /** The line as written, used in the log detail {@code Connection matched pg_hba.conf line N: "..."}. */
    public String rawLine() {
        return rawLine;
    }

    public HbaConnType connType() {
        return connType;
    }

    public HbaAuthMethod authMethod() {
        return authMethod;
    }

    /** Options given after the method as name=value, in no particular order. */
    public Map<String, String> options() {
        return options;
    }

    /**
     * Whether this line applies to a connection.
     *
     * @param connection {@link HbaConnType#LOCAL} or {@link HbaConnType#HOST}
     * @param clientAddr the client's address; ignored (may be null) for local connections
     */
    boolean matches(HbaConnType connection, String database, String user, InetAddress clientAddr) {
        if (!connType.admits(connection)) {
            return false;
        }
        if (connection == HbaConnType.HOST && !address.matches(clientAddr)) {
            return false;
        }
        return matchesDatabase(database, user) && matchesRole(user);
    }

    private boolean matchesDatabase(String database, String user) {
        for (HbaToken t : databases) {
            if (t.isKeyword("all")) {
                return true;
            } else if (t.isKeyword("sameuser")) {
                if (database.equals(user)) {
                    return true;
                }
            } else if (t.isKeyword("samegroup") || t.isKeyword("samerole")) {
                // "user is a member of the role named like the database". Without role catalogs
                // the only membership known is a role's membership in itself.
                if (database.equals(user)) {
                    return true;
                }
            } else if (t.isKeyword("replication")) {
                // Only physical-replication walsenders match this keyword, and they match nothing
                // else; Tusk has no walsender, so an ordinary connection just skips it.
                continue;
            } else if (t.matches(database)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesRole(String user) {
        for (HbaToken t : roles) {
            if (!t.quoted() && t.text().startsWith("+")) {
                // "+group": any member of the group. Role membership arrives with the catalogs;
                // until then the only member of a role is the role itself.
                if (t.text().substring(1).equals(user)) {
                    return true;
                }
            } else if (t.matches(user) || t.isKeyword("all")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "HbaLine[" + lineNumber + ": " + rawLine + "]";
    }
}
