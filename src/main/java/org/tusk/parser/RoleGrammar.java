package org.tusk.parser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.nodes.Stmt;
import org.tusk.nodes.Stmt.OptionItem;
import org.tusk.nodes.Stmt.RoleSpec;
import org.tusk.parser.Token.Kind;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The grammar of databases, roles and table privileges (gram.y's CreatedbStmt, DropdbStmt,
 * AlterDatabaseStmt, RenameStmt/AlterOwnerStmt for databases and roles, CreateRoleStmt,
 * AlterRoleStmt, DropRoleStmt and GrantStmt on tables), on the token stream of the
 * {@link Parser} that called it. Options are produced as gram.y's DefElems, with its names
 * ("connection_limit", "superuser", "canlogin", ...), and checked by the commands that run them.
 */
final class RoleGrammar {
    private final Parser p;
    private final String src;

    RoleGrammar(Parser p, String src) {
        this.p = p;
        this.src = src;
    }

    private PgException syntaxError() {
        return p.syntaxError(p.peek());
    }

    /** A name (ColId, or a string where gram.y allows one for role names: not here). */
    private String name() {
        return p.colId();
    }

    // ------------------------------------------------------------------ CREATE

    Stmt create() {
        p.expectKw("create");
        if (p.acceptKw("database")) {
            String name = name();
            p.acceptKw("with");
            return new Stmt.CreatedbStmt(name, createdbOptList());
        }
        Stmt.CreateRoleStmt.Kind kind = p.acceptKw("role") ? Stmt.CreateRoleStmt.Kind.ROLE
                : p.acceptKw("user") ? Stmt.CreateRoleStmt.Kind.USER : groupKw();
        String role = roleName();
        p.acceptKw("with");
        return new Stmt.CreateRoleStmt(kind, role, roleOptions(true));
    }

    private Stmt.CreateRoleStmt.Kind groupKw() {
        p.expectKw("group");
        return Stmt.CreateRoleStmt.Kind.GROUP;
    }

    /** RoleId: a NonReservedWord naming a role; "public" and "none" are reserved as role names (check_rolespec_name). */
    private String roleName() {
        Token t = p.peek();
        String n = name();
        if (n.equals("public") || n.equals("none")) {
            throw PgException.errorAt("42939", "role name \"" + n + "\" is reserved", Lexer.position(src, t.start()));
        }
        return n;
    }

    /** createdb_opt_list: createdb_opt_name [=] (NumericOnly | opt_boolean_or_string | DEFAULT). */
    private List<OptionItem> createdbOptList() {
        List<OptionItem> out = new ArrayList<>();
        while (true) {
            Token t = p.peek();
            String name;
            if (p.isKw("connection")) {
                p.advance();
                p.expectKw("limit");
                name = "connection_limit";
            } else if (t.is(Kind.IDENT) && (t.keyword() == null || List.of("encoding", "location", "owner", "tablespace",
                    "template").contains(t.keyword()))) {
                name = p.advance().value().toLowerCase(Locale.ROOT);
            } else {
                break;
            }
            p.acceptChar('=');
            Object value;
            if (p.acceptKw("default")) value = null;
            else value = numericOrBooleanOrString();
            out.add(new OptionItem(name, value, t.start()));
        }
        return out;
    }

    /** NumericOnly | opt_boolean_or_string (TRUE, FALSE, ON, a word or a string). */
    private Object numericOrBooleanOrString() {
        Token t = p.peek();
        boolean minus = false;
        if (t.is(Kind.OP) && t.value().equals("-") || t.isChar('-')) {
            p.advance();
            minus = true;
            t = p.peek();
        }
        if (t.is(Kind.ICONST)) {
            p.advance();
            long v = Long.parseLong(t.value());
            return minus ? -v : v;
        }
        if (t.is(Kind.FCONST)) {
            p.advance();
            BigDecimal v = new BigDecimal(t.value());
            return minus ? v.negate() : v;
        }
        if (minus) throw syntaxError();
        if (t.isKeyword("true") || t.isKeyword("on")) {
            p.advance();
            return Boolean.TRUE;
        }
        if (t.isKeyword("false")) {
            p.advance();
            return Boolean.FALSE;
        }
        if (t.is(Kind.SCONST)) return p.sconst();
        if (t.is(Kind.IDENT) && !Keywords.isReserved(t.keyword())) return p.advance().value();
        throw syntaxError();
    }

    /**
     * CreateOptRoleElem / AlterOptRoleElem: PASSWORD, ENCRYPTED PASSWORD, INHERIT, CONNECTION
     * LIMIT, VALID UNTIL, the IDENT options (SUPERUSER, LOGIN, ...), and for CREATE also SYSID,
     * IN ROLE/GROUP, ROLE, ADMIN, USER (membership, refused by the command as not supported).
     */
    private List<OptionItem> roleOptions(boolean create) {
        List<OptionItem> out = new ArrayList<>();
        while (true) {
            Token t = p.peek();
            int loc = t.start();
            if (p.acceptKw("password")) {
                if (p.acceptKw("null")) out.add(new OptionItem("password", null, loc));
                else out.add(new OptionItem("password", p.sconst(), loc));
            } else if (p.acceptKw("encrypted")) {
                p.expectKw("password");
                out.add(new OptionItem("password", p.sconst(), loc));
            } else if (p.acceptKw("unencrypted")) {
                throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED, "UNENCRYPTED PASSWORD is no longer supported",
                        Lexer.position(src, loc)).withHint("Remove UNENCRYPTED to store the password in encrypted form instead.");
            } else if (p.acceptKw("inherit")) {
                out.add(new OptionItem("inherit", Boolean.TRUE, loc));
            } else if (p.acceptKw("connection")) {
                p.expectKw("limit");
                Object v = numericOrBooleanOrString();
                if (!(v instanceof Long)) throw syntaxError();
                out.add(new OptionItem("connectionlimit", v, loc));
            } else if (p.acceptKw("valid")) {
                p.expectKw("until");
                out.add(new OptionItem("validUntil", p.sconst(), loc));
            } else if (create && (p.isKw("sysid") || p.isKw("in") || p.isKw("role") || p.isKw("admin") || p.isKw("user"))) {
                String what = p.advance().value().toLowerCase(Locale.ROOT);
                if (what.equals("in")) {
                    if (!p.acceptKw("role")) p.expectKw("group");
                    what = "addroleto";
                }
                List<String> roleNames = new ArrayList<>();
                if (what.equals("sysid")) {
                    if (!p.peek().is(Kind.ICONST)) throw syntaxError();
                    p.advance();
                } else {
                    do roleNames.add(name()); while (p.acceptChar(','));
                }
                out.add(new OptionItem(what.equals("user") ? "role" : what, roleNames, loc));
            } else if (t.is(Kind.IDENT) && t.keyword() == null) {
                String w = p.advance().value();
                OptionItem e = switch (w) {
                    case "superuser" -> new OptionItem("superuser", true, loc);
                    case "nosuperuser" -> new OptionItem("superuser", false, loc);
                    case "createrole" -> new OptionItem("createrole", true, loc);
                    case "nocreaterole" -> new OptionItem("createrole", false, loc);
                    case "replication" -> new OptionItem("isreplication", true, loc);
                    case "noreplication" -> new OptionItem("isreplication", false, loc);
                    case "createdb" -> new OptionItem("createdb", true, loc);
                    case "nocreatedb" -> new OptionItem("createdb", false, loc);
                    case "login" -> new OptionItem("canlogin", true, loc);
                    case "nologin" -> new OptionItem("canlogin", false, loc);
                    case "bypassrls" -> new OptionItem("bypassrls", true, loc);
                    case "nobypassrls" -> new OptionItem("bypassrls", false, loc);
                    case "noinherit" -> new OptionItem("inherit", false, loc);
                    default -> throw PgException.errorAt(SqlState.SYNTAX_ERROR, "unrecognized role option \"" + w + "\"",
                            Lexer.position(src, loc));
                };
                out.add(e);
            } else {
                return out;
            }
        }
    }

    // ------------------------------------------------------------------ DROP

    Stmt drop() {
        p.expectKw("drop");
        if (p.acceptKw("database")) {
            boolean missingOk = p.acceptIfExists();
            String name = name();
            boolean force = false;
            if (p.isKw("with") || p.isChar('(')) {
                p.acceptKw("with");
                p.expectChar('(');
                do {
                    p.expectKw("force");
                    force = true;
                } while (p.acceptChar(','));
                p.expectChar(')');
            }
            return new Stmt.DropdbStmt(name, missingOk, force);
        }
        if (!p.acceptKw("role") && !p.acceptKw("user")) p.expectKw("group");
        boolean missingOk = p.acceptIfExists();
        List<String> names = new ArrayList<>();
        do names.add(name()); while (p.acceptChar(','));
        return new Stmt.DropRoleStmt(names, missingOk);
    }

    /** DROP OWNED BY role [, ...] [CASCADE | RESTRICT] (gram.y DropOwnedStmt). */
    Stmt dropOwned() {
        p.expectKw("drop");
        p.expectKw("owned");
        p.expectKw("by");
        List<RoleSpec> roles = roleList();
        boolean cascade = p.acceptKw("cascade");
        if (!cascade) p.acceptKw("restrict");
        return new Stmt.DropOwnedStmt(roles, cascade);
    }

    /** REASSIGN OWNED BY role [, ...] TO role (gram.y ReassignOwnedStmt). */
    Stmt reassignOwned() {
        p.expectKw("reassign");
        p.expectKw("owned");
        p.expectKw("by");
        List<RoleSpec> roles = roleList();
        p.expectKw("to");
        return new Stmt.ReassignOwnedStmt(roles, roleSpec());
    }

    private List<RoleSpec> roleList() {
        List<RoleSpec> roles = new ArrayList<>();
        do roles.add(roleSpec()); while (p.acceptChar(','));
        return List.copyOf(roles);
    }

    // ------------------------------------------------------------------ ALTER

    Stmt alter() {
        p.expectKw("alter");
        if (p.acceptKw("database")) {
            String name = name();
            if (p.acceptKw("rename")) {
                p.expectKw("to");
                return new Stmt.AlterDatabaseStmt(name, name(), null, List.of());
            }
            if (p.acceptKw("owner")) {
                p.expectKw("to");
                return new Stmt.AlterDatabaseStmt(name, null, roleSpec(), List.of());
            }
            if (p.isKw("set") && p.peek(1).isKeyword("tablespace") || p.isKw("refresh")) return p.unsupportedRest("ALTER DATABASE");
            if (p.isKw("set") || p.isKw("reset")) return setting(name, null, "ALTER DATABASE");
            p.acceptKw("with");
            List<OptionItem> opts = createdbOptList();
            if (opts.isEmpty()) throw syntaxError();
            return new Stmt.AlterDatabaseStmt(name, null, null, opts);
        }
        if (!p.acceptKw("role") && !p.acceptKw("user")) p.expectKw("group");
        if (p.isKw("all")) return p.unsupportedRest("ALTER ROLE");
        RoleSpec role = roleSpec();
        if (p.isKw("in") && p.peek(1).isKeyword("database")) {
            p.advance();
            p.advance();
            String db = name();
            return setting(db, role, "ALTER ROLE");
        }
        if (p.isKw("set") && !p.peek(1).isKeyword("role") || p.isKw("reset")) return setting(null, role, "ALTER ROLE");
        if (p.acceptKw("rename")) {
            p.expectKw("to");
            return new Stmt.AlterRoleStmt(role, List.of(), roleName());
        }
        if (p.isKw("in") || p.peek().value().equals("add") || p.isKw("drop")) return p.unsupportedRest("ALTER ROLE");
        p.acceptKw("with");
        return new Stmt.AlterRoleStmt(role, roleOptions(false), null);
    }

    /** SetResetClause: SET name TO value | SET name TO DEFAULT | RESET name | RESET ALL. */
    private Stmt setting(String database, RoleSpec role, String tag) {
        Stmt s = p.isKw("set") ? p.setStmt() : p.resetStmt();
        if (!(s instanceof Stmt.VariableSetStmt v) || v.isLocal()) return new Stmt.UnsupportedStmt(tag);
        return new Stmt.AlterSettingStmt(database, role, v);
    }

    /** RoleSpec: a name, PUBLIC, CURRENT_USER, CURRENT_ROLE or SESSION_USER. */
    RoleSpec roleSpec() {
        Token t = p.peek();
        if (p.acceptKw("current_user")) return new RoleSpec(RoleSpec.Kind.CURRENT_USER, null, t.start());
        if (p.acceptKw("current_role")) return new RoleSpec(RoleSpec.Kind.CURRENT_ROLE, null, t.start());
        if (p.acceptKw("session_user")) return new RoleSpec(RoleSpec.Kind.SESSION_USER, null, t.start());
        if (t.is(Kind.IDENT) && !Keywords.isReserved(t.keyword())) {
            p.advance();
            // An unquoted "public" is the PUBLIC pseudo-role (gram.y compares the folded name).
            if (t.value().equals("public") && src.charAt(t.start()) != '"')
                return new RoleSpec(RoleSpec.Kind.PUBLIC, null, t.start());
            return new RoleSpec(RoleSpec.Kind.NAME, t.value(), t.start());
        }
        throw syntaxError();
    }

    // ------------------------------------------------------------------ GRANT / REVOKE

    /**
     * GrantStmt / RevokeStmt (privileges on tables, sequences, databases, schemas, functions,
     * procedures, routines, types, domains, languages and ALL ... IN SCHEMA) and GrantRoleStmt
     * (GRANT role TO role). Large objects, tablespaces, foreign data wrappers and servers, and
     * column lists are valid PostgreSQL that Tusk does not run: they become UnsupportedStmt or 0A000.
     */
    Stmt grant() {
        boolean isGrant = p.acceptKw("grant");
        if (!isGrant) p.expectKw("revoke");
        String tag = isGrant ? "GRANT" : "REVOKE";
        boolean grantOptionFor = false, adminOptionFor = false;
        if (!isGrant && p.isKw("grant") && p.peek(1).isKeyword("option")) {
            p.advance();
            p.advance();
            p.expectKw("for");
            grantOptionFor = true;
        } else if (!isGrant && p.isKw("admin") && p.peek(1).isKeyword("option")) {
            p.advance();
            p.advance();
            p.expectKw("for");
            adminOptionFor = true;
        }
        List<String> privs = null;
        List<String> names = new ArrayList<>();
        List<Stmt.GrantStmt.ColumnPrivilege> columnPrivs = new ArrayList<>();
        if (!adminOptionFor && p.isKw("all") && !p.peek(1).is(Kind.OP)) {
            p.advance();
            p.acceptKw("privileges");
            // ALL [PRIVILEGES] (columns): every column privilege on those columns
            if (p.isChar('(')) {
                columnPrivs.add(new Stmt.GrantStmt.ColumnPrivilege("all", columnList()));
                privs = new ArrayList<>();
            }
        } else {
            privs = new ArrayList<>();
            do {
                Token t = p.peek();
                if (!t.is(Kind.IDENT)) throw syntaxError();
                names.add(p.advance().value());
                String priv = t.value().toLowerCase(Locale.ROOT);
                // ALTER SYSTEM is one privilege of two words
                if (t.value().equalsIgnoreCase("alter") && p.acceptKw("system")) priv = "alter system";
                // privilege (columns): a column privilege, kept apart from the table's
                if (p.isChar('(')) columnPrivs.add(new Stmt.GrantStmt.ColumnPrivilege(priv, columnList()));
                else privs.add(priv);
            } while (p.acceptChar(','));
        }
        if (adminOptionFor || privs != null && !p.isKw("on")) return grantRole(isGrant, names, adminOptionFor);
        p.expectKw("on");
        Stmt.GrantStmt.Target target = Stmt.GrantStmt.Target.TABLE;
        List<Stmt.RangeVar> objects = new ArrayList<>();
        List<String> objectNames = new ArrayList<>();
        List<Stmt.DropFunctionStmt.FunctionRef> functions = new ArrayList<>();
        Token k = p.peek();
        if (p.acceptKw("table")) {
            do objects.add(p.qualifiedName()); while (p.acceptChar(','));
        } else if (k.isKeyword("all") && List.of("tables", "sequences", "functions", "procedures", "routines")
                .contains(p.peek(1).value().toLowerCase(Locale.ROOT))) {
            p.advance();
            target = switch (p.advance().value().toLowerCase(Locale.ROOT)) {
                case "tables" -> Stmt.GrantStmt.Target.ALL_TABLES;
                case "sequences" -> Stmt.GrantStmt.Target.ALL_SEQUENCES;
                case "functions" -> Stmt.GrantStmt.Target.ALL_FUNCTIONS;
                case "procedures" -> Stmt.GrantStmt.Target.ALL_PROCEDURES;
                default -> Stmt.GrantStmt.Target.ALL_ROUTINES;
            };
            p.expectKw("in");
            p.expectKw("schema");
            do objectNames.add(name()); while (p.acceptChar(','));
        } else if (k.is(Kind.IDENT) && Keywords.isColId(p.peek(1)) && !p.peek(1).isKeyword("to") && !p.peek(1).isKeyword("from")
                && List.of("sequence", "database", "schema", "function", "procedure", "routine", "language", "type", "domain")
                .contains(k.value().toLowerCase(Locale.ROOT))) {
            p.advance();
            switch (k.value().toLowerCase(Locale.ROOT)) {
                case "sequence" -> {
                    target = Stmt.GrantStmt.Target.SEQUENCE;
                    do objects.add(p.qualifiedName()); while (p.acceptChar(','));
                }
                case "type", "domain" -> {
                    target = k.value().equalsIgnoreCase("type") ? Stmt.GrantStmt.Target.TYPE : Stmt.GrantStmt.Target.DOMAIN;
                    do objects.add(p.qualifiedName()); while (p.acceptChar(','));
                }
                case "database", "schema", "language" -> {
                    target = switch (k.value().toLowerCase(Locale.ROOT)) {
                        case "database" -> Stmt.GrantStmt.Target.DATABASE;
                        case "schema" -> Stmt.GrantStmt.Target.SCHEMA;
                        default -> Stmt.GrantStmt.Target.LANGUAGE;
                    };
                    do objectNames.add(name()); while (p.acceptChar(','));
                }
                default -> {
                    target = switch (k.value().toLowerCase(Locale.ROOT)) {
                        case "function" -> Stmt.GrantStmt.Target.FUNCTION;
                        case "procedure" -> Stmt.GrantStmt.Target.PROCEDURE;
                        default -> Stmt.GrantStmt.Target.ROUTINE;
                    };
                    FunctionGrammar fg = new FunctionGrammar(p, src);
                    do functions.add(fg.functionRef()); while (p.acceptChar(','));
                }
            }
        } else if (k.is(Kind.IDENT) && List.of("large", "tablespace", "foreign", "parameter").contains(k.value().toLowerCase(Locale.ROOT))
                && Keywords.isColId(p.peek(1)) && !p.peek(1).isKeyword("to") && !p.peek(1).isKeyword("from")) {
            return p.unsupportedRest(tag);
        } else {
            do objects.add(p.qualifiedName()); while (p.acceptChar(','));
        }
        List<RoleSpec> grantees = grantees(isGrant, true);
        boolean grantOption = withOption(isGrant, "grant") || grantOptionFor;
        if (p.isKw("granted")) {
            p.advance();
            p.expectKw("by");
            roleSpec();
        }
        boolean cascade = false;
        if (!isGrant) {
            if (p.acceptKw("cascade")) cascade = true;
            else p.acceptKw("restrict");
        }
        return new Stmt.GrantStmt(isGrant, privs, objects, grantees, grantOption, cascade, target, objectNames, functions,
                List.copyOf(columnPrivs));
    }

    /** privilege's '(' columnList ')'. */
    private List<String> columnList() {
        p.expectChar('(');
        List<String> cols = new ArrayList<>();
        do cols.add(name()); while (p.acceptChar(','));
        p.expectChar(')');
        return List.copyOf(cols);
    }

    /**
     * AlterDefaultPrivilegesStmt: ALTER DEFAULT PRIVILEGES, then FOR ROLE|USER role, ... and IN
     * SCHEMA schema, ... in any order, then a GRANT or REVOKE whose target is TABLES, SEQUENCES,
     * FUNCTIONS, ROUTINES, TYPES or SCHEMAS (defacl_privilege_target).
     */
    Stmt alterDefaultPrivileges() {
        p.expectKw("alter");
        p.advance();   // DEFAULT
        p.advance();   // PRIVILEGES
        List<RoleSpec> roles = new ArrayList<>();
        List<String> schemas = new ArrayList<>();
        while (true) {
            if (p.acceptKw("for")) {
                if (!p.acceptKw("role")) p.expectKw("user");
                do roles.add(roleSpec()); while (p.acceptChar(','));
            } else if (p.acceptKw("in")) {
                p.expectKw("schema");
                do schemas.add(p.colId()); while (p.acceptChar(','));
            } else {
                break;
            }
        }
        boolean isGrant = p.acceptKw("grant");
        if (!isGrant) p.expectKw("revoke");
        boolean grantOptionFor = false;
        if (!isGrant && p.isKw("grant") && p.peek(1).isKeyword("option")) {
            p.advance();
            p.advance();
            p.expectKw("for");
            grantOptionFor = true;
        }
        List<String> privs = null;
        if (p.isKw("all")) {
            p.advance();
            p.acceptKw("privileges");
        } else {
            privs = new ArrayList<>();
            do {
                Token t = p.peek();
                if (!t.is(Kind.IDENT)) throw syntaxError();
                p.advance();
                privs.add(t.value().toLowerCase(Locale.ROOT));
            } while (p.acceptChar(','));
        }
        p.expectKw("on");
        Token target = p.advance();
        char objtype = switch (target.value().toLowerCase(Locale.ROOT)) {
            case "tables" -> 'r';
            case "sequences" -> 'S';
            case "functions", "routines" -> 'f';
            case "types" -> 'T';
            case "schemas" -> 'n';
            default -> throw p.syntaxError(target);
        };
        List<RoleSpec> grantees = grantees(isGrant, true);
        boolean grantOption = withOption(isGrant, "grant") || grantOptionFor;
        boolean cascade = false;
        if (!isGrant) {
            if (p.acceptKw("cascade")) cascade = true;
            else p.acceptKw("restrict");
        }
        Stmt.GrantStmt action = new Stmt.GrantStmt(isGrant, privs, List.of(), grantees, grantOption, cascade,
                objtype == 'S' ? Stmt.GrantStmt.Target.ALL_SEQUENCES : Stmt.GrantStmt.Target.ALL_TABLES, List.of(), List.of());
        return new Stmt.AlterDefaultPrivilegesStmt(List.copyOf(roles), List.copyOf(schemas), action, objtype);
    }

    /**
     * TO grantee_list (FROM after REVOKE): role specifications separated by commas, each written
     * with an optional GROUP where {@code group} (grantee; role_list has none).
     */
    private List<RoleSpec> grantees(boolean isGrant, boolean group) {
        if (isGrant) p.expectKw("to"); else p.expectKw("from");
        List<RoleSpec> grantees = new ArrayList<>();
        do {
            if (group) p.acceptKw("group");
            grantees.add(roleSpec());
        } while (p.acceptChar(','));
        return grantees;
    }

    /** opt_grant_grant_option / opt_grant_admin_option: GRANT's WITH {@code kind} OPTION, whether written. */
    private boolean withOption(boolean isGrant, String kind) {
        if (!isGrant || !p.isKw("with")) return false;
        p.advance();
        p.expectKw(kind);
        p.expectKw("option");
        return true;
    }

    /** GrantRoleStmt: the role names were read as privileges. */
    private Stmt grantRole(boolean isGrant, List<String> roles, boolean adminOptionFor) {
        List<RoleSpec> grantees = grantees(isGrant, false);
        boolean admin = withOption(isGrant, "admin") || adminOptionFor;
        RoleSpec grantor = null;
        if (p.isKw("granted")) {
            p.advance();
            p.expectKw("by");
            grantor = roleSpec();
        }
        boolean cascade = false;
        if (!isGrant) {
            if (p.acceptKw("cascade")) cascade = true;
            else p.acceptKw("restrict");
        }
        return new Stmt.GrantRoleStmt(isGrant, roles, grantees, admin, grantor, cascade);
    }
}
