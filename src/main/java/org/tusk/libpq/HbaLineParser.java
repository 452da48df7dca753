package org.tusk.libpq;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns one tokenized pg_hba.conf line into an {@link HbaLine}, following
 * {@code parse_hba_line()} and {@code parse_hba_auth_opt()} of PostgreSQL 15, with the same
 * messages and hints.
 *
 * <p>Where PostgreSQL only warns (a {@code hostssl} or {@code hostgssenc} line in a build without
 * SSL or GSSAPI), the line is kept, because it can never match anyway, and the warning is handed
 * to the caller.
 */
final class HbaLineParser {
    /** Methods PostgreSQL knows but Tusk does not implement ("not supported by this build"). */
    private static final Set<String> UNSUPPORTED_METHODS =
            Set.of("ident", "peer", "gss", "sspi", "pam", "bsd", "ldap", "cert", "radius");

    /** Options that belong to methods Tusk lacks, with PostgreSQL's list of valid methods. */
    private static final Map<String, String> FOREIGN_OPTIONS = foreignOptions();

    private final String fileName;
    private final HbaTokenizer.Line line;
    private final Consumer<HbaParseException> warnings;

    private HbaLineParser(String fileName, HbaTokenizer.Line line, Consumer<HbaParseException> warnings) {
        this.fileName = fileName;
        this.line = line;
        this.warnings = warnings;
    }

    /**
     * Parses a line.
     *
     * @param warnings receives reports that do not make the line invalid
     * @throws HbaParseException if the line is invalid
     */
    static HbaLine parse(String fileName, HbaTokenizer.Line line, Consumer<HbaParseException> warnings) {
        return new HbaLineParser(fileName, line, warnings).parse();
    }

    private HbaParseException error(String message) {
        return error(message, null);
    }

    private HbaParseException error(String message, String hint) {
        return HbaParseException.atLine(fileName, line.lineNumber(), message, hint);
    }

    private HbaLine parse() {
        if (line.error() != null) {
            throw error(line.error());
        }
        Iterator<List<HbaToken>> fields = line.fields().iterator();

        List<HbaToken> tokens = fields.next();
        if (tokens.size() > 1) {
            throw error("multiple values specified for connection type",
                    "Specify exactly one connection type per line.");
        }
        HbaConnType connType = HbaConnType.fromKeyword(tokens.getFirst().text());
        if (connType == null) {
            throw error("invalid connection type \"" + tokens.getFirst().text() + "\"");
        }
        if (connType == HbaConnType.HOSTSSL) {
            warnings.accept(error("hostssl record cannot match because SSL is not supported by this build"));
        } else if (connType == HbaConnType.HOSTGSSENC) {
            warnings.accept(error("hostgssenc record cannot match because GSSAPI is not supported by this build"));
        }

        if (!fields.hasNext()) {
            throw error("end-of-line before database specification");
        }
        List<HbaToken> databases = fields.next();
        if (!fields.hasNext()) {
            throw error("end-of-line before role specification");
        }
        List<HbaToken> roles = fields.next();

        HbaAddress address = null;
        if (connType != HbaConnType.LOCAL) {
            address = parseAddress(fields);
        }

        if (!fields.hasNext()) {
            throw error("end-of-line before authentication method");
        }
        tokens = fields.next();
        if (tokens.size() > 1) {
            throw error("multiple values specified for authentication type",
                    "Specify exactly one authentication type per line.");
        }
        String methodWord = tokens.getFirst().text();
        HbaAuthMethod method = HbaAuthMethod.fromKeyword(methodWord);
        if (method == null) {
            if (UNSUPPORTED_METHODS.contains(methodWord)) {
                throw error("invalid authentication method \"" + methodWord + "\": not supported by this build");
            }
            throw error("invalid authentication method \"" + methodWord + "\"");
        }

        Map<String, String> options = new LinkedHashMap<>();
        while (fields.hasNext()) {
            for (HbaToken option : fields.next()) {
                parseOption(option.text(), connType, options);
            }
        }
        return new HbaLine(line.lineNumber(), line.rawLine(), connType, databases, roles, address, method, options);
    }

    private HbaAddress parseAddress(Iterator<List<HbaToken>> fields) {
        if (!fields.hasNext()) {
            throw error("end-of-line before IP address specification");
        }
        List<HbaToken> tokens = fields.next();
        if (tokens.size() > 1) {
            throw error("multiple values specified for host address", "Specify one address range per line.");
        }
        HbaToken token = tokens.getFirst();
        if (token.isKeyword("all")) {
            return HbaAddress.ALL;
        }
        if (token.isKeyword("samehost") || token.isKeyword("samenet")) {
            // Needs the list of this host's interfaces and netmasks, which Tusk does not gather.
            throw error("address keyword \"" + token.text() + "\" is not supported by this build");
        }

        String text = token.text();
        int slash = text.indexOf('/');
        String addressText = slash >= 0 ? text.substring(0, slash) : text;
        byte[] addr = HbaAddress.parseNumeric(addressText);
        if (addr == null) {
            // Not numeric, so PostgreSQL would take it for a host name.
            if (slash >= 0) {
                throw error("specifying both host name and CIDR mask is invalid: \"" + text + "\"");
            }
            // Host names need forward and reverse DNS checks that Tusk does not perform.
            throw error("host name \"" + text + "\" in address field is not supported by this build",
                    "Specify an IP address range in CIDR notation.");
        }
        if (slash >= 0) {
            byte[] mask = HbaAddress.cidrMask(text.substring(slash + 1), addr.length);
            if (mask == null) {
                throw error("invalid CIDR mask in address \"" + text + "\"");
            }
            return HbaAddress.of(addr, mask);
        }

        if (!fields.hasNext()) {
            throw error("end-of-line before netmask specification",
                    "Specify an address range in CIDR notation, or provide a separate netmask.");
        }
        tokens = fields.next();
        if (tokens.size() > 1) {
            throw error("multiple values specified for netmask");
        }
        String maskText = tokens.getFirst().text();
        byte[] mask = HbaAddress.parseNumeric(maskText);
        if (mask == null) {
            // gai_strerror(EAI_NONAME) on glibc, which is what PostgreSQL prints here.
            throw error("invalid IP mask \"" + maskText + "\": Name or service not known");
        }
        if (mask.length != addr.length) {
            throw error("IP address and mask do not match");
        }
        return HbaAddress.of(addr, mask);
    }

    private void parseOption(String text, HbaConnType connType, Map<String, String> options) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw error("authentication option not in name=value format: " + text);
        }
        String name = text.substring(0, eq);
        String value = text.substring(eq + 1);
        switch (name) {
            case "clientcert" -> {
                if (connType != HbaConnType.HOSTSSL) {
                    throw error("clientcert can only be configured for \"hostssl\" rows");
                }
                if (!value.equals("verify-full") && !value.equals("verify-ca")) {
                    throw error("invalid value for clientcert: \"" + value + "\"");
                }
            }
            case "clientname" -> {
                if (connType != HbaConnType.HOSTSSL) {
                    throw error("clientname can only be configured for \"hostssl\" rows");
                }
                if (!value.equals("CN") && !value.equals("DN")) {
                    throw error("invalid value for clientname: \"" + value + "\"");
                }
            }
            default -> {
                String validFor = FOREIGN_OPTIONS.get(name);
                if (validFor != null) {
                    // Every such option belongs to a method a Tusk line cannot have.
                    throw error("authentication option \"" + name
                            + "\" is only valid for authentication methods " + validFor);
                }
                throw error("unrecognized authentication option name: \"" + name + "\"");
            }
        }
        options.put(name, value);
    }

    private static Map<String, String> foreignOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("map", "ident, peer, gssapi, sspi, and cert");
        m.put("pamservice", "pam");
        m.put("pam_use_hostname", "pam");
        for (String ldap : List.of("ldapurl", "ldaptls", "ldapscheme", "ldapserver", "ldapport", "ldapbinddn",
                "ldapbindpasswd", "ldapsearchattribute", "ldapsearchfilter", "ldapbasedn", "ldapprefix",
                "ldapsuffix")) {
            m.put(ldap, "ldap");
        }
        m.put("krb_realm", "gssapi and sspi");
        m.put("include_realm", "gssapi and sspi");
        m.put("compat_realm", "sspi");
        m.put("upn_username", "sspi");
        for (String radius : List.of("radiusservers", "radiussecrets", "radiusidentifiers", "radiusports")) {
            m.put(radius, "radius");
        }
        return Map.copyOf(m);
    }
}
