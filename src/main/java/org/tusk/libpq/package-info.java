/**
 * Client authentication: which rule of pg_hba.conf applies to a new connection, and the password
 * exchanges that rule asks for. This is PostgreSQL's src/backend/libpq/hba.c, auth.c,
 * auth-scram.c and crypt.c; behaviour and message texts follow PostgreSQL 15.
 *
 * <h2>pg_hba.conf</h2>
 *
 * <p>{@link org.tusk.libpq.HbaFile#load} reads the file into {@link org.tusk.libpq.HbaLine}s.
 * Each line is {@code TYPE DATABASE USER [ADDRESS [MASK]] METHOD [OPTION=VALUE ...]}; {@code #}
 * starts a comment, a trailing backslash continues a line, double quotes protect blanks, commas
 * and keywords, and a field may be a comma-separated list. Loading is all or nothing: every bad
 * line is reported (severity LOG, SQLSTATE F0000, with a {@code line N of configuration file "F"}
 * context) and one bad line refuses the whole file, as does a file without records.
 *
 * <p>{@link org.tusk.libpq.HbaFile#match} returns the <em>first</em> line that matches; later
 * lines are never consulted, and no match means rejection. A line matches when
 * <ul>
 *   <li>its type admits the connection: {@code local} for Unix sockets; {@code host},
 *       {@code hostnossl} and {@code hostnogssenc} for TCP; {@code hostssl} and {@code hostgssenc}
 *       never, as Tusk has no TLS or GSSAPI encryption (loading them logs a warning);</li>
 *   <li>for TCP, the client address is in the line's range ({@code all}, CIDR such as
 *       {@code 10.0.0.0/8} or {@code ::1/128}, or an address and a separate mask column) and of the
 *       same family: an IPv4 client never matches an IPv6 line, and {@code ::ffff:a.b.c.d} lines
 *       are IPv6 lines, as in PostgreSQL;</li>
 *   <li>a database token matches: {@code all}; {@code sameuser} (database named like the user);
 *       {@code samerole} (user is a member of the role named like the database); or the name
 *       itself. {@code replication} only matches physical replication connections, which Tusk
 *       does not have, so it matches nothing;</li>
 *   <li>a user token matches: {@code all}, the name itself, or {@code +role} for members of the
 *       role.</li>
 * </ul>
 * Keywords count only unquoted: {@code "all"} is a database or role called all. Until role
 * catalogs exist, role membership is only a role's membership in itself, so {@code +r} and
 * {@code samerole} compare names. Not supported (clear load errors): host names,
 * {@code samehost}/{@code samenet}, {@code @file} inclusion, and the methods other than
 * {@code trust}, {@code reject}, {@code password}, {@code md5} and {@code scram-sha-256}.
 *
 * <h2>Authentication</h2>
 *
 * <p>{@link org.tusk.libpq.ClientAuthentication} runs the chosen method over an
 * {@link org.tusk.libpq.AuthChannel} supplied by the wire layer. {@code trust} accepts,
 * {@code reject} and "no line" fail with SQLSTATE 28000; {@code password} asks for the cleartext
 * password and checks it against whatever is stored; {@code md5} uses the MD5 challenge when the
 * role has an md5 hash and SCRAM otherwise; {@code scram-sha-256} always uses SCRAM. Every
 * password failure is {@code password authentication failed for user "u"} (28P01). Invariant:
 * the client learns nothing about why; a missing role, a role without password and a wrong
 * password look the same from outside, including a complete SCRAM exchange with a mock salt
 * derived from the user name and the cluster's {@link org.tusk.libpq.MockAuthenticationNonce}.
 * The real reason goes to the server log only
 * ({@link org.tusk.libpq.AuthenticationFailedException#logDetail()}). Errors PostgreSQL raises as
 * ERROR during authentication end the connection there, so they are FATAL here.
 *
 * <h2>The SCRAM-SHA-256 exchange (RFC 5802, RFC 7677)</h2>
 *
 * <pre>
 *   S: AuthenticationSASL          "SCRAM-SHA-256"
 *   C: SASLInitialResponse         n,,n=,r=CNONCE
 *   S: AuthenticationSASLContinue  r=CNONCE SNONCE,s=SALT,i=4096
 *   C: SASLResponse                c=biws,r=CNONCE SNONCE,p=ClientProof
 *   S: AuthenticationSASLFinal     v=ServerSignature
 * </pre>
 *
 * With AuthMessage = client-first-message-bare "," server-first-message ","
 * client-final-message-without-proof, the client proves knowledge of ClientKey by sending
 * ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage); the server recovers ClientKey, checks
 * H(ClientKey) = StoredKey, and proves itself with ServerSignature = HMAC(ServerKey, AuthMessage).
 * Channel binding is not offered (no TLS): the flag {@code n} or {@code y} is accepted, {@code p}
 * is refused, and {@code c=} must be the base64 of the gs2 header the client sent. The user name
 * in the SCRAM messages is ignored in favour of the startup packet's.
 *
 * <h2>Stored secrets</h2>
 *
 * <ul>
 *   <li>SCRAM: {@code SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64
 *       ServerKey>}, with SaltedPassword = PBKDF2-HMAC-SHA-256(SASLprep(password), salt,
 *       iterations), StoredKey = SHA-256(HMAC(SaltedPassword, "Client Key")), ServerKey =
 *       HMAC(SaltedPassword, "Server Key"); 4096 iterations and a 16-byte random salt. The
 *       verifier cannot be used to log in: StoredKey is a hash of the ClientKey a proof needs.
 *       SASLprep is applied when the password is valid UTF-8 and allowed by it; otherwise the raw
 *       bytes are hashed, consistently at creation and at check ({@link org.tusk.libpq.SaslPrep}).</li>
 *   <li>MD5: {@code md5} + hex(md5(password || username)); the challenge answer is {@code md5} +
 *       hex(md5(hex-part || 4-byte salt)). This hash is password-equivalent for md5 login.</li>
 *   <li>Anything else is a plain password, which only the {@code password} method can check
 *       (PostgreSQL 15 never stores one; SCRAM and md5 treat it as no usable secret).</li>
 * </ul>
 */
package org.tusk.libpq;
