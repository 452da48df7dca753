package org.tusk.libpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

class HbaFileTest {
    private static final Path FILE = Path.of("/data/pg_hba.conf");

    private static HbaFile hba(String... lines) {
        return HbaFile.parse(FILE, String.join("\n", lines) + "\n");
    }

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    private static Integer lineNo(HbaLine l) {
        return l == null ? null : l.lineNumber();
    }

    private static Integer host(HbaFile f, String db, String user, String addr) {
        return lineNo(f.match(HbaConnType.HOST, db, user, ip(addr)));
    }

    private static Integer local(HbaFile f, String db, String user) {
        return lineNo(f.match(HbaConnType.LOCAL, db, user, null));
    }

    @Test
    void firstMatchWins() {
        HbaFile f = hba(
                "# TYPE  DATABASE USER ADDRESS      METHOD",
                "",
                "host    all      all  127.0.0.1/32 reject",
                "host    all      all  0.0.0.0/0    trust",
                "host    all      all  127.0.0.1/32 trust");
        HbaLine l = f.match(HbaConnType.HOST, "db", "u", ip("127.0.0.1"));
        assertEquals(3, l.lineNumber());
        assertEquals(HbaAuthMethod.REJECT, l.authMethod());
        assertEquals("host    all      all  127.0.0.1/32 reject", l.rawLine());
        assertEquals(4, host(f, "db", "u", "10.1.2.3"));
        assertNull(local(f, "db", "u"), "host lines never match local connections");
        assertNull(host(f, "db", "u", "::1"), "IPv4 lines never match IPv6 clients");
    }

    @Test
    void localAndHostTypes() {
        HbaFile f = hba("local all all trust",
                "hostnossl all all all md5",
                "hostssl all all all trust",
                "hostgssenc all all all trust",
                "hostnogssenc all all all password");
        assertEquals(1, local(f, "d", "u"));
        assertEquals(2, host(f, "d", "u", "192.0.2.1"));
        assertEquals(HbaConnType.HOSTNOSSL, f.match(HbaConnType.HOST, "d", "u", ip("::1")).connType());
        assertEquals(2, f.warnings().size());
        assertEquals("hostssl record cannot match because SSL is not supported by this build",
                f.warnings().get(0).getMessage());
        assertEquals("line 3 of configuration file \"/data/pg_hba.conf\"", f.warnings().get(0).context());
        assertEquals("hostgssenc record cannot match because GSSAPI is not supported by this build",
                f.warnings().get(1).getMessage());

        HbaFile onlySsl = hba("hostssl all all all trust", "hostgssenc all all all trust", "hostnogssenc all all all md5");
        assertEquals(3, host(onlySsl, "d", "u", "10.0.0.1"));
    }

    @Test
    void cidrV4AndV6() {
        HbaFile f = hba(
                "host all all 10.0.0.0/8 trust",
                "host all all 192.168.1.0 255.255.255.0 md5",
                "host all all ::1/128 password",
                "host all all 2001:db8::/32 scram-sha-256",
                "host all all 172.16.0.1/12 reject");
        assertEquals(1, host(f, "d", "u", "10.255.0.1"));
        assertNull(host(f, "d", "u", "11.0.0.1"));
        assertEquals(2, host(f, "d", "u", "192.168.1.77"));
        assertNull(host(f, "d", "u", "192.168.2.77"));
        assertEquals(3, host(f, "d", "u", "::1"));
        assertNull(host(f, "d", "u", "::2"));
        assertEquals(4, host(f, "d", "u", "2001:db8:ffff::1"));
        assertNull(host(f, "d", "u", "2001:db9::1"));
        // Host bits set in the address are ignored, as in PostgreSQL.
        assertEquals(5, host(f, "d", "u", "172.31.255.255"));
        assertEquals(HbaAuthMethod.SCRAM_SHA_256, f.lines().get(3).authMethod());
    }

    @Test
    void ipv4MappedAddressesAreIpv6AsInPostgres() throws Exception {
        HbaFile f = hba("host all all ::ffff:127.0.0.1/128 trust", "host all all 0.0.0.0/0 md5");
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        InetAddress mappedClient = Inet6Address.getByAddress(null, mapped, -1);
        assertEquals(Inet6Address.class, mappedClient.getClass());
        assertEquals(1, lineNo(f.match(HbaConnType.HOST, "d", "u", mappedClient)));
        // A plain IPv4 client (what Java reports even on a dual-stack socket) is not an IPv6 client.
        assertEquals(2, host(f, "d", "u", "127.0.0.1"));
        HbaFile v4only = hba("host all all 127.0.0.0/8 trust");
        assertNull(lineNo(v4only.match(HbaConnType.HOST, "d", "u", mappedClient)));
    }

    @Test
    void databaseAndUserLists() {
        HbaFile f = hba(
                "local \"my db\",other  alice,\"bob smith\" trust",
                "local sameuser all md5",
                "local replication,samerole all password",
                "local all +admins reject",
                "local all \"all\" scram-sha-256",
                "local \"all\" carol trust",
                "local all \"+staff\" trust");
        assertEquals(1, local(f, "my db", "alice"));
        assertEquals(1, local(f, "other", "bob smith"));
        assertEquals(2, local(f, "alice", "alice"));
        assertNull(local(f, "x", "carol"), "quoted \"all\" is a database named all");
        assertEquals(6, local(f, "all", "carol"));
        assertEquals(4, local(f, "x", "admins"), "+role: the role itself is a member");
        assertNull(local(f, "x", "+admins"));
        assertEquals(5, local(f, "x", "all"));
        assertEquals(7, local(f, "x", "+staff"), "quoted +staff is a role name");
        assertEquals(HbaAuthMethod.MD5, f.match(HbaConnType.LOCAL, "dave", "dave", null).authMethod());
    }

    @Test
    void quotingCommentsAndContinuations() {
        HbaFile f = hba(
                "local \"a\"\"b\" u trust # comment, with \"quotes\"",
                "local \"x#y\",\\",
                "   z u2 md5",
                "   # only a comment",
                "local all u3, u4 password");
        assertEquals(1, local(f, "a\"b", "u"));
        assertEquals(2, local(f, "x#y", "u2"));
        assertEquals(2, local(f, "z", "u2"));
        assertEquals("local \"x#y\",   z u2 md5", f.lines().get(1).rawLine());
        assertEquals(5, local(f, "q", "u3"));
        assertEquals(5, local(f, "q", "u4"));
        // A blank before a comma ends the field, as in PostgreSQL: "u3" becomes the method.
        assertError("invalid authentication method \"u3\"", "local all ,u2 u3");
    }

    @Test
    void options() {
        HbaFile f = hba("hostssl all all all trust clientcert=verify-full");
        assertEquals("verify-full", f.lines().getFirst().options().get("clientcert"));
    }

    private static HbaParseException parseError(String... lines) {
        HbaParseException e = assertThrows(HbaParseException.class, () -> hba(lines));
        assertEquals(Severity.LOG, e.severity());
        return e;
    }

    private static void assertError(String message, String... lines) {
        HbaParseException e = parseError(lines);
        assertEquals(SqlState.CONFIG_FILE_ERROR, e.sqlState());
        assertEquals(message, e.getMessage());
    }

    @Test
    void errors() {
        HbaParseException e = parseError("local all all trust", "x all all trust");
        assertEquals("invalid connection type \"x\"", e.getMessage());
        assertEquals("line 2 of configuration file \"/data/pg_hba.conf\"", e.context());

        assertError("end-of-line before database specification", "local");
        assertError("end-of-line before role specification", "local all");
        assertError("end-of-line before authentication method", "local all all");
        assertError("end-of-line before IP address specification", "host all all");
        assertError("multiple values specified for connection type", "local,host all all trust");
        assertEquals("Specify exactly one connection type per line.",
                parseError("local,host all all trust").hint());
        assertError("multiple values specified for host address", "host all all 1.2.3.4/32,::1/128 trust");
        assertError("multiple values specified for authentication type", "local all all trust,md5");
        assertError("invalid authentication method \"foo\"", "local all all foo");
        assertError("invalid authentication method \"ldap\": not supported by this build", "local all all ldap");
        assertError("invalid CIDR mask in address \"10.0.0.0/33\"", "host all all 10.0.0.0/33 trust");
        assertError("invalid CIDR mask in address \"::/129\"", "host all all ::/129 trust");
        assertError("invalid CIDR mask in address \"10.0.0.0/x\"", "host all all 10.0.0.0/x trust");
        assertError("specifying both host name and CIDR mask is invalid: \"example.com/24\"",
                "host all all example.com/24 trust");
        assertError("end-of-line before netmask specification", "host all all 10.0.0.1");
        assertError("invalid IP mask \"banana\": Name or service not known", "host all all 10.0.0.1 banana trust");
        assertError("IP address and mask do not match", "host all all 10.0.0.1 ffff:: trust");
        assertError("authentication option not in name=value format: junk", "local all all trust junk");
        assertError("unrecognized authentication option name: \"color\"", "local all all trust color=red");
        assertError("authentication option \"map\" is only valid for authentication methods ident, peer, gssapi, "
                + "sspi, and cert", "local all all md5 map=x");
        assertError("clientcert can only be configured for \"hostssl\" rows", "host all all all trust clientcert=verify-ca");
        assertError("invalid value for clientcert: \"maybe\"", "hostssl all all all trust clientcert=maybe");
    }

    @Test
    void unsupportedFeaturesAreClearErrors() {
        assertError("address keyword \"samenet\" is not supported by this build", "host all all samenet trust");
        assertError("host name \"db.example.com\" in address field is not supported by this build",
                "host all all db.example.com trust");
        HbaParseException inc = parseError("local @dbs all trust");
        assertEquals("secondary authentication file \"@dbs\" cannot be included: file inclusion is not supported "
                + "by this build", inc.getMessage());
        // Quoted, it is just a name.
        assertEquals(1, local(hba("local \"@dbs\" all trust"), "@dbs", "u"));
    }

    @Test
    void everyBadLineIsReported() {
        HbaParseException e = parseError("bogus all all trust", "local all all trust", "local all all nope");
        List<HbaParseException> all = e.allErrors();
        assertEquals(2, all.size());
        assertEquals("invalid connection type \"bogus\"", all.get(0).getMessage());
        assertEquals("line 1 of configuration file \"/data/pg_hba.conf\"", all.get(0).context());
        assertEquals("invalid authentication method \"nope\"", all.get(1).getMessage());
        assertEquals("line 3 of configuration file \"/data/pg_hba.conf\"", all.get(1).context());
    }

    @Test
    void emptyAndMissingFiles(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("pg_hba.conf");
        Files.writeString(empty, "# nothing\n\n");
        HbaParseException e = assertThrows(HbaParseException.class, () -> HbaFile.load(empty));
        assertEquals("configuration file \"" + empty + "\" contains no entries", e.getMessage());

        Path missing = dir.resolve("absent.conf");
        HbaParseException m = assertThrows(HbaParseException.class, () -> HbaFile.load(missing));
        assertEquals("could not open configuration file \"" + missing + "\": No such file or directory",
                m.getMessage());
        assertEquals(SqlState.UNDEFINED_FILE, m.sqlState());

        Files.writeString(empty, "local all all trust\r\nhost all all ::1/128 md5\r\n");
        HbaFile f = HbaFile.load(empty);
        assertEquals(2, f.lines().size());
        assertEquals(HbaAuthMethod.MD5, f.match(HbaConnType.HOST, "d", "u", ip("::1")).authMethod());
    }

    @Test
    void mockNonceIsStable(@TempDir Path dir) {
        Path file = dir.resolve("mock_nonce");
        byte[] a = MockAuthenticationNonce.loadOrCreate(file);
        byte[] b = MockAuthenticationNonce.loadOrCreate(file);
        assertEquals(32, a.length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    }
}
