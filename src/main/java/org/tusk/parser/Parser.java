package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.RawExpr.AConst;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.Token.Kind;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.ScanSettings;

/**
 * Hand-written recursive-descent parser for the accepted subset of PostgreSQL's gram.y.
 * Expressions use precedence climbing with gram.y's precedence table:
 * <pre>
 *   OR < AND < NOT (right) < IS/ISNULL/NOTNULL (nonassoc) < comparison (nonassoc)
 *   < BETWEEN IN LIKE ILIKE SIMILAR (nonassoc) < ESCAPE < generic Op < + - < * / % < ^
 *   < AT < COLLATE < unary minus (right) < [ ] < ( ) < :: < .
 * </pre>
 * {@link #parse(String)} is raw_parser(): the whole string becomes a list of {@link RawStmt}s.
 * Syntax errors are reported as PostgreSQL does: "syntax error at or near "tok"" or
 * "syntax error at end of input", with the token's 1-based character position.
 */
public final class Parser {
    private static final int P_OR = 1, P_AND = 2, P_NOT = 3, P_IS = 4, P_CMP = 5, P_LIKE = 6, P_ESCAPE = 7, P_OP = 8,
            P_ADD = 9, P_MUL = 10, P_EXP = 11, P_AT = 12, P_COLLATE = 13, P_UMINUS = 14, P_SUBSCRIPT = 15,
            P_TYPECAST = 17;

    final String src;
    private final Lexer lexer;
    private final List<Token> buf = new ArrayList<>();
    /** End offset of the last token consumed (for the source text of a DEFAULT expression). */
    int lastEnd;

    private Parser(String src, ScanSettings settings) {
        this.src = src;
        this.lexer = new Lexer(src, settings);
    }

    /** Parses a query string into its statements (an empty or all-blank string gives none), with the default scan settings. */
    public static List<RawStmt> parse(String query) {
        return parse(query, ScanSettings.DEFAULT);
    }

    /** As {@link #parse(String)}, scanning with the session's standard_conforming_strings and escape_string_warning. */
    public static List<RawStmt> parse(String query, ScanSettings settings) {
        return new Parser(query, settings).stmtmulti();
    }

    /**
     * Parses the stored statements of a SQL-standard function body (BEGIN ATOMIC ... END, as
     * prosqlbody keeps them): gram.y's routine_body_stmt, a statement or {@code RETURN a_expr}.
     * A RETURN becomes the SELECT of its one expression (transformReturnStmt); {@link #isReturn}
     * tells it from a SELECT written as such.
     */
    public static List<RawStmt> parseRoutineBody(String body, ScanSettings settings) {
        Parser p = new Parser(body, settings);
        p.routineBody = true;
        return p.stmtmulti();
    }

    /** Whether a statement of {@link #parseRoutineBody}'s result is a RETURN statement. */
    public static boolean isReturn(RawStmt raw, String body) {
        Token first = new Lexer(raw.text(body)).next();
        return first.isKeyword("return");
    }

    /** Whether {@code RETURN a_expr} is a statement here (a routine body). */
    private boolean routineBody;

    /**
     * Parses {@code text} as one a_expr, the whole of it (a column default as the catalog stores
     * it). Syntax errors point into {@code text}.
     */
    public static RawExpr parseExpression(String text) {
        return parseExpression(text, ScanSettings.DEFAULT);
    }

    /** As {@link #parseExpression(String)}, scanning with the session's settings. */
    public static RawExpr parseExpression(String text, ScanSettings settings) {
        Parser p = new Parser(text, settings);
        RawExpr e = p.aExpr();
        if (!p.peek().is(Kind.EOF)) throw p.syntaxError(p.peek());
        return e;
    }

    // ------------------------------------------------------------------ token helpers

    Token peek() { return peek(0); }

    Token peek(int n) {
        while (buf.size() <= n) {
            if (!buf.isEmpty() && buf.get(buf.size() - 1).is(Kind.EOF)) {
                buf.add(buf.get(buf.size() - 1));
            } else {
                buf.add(lexer.next());
            }
        }
        return buf.get(n);
    }

    Token advance() {
        Token t = peek();
        buf.remove(0);
        lastEnd = t.end();
        return t;
    }

    boolean isKw(String kw) { return peek().isKeyword(kw); }

    /** Accepts the next token if its text is {@code w} (a word the lexer does not make a keyword). */
    boolean acceptWord(String w) {
        if (!w.equals(peek().value())) return false;
        advance();
        return true;
    }

    /** The next token must be the word {@code w}. */
    void expectWord(String w) {
        if (!acceptWord(w)) throw syntaxError(peek());
    }

    boolean acceptKw(String kw) {
        if (isKw(kw)) {
            advance();
            return true;
        }
        return false;
    }

    /** gram.y's opt_if_exists before a DROP's name: accepts IF EXISTS and says whether it was there. */
    boolean acceptIfExists() {
        if (!isKw("if") || !peek(1).isKeyword("exists")) return false;
        advance();
        advance();
        return true;
    }

    Token expectKw(String kw) {
        if (!isKw(kw)) throw syntaxError(peek());
        return advance();
    }

    boolean isChar(char c) { return peek().isChar(c); }

    boolean acceptChar(char c) {
        if (isChar(c)) {
            advance();
            return true;
        }
        return false;
    }

    Token expectChar(char c) {
        if (!isChar(c)) throw syntaxError(peek());
        return advance();
    }

    PgException syntaxError(Token t) {
        if (t.is(Kind.EOF))
            return PgException.errorAt(SqlState.SYNTAX_ERROR, "syntax error at end of input", Lexer.position(src, t.start()));
        return PgException.errorAt(SqlState.SYNTAX_ERROR,
                "syntax error at or near \"" + src.substring(t.start(), t.end()) + "\"", Lexer.position(src, t.start()));
    }

    PgException notSupported(String what, int location) {
        return PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported yet",
                Lexer.position(src, location));
    }

    // ------------------------------------------------------------------ statements

    private List<RawStmt> stmtmulti() {
        List<RawStmt> out = new ArrayList<>();
        int stmtStart = 0;
        while (true) {
            Token t = peek();
            if (t.is(Kind.EOF)) break;
            if (t.isChar(';')) {
                advance();
                stmtStart = t.end();
                continue;
            }
            Stmt s = stmt();
            Token end = peek();
            if (end.isChar(';')) {
                out.add(new RawStmt(s, stmtStart, end.start() - stmtStart));
                advance();
                stmtStart = end.end();
            } else if (end.is(Kind.EOF)) {
                out.add(new RawStmt(s, stmtStart, src.length() - stmtStart));
                break;
            } else {
                throw syntaxError(end);
            }
        }
        return out;
    }

    /** Statements PostgreSQL has that Tusk does not run yet; they are skipped over and reported at execution. */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of("insert", "update", "delete", "create", "drop", "alter",
            "copy", "explain", "vacuum", "analyze", "analyse", "grant", "revoke", "truncate", "lock",
            "execute", "deallocate", "declare", "fetch", "move", "close", "checkpoint", "comment",
            "call", "do", "merge", "reindex", "cluster", "security", "load", "import",
            "refresh", "reassign");

    /** One statement (gram.y stmt); package-private for utility grammars that wrap one (EXPLAIN). */
    Stmt stmt() {
        Token t = peek();
        String kw = t.keyword();
        if (kw == null) {
            if (t.isChar('(')) return selectOrSelectInto();
            throw syntaxError(t);
        }
        if (routineBody && kw.equals("return")) {
            // ReturnStmt: analysed as SELECT of the expression (transformReturnStmt)
            advance();
            int loc = peek().start();
            RawExpr e = aExpr();
            return new Stmt.SelectStmt(false, List.of(), List.of(new Stmt.ResTarget(null, e, loc)), List.of(), null,
                    List.of(), null, List.of(), null, null, List.of(), Stmt.SetOperation.NONE, false, null, null, null,
                    t.start(), List.of(), List.of());
        }
        switch (kw) {
            case "select", "values", "table": return selectOrSelectInto();
            case "with": {
                // WITH before a SELECT, INSERT, UPDATE or DELETE: the clause is read first, then the statement
                Stmt.WithClause w = withClause();
                if (isKw("insert")) return ((Stmt.InsertStmt) insertStmt()).withWith(w);
                if (isKw("update")) return ((Stmt.UpdateStmt) updateStmt()).withWith(w);
                if (isKw("delete")) return ((Stmt.DeleteStmt) deleteStmt()).withWith(w);
                if (MergeGrammar.at(this)) return new MergeGrammar(this).merge().withWith(w);
                pendingWith = w;
                return selectOrSelectInto();
            }
            case "set": return setStmt();
            case "show": return showStmt();
            case "reset": return resetStmt();
            case "checkpoint":
                advance();
                return new Stmt.CheckpointStmt();
            case "discard": {
                // DiscardStmt: DISCARD ALL | DISCARD TEMP | DISCARD TEMPORARY | DISCARD PLANS | DISCARD SEQUENCES
                advance();
                Stmt.DiscardStmt.Target target;
                if (acceptKw("all")) target = Stmt.DiscardStmt.Target.ALL;
                else if (acceptKw("temp") || acceptKw("temporary")) target = Stmt.DiscardStmt.Target.TEMP;
                else if (acceptWord("plans")) target = Stmt.DiscardStmt.Target.PLANS;
                else if (acceptWord("sequences")) target = Stmt.DiscardStmt.Target.SEQUENCES;
                else throw syntaxError(peek());
                return new Stmt.DiscardStmt(target);
            }
            case "listen":
                // ListenStmt: LISTEN ColId
                advance();
                return new Stmt.ListenStmt(colId());
            case "unlisten":
                // UnlistenStmt: UNLISTEN ColId | UNLISTEN '*'
                advance();
                if (peek().isChar('*')) {
                    advance();
                    return new Stmt.UnlistenStmt(null);
                }
                return new Stmt.UnlistenStmt(colId());
            case "notify": {
                // NotifyStmt: NOTIFY ColId notify_payload, notify_payload: ',' Sconst | EMPTY
                advance();
                String channel = colId();
                String payload = null;
                if (peek().isChar(',')) {
                    advance();
                    payload = sconst();
                }
                return new Stmt.NotifyStmt(channel, payload);
            }
            case "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release": return transactionStmt();
            case "prepare":
                if (peek(1).isKeyword("transaction")) return transactionStmt();
                return new PortalGrammar(this).prepare();
            case "execute": return new PortalGrammar(this).execute();
            case "deallocate": return new PortalGrammar(this).deallocate();
            case "declare": return new PortalGrammar(this).declare();
            case "fetch", "move": return new PortalGrammar(this).fetch();
            case "close": return new PortalGrammar(this).close();
            case "create": {
                Token n = peek(1);
                if (n.isKeyword("database") || n.isKeyword("role") || n.isKeyword("user") && !peek(2).isKeyword("mapping")
                        || n.isKeyword("group"))
                    return new RoleGrammar(this, src).create();
                if (n.isKeyword("sequence") || (n.isKeyword("temp") || n.isKeyword("temporary") || n.isKeyword("unlogged"))
                        && peek(2).isKeyword("sequence"))
                    return new UtilityParser(this).createSeqStmt();
                if (CreateAsGrammar.atCreateView(this)) return new CreateAsGrammar(this).createView();
                if (MatviewGrammar.atCreate(this)) return new MatviewGrammar(this).create();
                if (TriggerGrammar.atCreate(this)) return new TriggerGrammar(this, src).create();
                if (RuleGrammar.atCreate(this)) return new RuleGrammar(this, src).create();
                if (PolicyGrammar.at(this)) return new PolicyGrammar(this, src).create();
                if (n.isKeyword("table") || n.isKeyword("temp") || n.isKeyword("temporary") || n.isKeyword("unlogged")
                        || (n.isKeyword("local") || n.isKeyword("global")) && peek(2).isKeyword("temp")
                        || (n.isKeyword("local") || n.isKeyword("global")) && peek(2).isKeyword("temporary"))
                    return createTableStmt();
                if (n.isKeyword("index") || n.isKeyword("unique")) return new IndexGrammar(this).indexStmt();
                if (n.isKeyword("schema")) return new SchemaGrammar(this, src).create();
                if (n.isKeyword("type")) return new TypeGrammar(this).create();
                if (n.isKeyword("cast")) return new CastGrammar(this, src).create();
                if (OpclassGrammar.at(this)) return new OpclassGrammar(this).create();
                if (DefineGrammar.atCreateOperator(this)) return new DefineGrammar(this).createOperator();
                if (DomainGrammar.at(this)) return new DomainGrammar(this).create();
                if (n.isKeyword("aggregate") || n.isKeyword("or") && "replace".equals(peek(2).value())
                        && peek(3).isKeyword("aggregate"))
                    return new AggregateGrammar(this, src).create();
                if (n.isKeyword("function") || n.isKeyword("procedure") || n.isKeyword("or") && "replace".equals(peek(2).value())
                        && (peek(3).isKeyword("function") || peek(3).isKeyword("procedure")))
                    return new FunctionGrammar(this, src).create();
                return unsupportedStmt();
            }
            case "drop":
                if ("owned".equals(peek(1).value()) && "by".equals(peek(2).value())) return new RoleGrammar(this, src).dropOwned();
                if (peek(1).isKeyword("database") || peek(1).isKeyword("role") || peek(1).isKeyword("group")
                        || peek(1).isKeyword("user") && !peek(2).isKeyword("mapping"))
                    return new RoleGrammar(this, src).drop();
                if (peek(1).isKeyword("table") || peek(1).isKeyword("index") || peek(1).isKeyword("sequence")
                        || peek(1).isKeyword("view") || peek(1).isKeyword("materialized")) return dropStmt();
                if (peek(1).isKeyword("schema")) return new SchemaGrammar(this, src).drop();
                if (peek(1).isKeyword("type")) return new TypeGrammar(this).drop();
                if (DomainGrammar.at(this)) return new DomainGrammar(this).drop();
                if (peek(1).isKeyword("function") || peek(1).isKeyword("procedure") || peek(1).isKeyword("routine"))
                    return new FunctionGrammar(this, src).drop();
                if (peek(1).isKeyword("aggregate")) return new AggregateGrammar(this, src).drop();
                if (peek(1).isKeyword("trigger")) return new TriggerGrammar(this, src).drop();
                if (OpclassGrammar.at(this)) return new OpclassGrammar(this).drop();
                if (OperatorGrammar.atDropOperator(this)) return new OperatorGrammar(this).drop();
                if (peek(1).isKeyword("cast")) return new CastGrammar(this, src).drop();
                if ("rule".equals(peek(1).value())) return new RuleGrammar(this, src).drop();
                if (PolicyGrammar.at(this)) return new PolicyGrammar(this, src).drop();
                return unsupportedStmt();
            case "copy": return new UtilityParser(this).copyStmt();
            case "truncate": return new UtilityParser(this).truncateStmt();
            case "lock": return new UtilityParser(this).lockStmt();
            case "vacuum", "analyze", "analyse": return new UtilityParser(this).vacuumStmt();
            case "reindex": return new ReindexGrammar(this).reindex();
            case "refresh": return new MatviewGrammar(this).refresh();
            case "comment": return new CommentGrammar(this, src).comment();
            case "alter":
                if (peek(1).isKeyword("index")) return new ReindexGrammar(this).alterIndex();
                if ("default".equalsIgnoreCase(peek(1).value()) && "privileges".equalsIgnoreCase(peek(2).value()))
                    return new RoleGrammar(this, src).alterDefaultPrivileges();
                if (peek(1).isKeyword("table") || peek(1).isKeyword("view") || peek(1).isKeyword("materialized"))
                    return new UtilityParser(this).alterTableStmt();
                if (peek(1).isKeyword("sequence")) return new UtilityParser(this).alterSeqStmt();
                if (peek(1).isKeyword("schema")) return new SchemaGrammar(this, src).alter();
                if (peek(1).isKeyword("trigger")) return new TriggerGrammar(this, src).alter();
                if ("rule".equals(peek(1).value())) return new RuleGrammar(this, src).alter();
                if (PolicyGrammar.at(this)) return new PolicyGrammar(this, src).alter();
                if (peek(1).isKeyword("type")) return new TypeGrammar(this).alter();
                if (OpclassGrammar.at(this)) return new OpclassGrammar(this).alter();
                if (OperatorGrammar.atDropOperator(this)) return new DefineGrammar(this).alterOperator();
                if (DomainGrammar.at(this)) return new DomainGrammar(this).alter();
                if (peek(1).isKeyword("function") || peek(1).isKeyword("aggregate") || peek(1).isKeyword("procedure")
                        || peek(1).isKeyword("routine")) return new FunctionGrammar(this, src).alter();
                if (peek(1).isKeyword("database") || peek(1).isKeyword("role") || peek(1).isKeyword("group")
                        || peek(1).isKeyword("user") && !peek(2).isKeyword("mapping"))
                    return new RoleGrammar(this, src).alter();
                return unsupportedStmt();
            case "grant", "revoke": return new RoleGrammar(this, src).grant();
            case "reassign": return new RoleGrammar(this, src).reassignOwned();
            case "explain": return new ExplainGrammar(this).explainStmt();
            case "insert": return insertStmt();
            case "do": return DoGrammar.doStmt(this);
            case "call": return new FunctionGrammar(this, src).call();
            case "update": return updateStmt();
            case "delete": return deleteStmt();
            case "merge": return new MergeGrammar(this).merge();
            default:
                if (KNOWN_UNSUPPORTED.contains(kw)) return unsupportedStmt();
                throw syntaxError(t);
        }
    }

    /**
     * The words gram.y accepts right after CREATE, DROP and ALTER (the first token of each CreateXxxStmt,
     * DropXxxStmt, AlterXxxStmt and RenameStmt production); anything else is a syntax error at that word,
     * not a statement Tusk merely does not run.
     */
    private static final java.util.Map<String, Set<String>> OBJECT_WORDS = java.util.Map.of(
            "create", Set.of("access", "aggregate", "cast", "collation", "constraint", "conversion", "database",
                    "default", "domain", "event", "extension", "foreign", "function", "global", "group", "index",
                    "language", "local", "materialized", "operator", "or", "policy", "procedure", "procedural",
                    "publication", "recursive", "role", "rule", "schema", "sequence", "server", "statistics",
                    "subscription", "table", "tablespace", "temp", "temporary", "text", "transform", "trigger",
                    "trusted", "type", "unique", "unlogged", "user", "view"),
            "drop", Set.of("access", "aggregate", "cast", "collation", "conversion", "database", "domain", "event",
                    "extension", "foreign", "function", "group", "index", "language", "materialized", "operator",
                    "owned", "policy", "procedure", "procedural", "publication", "role", "routine", "rule", "schema",
                    "sequence", "server", "statistics", "subscription", "table", "tablespace", "text", "transform",
                    "trigger", "type", "user", "view"),
            "alter", Set.of("aggregate", "collation", "conversion", "database", "default", "domain", "event",
                    "extension", "foreign", "function", "group", "index", "language", "large", "materialized",
                    "operator", "policy", "procedure", "procedural", "publication", "role", "routine", "rule",
                    "schema", "sequence", "server", "statistics", "subscription", "system", "table", "tablespace",
                    "text", "trigger", "type", "user", "view"));

    /** Skips the rest of the statement: a valid statement Tusk does not run yet, reported at execution as {@code tag}. */
    Stmt unsupportedRest(String tag) {
        while (!peek().is(Kind.EOF) && !(peek().isChar(';'))) advance();
        return new Stmt.UnsupportedStmt(tag);
    }

    Stmt unsupportedStmt() {
        Token first = advance();
        String tag = first.value().toUpperCase(Locale.ROOT);
        Token second = peek();
        if (first.keyword() != null && OBJECT_WORDS.containsKey(first.keyword())
                && !(second.is(Kind.IDENT) && OBJECT_WORDS.get(first.keyword()).contains(second.value())))
            throw syntaxError(second);
        if (Set.of("create", "drop", "alter").contains(first.keyword()) && second.is(Kind.IDENT))
            tag = tag + " " + second.value().toUpperCase(Locale.ROOT);
        int depth = 0;
        while (true) {
            Token t = peek();
            if (t.is(Kind.EOF)) break;
            if (t.isChar(';') && depth == 0) break;
            if (t.isChar('(')) depth++;
            if (t.isChar(')')) depth--;
            advance();
        }
        return new Stmt.UnsupportedStmt(tag);
    }

    // ---- CREATE TABLE / CREATE INDEX / DROP (gram.y CreateStmt, IndexStmt, DropStmt)

    /** qualified_name: ColId [ '.' attr_name [ '.' attr_name ] ]. */
    Stmt.RangeVar qualifiedName() {
        Token t = peek();
        if (!Keywords.isColId(t)) throw syntaxError(t);
        List<String> names = new ArrayList<>();
        names.add(advance().value());
        while (isChar('.')) {
            advance();
            Token n = peek();
            if (!Keywords.isColLabel(n)) throw syntaxError(n);
            names.add(advance().value());
        }
        if (names.size() > 3)
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names): "
                    + String.join(".", names), Lexer.position(src, t.start()));
        String schema = names.size() >= 2 ? names.get(names.size() - 2) : null;
        String catalog = names.size() == 3 ? names.get(0) : null;
        return new Stmt.RangeVar(catalog, schema, names.get(names.size() - 1), null, t.start());
    }

    /** relation_expr_opt_alias: [ONLY] qualified_name [[AS] ColId]; SET (of UPDATE) is never an alias. */
    Stmt.RangeVar relationExprOptAlias() {
        boolean only = acceptKw("only");
        Stmt.RangeVar rv = qualifiedName();
        if (only) rv = rv.only();
        if (isChar('*')) advance();
        String alias = null;
        if (acceptKw("as")) {
            alias = colId();
        } else if (Keywords.isColId(peek()) && !isKw("set") && !isKw("using")) {
            alias = advance().value();
        }
        return alias == null ? rv : new Stmt.RangeVar(rv.catalog(), rv.schema(), rv.name(), alias, rv.location(), List.of(),
                rv.inh());
    }

    Stmt createTableStmt() {
        expectKw("create");
        boolean temp = false;
        boolean unlogged = acceptKw("unlogged");
        if (!unlogged && (acceptKw("local") || acceptKw("global"))) {
            if (!acceptKw("temp")) expectKw("temporary");
            temp = true;
        } else if (!unlogged && (acceptKw("temp") || acceptKw("temporary"))) {
            temp = true;
        }
        expectKw("table");
        boolean ifNotExists = false;
        if (isKw("if")) {
            advance();
            expectKw("not");
            expectKw("exists");
            ifNotExists = true;
        }
        Stmt.RangeVar rel = qualifiedName();
        if (isKw("partition") && peek(1).isKeyword("of")) return partitionOfStmt(rel, temp, ifNotExists, unlogged);
        if (isKw("of") || isKw("partition")) throw notSupported("CREATE TABLE " + peek().value().toUpperCase(Locale.ROOT), peek().start());
        if (isKw("as") || new CreateAsGrammar(this).atColumnNameList() || isKw("with") && peek(1).isChar('(')) {
            if (unlogged) throw notSupported("CREATE UNLOGGED TABLE AS", peek().start());
            return new CreateAsGrammar(this).createTableAs(rel, temp, ifNotExists);
        }
        expectChar('(');
        List<Stmt.ColumnDefinition> cols = new ArrayList<>();
        List<Stmt.TableConstraint> cons = new ArrayList<>();
        List<Stmt.TableLikeClause> likes = new ArrayList<>();
        if (!isChar(')')) {
            do {
                if (isKw("constraint") || isKw("primary") || isKw("unique") || isKw("check") || isKw("foreign")
                        || isKw("exclude")) {
                    cons.add(tableConstraint());
                } else if (isKw("like")) {
                    likes.add(new UtilityParser(this).tableLikeClause(cols.size()));
                } else {
                    cols.add(columnDef());
                }
            } while (acceptChar(','));
        }
        expectChar(')');
        List<Stmt.RangeVar> inherits = List.of();
        if (acceptKw("inherits")) {
            expectChar('(');
            inherits = new ArrayList<>();
            do {
                inherits.add(qualifiedName());
            } while (acceptChar(','));
            expectChar(')');
        }
        Stmt.PartitionSpec partspec = isKw("partition") ? new PartitionGrammar(this).partitionSpec() : null;
        if (isKw("using"))
            throw notSupported("CREATE TABLE " + peek().value().toUpperCase(Locale.ROOT), peek().start());
        List<Stmt.DefElem> options = tableOptions();
        char onCommit = new OnCommitGrammar(this).onCommit();
        noTableSpace();
        return new Stmt.CreateStmt(rel, cols, cons, temp, ifNotExists, unlogged, options, List.copyOf(inherits), partspec, null,
                List.copyOf(likes), onCommit);
    }

    /**
     * CREATE TABLE name PARTITION OF parent [(column options, constraints)] PartitionBoundSpec
     * [PARTITION BY ...] [WITH (...)]: the parent goes in inhRelations, as gram.y puts it.
     */
    private Stmt partitionOfStmt(Stmt.RangeVar rel, boolean temp, boolean ifNotExists, boolean unlogged) {
        expectKw("partition");
        expectKw("of");
        Stmt.RangeVar parent = qualifiedName();
        List<Stmt.ColumnDefinition> cols = new ArrayList<>();
        List<Stmt.TableConstraint> cons = new ArrayList<>();
        PartitionGrammar g = new PartitionGrammar(this);
        if (isChar('(')) g.typedTableElements(cols, cons);
        Stmt.PartitionBoundSpec bound = g.boundSpec();
        Stmt.PartitionSpec partspec = isKw("partition") ? g.partitionSpec() : null;
        if (isKw("using"))
            throw notSupported("CREATE TABLE " + peek().value().toUpperCase(Locale.ROOT), peek().start());
        List<Stmt.DefElem> options = tableOptions();
        char onCommit = new OnCommitGrammar(this).onCommit();
        noTableSpace();
        return new Stmt.CreateStmt(rel, cols, cons, temp, ifNotExists, unlogged, options, List.of(parent), partspec, bound,
                List.of(), onCommit);
    }

    /** OptWith of CREATE TABLE (OnCommitOption follows: {@link OnCommitGrammar}). */
    private List<Stmt.DefElem> tableOptions() {
        List<Stmt.DefElem> options = List.of();
        if (isKw("with")) {
            // gram.y's OptWith has only WITH reloptions since WITH OIDS went away (PostgreSQL 12):
            // anything else after WITH is a syntax error at that token
            advance();
            options = new UtilityParser(this).relOptions();
        } else if (isKw("without") && peek(1).is(Token.Kind.IDENT) && "oids".equals(peek(1).value())) {
            advance();
            advance();
        }
        return options;
    }

    /** OptTableSpace of CREATE TABLE, which Tusk does not run (one tablespace). */
    private void noTableSpace() {
        if (isKw("tablespace"))
            throw notSupported("CREATE TABLE " + peek().value().toUpperCase(Locale.ROOT), peek().start());
    }

    /** columnDef: ColId Typename ColQualList. */
    Stmt.ColumnDefinition columnDef() {
        Token nameTok = peek();
        String name = colId();
        return columnQuals(nameTok, name, typeName());
    }

    /** columnOptions of a typed (PARTITION OF) table: ColId [WITH OPTIONS] ColQualList; the type is null. */
    Stmt.ColumnDefinition columnOptions() {
        Token nameTok = peek();
        String name = colId();
        if (isKw("with") && peek(1).is(Kind.IDENT) && peek(1).value().equalsIgnoreCase("options")) {
            advance();
            advance();
        }
        return columnQuals(nameTok, name, null);
    }

    private Stmt.ColumnDefinition columnQuals(Token nameTok, String name, TypeName type) {
        boolean notNull = false, nullSeen = false;
        int primary = -1, unique = -1;
        char identity = 0;
        List<Stmt.DefElem> identityOptions = List.of();
        RawExpr def = null;
        String defSql = null;
        List<Stmt.TableConstraint> constraints = new ArrayList<>();
        List<String> collation = null;
        int collationLocation = -1;
        String generatedSql = null;
        RawExpr generatedExpr = null;
        int generatedLocation = -1, generatedExprLocation = -1;
        boolean multipleGenerated = false;
        while (true) {
            Token t = peek();
            Token consStart = t;
            String conName = null;
            if (acceptKw("constraint")) {
                conName = colId();
                t = peek();
            }
            if (isKw("not") && peek(1).isKeyword("null")) {
                advance();
                advance();
                notNull = true;
                nullSeen = true;
            } else if (isKw("null")) {
                advance();
                if (notNull) throw conflictingNull(name, t);
                nullSeen = true;
            } else if (isKw("default")) {
                advance();
                if (def != null)
                    throw PgException.errorAt(SqlState.SYNTAX_ERROR, "multiple default values specified for column \""
                            + name + "\"", Lexer.position(src, t.start()));
                int start = peek().start();
                def = bExpr();
                defSql = src.substring(start, lastEnd);
            } else if (isKw("primary") || isKw("unique")) {
                boolean pk = advance().isKeyword("primary");
                if (pk) expectKw("key");
                boolean nullsNotDistinct = !pk && optNullsDistinct();
                boolean[] when = new ConstraintGrammar(this).keyAttributes(pk ? "PRIMARY KEY" : "UNIQUE");
                if (when[0] || nullsNotDistinct) {
                    // a deferrable or NULLS NOT DISTINCT key is a table constraint on this column carrying its attributes
                    constraints.add(new Stmt.TableConstraint(conName, pk ? 'p' : 'u', List.of(name), consStart.start(),
                            null, false, null, false, when[0], when[1], -1, null, nullsNotDistinct));
                } else if (pk) {
                    primary = consStart.start();
                } else {
                    unique = consStart.start();
                }
            } else if (isKw("generated") && generationClauseAhead()) {
                // GENERATED generated_when AS '(' a_expr ')' STORED (gram.y ColConstraintElem)
                advance();
                Token when = peek();
                boolean always = acceptKw("always");
                if (!always) {
                    expectKw("by");
                    expectKw("default");
                }
                expectKw("as");
                expectChar('(');
                int start = peek().start();
                RawExpr e = aExpr();
                String sql = src.substring(start, lastEnd);
                expectChar(')');
                if (!peek().isKeyword("stored")) throw syntaxError(peek());
                advance();
                if (!always)
                    throw PgException.errorAt(SqlState.SYNTAX_ERROR,
                            "for a generated column, GENERATED ALWAYS must be specified", Lexer.position(src, when.start()));
                if (generatedSql != null) multipleGenerated = true;
                generatedSql = sql;
                generatedExprLocation = start;
                generatedExpr = e;
                generatedLocation = t.start();
            } else if (isKw("generated") && (peek(1).isKeyword("always") || peek(1).isKeyword("by"))) {
                advance();
                if (identity != 0)
                    throw PgException.errorAt(SqlState.SYNTAX_ERROR, "multiple identity specifications for column \""
                            + name + "\"", Lexer.position(src, t.start()));
                if (acceptKw("always")) identity = 'a';
                else {
                    expectKw("by");
                    expectKw("default");
                    identity = 'd';
                }
                expectKw("as");
                expectKw("identity");
                if (isChar('(')) identityOptions = new UtilityParser(this).parenthesizedSeqOptions();
            } else if (isKw("check")) {
                constraints.add(new ConstraintGrammar(this).columnCheck(conName, consStart.start()));
            } else if (isKw("references")) {
                constraints.add(new ConstraintGrammar(this).columnReferences(conName, name, consStart.start()));
            } else if (isKw("collate") && conName == null) {
                // ColQualList's COLLATE any_name (a "constraint" only in the grammar's sense)
                advance();
                if (collation != null)
                    throw PgException.errorAt(SqlState.SYNTAX_ERROR, "multiple COLLATE clauses not allowed",
                            Lexer.position(src, t.start()));
                collation = OperatorSyntax.anyName(this::advance, this::peek);
                collationLocation = t.start();
            } else if (isKw("generated")) {
                throw notSupported(t.value().toUpperCase(Locale.ROOT) + " in a column definition", t.start());
            } else if (isKw("not") && !peek(1).isKeyword("deferrable")) {
                // gram.y ColConstraintElem: after NOT only NULL (or the attribute DEFERRABLE) can follow
                advance();
                throw syntaxError(peek());
            } else {
                break;
            }
            if (notNull && nullSeen && t.isKeyword("null")) throw conflictingNull(name, t);
        }
        Stmt.ColumnDefinition col = new Stmt.ColumnDefinition(name, type, notNull, def, defSql, primary, unique,
                nameTok.start(), identity, identityOptions, List.copyOf(constraints), collation, collationLocation);
        return generatedSql == null ? col
                : col.withGeneration(new Stmt.Generation(generatedExpr, generatedSql, generatedLocation, multipleGenerated,
                        generatedExprLocation));
    }

    /** Whether GENERATED at the cursor starts a generation clause, GENERATED {ALWAYS | BY DEFAULT} AS '(' rather than AS IDENTITY. */
    private boolean generationClauseAhead() {
        int i = 1;
        if (peek(i).isKeyword("always")) i++;
        else if (peek(i).isKeyword("by") && peek(i + 1).isKeyword("default")) i += 2;
        else return false;
        return peek(i).isKeyword("as") && peek(i + 1).isChar('(');
    }

    private PgException conflictingNull(String column, Token t) {
        return PgException.errorAt(SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL declarations for column \""
                + column + "\"", Lexer.position(src, t.start()));
    }

    /**
     * b_expr (DEFAULT's operand): an expression without AND, OR and NOT, and without IN, LIKE,
     * ILIKE, SIMILAR TO, BETWEEN and the IS tests but IS [NOT] DISTINCT FROM anywhere outside
     * parentheses, so {@code DEFAULT 1 IN (1, 2)} is a syntax error at IN as in gram.y. Anything
     * parenthesized, or a function's arguments, is an a_expr again.
     */
    RawExpr bExpr() {
        if (peek().isKeyword("not")) throw syntaxError(peek());
        boolean saved = inBExpr;
        inBExpr = true;
        try {
            return expr(P_IS);
        } finally {
            inBExpr = saved;
        }
    }

    /** Whether the operators being parsed belong to a b_expr (see {@link #bExpr}). */
    private boolean inBExpr;

    /** TableConstraint: [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols) | CHECK (expr) | FOREIGN KEY ... (ConstraintGrammar). */
    Stmt.TableConstraint tableConstraint() {
        Token first = peek();
        String name = null;
        if (acceptKw("constraint")) name = colId();
        Token t = peek();
        boolean primary;
        if (acceptKw("primary")) {
            expectKw("key");
            primary = true;
        } else if (acceptKw("unique")) {
            primary = false;
        } else if (isKw("check") || isKw("foreign")) {
            return new ConstraintGrammar(this).tableConstraint(name, first.start());
        } else if (isKw("exclude")) {
            return new ExclusionGrammar(this).exclusionConstraint(name, first.start());
        } else {
            throw syntaxError(t);
        }
        boolean nullsNotDistinct = !primary && optNullsDistinct();
        expectChar('(');
        List<String> cols = new ArrayList<>();
        do {
            cols.add(colId());
        } while (acceptChar(','));
        expectChar(')');
        // opt_c_include: INCLUDE (columnList), the index's non-key columns
        List<String> includes = new ArrayList<>();
        if (acceptKw("include")) {
            expectChar('(');
            do {
                includes.add(colId());
            } while (acceptChar(','));
            expectChar(')');
        }
        if (isKw("with") || isKw("using")) throw notSupported(peek().value().toUpperCase(Locale.ROOT)
                + " in a constraint", peek().start());
        boolean[] when = new ConstraintGrammar(this).keyAttributes(primary ? "PRIMARY KEY" : "UNIQUE");
        return new Stmt.TableConstraint(name, primary ? 'p' : 'u', cols, first.start(), null, false, null, false, when[0],
                when[1], -1, null, nullsNotDistinct, includes);
    }

    /** opt_unique_null_treatment: NULLS [NOT] DISTINCT after UNIQUE; true for NOT DISTINCT. */
    boolean optNullsDistinct() {
        if (!isKw("nulls") || !(peek(1).isKeyword("distinct") || peek(1).isKeyword("not"))) return false;
        advance();
        boolean not = acceptKw("not");
        expectKw("distinct");
        return not;
    }

    private Stmt dropStmt() {
        expectKw("drop");
        Stmt.DropStmt.ObjectType kind = acceptKw("table") ? Stmt.DropStmt.ObjectType.TABLE
                : acceptKw("sequence") ? Stmt.DropStmt.ObjectType.SEQUENCE
                : acceptKw("view") ? Stmt.DropStmt.ObjectType.VIEW
                : acceptKw("materialized") ? Stmt.DropStmt.ObjectType.MATERIALIZED_VIEW : null;
        if (kind == Stmt.DropStmt.ObjectType.MATERIALIZED_VIEW) expectKw("view");
        if (kind == null) {
            expectKw("index");
            kind = Stmt.DropStmt.ObjectType.INDEX;
        }
        boolean concurrent = kind == Stmt.DropStmt.ObjectType.INDEX && acceptKw("concurrently");
        boolean missingOk = acceptIfExists();
        List<Stmt.RangeVar> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (acceptChar(','));
        boolean cascade = false;
        if (acceptKw("cascade")) cascade = true; else acceptKw("restrict");
        return new Stmt.DropStmt(kind, names, missingOk, cascade, concurrent);
    }

    // ---- INSERT / UPDATE / DELETE

    private Stmt insertStmt() {
        expectKw("insert");
        expectKw("into");
        Stmt.RangeVar rel = qualifiedName();
        if (acceptKw("as")) rel = new Stmt.RangeVar(rel.catalog(), rel.schema(), rel.name(), colId(), rel.location());
        List<Stmt.ResTarget> cols = List.of();
        if (isChar('(') && !peek(1).isKeyword("select") && !peek(1).isKeyword("values") && !peek(1).isChar('(')) {
            advance();
            cols = new ArrayList<>();
            do {
                Token c = peek();
                String name = colId();
                List<RawExpr.IndirectionStep> ind = RowGrammar.assignIndirection(this);
                cols.add(new Stmt.ResTarget(name, ind.isEmpty() ? null : new RawExpr.IndirectAssign(ind, null, c.start()), c.start()));
            } while (acceptChar(','));
            expectChar(')');
        }
        char overriding = 0;
        if (acceptKw("overriding")) {
            if (acceptKw("user")) overriding = 'u';
            else {
                expectKw("system");
                overriding = 's';
            }
            expectKw("value");
        }
        List<List<RawExpr>> values = null;
        int valuesLoc = -1;
        Stmt.SelectStmt select = null;
        boolean defaultValues = false;
        if (cols.isEmpty() && isKw("default")) {
            advance();
            expectKw("values");
            defaultValues = true;
        } else if (isKw("values")) {
            valuesLoc = advance().start();
            values = new ArrayList<>();
            do {
                expectChar('(');
                List<RawExpr> row = new ArrayList<>();
                do {
                    Token t = peek();
                    if (t.isKeyword("default") && (peek(1).isChar(',') || peek(1).isChar(')'))) {
                        advance();
                        row.add(new RawExpr.SetToDefault(t.start()));
                    } else {
                        row.add(aExpr());
                    }
                } while (acceptChar(','));
                expectChar(')');
                values.add(row);
            } while (acceptChar(','));
            if (isKw("order") || isKw("limit") || isKw("offset"))
                throw notSupported("ORDER BY/LIMIT on VALUES", peek().start());
        } else if (isKw("select") || isKw("with") || isKw("table") || isChar('(')) {
            select = selectStmt();
        } else {
            throw syntaxError(peek());
        }
        Stmt.OnConflictClause onConflict = null;
        if (isKw("on") && peek(1).isKeyword("conflict")) onConflict = new ConflictGrammar(this).onConflict();
        return new Stmt.InsertStmt(rel, cols, values, valuesLoc, select, defaultValues, returningClause(), overriding,
                onConflict);
    }

    private List<Stmt.ResTarget> returningClause() {
        if (!acceptKw("returning")) return List.of();
        List<Stmt.ResTarget> targets = new ArrayList<>();
        do {
            targets.add(resTarget());
        } while (acceptChar(','));
        return targets;
    }

    private Stmt updateStmt() {
        expectKw("update");
        Stmt.RangeVar rel = relationExprOptAlias();
        expectKw("set");
        List<Stmt.ResTarget> sets = setClauseList();
        List<Stmt.FromItem> from = List.of();
        if (acceptKw("from")) from = fromList();
        RawExpr where = whereClause();
        return new Stmt.UpdateStmt(rel, sets, from, where, returningClause());
    }

    /** set_clause_list: column = expr | DEFAULT, ... (UPDATE and ON CONFLICT DO UPDATE). */
    List<Stmt.ResTarget> setClauseList() {
        List<Stmt.ResTarget> sets = new ArrayList<>();
        do {
            Token c = peek();
            if (c.isChar('(')) {
                RowGrammar.multiAssign(this, sets);
                continue;
            }
            colId();
            List<RawExpr.IndirectionStep> ind = RowGrammar.assignIndirection(this);
            expectChar('=');
            Token v = peek();
            RawExpr val;
            if (v.isKeyword("default") && (peek(1).isChar(',') || peek(1).is(Kind.EOF) || peek(1).isChar(';')
                    || peek(1).isKeyword("where") || peek(1).isKeyword("from") || peek(1).isKeyword("returning")
                    || peek(1).isKeyword("when"))) {
                advance();
                val = new RawExpr.SetToDefault(v.start());
            } else {
                val = aExpr();
            }
            sets.add(RowGrammar.target(c, ind, val));
        } while (acceptChar(','));
        return sets;
    }

    /** from_list: table_ref [, ...] (UPDATE ... FROM, DELETE ... USING). */
    private List<Stmt.FromItem> fromList() {
        List<Stmt.FromItem> items = new ArrayList<>();
        do {
            items.add(tableRef());
        } while (acceptChar(','));
        return List.copyOf(items);
    }

    private RawExpr whereClause() {
        if (!acceptKw("where")) return null;
        if (isKw("current") && peek(1).isKeyword("of")) {
            int loc = peek().start();
            advance();
            advance();
            return new RawExpr.CurrentOf(colId(), loc);
        }
        return aExpr();
    }

    private Stmt deleteStmt() {
        expectKw("delete");
        expectKw("from");
        Stmt.RangeVar rel = relationExprOptAlias();
        List<Stmt.FromItem> using = List.of();
        if (acceptKw("using")) using = fromList();
        RawExpr where = whereClause();
        return new Stmt.DeleteStmt(rel, using, where, returningClause());
    }

    /**
     * SelectStmt: [WITH ...] select_clause [ORDER BY ...] [LIMIT/OFFSET/FETCH], where
     * select_clause is a simple SELECT, VALUES, TABLE name, a parenthesized SelectStmt or a set
     * operation (INTERSECT binds tighter than UNION and EXCEPT; all are left-associative).
     */
    /** The INTO clause of the statement's top-level SELECT, once seen (SELECT INTO). */
    private CreateAsGrammar.Into into;
    /** How many selectStmt() calls enclose the current token: INTO is allowed only at depth 1. */
    private int selectDepth = -1;
    /** Whether the statement being parsed is a plain SELECT, the only place INTO may appear. */
    private boolean intoAllowed;

    /** A SELECT statement, or SELECT ... INTO (CreateTableAsStmt with is_select_into). */
    private Stmt selectOrSelectInto() {
        into = null;
        selectDepth = -1;
        intoAllowed = true;
        Stmt.SelectStmt s;
        try {
            s = selectStmt();
        } finally {
            intoAllowed = false;
        }
        CreateAsGrammar.Into target = into;
        into = null;
        if (target == null) return s;
        return new Stmt.CreateTableAsStmt(target.relation(), List.of(), s, target.temp(), false, true, true);
    }

    /** The error an INTO at the top of the query being parsed raises instead of the generic one, or null. */
    private String intoRejection;

    /** selectStmt for COPY (query) and CREATE VIEW, whose INTO is refused with {@code message} (0A000). */
    Stmt.SelectStmt selectStmtRejectingInto(String message) {
        String outer = intoRejection;
        intoRejection = message;
        try {
            return selectStmt();
        } finally {
            intoRejection = outer;
        }
    }

    Stmt.SelectStmt selectStmt() {
        selectDepth++;
        try {
            return selectStmtInner();
        } finally {
            selectDepth--;
        }
    }

    /** A WITH clause the statement dispatcher has read before finding that a SELECT follows. */
    private Stmt.WithClause pendingWith;

    private Stmt.SelectStmt selectStmtInner() {
        Stmt.WithClause with = null;
        if (pendingWith != null) {
            with = pendingWith;
            pendingWith = null;
        } else if (isKw("with")) {
            with = withClause();
        }
        Stmt.SelectStmt s = selectSetOps();
        List<Stmt.SortBy> sort = s.sortClause();
        if (isKw("order")) {
            Token o = advance();
            expectKw("by");
            if (!sort.isEmpty())
                throw PgException.errorAt(SqlState.SYNTAX_ERROR, "multiple ORDER BY clauses not allowed",
                        Lexer.position(src, o.start()));
            sort = new ArrayList<>();
            do {
                sort.add(sortBy());
            } while (acceptChar(','));
        }
        RawExpr limit = s.limitCount(), offset = s.limitOffset();
        boolean sawLimit = false, sawOffset = false;
        List<Stmt.LockingClause> locking = s.lockingClause();
        while (true) {
            if (locking.isEmpty() && isKw("for")) {
                // for_locking_clause, before or after LIMIT/OFFSET as gram.y allows
                locking = new LockingGrammar(this).clauses();
                continue;
            }
            if (!sawLimit && isKw("limit")) {
                Token lt = advance();
                sawLimit = true;
                if (isKw("all")) {
                    Token a = advance();
                    limit = new AConst(AConst.Kind.NULL, null, a.start());
                } else {
                    limit = aExpr();
                }
                if (acceptChar(',')) throw PgException.errorAt(SqlState.SYNTAX_ERROR,
                        "LIMIT #,# syntax is not supported", Lexer.position(src, lt.start()))
                        .withHint("Use separate LIMIT and OFFSET clauses.");
            } else if (!sawOffset && isKw("offset")) {
                advance();
                sawOffset = true;
                offset = aExpr();
                if (isKw("row") || isKw("rows")) advance();
            } else if (!sawLimit && isKw("fetch")) {
                advance();
                sawLimit = true;
                if (!acceptKw("first")) expectKw("next");
                if (isKw("row") || isKw("rows")) {
                    limit = new AConst(AConst.Kind.INTEGER, 1, peek().start());
                } else {
                    limit = cExpr();
                }
                if (!acceptKw("row")) expectKw("rows");
                if (isKw("with")) throw notSupported("FETCH ... WITH TIES", peek().start());
                expectKw("only");
            } else {
                break;
            }
        }
        if (with != null && s.with() != null)
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "multiple WITH clauses not allowed",
                    Lexer.position(src, with.location()));
        Stmt.SelectStmt out = s.withOptions(sort, limit, offset, with != null ? with : s.with());
        return locking.isEmpty() ? out : out.withLocking(locking);
    }

    /** with_clause: WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (SelectStmt), ... */
    private Stmt.WithClause withClause() {
        Token w = expectKw("with");
        boolean recursive = acceptKw("recursive");
        List<Stmt.CommonTableExpr> ctes = new ArrayList<>();
        do {
            Token n = peek();
            String name = colId();
            List<String> cols = List.of();
            if (isChar('(')) cols = nameList();
            expectKw("as");
            org.tusk.nodes.Query.CteMaterialize materialized = org.tusk.nodes.Query.CteMaterialize.DEFAULT;
            if (acceptKw("not")) {
                expectKw("materialized");
                materialized = org.tusk.nodes.Query.CteMaterialize.NEVER;
            } else if (acceptKw("materialized")) {
                materialized = org.tusk.nodes.Query.CteMaterialize.ALWAYS;
            }
            expectChar('(');
            // parse_cte.c refuses MERGE as a WITH query, at the WITH query's name
            if (MergeGrammar.at(this))
                throw PgException.errorAt("0A000", "MERGE not supported in WITH query", Lexer.position(src, n.start()));
            Stmt modifying = cteModifyingStmt();
            Stmt.SelectStmt q = modifying == null ? selectStmt() : null;
            expectChar(')');
            CteClauseGrammar clauses = new CteClauseGrammar(this);
            Stmt.CteSearchClause search = clauses.searchClause();
            Stmt.CteCycleClause cycle = clauses.cycleClause();
            ctes.add(new Stmt.CommonTableExpr(name, cols, q, n.start(), modifying, search, cycle, materialized));
        } while (acceptChar(','));
        return new Stmt.WithClause(recursive, ctes, w.start());
    }

    /**
     * The INSERT, UPDATE or DELETE a WITH query's parentheses hold (PreparableStmt), with its own
     * WITH clause if written; null when they hold a SELECT, whose WITH clause is left for
     * selectStmt to take.
     */
    private Stmt cteModifyingStmt() {
        Stmt.WithClause w = null;
        if (isKw("with")) {
            w = withClause();
            if (!isKw("insert") && !isKw("update") && !isKw("delete")) {
                pendingWith = w;
                return null;
            }
        }
        if (isKw("insert")) return w == null ? insertStmt() : ((Stmt.InsertStmt) insertStmt()).withWith(w);
        if (isKw("update")) return w == null ? updateStmt() : ((Stmt.UpdateStmt) updateStmt()).withWith(w);
        if (isKw("delete")) return w == null ? deleteStmt() : ((Stmt.DeleteStmt) deleteStmt()).withWith(w);
        return null;
    }

    /** gram.y opt_with_data: [WITH DATA | WITH NO DATA], WITH DATA when absent. */
    boolean optWithData() {
        if (isKw("with") && (peek(1).isKeyword("data") || peek(1).isKeyword("no"))) {
            advance();
            boolean data = !acceptKw("no");
            expectKw("data");
            return data;
        }
        return true;
    }

    /** '(' name [, ...] ')'. */
    List<String> nameList() {
        expectChar('(');
        List<String> names = new ArrayList<>();
        do {
            names.add(colId());
        } while (acceptChar(','));
        expectChar(')');
        return names;
    }

    private Stmt.SelectStmt selectSetOps() {
        Stmt.SelectStmt left = selectIntersect();
        while (isKw("union") || isKw("except")) {
            Token op = advance();
            boolean all = acceptKw("all");
            if (!all) acceptKw("distinct");
            Stmt.SelectStmt right = selectIntersect();
            left = setOp(op.isKeyword("union") ? Stmt.SetOperation.UNION : Stmt.SetOperation.EXCEPT, all, left, right,
                    op.start());
        }
        return left;
    }

    private Stmt.SelectStmt selectIntersect() {
        Stmt.SelectStmt left = selectPrimary();
        while (isKw("intersect")) {
            Token op = advance();
            boolean all = acceptKw("all");
            if (!all) acceptKw("distinct");
            left = setOp(Stmt.SetOperation.INTERSECT, all, left, selectPrimary(), op.start());
        }
        return left;
    }

    private static Stmt.SelectStmt setOp(Stmt.SetOperation op, boolean all, Stmt.SelectStmt l, Stmt.SelectStmt r, int loc) {
        return new Stmt.SelectStmt(false, List.of(), List.of(), List.of(), null, List.of(), null, List.of(), null, null,
                List.of(), op, all, l, r, null, loc);
    }

    /** select_clause's primaries: simple_select, values_clause, TABLE name, '(' SelectStmt ')'. */
    private Stmt.SelectStmt selectPrimary() {
        Token t = peek();
        if (t.isChar('(')) {
            advance();
            Stmt.SelectStmt s = selectStmt();
            expectChar(')');
            return s;
        }
        if (t.isKeyword("values")) return valuesClause();
        if (t.isKeyword("table")) {
            advance();
            Stmt.RangeVar rv = qualifiedName();
            return new Stmt.SelectStmt(false, List.of(), List.of(new Stmt.ResTarget(null,
                    new RawExpr.ColumnRef(List.of(), true, rv.location()), rv.location())), List.of(rv), null, List.of(),
                    null, List.of(), null, null, List.of(), Stmt.SetOperation.NONE, false, null, null, null, t.start());
        }
        if (!t.isKeyword("select")) throw syntaxError(t);
        return simpleSelect();
    }

    /** values_clause: VALUES (expr, ...) [, ...]; DEFAULT is not allowed here. */
    private Stmt.SelectStmt valuesClause() {
        Token v = expectKw("values");
        List<List<RawExpr>> rows = new ArrayList<>();
        do {
            expectChar('(');
            rows.add(exprList());
            expectChar(')');
        } while (acceptChar(','));
        return new Stmt.SelectStmt(false, List.of(), List.of(), List.of(), null, List.of(), null, List.of(), null, null,
                rows, Stmt.SetOperation.NONE, false, null, null, null, v.start());
    }

    private Stmt.SelectStmt simpleSelect() {
        Token sel = expectKw("select");
        boolean distinct = false;
        List<RawExpr> distinctOn = List.of();
        if (acceptKw("distinct")) {
            distinct = true;
            if (acceptKw("on")) {
                expectChar('(');
                distinctOn = exprList();
                expectChar(')');
            }
            // gram.y simple_select: DISTINCT takes a target_list, which (unlike opt_target_list) is not empty
            if (endOfTargetList()) throw syntaxError(peek());
        } else {
            acceptKw("all");
        }
        List<Stmt.ResTarget> targets = new ArrayList<>();
        if (!endOfTargetList()) {
            do {
                targets.add(resTarget());
            } while (acceptChar(','));
        }
        if (isKw("into")) {
            Token t = peek();
            CreateAsGrammar.Into target = new CreateAsGrammar(this).intoClause();
            // DoCopy and DefineView name their own restriction for an INTO at the top of their query
            if (intoRejection != null && into == null && selectDepth == 0)
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, intoRejection);
            if (!intoAllowed || into != null || selectDepth > 0)
                throw PgException.errorAt(SqlState.SYNTAX_ERROR, "SELECT ... INTO is not allowed here",
                        Lexer.position(src, target.relation().location()));
            into = target;
        }
        List<Stmt.FromItem> from = List.of();
        if (acceptKw("from")) {
            from = new ArrayList<>();
            do {
                from.add(tableRef());
            } while (acceptChar(','));
        }
        RawExpr where = null;
        if (acceptKw("where")) where = aExpr();
        List<RawExpr> groupBy = List.of();
        boolean groupDistinct = false;
        if (isKw("group")) {
            advance();
            expectKw("by");
            // gram.y set_quantifier: GROUP BY ALL is the default, DISTINCT drops duplicate sets
            if (!acceptKw("all") && acceptKw("distinct")) groupDistinct = true;
            groupBy = new WindowGrammar(this).groupByList();
        }
        RawExpr having = null;
        if (acceptKw("having")) having = aExpr();
        List<Stmt.WindowDef> window = List.of();
        if (acceptKw("window")) window = new WindowGrammar(this).windowClause();
        return new Stmt.SelectStmt(distinct, distinctOn, targets, from, where, groupBy, having, List.of(), null, null,
                List.of(), Stmt.SetOperation.NONE, false, null, null, null, sel.start(), window, List.of(), groupDistinct);
    }

    private boolean endOfTargetList() {
        Token t = peek();
        return t.is(Kind.EOF) || t.isChar(';') || t.isChar(')') || t.isKeyword("from") || t.isKeyword("where")
                || t.isKeyword("group") || t.isKeyword("having") || t.isKeyword("order") || t.isKeyword("limit")
                || t.isKeyword("offset") || t.isKeyword("union") || t.isKeyword("intersect") || t.isKeyword("except")
                || t.isKeyword("fetch") || t.isKeyword("for") || t.isKeyword("window") || t.isKeyword("into");
    }

    private Stmt.ResTarget resTarget() {
        Token t = peek();
        if (t.isChar('*')) {
            advance();
            return new Stmt.ResTarget(null, new RawExpr.ColumnRef(List.of(), true, t.start()), t.start());
        }
        RawExpr e = aExpr();
        if (acceptKw("as")) {
            Token label = peek();
            if (!Keywords.isColLabel(label)) throw syntaxError(label);
            advance();
            return new Stmt.ResTarget(label.value(), e, t.start());
        }
        if (Keywords.isBareLabel(peek())) {
            Token label = advance();
            return new Stmt.ResTarget(label.value(), e, t.start());
        }
        return new Stmt.ResTarget(null, e, t.start());
    }

    // ---- FROM (gram.y table_ref, joined_table)

    private boolean isJoinStart() {
        return isKw("join") || isKw("inner") || isKw("left") || isKw("right") || isKw("full");
    }

    /** table_ref with the joins that follow it (joins are left-associative). */
    Stmt.FromItem tableRef() {
        return joins(tablePrimary());
    }

    private Stmt.FromItem joins(Stmt.FromItem left) {
        while (true) {
            Token t = peek();
            if (t.isKeyword("cross")) {
                advance();
                expectKw("join");
                Stmt.FromItem right = tablePrimary();
                left = new Stmt.JoinExpr(Stmt.JoinKind.CROSS, false, left, right, List.of(), null, null, List.of(), t.start());
            } else if (t.isKeyword("natural")) {
                advance();
                Stmt.JoinKind kind = joinType();
                expectKw("join");
                Stmt.FromItem right = tablePrimary();
                left = new Stmt.JoinExpr(kind, true, left, right, List.of(), null, null, List.of(), t.start());
            } else if (isJoinStart()) {
                Stmt.JoinKind kind = joinType();
                expectKw("join");
                Stmt.FromItem right = tablePrimary();
                if (isJoinStart() || isKw("cross") || isKw("natural")) right = joins(right);
                if (acceptKw("using")) {
                    List<String> cols = nameList();
                    // join_using_alias: AS name after the USING list (no column list)
                    String usingAlias = acceptKw("as") ? colId() : null;
                    left = new Stmt.JoinExpr(kind, false, left, right, cols, null, null, List.of(), t.start(), usingAlias);
                } else if (acceptKw("on")) {
                    RawExpr q = aExpr();
                    left = new Stmt.JoinExpr(kind, false, left, right, List.of(), q, null, List.of(), t.start());
                } else {
                    throw syntaxError(peek());
                }
            } else {
                return left;
            }
        }
    }

    /** join_type: [INNER] | LEFT [OUTER] | RIGHT [OUTER] | FULL [OUTER]. */
    private Stmt.JoinKind joinType() {
        if (acceptKw("inner")) return Stmt.JoinKind.INNER;
        Stmt.JoinKind k = null;
        if (acceptKw("left")) k = Stmt.JoinKind.LEFT;
        else if (acceptKw("right")) k = Stmt.JoinKind.RIGHT;
        else if (acceptKw("full")) k = Stmt.JoinKind.FULL;
        if (k == null) return Stmt.JoinKind.INNER;
        acceptKw("outer");
        return k;
    }

    private record AliasClause(String alias, List<String> cols) {}

    /** opt_alias_clause: [AS] ColId [(names)]. */
    private AliasClause aliasClause() {
        String alias = null;
        if (acceptKw("as")) {
            Token a = peek();
            if (!Keywords.isColId(a)) throw syntaxError(a);
            alias = advance().value();
        } else if (Keywords.isColId(peek()) && !isKw("set")) {
            alias = advance().value();
        }
        List<String> cols = List.of();
        if (alias != null && isChar('(')) cols = nameList();
        return new AliasClause(alias, cols);
    }

    private static boolean startsSelect(Token t) {
        return t.isKeyword("select") || t.isKeyword("values") || t.isKeyword("with") || t.isKeyword("table");
    }

    /** Whether the '(' at the head starts a parenthesized SelectStmt (looking through nested parentheses). */
    private boolean parenSelectAhead() {
        int i = 0;
        while (peek(i).isChar('(')) i++;
        return i > 0 && startsSelect(peek(i));
    }

    /**
     * Whether the '(' at the head of a FROM item opens a parenthesized SelectStmt rather than a
     * parenthesized joined table such as {@code ((SELECT ...) ss JOIN t ON ...)}. Both can start
     * with "( (": bison tells them apart by what follows the inner parenthesized item at the outer
     * level, which is the end of the select, a set operation or a select's trailing clause for a
     * select, and an alias or a JOIN for a joined table.
     */
    private boolean parenSubselectInFrom() {
        if (!parenSelectAhead()) return false;
        if (!peek(1).isChar('(')) return true;
        int depth = 0;
        for (int i = 0; ; i++) {
            Token x = peek(i);
            if (x.is(Kind.EOF)) return true;
            if (x.isChar('(')) depth++;
            else if (x.isChar(')') && --depth == 1) {
                Token next = peek(i + 1);
                return next.isChar(')') || next.isKeyword("union") || next.isKeyword("intersect") || next.isKeyword("except")
                        || next.isKeyword("order") || next.isKeyword("limit") || next.isKeyword("offset")
                        || next.isKeyword("fetch") || next.isKeyword("for");
            }
        }
    }

    private Stmt.FromItem tablePrimary() {
        Token t = peek();
        boolean lateral = acceptKw("lateral");
        if (isChar('(')) {
            if (parenSubselectInFrom()) {
                Token lp = advance();
                Stmt.SelectStmt sub = selectStmt();
                expectChar(')');
                AliasClause ac = aliasClause();
                if (ac.alias() == null)
                    throw PgException.errorAt(SqlState.SYNTAX_ERROR, "subquery in FROM must have an alias",
                            Lexer.position(src, lp.start())).withHint("For example, FROM (SELECT ...) [AS] foo.");
                return new Stmt.RangeSubselect(lateral, sub, ac.alias(), ac.cols(), lp.start());
            }
            if (lateral) throw syntaxError(peek());
            advance();
            Stmt.FromItem inner = tableRef();
            expectChar(')');
            AliasClause ac = aliasClause();
            if (ac.alias() == null) return inner;
            if (inner instanceof Stmt.JoinExpr j)
                return new Stmt.JoinExpr(j.kind(), j.natural(), j.larg(), j.rarg(), j.using(), j.quals(), ac.alias(),
                        ac.cols(), j.location(), j.usingAlias());
            throw syntaxError(peek());
        }
        if (isKw("rows") && peek(1).isKeyword("from") && peek(2).isChar('(')) {
            // ROWS FROM (func(args) [AS (coldefs)], ...) [WITH ORDINALITY] [func_alias_clause]
            advance();
            advance();
            advance();
            List<RawExpr.FuncCall> calls = new ArrayList<>();
            List<List<Stmt.FuncColumnDef>> coldefs = new ArrayList<>();
            do {
                Token fn = peek();
                if (!Keywords.isColId(fn)) throw syntaxError(fn);
                windowlessCall = true;
                if (!(funcCall(List.of(advance().value()), fn.start()) instanceof RawExpr.FuncCall fc)) throw syntaxError(fn);
                calls.add(fc);
                coldefs.add(new FuncAliasGrammar(this).optColDefList());
            } while (acceptChar(','));
            expectChar(')');
            boolean ordinality = withOrdinality();
            FuncAliasGrammar.FuncAlias fa = new FuncAliasGrammar(this).funcAlias();
            if (!fa.coldeflist().isEmpty()) {
                if (calls.size() > 1)
                    throw PgException.errorAt(SqlState.SYNTAX_ERROR,
                            "ROWS FROM() with multiple functions cannot have a column definition list",
                            Lexer.position(src, fa.coldeflist().get(0).location()))
                            .withHint("Put a separate column definition list for each function inside ROWS FROM().");
                if (!coldefs.get(0).isEmpty())
                    throw PgException.errorAt(SqlState.SYNTAX_ERROR,
                            "multiple column definition lists are not allowed for the same function",
                            Lexer.position(src, fa.coldeflist().get(0).location()));
                coldefs.set(0, fa.coldeflist());
            }
            return new Stmt.RangeFunction(lateral, List.copyOf(calls), true, ordinality, fa.alias(), fa.colAliases(), t.start(),
                    List.copyOf(coldefs));
        }
        boolean only = !lateral && acceptKw("only");
        Token n = peek();
        if (!Keywords.isColId(n)) throw syntaxError(n);
        List<String> names = new ArrayList<>();
        names.add(advance().value());
        while (isChar('.')) {
            advance();
            Token x = peek();
            if (!Keywords.isColLabel(x)) throw syntaxError(x);
            names.add(advance().value());
        }
        if (isChar('(')) {
            windowlessCall = true; // func_expr_windowless: OVER after a FROM function is an alias
            RawExpr f = funcCall(names, n.start());
            boolean ordinality = withOrdinality();
            FuncAliasGrammar.FuncAlias fa = new FuncAliasGrammar(this).funcAlias();
            return new Stmt.RangeFunction(lateral, List.of((RawExpr.FuncCall) f), false, ordinality, fa.alias(), fa.colAliases(),
                    t.start(), List.of(fa.coldeflist()));
        }
        if (lateral) throw syntaxError(peek());
        if (isChar('*')) advance();
        if (names.size() > 3)
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names): "
                    + String.join(".", names), Lexer.position(src, n.start()));
        if (isKw("tablesample")) throw notSupported("TABLESAMPLE", peek().start());
        AliasClause ac = aliasClause();
        String schema = names.size() >= 2 ? names.get(names.size() - 2) : null;
        String catalog = names.size() == 3 ? names.get(0) : null;
        Stmt.RangeVar rv = new Stmt.RangeVar(catalog, schema, names.get(names.size() - 1), ac.alias(), n.start(), ac.cols());
        return only ? rv.only() : rv;
    }

    /** opt_ordinality: WITH ORDINALITY after a function in FROM. */
    private boolean withOrdinality() {
        if (!(isKw("with") && peek(1).isKeyword("ordinality"))) return false;
        advance();
        advance();
        return true;
    }

    /** For {@link WindowGrammar}: gram.y's a_expr, expr_list and sortby. */
    RawExpr aExprPublic() { return aExpr(); }

    List<RawExpr> exprListPublic() { return exprList(); }

    Stmt.SortBy sortByPublic() { return sortBy(); }

    String src() { return src; }

    private Stmt.SortBy sortBy() {
        Token t = peek();
        RawExpr e = aExpr();
        boolean desc = false;
        List<String> useOp = null;
        int useOpLocation = -1;
        if (acceptKw("desc")) desc = true;
        else if (!acceptKw("asc") && acceptKw("using")) {
            useOpLocation = peek().start();
            useOp = List.of(usingOperator());
        }
        Boolean nullsFirst = null;
        if (isKw("nulls")) {
            advance();
            if (acceptKw("first")) nullsFirst = true;
            else {
                expectKw("last");
                nullsFirst = false;
            }
        }
        return new Stmt.SortBy(e, desc, nullsFirst, t.start(), useOp, useOpLocation);
    }

    /** USING qual_all_Op: any operator, bare or as OPERATOR(schema.op). */
    String usingOperator() {
        Token op = peek();
        if (OperatorSyntax.isOperatorCall(op, peek(1))) {
            advance();
            return OperatorSyntax.qualifiedOperator(this::advance);
        }
        if (op.is(Kind.OP) || op.is(Kind.CHAR) && "<>=+-*/%^".indexOf(op.value().charAt(0)) >= 0
                || op.is(Kind.LESS_EQUALS) || op.is(Kind.GREATER_EQUALS) || op.is(Kind.NOT_EQUALS))
            return advance().value();
        throw syntaxError(op);
    }

    // ---- SET / SHOW / RESET

    private String varName() {
        Token t = peek();
        if (!Keywords.isColId(t)) throw syntaxError(t);
        StringBuilder sb = new StringBuilder(advance().value());
        while (isChar('.')) {
            advance();
            Token n = peek();
            if (!Keywords.isColLabel(n)) throw syntaxError(n);
            sb.append('.').append(advance().value());
        }
        return sb.toString();
    }

    Stmt setStmt() {
        expectKw("set");
        boolean local = false;
        if (acceptKw("local")) local = true;
        else if (isKw("session") && !peek(1).isKeyword("authorization") && !peek(1).isKeyword("characteristics")) advance();
        Token t = peek();
        if (t.isKeyword("transaction") || (t.isKeyword("session") && peek(1).isKeyword("characteristics"))) {
            return setTransaction(local);
        }
        if (t.isKeyword("session") || t.isKeyword("role")) return SetRoleGrammar.setRoleOrAuthorization(this, local);
        if (t.isKeyword("constraints") && !local) return new UtilityParser(this).constraintsSet();
        if (t.isKeyword("time") && peek(1).isKeyword("zone")) {
            advance();
            advance();
            Token v = peek();
            if (acceptKw("default") || acceptKw("local"))
                return new Stmt.VariableSetStmt(Stmt.VariableSetStmt.Kind.DEFAULT, "timezone", List.of(), local);
            RawExpr val;
            if (v.is(Kind.SCONST)) val = new AConst(AConst.Kind.STRING, advance().value(), v.start());
            else if (isKw("interval")) val = cExpr();
            else if (v.is(Kind.IDENT) && !Keywords.isReserved(v.keyword()))
                val = new AConst(AConst.Kind.STRING, advance().value(), v.start());
            else val = numericOnly();
            return new Stmt.VariableSetStmt(Stmt.VariableSetStmt.Kind.VALUE, "timezone", List.of(val), local);
        }
        if (t.isKeyword("schema") && peek(1).is(Kind.SCONST)) {
            advance();
            Token v = advance();
            return new Stmt.VariableSetStmt(Stmt.VariableSetStmt.Kind.VALUE, "search_path",
                    List.of(new AConst(AConst.Kind.STRING, v.value(), v.start())), local);
        }
        if (t.isKeyword("names") && (peek(1).is(Kind.SCONST) || peek(1).isKeyword("default"))) {
            advance();
            if (acceptKw("default"))
                return new Stmt.VariableSetStmt(Stmt.VariableSetStmt.Kind.DEFAULT, "client_encoding", List.of(), local);
            Token v = advance();
            return new Stmt.VariableSetStmt(Stmt.VariableSetStmt.Kind.VALUE, "client_encoding",
                    List.of(new AConst(AConst.Kind.STRING, v.value(), v.start())), local);
        }
        String name = varName();
        if (isKw("from") && peek(1).isKeyword("current")) return skipUnsupported("SET FROM CURRENT");
        if (!acceptKw("to") && !acceptChar('=')) throw syntaxError(peek());
        if (acceptKw("default")) return new Stmt.VariableSetStmt(Stmt.VariableSetStmt.Kind.DEFAULT, name, List.of(), local);
        List<RawExpr> args = new ArrayList<>();
        do {
            args.add(varValue());
        } while (acceptChar(','));
        return new Stmt.VariableSetStmt(Stmt.VariableSetStmt.Kind.VALUE, name, args, local);
    }

    private Stmt skipUnsupported(String tag) {
        while (!peek().is(Kind.EOF) && !isChar(';')) advance();
        return new Stmt.UnsupportedStmt(tag);
    }

    private RawExpr varValue() {
        Token t = peek();
        if (t.is(Kind.SCONST)) return new AConst(AConst.Kind.STRING, advance().value(), t.start());
        if (t.isKeyword("true") || t.isKeyword("false") || t.isKeyword("on"))
            return new AConst(AConst.Kind.STRING, advance().value(), t.start());
        if (t.is(Kind.IDENT) && (t.keyword() == null || !Keywords.isReserved(t.keyword())))
            return new RawExpr.ColumnRef(List.of(advance().value()), false, t.start());
        return numericOnly();
    }

    private RawExpr numericOnly() {
        Token t = peek();
        String sign = "";
        if (t.isChar('-') || t.isChar('+')) {
            sign = t.isChar('-') ? "-" : "";
            advance();
        }
        Token n = peek();
        if (!n.is(Kind.ICONST) && !n.is(Kind.FCONST)) throw syntaxError(n);
        advance();
        return new AConst(n.is(Kind.ICONST) ? AConst.Kind.INTEGER : AConst.Kind.NUMERIC, sign + n.value(), t.start());
    }

    private String showName() {
        if (isKw("time") && peek(1).isKeyword("zone")) {
            advance();
            advance();
            return "timezone";
        }
        if (isKw("transaction") && peek(1).isKeyword("isolation")) {
            advance();
            advance();
            expectKw("level");
            return "transaction_isolation";
        }
        if (isKw("session") && peek(1).isKeyword("authorization")) {
            advance();
            advance();
            return "session_authorization";
        }
        if (isKw("all")) {
            advance();
            return "all";
        }
        return varName();
    }

    private Stmt showStmt() {
        expectKw("show");
        return new Stmt.VariableShowStmt(showName());
    }

    Stmt resetStmt() {
        expectKw("reset");
        String name = showName();
        if (name.equals("all")) return new Stmt.VariableSetStmt(Stmt.VariableSetStmt.Kind.RESET_ALL, null, List.of(), false);
        return new Stmt.VariableSetStmt(Stmt.VariableSetStmt.Kind.RESET, name, List.of(), false);
    }

    // ---- transaction control

    private Stmt transactionStmt() {
        Token t = advance();
        String kw = t.keyword();
        Stmt.TransactionStmt.Kind kind;
        switch (kw) {
            case "begin" -> {
                if (!acceptKw("work")) acceptKw("transaction");
                return new Stmt.TransactionStmt(Stmt.TransactionStmt.Kind.BEGIN, transactionModes(), null, null, false);
            }
            case "start" -> {
                expectKw("transaction");
                return new Stmt.TransactionStmt(Stmt.TransactionStmt.Kind.START, transactionModes(), null, null, false);
            }
            case "commit", "end" -> {
                if (kw.equals("commit") && acceptKw("prepared")) {
                    return new Stmt.TransactionStmt(Stmt.TransactionStmt.Kind.COMMIT_PREPARED, List.of(), null, sconst(), false);
                }
                if (!acceptKw("work")) acceptKw("transaction");
                return new Stmt.TransactionStmt(Stmt.TransactionStmt.Kind.COMMIT, List.of(), null, null, chain());
            }
            case "rollback", "abort" -> {
                if (kw.equals("rollback") && acceptKw("prepared"))
                    return new Stmt.TransactionStmt(Stmt.TransactionStmt.Kind.ROLLBACK_PREPARED, List.of(), null, sconst(), false);
                if (!acceptKw("work")) acceptKw("transaction");
                if (kw.equals("rollback") && acceptKw("to")) {
                    acceptKw("savepoint");
                    return new Stmt.TransactionStmt(Stmt.TransactionStmt.Kind.ROLLBACK_TO, List.of(), colId(), null, false);
                }
                return new Stmt.TransactionStmt(Stmt.TransactionStmt.Kind.ROLLBACK, List.of(), null, null, chain());
            }
            case "savepoint" -> kind = Stmt.TransactionStmt.Kind.SAVEPOINT;
            case "release" -> {
                acceptKw("savepoint");
                kind = Stmt.TransactionStmt.Kind.RELEASE;
            }
            case "prepare" -> {
                expectKw("transaction");
                return new Stmt.TransactionStmt(Stmt.TransactionStmt.Kind.PREPARE, List.of(), null, sconst(), false);
            }
            default -> throw syntaxError(t);
        }
        return new Stmt.TransactionStmt(kind, List.of(), colId(), null, false);
    }

    /** SET TRANSACTION transaction_mode_list / SET SESSION CHARACTERISTICS AS TRANSACTION transaction_mode_list. */
    private Stmt setTransaction(boolean local) {
        boolean session = acceptKw("session");
        if (session) {
            expectKw("characteristics");
            expectKw("as");
        }
        expectKw("transaction");
        List<String> modes = transactionModes();
        if (modes.isEmpty()) throw syntaxError(peek());
        return new Stmt.SetTransactionStmt(session, modes, local);
    }

    private boolean chain() {
        if (!acceptKw("and")) return false;
        boolean no = acceptKw("no");
        expectKw("chain");
        return !no;
    }

    String sconst() {
        Token t = peek();
        if (!t.is(Kind.SCONST)) throw syntaxError(t);
        return advance().value();
    }

    String colId() {
        Token t = peek();
        if (!Keywords.isColId(t)) throw syntaxError(t);
        return advance().value();
    }

    private List<String> transactionModes() {
        List<String> modes = new ArrayList<>();
        while (true) {
            if (isKw("isolation")) {
                advance();
                expectKw("level");
                if (acceptKw("serializable")) modes.add("isolation level serializable");
                else if (acceptKw("repeatable")) {
                    expectKw("read");
                    modes.add("isolation level repeatable read");
                } else {
                    expectKw("read");
                    if (acceptKw("committed")) modes.add("isolation level read committed");
                    else {
                        expectKw("uncommitted");
                        modes.add("isolation level read uncommitted");
                    }
                }
            } else if (isKw("read")) {
                advance();
                if (acceptKw("only")) modes.add("read only");
                else {
                    expectKw("write");
                    modes.add("read write");
                }
            } else if (isKw("deferrable")) {
                advance();
                modes.add("deferrable");
            } else if (isKw("not") && peek(1).isKeyword("deferrable")) {
                advance();
                advance();
                modes.add("not deferrable");
            } else {
                break;
            }
            if (!acceptChar(',')) {
                Token n = peek();
                if (!(n.isKeyword("isolation") || n.isKeyword("read") || n.isKeyword("deferrable") || n.isKeyword("not")))
                    break;
            }
        }
        return modes;
    }

    // ------------------------------------------------------------------ expressions

    /** a_expr. */
    public RawExpr aExpr() {
        boolean saved = inBExpr;
        inBExpr = false;
        try {
            return expr(0);
        } finally {
            inBExpr = saved;
        }
    }

    /**
     * index_elem's func_expr_windowless: a function call with what binds tighter than COLLATE, so
     * that a following COLLATE (and operator class) belongs to the index element, not the call.
     */
    RawExpr funcExprWindowless() { return expr(P_COLLATE + 1); }

    private static boolean isCmp(Token t) {
        return t.isChar('<') || t.isChar('>') || t.isChar('=') || t.is(Kind.LESS_EQUALS) || t.is(Kind.GREATER_EQUALS)
                || t.is(Kind.NOT_EQUALS);
    }

    /** Precedence of the infix/postfix operator at the head of the input, or -1 if none. */
    private int infixPrec() {
        Token t = peek();
        switch (t.kind()) {
            case OP: return P_OP;
            case LESS_EQUALS, GREATER_EQUALS, NOT_EQUALS: return P_CMP;
            case TYPECAST: return P_TYPECAST;
            case CHAR: {
                char c = t.value().charAt(0);
                return switch (c) {
                    case '<', '>', '=' -> P_CMP;
                    case '+', '-' -> P_ADD;
                    case '*', '/', '%' -> P_MUL;
                    case '^' -> P_EXP;
                    case '[' -> P_SUBSCRIPT;
                    default -> -1;
                };
            }
            case IDENT: {
                String kw = t.keyword();
                if (OperatorSyntax.isOperatorCall(t, peek(1))) return P_OP;
                if (kw == null) return -1;
                switch (kw) {
                    case "or": return P_OR;
                    case "and": return P_AND;
                    case "is", "isnull", "notnull": return P_IS;
                    case "between", "in", "like", "ilike": return P_LIKE;
                    // SIMILAR without TO belongs to SUBSTRING(x SIMILAR y ESCAPE z)
                    case "similar": return peek(1).isKeyword("to") ? P_LIKE : -1;
                    case "not": {
                        Token n = peek(1);
                        if (n.isKeyword("between") || n.isKeyword("in") || n.isKeyword("like") || n.isKeyword("ilike")
                                || n.isKeyword("similar")) return P_LIKE;
                        return -1;
                    }
                    case "at": return P_AT;
                    case "collate": return P_COLLATE;
                    default: return -1;
                }
            }
            default: return -1;
        }
    }

    /** IS [NOT] DISTINCT FROM at the head of the input: the one IS test b_expr has. */
    private boolean isDistinctFromAhead() {
        if (!peek().isKeyword("is")) return false;
        return peek(1).isKeyword("distinct") || peek(1).isKeyword("not") && peek(2).isKeyword("distinct");
    }

    private static boolean nonassoc(int prec) { return prec == P_IS || prec == P_CMP || prec == P_LIKE; }

    private RawExpr expr(int minPrec) {
        RawExpr left = prefix();
        int lastNonassoc = -1;
        while (true) {
            int prec = infixPrec();
            if (prec < 0 || prec < minPrec) break;
            if (inBExpr && prec == P_LIKE) break;
            if (inBExpr && prec == P_IS && !isDistinctFromAhead()) {
                // gram.y reads IS [NOT] as the start of IS DISTINCT FROM and fails on what follows
                if (!peek().isKeyword("is")) break;
                throw syntaxError(peek(1).isKeyword("not") ? peek(2) : peek(1));
            }
            Token op = peek();
            if (nonassoc(prec) && prec == lastNonassoc) throw syntaxError(op);
            left = infix(left, prec);
            lastNonassoc = nonassoc(prec) ? prec : -1;
        }
        return left;
    }

    private RawExpr infix(RawExpr left, int prec) {
        Token op = advance();
        int loc = op.start();
        switch (prec) {
            case P_OR, P_AND -> {
                RawExpr right = expr(prec + 1);
                RawExpr.BoolOp bop = prec == P_OR ? RawExpr.BoolOp.OR : RawExpr.BoolOp.AND;
                List<RawExpr> args = new ArrayList<>();
                if (left instanceof RawExpr.BoolExpr be && be.op() == bop) args.addAll(be.args()); else args.add(left);
                args.add(right);
                return new RawExpr.BoolExpr(bop, args, left instanceof RawExpr.BoolExpr be2 && be2.op() == bop ? be2.location() : loc);
            }
            case P_IS -> {
                if (op.isKeyword("isnull")) return new RawExpr.NullTest(left, false, loc);
                if (op.isKeyword("notnull")) return new RawExpr.NullTest(left, true, loc);
                boolean not = acceptKw("not");
                Token t = peek();
                if (acceptKw("null")) return new RawExpr.NullTest(left, not, loc);
                if (acceptKw("true"))
                    return new RawExpr.BooleanTest(left, not ? RawExpr.BoolTestType.IS_NOT_TRUE : RawExpr.BoolTestType.IS_TRUE, loc);
                if (acceptKw("false"))
                    return new RawExpr.BooleanTest(left, not ? RawExpr.BoolTestType.IS_NOT_FALSE : RawExpr.BoolTestType.IS_FALSE, loc);
                if (t.is(Kind.IDENT) && t.value().equals("unknown") && t.keyword() == null) {
                    advance();
                    return new RawExpr.BooleanTest(left, not ? RawExpr.BoolTestType.IS_NOT_UNKNOWN : RawExpr.BoolTestType.IS_UNKNOWN, loc);
                }
                if (acceptKw("distinct")) {
                    expectKw("from");
                    RawExpr right = expr(P_IS + 1);
                    return new RawExpr.DistinctExpr(left, right, not, loc);
                }
                throw syntaxError(t);
            }
            case P_CMP -> {
                RawExpr sub = quantified(op.value(), left, loc);
                if (sub != null) return sub;
                RawExpr right = expr(P_CMP + 1);
                return new RawExpr.AExpr(op.is(Kind.CHAR) ? op.value() : op.value(), left, right, loc);
            }
            case P_LIKE -> {
                boolean not = false;
                Token kwTok = op;
                if (op.isKeyword("not")) {
                    not = true;
                    kwTok = advance();
                }
                String kw = kwTok.keyword();
                switch (kw) {
                    case "between" -> {
                        boolean symmetric = false;
                        if (acceptKw("symmetric")) symmetric = true; else acceptKw("asymmetric");
                        RawExpr low = expr(P_LIKE + 1);
                        expectKw("and");
                        RawExpr high = expr(P_LIKE + 1);
                        return new RawExpr.Between(left, low, high, not, symmetric, loc);
                    }
                    case "in" -> {
                        if (!isChar('(')) throw syntaxError(peek());
                        if (parenSelectAhead()) {
                            advance();
                            Stmt.SelectStmt sub = selectStmt();
                            expectChar(')');
                            RawExpr link = new RawExpr.SubLink(RawExpr.SubLink.Kind.ANY, left, "=", sub, loc);
                            return not ? new RawExpr.BoolExpr(RawExpr.BoolOp.NOT, List.of(link), loc) : link;
                        }
                        expectChar('(');
                        List<RawExpr> list = new ArrayList<>();
                        do {
                            list.add(aExpr());
                        } while (acceptChar(','));
                        expectChar(')');
                        return new RawExpr.InList(left, list, not, loc);
                    }
                    case "like", "ilike" -> {
                        // gram.y's subquery_Op: x [NOT] [I]LIKE ANY/ALL (...) is the ~~ operator family quantified
                        RawExpr sub = quantified(kw.equals("like") ? (not ? "!~~" : "~~") : (not ? "!~~*" : "~~*"), left, loc);
                        if (sub != null) return sub;
                        RawExpr pattern = expr(P_LIKE + 1);
                        RawExpr escape = null;
                        if (acceptKw("escape")) escape = expr(P_ESCAPE + 1);
                        return new RawExpr.Like(left, pattern, escape, kw.equals("ilike"), not, loc);
                    }
                    default -> {
                        // gram.y: a ~ similar_to_escape(pattern [, escape]), located at SIMILAR
                        expectKw("to");
                        List<RawExpr> sargs = new ArrayList<>();
                        sargs.add(expr(P_LIKE + 1));
                        if (acceptKw("escape")) sargs.add(expr(P_ESCAPE + 1));
                        RawExpr pat = new RawExpr.FuncCall(List.of("pg_catalog", "similar_to_escape"), sargs, false, false,
                                kwTok.start());
                        return new RawExpr.AExpr(not ? "!~" : "~", left, pat, kwTok.start());
                    }
                }
            }
            case P_OP, P_ADD, P_MUL, P_EXP -> {
                String name = OperatorSyntax.isOperatorCall(op, peek()) ? OperatorSyntax.qualifiedOperator(this::advance) : op.value();
                RawExpr sub = quantified(name, left, loc);
                if (sub != null) return sub;
                RawExpr right = expr(prec + 1);
                return new RawExpr.AExpr(name, left, right, loc);
            }
            case P_TYPECAST -> {
                TypeName tn = typeName();
                return new RawExpr.TypeCast(left, tn, loc);
            }
            case P_AT -> { return DateTimeGrammar.atTimeZone(this, left, () -> expr(prec + 1), loc); }
            case P_COLLATE -> {
                return new RawExpr.CollateClause(left, OperatorSyntax.anyName(this::advance, this::peek), loc);
            }
            case P_SUBSCRIPT -> {
                // columnref's indirection may go on with fields after subscripts: c2[2].f2
                RawExpr sub = ArrayGrammar.subscripts(this, left, loc);
                return isChar('.') ? RowGrammar.indirection(this, sub) : sub;
            }
            default -> throw syntaxError(op);
        }
    }

    /** a_expr subquery_Op sub_type '(' SelectStmt ')': ANY/SOME/ALL over a subquery, or null if none follows. */
    private RawExpr quantified(String op, RawExpr left, int loc) {
        if (!(isKw("any") || isKw("some") || isKw("all")) || !peek(1).isChar('(')) return null;
        Token q = advance();
        if (!parenSelectAhead()) {
            // op ANY/ALL (array expression)
            expectChar('(');
            RawExpr arr = aExpr();
            expectChar(')');
            return new RawExpr.ScalarArrayOp(op, left, arr, q.isKeyword("all"), loc);
        }
        advance();
        Stmt.SelectStmt sub = selectStmt();
        expectChar(')');
        return new RawExpr.SubLink(q.isKeyword("all") ? RawExpr.SubLink.Kind.ALL : RawExpr.SubLink.Kind.ANY, left, op,
                sub, loc);
    }

    private RawExpr prefix() {
        Token t = peek();
        if (t.isKeyword("not")) {
            advance();
            RawExpr arg = expr(P_NOT);
            return new RawExpr.BoolExpr(RawExpr.BoolOp.NOT, List.of(arg), t.start());
        }
        if (t.isChar('-')) {
            advance();
            RawExpr arg = expr(P_UMINUS);
            return doNegate(arg, t.start());
        }
        if (t.isChar('+')) {
            advance();
            RawExpr arg = expr(P_UMINUS);
            return new RawExpr.AExpr("+", null, arg, t.start());
        }
        if (t.is(Kind.OP)) {
            advance();
            RawExpr arg = expr(P_OP + 1);
            return new RawExpr.AExpr(t.value(), null, arg, t.start());
        }
        if (OperatorSyntax.isOperatorCall(t, peek(1))) {
            advance();
            String name = OperatorSyntax.qualifiedOperator(this::advance);
            RawExpr arg = expr(P_OP + 1);
            return new RawExpr.AExpr(name, null, arg, t.start());
        }
        RawExpr e = cExpr();
        return e;
    }

    /** gram.y's doNegate(): fold the minus sign into a numeric constant. */
    private static RawExpr doNegate(RawExpr arg, int location) {
        if (arg instanceof AConst c) {
            if (c.kind() == AConst.Kind.INTEGER) return new AConst(AConst.Kind.INTEGER, -(Integer) c.value(), location);
            if (c.kind() == AConst.Kind.NUMERIC) {
                String s = (String) c.value();
                return new AConst(AConst.Kind.NUMERIC, s.startsWith("-") ? s.substring(1) : "-" + s, location);
            }
        }
        return new RawExpr.AExpr("-", null, arg, location);
    }

    private static final Set<String> SQL_VALUE_FUNCTIONS = Set.of("current_date", "current_time", "current_timestamp",
            "localtime", "localtimestamp", "current_role", "current_user", "user", "session_user", "current_catalog",
            "current_schema");

    /** c_expr and func_expr: the primaries. */
    RawExpr cExpr() {
        Token t = peek();
        int loc = t.start();
        switch (t.kind()) {
            case ICONST -> {
                advance();
                return new AConst(AConst.Kind.INTEGER, Integer.parseInt(t.value()), loc);
            }
            case FCONST -> {
                advance();
                return new AConst(AConst.Kind.NUMERIC, t.value(), loc);
            }
            case SCONST -> {
                advance();
                return new AConst(AConst.Kind.STRING, t.value(), loc);
            }
            case BCONST, XCONST -> {
                advance();
                return BitStringConst.of(t, loc);
            }
            case PARAM -> {
                advance();
                // c_expr: PARAM opt_indirection ($1.f1, $1.*, $1[2])
                return RowGrammar.indirection(this, new RawExpr.ParamRef(Integer.parseInt(t.value()), loc));
            }
            case CHAR -> {
                if (t.isChar('(')) {
                    if (parenSelectAhead()) {
                        advance();
                        Stmt.SelectStmt sub = selectStmt();
                        expectChar(')');
                        return RowGrammar.indirection(this, new RawExpr.SubLink(RawExpr.SubLink.Kind.EXPR, null, null, sub, loc));
                    }
                    advance();
                    RawExpr e = aExpr();
                    if (isChar(',')) return RowGrammar.indirection(this, RowGrammar.implicitRow(this, e, loc));
                    expectChar(')');
                    return RowGrammar.indirection(this, e);
                }
                throw syntaxError(t);
            }
            case IDENT -> {
                return identExpr(t);
            }
            default -> throw syntaxError(t);
        }
    }

    private RawExpr identExpr(Token t) {
        int loc = t.start();
        String kw = t.keyword();
        if (kw != null) {
            switch (kw) {
                case "true", "false" -> {
                    advance();
                    return new AConst(AConst.Kind.BOOLEAN, kw.equals("true"), loc);
                }
                case "null" -> {
                    advance();
                    return new AConst(AConst.Kind.NULL, null, loc);
                }
                case "case" -> { return caseExpr(); }
                case "cast" -> {
                    advance();
                    expectChar('(');
                    RawExpr arg = aExpr();
                    expectKw("as");
                    TypeName tn = typeName();
                    expectChar(')');
                    return new RawExpr.TypeCast(arg, tn, loc);
                }
                case "coalesce", "greatest", "least" -> {
                    advance();
                    expectChar('(');
                    List<RawExpr> args = exprList();
                    expectChar(')');
                    if (kw.equals("coalesce")) return new RawExpr.Coalesce(args, loc);
                    return new RawExpr.MinMax(kw.equals("greatest"), args, loc);
                }
                case "nullif" -> {
                    advance();
                    expectChar('(');
                    RawExpr a = aExpr();
                    expectChar(',');
                    RawExpr b = aExpr();
                    expectChar(')');
                    return new RawExpr.NullIf(a, b, loc);
                }
                case "exists" -> {
                    if (peek(1).isChar('(')) {
                        advance();
                        expectChar('(');
                        Stmt.SelectStmt sub = selectStmt();
                        expectChar(')');
                        return new RawExpr.SubLink(RawExpr.SubLink.Kind.EXISTS, null, null, sub, loc);
                    }
                }
                case "array" -> {
                    advance();
                    if (isChar('(')) {
                        expectChar('(');
                        Stmt.SelectStmt sub = selectStmt();
                        expectChar(')');
                        return new RawExpr.SubLink(RawExpr.SubLink.Kind.ARRAY, null, null, sub, loc);
                    }
                    expectChar('[');
                    return ArrayGrammar.arrayList(this, loc);
                }
                case "row" -> {
                    if (peek(1).isChar('(')) {
                        advance();
                        return RowGrammar.explicitRow(this, loc);
                    }
                }
                case "trim" -> {
                    if (peek(1).isChar('(')) return trimExpr();
                }
                case "grouping" -> {
                    if (peek(1).isChar('(')) {
                        advance();
                        expectChar('(');
                        List<RawExpr> args = exprList();
                        expectChar(')');
                        return new RawExpr.GroupingFunc(args, loc);
                    }
                }
                case "extract" -> {
                    if (peek(1).isChar('(')) return DateTimeGrammar.extract(this);
                }
                case "overlay" -> {
                    if (peek(1).isChar('(')) return overlayExpr();
                }
                case "position" -> {
                    if (peek(1).isChar('(')) return positionExpr();
                }
                case "treat", "normalize" -> {
                    if (peek(1).isChar('(')) throw notSupported(kw.toUpperCase(Locale.ROOT) + "()", loc);
                }
                case "substring" -> {
                    if (peek(1).isChar('(')) return substringExpr();
                }
                case "interval" -> {
                    if (peek(1).is(Kind.SCONST)) {
                        advance();
                        Token s = advance();
                        return new RawExpr.TypeCast(new AConst(AConst.Kind.STRING, s.value(), s.start()),
                                new TypeName(List.of("interval"), DateTimeGrammar.intervalTypmods(this, List.of()), false, loc), loc);
                    }
                }
                default -> { }
            }
            if (SQL_VALUE_FUNCTIONS.contains(kw) && !(kw.equals("current_schema") && peek(1).isChar('('))) {
                advance();
                if (isChar('(') && (kw.equals("current_timestamp") || kw.equals("current_time") || kw.equals("localtime")
                        || kw.equals("localtimestamp"))) {
                    // CURRENT_TIMESTAMP '(' Iconst ')' and the like
                    advance();
                    Token p = peek();
                    if (!p.is(Kind.ICONST)) throw syntaxError(p);
                    advance();
                    expectChar(')');
                    return new RawExpr.SqlValueFunction(kw, loc, Integer.parseInt(p.value()));
                }
                return new RawExpr.SqlValueFunction(kw, loc);
            }
            // ConstTypename Sconst: numeric/character/datetime type keywords followed by a literal
            if (Keywords.COL_NAME.contains(kw) && isTypeKeyword(kw)) {
                TypeName tn = tryTypeLiteral();
                if (tn != null) {
                    Token s = advance();
                    return new RawExpr.TypeCast(new AConst(AConst.Kind.STRING, s.value(), s.start()), tn, loc);
                }
            }
        }
        // func_name Sconst (generic type literal), function call, or column reference
        if (t.is(Kind.IDENT) && peek(1).is(Kind.SCONST) && Keywords.isFuncName(t)) {
            advance();
            Token s = advance();
            return new RawExpr.TypeCast(new AConst(AConst.Kind.STRING, s.value(), s.start()),
                    new TypeName(List.of(t.value()), List.of(), false, loc), loc);
        }
        if (peek(1).isChar('(') && Keywords.isFuncName(t)) return funcCall(List.of(advance().value()), loc);
        if (!Keywords.isColId(t)) {
            if (Keywords.isFuncName(t) || Keywords.TYPE_FUNC_NAME.contains(kw)) {
                if (peek(1).isChar('(')) return funcCall(List.of(advance().value()), loc);
            }
            throw syntaxError(t);
        }
        List<String> fields = new ArrayList<>();
        fields.add(advance().value());
        while (isChar('.')) {
            advance();
            Token n = peek();
            if (n.isChar('*')) {
                advance();
                return new RawExpr.ColumnRef(fields, true, loc);
            }
            if (!Keywords.isColLabel(n)) throw syntaxError(n);
            fields.add(advance().value());
            if (isChar('(')) return funcCall(fields, loc);
        }
        return new RawExpr.ColumnRef(fields, false, loc);
    }

    private static boolean isTypeKeyword(String kw) {
        return Set.of("bigint", "boolean", "char", "character", "dec", "decimal", "float", "int", "integer",
                "interval", "numeric", "real", "smallint", "time", "timestamp", "varchar", "double", "national", "nchar",
                "bit").contains(kw);
    }

    /** After a type keyword: if a type name followed by a string literal follows, consume the type name. */
    private TypeName tryTypeLiteral() {
        // Parse tentatively by looking ahead: find the extent of the type name.
        int i = 0;
        int depth = 0;
        while (true) {
            Token x = peek(i);
            if (x.is(Kind.EOF)) return null;
            if (x.isChar('(')) depth++;
            else if (x.isChar(')')) depth--;
            else if (depth == 0 && x.is(Kind.SCONST)) break;
            else if (depth == 0 && !(x.is(Kind.IDENT) && x.keyword() != null)) return null;
            i++;
            if (i > 12) return null;
        }
        TypeName tn = typeName();
        if (!peek().is(Kind.SCONST)) throw syntaxError(peek());
        return tn;
    }

    /** TRIM([LEADING|TRAILING|BOTH] [chars] FROM str) and TRIM(str [, chars]) become btrim/ltrim/rtrim. */
    private RawExpr trimExpr() {
        Token t = advance();
        expectChar('(');
        String fn = "btrim";
        if (acceptKw("leading")) fn = "ltrim";
        else if (acceptKw("trailing")) fn = "rtrim";
        else acceptKw("both");
        List<RawExpr> args = new ArrayList<>();
        if (acceptKw("from")) {
            args.addAll(exprList());
        } else {
            RawExpr first = aExpr();
            if (acceptKw("from")) {
                args.addAll(exprList());
                args.add(first);
            } else {
                args.add(first);
                if (acceptChar(',')) args.addAll(exprList());
            }
        }
        expectChar(')');
        return new RawExpr.FuncCall(List.of(fn), args, false, false, t.start());
    }

    private RawExpr substringExpr() {
        Token t = advance();
        expectChar('(');
        RawExpr str = aExpr();
        List<RawExpr> args = new ArrayList<>();
        args.add(str);
        if (acceptChar(',')) {
            args.addAll(exprList());
        } else if (acceptKw("from")) {
            args.add(aExpr());
            if (acceptKw("for")) args.add(aExpr());
        } else if (acceptKw("for")) {
            RawExpr len = aExpr();
            args.add(new AConst(AConst.Kind.INTEGER, 1, -1));
            args.add(len);
        } else if (acceptKw("similar")) {
            // substring(string, pattern, escape): the SQL-standard regular expression substring
            args.add(aExpr());
            expectKw("escape");
            args.add(aExpr());
        }
        expectChar(')');
        return new RawExpr.FuncCall(List.of("substring"), args, false, false, t.start());
    }

    /**
     * OVERLAY '(' a_expr PLACING a_expr FROM a_expr [FOR a_expr] ')' or OVERLAY '(' func_arg_list_opt ')'
     * (gram.y): a call of pg_catalog.overlay.
     */
    private RawExpr overlayExpr() {
        Token t = advance();
        expectChar('(');
        List<RawExpr> args = new ArrayList<>();
        if (!isChar(')')) {
            args.add(aExpr());
            if (acceptKw("placing")) {
                args.add(aExpr());
                expectKw("from");
                args.add(aExpr());
                if (acceptKw("for")) args.add(aExpr());
            } else {
                while (acceptChar(',')) args.add(aExpr());
            }
        }
        expectChar(')');
        return new RawExpr.FuncCall(List.of("pg_catalog", "overlay"), args, false, false, t.start());
    }

    /** POSITION '(' b_expr IN b_expr ')' (gram.y position_list): position(b, a), the string first. */
    private RawExpr positionExpr() {
        Token t = advance();
        expectChar('(');
        List<RawExpr> args = new ArrayList<>();
        if (!isChar(')')) {
            // b_expr: no IN, LIKE or BETWEEN at its top, so the IN of the syntax ends it
            RawExpr sub = expr(P_OP);
            expectKw("in");
            args.add(aExpr());
            args.add(sub);
        }
        expectChar(')');
        return new RawExpr.FuncCall(List.of("pg_catalog", "position"), args, false, false, t.start());
    }

    private List<RawExpr> exprList() {
        List<RawExpr> l = new ArrayList<>();
        do {
            l.add(aExpr());
        } while (acceptChar(','));
        return l;
    }

    /** Set just before parsing a function in FROM (gram.y's func_expr_windowless), which takes no OVER. */
    private boolean windowlessCall;

    private RawExpr funcCall(List<String> name, int loc) {
        boolean windowless = windowlessCall;
        windowlessCall = false;
        RawExpr f = funcCallBody(name, loc);
        if (!windowless && f instanceof RawExpr.FuncCall fc && acceptKw("over"))
            f = new RawExpr.FuncCall(fc.name(), fc.args(), fc.star(), fc.distinct(), fc.filter(), fc.aggOrder(),
                    fc.location(), new WindowGrammar(this).overClause(), fc.withinGroup());
        return f;
    }

    private RawExpr funcCallBody(List<String> name, int loc) {
        expectChar('(');
        if (isChar('*')) {
            advance();
            expectChar(')');
            return afterFuncCall(new RawExpr.FuncCall(name, List.of(), true, false, loc));
        }
        if (acceptChar(')')) return afterFuncCall(new RawExpr.FuncCall(name, List.of(), false, false, loc));
        boolean distinct = false;
        if (acceptKw("distinct")) distinct = true; else acceptKw("all");
        List<RawExpr> args = new ArrayList<>();
        boolean variadic = false;
        do {
            // func_application: VARIADIC marks the last argument, which must then end the list
            if (isKw("variadic")) {
                int vloc = advance().start();
                args.add(new RawExpr.VariadicArg(funcArgExpr(), vloc));
                variadic = true;
                break;
            }
            args.add(funcArgExpr());
        } while (acceptChar(','));
        if (variadic && (isKw("order") || distinct)) throw syntaxError(peek());
        List<Stmt.SortBy> order = List.of();
        if (isKw("order")) {
            advance();
            expectKw("by");
            order = new ArrayList<>();
            do {
                order.add(sortBy());
            } while (acceptChar(','));
        }
        expectChar(')');
        return afterFuncCall(new RawExpr.FuncCall(name, args, false, distinct, null, List.copyOf(order), loc));
    }

    /**
     * func_expr's within_group_clause, WITHIN GROUP (ORDER BY sortby_list): the sort list becomes
     * the call's agg_order, with the checks gram.y makes there.
     */
    private RawExpr.FuncCall withinGroup(RawExpr.FuncCall fc) {
        int loc = advance().start();
        advance();
        expectChar('(');
        expectKw("order");
        expectKw("by");
        List<Stmt.SortBy> order = new ArrayList<>();
        do {
            order.add(sortBy());
        } while (acceptChar(','));
        expectChar(')');
        if (!fc.aggOrder().isEmpty())
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "cannot use multiple ORDER BY clauses with WITHIN GROUP", Lexer.position(src, loc));
        if (fc.distinct())
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "cannot use DISTINCT with WITHIN GROUP", Lexer.position(src, loc));
        if (!fc.args().isEmpty() && fc.args().get(fc.args().size() - 1) instanceof RawExpr.VariadicArg)
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "cannot use VARIADIC with WITHIN GROUP", Lexer.position(src, loc));
        return new RawExpr.FuncCall(fc.name(), fc.args(), fc.star(), false, null, List.copyOf(order), fc.location(), null, true);
    }

    /** func_arg_expr: a_expr, or param_name => a_expr / param_name := a_expr. */
    private RawExpr funcArgExpr() {
        if (peek().is(Kind.IDENT) && (peek(1).is(Kind.EQUALS_GREATER) || peek(1).is(Kind.COLON_EQUALS))) {
            Token n = advance();
            advance();
            return new RawExpr.NamedArg(aExpr(), n.value(), n.start());
        }
        return aExpr();
    }

    private RawExpr afterFuncCall(RawExpr f) {
        if (isKw("within") && peek(1).isKeyword("group") && f instanceof RawExpr.FuncCall fc) f = withinGroup(fc);
        if (isKw("filter") && f instanceof RawExpr.FuncCall fc) {
            advance();
            expectChar('(');
            expectKw("where");
            RawExpr filter = aExpr();
            expectChar(')');
            f = new RawExpr.FuncCall(fc.name(), fc.args(), fc.star(), fc.distinct(), filter, fc.aggOrder(), fc.location(),
                    null, fc.withinGroup());
        }
        return f;
    }

    private RawExpr caseExpr() {
        Token t = expectKw("case");
        RawExpr arg = null;
        if (!isKw("when")) arg = aExpr();
        List<RawExpr.CaseWhen> whens = new ArrayList<>();
        do {
            Token w = expectKw("when");
            RawExpr cond = aExpr();
            expectKw("then");
            RawExpr res = aExpr();
            whens.add(new RawExpr.CaseWhen(cond, res, w.start()));
        } while (isKw("when"));
        RawExpr def = null;
        if (acceptKw("else")) def = aExpr();
        expectKw("end");
        return new RawExpr.CaseExpr(arg, whens, def, t.start());
    }

    // ------------------------------------------------------------------ type names

    private List<Integer> typmods() {
        List<Integer> mods = new ArrayList<>();
        if (!acceptChar('(')) return mods;
        do {
            // gram.y takes an expression list; a typmod is an integer constant, possibly negated (numeric(3,-6))
            boolean negative = "-".equals(peek().value()) && peek(1).is(Kind.ICONST);
            if (negative) advance();
            Token n = peek();
            if (!n.is(Kind.ICONST)) throw syntaxError(n);
            int v = Integer.parseInt(advance().value());
            mods.add(negative ? -v : v);
        } while (acceptChar(','));
        expectChar(')');
        return mods;
    }

    /** Typename, with gram.y's mapping of SQL spellings to pg_catalog type names. */
    public TypeName typeName() {
        Token t = peek();
        int loc = t.start();
        if (acceptKw("setof")) throw notSupported("SETOF", loc);
        String kw = t.keyword();
        TypeName tn;
        if (kw != null && (kw.equals("double") || Keywords.COL_NAME.contains(kw)) && isTypeKeyword(kw)
                || "double".equals(t.value()) && t.keyword() == null && peek(1).isKeyword("precision")) {
            advance();
            String name = kw == null ? "double" : kw;
            switch (name) {
                case "int", "integer" -> tn = tn("int4", List.of(), loc);
                case "smallint" -> tn = tn("int2", List.of(), loc);
                case "bigint" -> tn = tn("int8", List.of(), loc);
                case "real" -> tn = tn("float4", List.of(), loc);
                case "boolean" -> tn = tn("bool", List.of(), loc);
                case "double" -> {
                    expectKw("precision");
                    tn = tn("float8", List.of(), loc);
                }
                case "float" -> {
                    List<Integer> m = typmods();
                    if (m.size() == 1) {
                        int p = m.get(0);
                        if (p < 1) throw PgException.errorAt(SqlState.INVALID_PARAMETER_VALUE,
                                "precision for type float must be at least 1 bit", Lexer.position(src, loc));
                        if (p > 53) throw PgException.errorAt(SqlState.INVALID_PARAMETER_VALUE,
                                "precision for type float must be less than 54 bits", Lexer.position(src, loc));
                        tn = tn(p <= 24 ? "float4" : "float8", List.of(), loc);
                    } else {
                        tn = tn("float8", List.of(), loc);
                    }
                }
                case "dec", "decimal", "numeric" -> tn = tn("numeric", typmods(), loc);
                case "char", "character", "nchar", "national" -> {
                    if (name.equals("national")) expectKw("character");
                    if (acceptKw("varying")) tn = tn("varchar", typmods(), loc);
                    else {
                        List<Integer> m = typmods();
                        tn = tn("bpchar", m.isEmpty() ? List.of(1) : m, loc);
                    }
                }
                case "varchar" -> tn = tn("varchar", typmods(), loc);
                case "bit" -> {
                    // BitWithoutLength: bit defaults to bit(1), varbit to no limit
                    boolean varying = acceptKw("varying");
                    List<Integer> m = typmods();
                    tn = tn(varying ? "varbit" : "bit", m.isEmpty() && !varying ? List.of(1) : m, loc);
                }
                case "timestamp", "time" -> {
                    List<Integer> m = typmods();
                    boolean tz = false;
                    if (isKw("with")) {
                        advance();
                        expectKw("time");
                        expectKw("zone");
                        tz = true;
                    } else if (isKw("without")) {
                        advance();
                        expectKw("time");
                        expectKw("zone");
                    }
                    tn = tn(name + (tz ? "tz" : ""), m, loc);
                }
                case "interval" -> tn = tn("interval", DateTimeGrammar.intervalTypmods(this, typmods()), loc);
                default -> throw syntaxError(t);
            }
        } else {
            if (!t.is(Kind.IDENT) || !Keywords.isFuncName(t) && !Keywords.isColId(t)) throw syntaxError(t);
            List<String> names = new ArrayList<>();
            names.add(advance().value());
            while (isChar('.')) {
                advance();
                Token n = peek();
                if (!Keywords.isColLabel(n)) throw syntaxError(n);
                names.add(advance().value());
            }
            tn = new TypeName(names, typmods(), false, loc);
        }
        if (isChar('[') || isKw("array")) return ArrayGrammar.arrayBounds(this, tn);
        return tn;
    }

    private static TypeName tn(String name, List<Integer> mods, int loc) {
        return new TypeName(List.of("pg_catalog", name), mods, false, loc);
    }
}
