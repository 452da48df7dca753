package org.tusk.libpq;

/**
 * The authentication methods a pg_hba.conf line may name in Tusk.
 *
 * <p>The other methods PostgreSQL knows (ident, peer, gss, sspi, pam, bsd, ldap, radius, cert)
 * are rejected while loading the file with PostgreSQL's own "not supported by this build" report,
 * so a loaded {@link HbaFile} only ever holds these five.
 */
public enum HbaAuthMethod {
    TRUST("trust"),
    REJECT("reject"),
    /** Cleartext password (AuthenticationCleartextPassword), checked against any stored form. */
    PASSWORD("password"),
    /** MD5 challenge, or SCRAM when the role's secret is a SCRAM verifier. */
    MD5("md5"),
    SCRAM_SHA_256("scram-sha-256");

    private final String keyword;

    HbaAuthMethod(String keyword) {
        this.keyword = keyword;
    }

    /** The word written in pg_hba.conf. */
    public String keyword() {
        return keyword;
    }

    /** The method for a pg_hba.conf keyword, or null when Tusk does not implement it. */
    static HbaAuthMethod fromKeyword(String word) {
        for (HbaAuthMethod m : values()) {
            if (m.keyword.equals(word)) {
                return m;
            }
        }
        return null;
    }
}
